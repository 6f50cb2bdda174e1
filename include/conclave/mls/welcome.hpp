#pragma once

// RFC 9420 sections 12.4.3 and 12.4.3.1: GroupInfo and Welcome.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/psk.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

struct GroupInfo {
  static constexpr WireFormat tag = WireFormat::group_info;
  GroupContext group_context;
  ExtensionList extensions;
  Bytes confirmation_tag;
  std::uint32_t signer = 0;
  Bytes signature;
  CONCLAVE_FIELDS(group_context, extensions, confirmation_tag, signer, signature)
  friend bool operator==(const GroupInfo&, const GroupInfo&) = default;
};

// Section 12.4.3: GroupInfoTBS, every field but the signature.
Bytes group_info_tbs(const GroupInfo& group_info);

struct PathSecret {
  crypto::Secret path_secret;
  CONCLAVE_FIELDS(path_secret)
};

struct GroupSecrets {
  crypto::Secret joiner_secret;
  std::optional<PathSecret> path_secret;
  std::vector<PreSharedKeyId> psks;
  CONCLAVE_FIELDS(joiner_secret, path_secret, psks)
};

struct EncryptedGroupSecrets {
  Bytes new_member;  // KeyPackageRef
  HpkeCiphertext encrypted_group_secrets;
  CONCLAVE_FIELDS(new_member, encrypted_group_secrets)
  friend bool operator==(const EncryptedGroupSecrets&, const EncryptedGroupSecrets&) = default;
};

struct Welcome {
  static constexpr WireFormat tag = WireFormat::welcome;
  CipherSuiteId cipher_suite{};
  std::vector<EncryptedGroupSecrets> secrets;
  Bytes encrypted_group_info;
  CONCLAVE_FIELDS(cipher_suite, secrets, encrypted_group_info)
  friend bool operator==(const Welcome&, const Welcome&) = default;
};

}  // namespace conclave::mls
