#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

// RFC 9420 section 8.1: the group's state that every epoch's secrets bind.
struct GroupContext {
  ProtocolVersion version = ProtocolVersion::mls10;
  CipherSuiteId cipher_suite{};
  Bytes group_id;
  std::uint64_t epoch = 0;
  Bytes tree_hash;
  Bytes confirmed_transcript_hash;
  ExtensionList extensions;
  CONCLAVE_FIELDS(version, cipher_suite, group_id, epoch, tree_hash, confirmed_transcript_hash,
                  extensions)
  friend bool operator==(const GroupContext&, const GroupContext&) = default;
};

}  // namespace conclave::mls
