#pragma once

/// @file
/// RFC 9420 section 8.1: the GroupContext.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// RFC 9420 section 8.1: the group's state that every epoch's secrets bind.
struct GroupContext {
  ProtocolVersion version = ProtocolVersion::mls10;  ///< The protocol version, mls10.
  CipherSuiteId cipher_suite{};                      ///< The group's cipher suite.
  Bytes group_id;                                    ///< The application-chosen group ID.
  std::uint64_t epoch = 0;                           ///< The epoch number, 0 for a new group.
  Bytes tree_hash;                                   ///< Section 7.8: the ratchet tree's root hash.
  Bytes confirmed_transcript_hash;                   ///< Section 8.2: through the last Commit.
  ExtensionList extensions;                          ///< The group's extensions (section 13).
  CONCLAVE_FIELDS(version, cipher_suite, group_id, epoch, tree_hash, confirmed_transcript_hash,
                  extensions)
  /// Memberwise equality.
  friend bool operator==(const GroupContext&, const GroupContext&) = default;
};

}  // namespace conclave::mls
