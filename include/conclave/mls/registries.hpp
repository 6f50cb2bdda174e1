#pragma once

/// @file
/// Code points of RFC 9420: the enumerations of section 6 and the registries
/// of section 17 (cipher suites are in cipher_suite.hpp, extension types in
/// extension.hpp). Fields of these types decode every value, so unknown and
/// GREASE code points round-trip.

#include <cstdint>

#include "conclave/mls/codepoints.hpp"

namespace conclave::mls {

/// Section 6: ProtocolVersion, the version of MLS a group, message or
/// KeyPackage uses; `mls10` (1) is the protocol of RFC 9420.
enum class ProtocolVersion : std::uint16_t { mls10 = 0x0001 };

/// Section 6: ContentType, what a FramedContent carries: `application`
/// data, a `proposal` or a `commit`.
enum class ContentType : std::uint8_t { application = 1, proposal = 2, commit = 3 };

/// Section 6: SenderType, who sent a message.
enum class SenderType : std::uint8_t {
  member = 1,               ///< A member of the group, named by its leaf index.
  external = 2,             ///< A sender listed in the external_senders extension (section 12.1.8).
  new_member_proposal = 3,  ///< A non-member proposing its own Add (section 12.1.8).
  new_member_commit = 4,    ///< A non-member joining by external Commit (section 12.4.3.2).
};

/// Section 17.2: the "MLS Wire Formats" registry, the kind of an MLSMessage.
enum class WireFormat : std::uint16_t {
  public_message = 0x0001,   ///< A PublicMessage: signed, not encrypted (section 6.2).
  private_message = 0x0002,  ///< A PrivateMessage: signed and encrypted (section 6.3).
  welcome = 0x0003,          ///< A Welcome for new members (section 12.4.3.1).
  group_info = 0x0004,       ///< A GroupInfo (section 12.4.3).
  key_package = 0x0005,      ///< A KeyPackage (section 10).
};

/// Section 17.4: the "MLS Proposal Types" registry.
enum class ProposalType : std::uint16_t {
  add = 0x0001,                       ///< Adds a member (section 12.1.1).
  update = 0x0002,                    ///< Replaces the sender's own leaf (section 12.1.2).
  remove = 0x0003,                    ///< Removes a member (section 12.1.3).
  psk = 0x0004,                       ///< Injects a pre-shared key (section 12.1.4).
  reinit = 0x0005,                    ///< Reinitializes the group (section 12.1.5).
  external_init = 0x0006,             ///< Joins by external Commit (section 12.1.6).
  group_context_extensions = 0x0007,  ///< Replaces the group's extensions (section 12.1.7).
  /// draft-ietf-mls-extensions "AppDataUpdate": updates one component's data
  /// in the app_data_dictionary GroupContext extension (suggested 0x0008).
  app_data_update = CONCLAVE_PROPOSAL_APP_DATA_UPDATE,
  /// draft-ietf-mls-extensions "AppEphemeral": data for one component, bound
  /// to a Commit (suggested 0x0009).
  app_ephemeral = CONCLAVE_PROPOSAL_APP_EPHEMERAL,
  /// draft-ietf-mls-extensions "SelfRemove": the sender leaves (suggested
  /// 0x000a; mls-rs uses 0xF003).
  self_remove = CONCLAVE_PROPOSAL_SELF_REMOVE,
};

/// Section 17.5: the "MLS Credential Types" registry: `basic` (an identity
/// as bytes) and `x509` (a certificate chain), section 5.3.
enum class CredentialType : std::uint16_t { basic = 0x0001, x509 = 0x0002 };

}  // namespace conclave::mls
