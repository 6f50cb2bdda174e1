#pragma once

/// @file
/// RFC 9420 sections 12.4.3 and 12.4.3.1: GroupInfo and Welcome.

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

/// RFC 9420 section 12.4.3: GroupInfo, what a joiner needs to know of an
/// epoch, signed by a member.
struct GroupInfo {
  static constexpr WireFormat tag = WireFormat::group_info;  ///< Selects this case in MessageBody.
  GroupContext group_context;  ///< The epoch's GroupContext.
  ExtensionList extensions;    ///< GroupInfo extensions (ratchet_tree, external_pub, ...).
  Bytes confirmation_tag;      ///< The confirmation tag of the Commit that started the epoch.
  std::uint32_t signer = 0;    ///< The leaf index of the signing member.
  Bytes signature;             ///< The signer's signature over GroupInfoTBS.
  CONCLAVE_FIELDS(group_context, extensions, confirmation_tag, signer, signature)
  /// Memberwise equality.
  friend bool operator==(const GroupInfo&, const GroupInfo&) = default;
};

/// RFC 9420 section 12.4.3: GroupInfoTBS, every field but the signature,
/// encoded.
Bytes group_info_tbs(const GroupInfo& group_info);

/// RFC 9420 section 12.4.3.1: PathSecret, a joiner's path secret.
struct PathSecret {
  crypto::Secret path_secret;  ///< Of the lowest node above the joiner on the committer's path.
  CONCLAVE_FIELDS(path_secret)
};

/// RFC 9420 section 12.4.3.1: GroupSecrets, what a Welcome encrypts to each
/// new member.
struct GroupSecrets {
  crypto::Secret joiner_secret;           ///< The new epoch's joiner_secret.
  std::optional<PathSecret> path_secret;  ///< Set when the Commit had an UpdatePath.
  std::vector<PreSharedKeyId> psks;       ///< The PSKs the new epoch injects, in order.
  CONCLAVE_FIELDS(joiner_secret, path_secret, psks)
};

/// RFC 9420 section 12.4.3.1: EncryptedGroupSecrets, one new member's
/// GroupSecrets.
struct EncryptedGroupSecrets {
  Bytes new_member;  ///< KeyPackageRef
  HpkeCiphertext encrypted_group_secrets;  ///< GroupSecrets, encrypted to its init key.
  CONCLAVE_FIELDS(new_member, encrypted_group_secrets)
  /// Memberwise equality.
  friend bool operator==(const EncryptedGroupSecrets&, const EncryptedGroupSecrets&) = default;
};

/// RFC 9420 section 12.4.3.1: Welcome, which lets the members a Commit adds
/// join its new epoch.
struct Welcome {
  static constexpr WireFormat tag = WireFormat::welcome;  ///< Selects this case in MessageBody.
  CipherSuiteId cipher_suite{};                ///< The group's cipher suite.
  std::vector<EncryptedGroupSecrets> secrets;  ///< One entry per new member.
  Bytes encrypted_group_info;  ///< The GroupInfo, encrypted under the welcome key and nonce.
  CONCLAVE_FIELDS(cipher_suite, secrets, encrypted_group_info)
  /// Memberwise equality.
  friend bool operator==(const Welcome&, const Welcome&) = default;
};

}  // namespace conclave::mls
