#pragma once

/// @file
/// RFC 9420 section 12.1: proposals, and section 12.4: proposals by value or
/// by reference.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/psk.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// Section 12.1.1: Add, a proposal to add the client of a KeyPackage.
struct Add {
  static constexpr ProposalType tag = ProposalType::add;  ///< Selects this case in Proposal.
  KeyPackage key_package;  ///< The new member's KeyPackage.
  CONCLAVE_FIELDS(key_package)
  /// Memberwise equality.
  friend bool operator==(const Add&, const Add&) = default;
};

/// Section 12.1.2: Update, a member's proposal to replace its own leaf.
struct Update {
  static constexpr ProposalType tag = ProposalType::update;  ///< Selects this case in Proposal.
  LeafNode leaf_node;  ///< The sender's new leaf, with source `update`.
  CONCLAVE_FIELDS(leaf_node)
  /// Memberwise equality.
  friend bool operator==(const Update&, const Update&) = default;
};

/// Section 12.1.3: Remove, a proposal to remove a member.
struct Remove {
  static constexpr ProposalType tag = ProposalType::remove;  ///< Selects this case in Proposal.
  std::uint32_t removed = 0;  ///< The leaf index of the member to remove.
  CONCLAVE_FIELDS(removed)
  /// Memberwise equality.
  friend bool operator==(const Remove&, const Remove&) = default;
};

/// Section 12.1.4: PreSharedKey, a proposal to inject a PSK into the next
/// epoch's key schedule (section 8.4).
struct PreSharedKey {
  static constexpr ProposalType tag = ProposalType::psk;  ///< Selects this case in Proposal.
  PreSharedKeyId psk;  ///< Which PSK, with a fresh nonce.
  CONCLAVE_FIELDS(psk)
  /// Memberwise equality.
  friend bool operator==(const PreSharedKey&, const PreSharedKey&) = default;
};

/// Section 12.1.5: ReInit, a proposal to close the group and continue in a
/// new one with new parameters (section 11.2).
struct ReInit {
  static constexpr ProposalType tag = ProposalType::reinit;  ///< Selects this case in Proposal.
  Bytes group_id;                                    ///< The new group's ID.
  ProtocolVersion version = ProtocolVersion::mls10;  ///< The new group's protocol version.
  CipherSuiteId cipher_suite{};                      ///< The new group's cipher suite.
  ExtensionList extensions;                          ///< The new group's GroupContext extensions.
  CONCLAVE_FIELDS(group_id, version, cipher_suite, extensions)
  /// Memberwise equality.
  friend bool operator==(const ReInit&, const ReInit&) = default;
};

/// Section 12.1.6: ExternalInit, in an external Commit: the KEM output from
/// which the joiner and the group derive the new epoch's init secret
/// (section 8.3).
struct ExternalInit {
  static constexpr ProposalType tag = ProposalType::external_init;  ///< Selects this case in Proposal.
  Bytes kem_output;  ///< The KEM output under the group's external_pub.
  CONCLAVE_FIELDS(kem_output)
  /// Memberwise equality.
  friend bool operator==(const ExternalInit&, const ExternalInit&) = default;
};

/// Section 12.1.7: GroupContextExtensions, a proposal to replace the
/// group's extensions.
struct GroupContextExtensions {
  static constexpr ProposalType tag = ProposalType::group_context_extensions;  ///< Selects this case.
  ExtensionList extensions;  ///< The new list, replacing the old one whole.
  CONCLAVE_FIELDS(extensions)
  /// Memberwise equality.
  friend bool operator==(const GroupContextExtensions&, const GroupContextExtensions&) = default;
};

/// draft-ietf-mls-extensions "AppDataUpdate": AppDataUpdateOperation.
enum class AppDataUpdateOperation : std::uint8_t { invalid = 0, update = 1, remove = 2 };

/// The `update` case of an AppDataUpdate: data for the component's logic,
/// which returns the component's new data.
struct ComponentUpdate {
  static constexpr AppDataUpdateOperation tag = AppDataUpdateOperation::update;  ///< Selects this case.
  Bytes update;  ///< The update, opaque to MLS.
  CONCLAVE_FIELDS(update)
  /// Memberwise equality.
  friend bool operator==(const ComponentUpdate&, const ComponentUpdate&) = default;
};

/// The `remove` case of an AppDataUpdate: the component's data is removed.
struct ComponentRemoval {
  static constexpr AppDataUpdateOperation tag = AppDataUpdateOperation::remove;  ///< Selects this case.
  CONCLAVE_FIELDS()
  /// Memberwise equality.
  friend bool operator==(const ComponentRemoval&, const ComponentRemoval&) = default;
};

/// draft-ietf-mls-extensions "Updating Application Data in the
/// GroupContext": AppDataUpdate, a change to one component's entry of the
/// app_data_dictionary GroupContext extension.
struct AppDataUpdate {
  static constexpr ProposalType tag = ProposalType::app_data_update;  ///< Selects this case in Proposal.
  ComponentId component_id{};  ///< The component whose data changes.
  codec::Select<AppDataUpdateOperation, ComponentUpdate, ComponentRemoval> op;  ///< Update or remove.
  CONCLAVE_FIELDS(component_id, op)
  /// Memberwise equality.
  friend bool operator==(const AppDataUpdate&, const AppDataUpdate&) = default;
};

/// draft-ietf-mls-extensions "Attaching Application Data to a Commit":
/// AppEphemeral, data for one component bound to the Commit.
struct AppEphemeral {
  static constexpr ProposalType tag = ProposalType::app_ephemeral;  ///< Selects this case in Proposal.
  ComponentId component_id{};  ///< The component the data is for.
  Bytes data;                  ///< The data, opaque to MLS.
  CONCLAVE_FIELDS(component_id, data)
  /// Memberwise equality.
  friend bool operator==(const AppEphemeral&, const AppEphemeral&) = default;
};

/// draft-ietf-mls-extensions "SelfRemove Proposal": the sender asks to be
/// removed. Its content is empty; the leaf removed is the sender's.
struct SelfRemove {
  static constexpr ProposalType tag = ProposalType::self_remove;  ///< Selects this case in Proposal.
  CONCLAVE_FIELDS()
  /// Memberwise equality.
  friend bool operator==(const SelfRemove&, const SelfRemove&) = default;
};

/// A proposal of a type RFC 9420 does not define (a custom or GREASE type):
/// its body is carried as opaque<V> data, the convention the MLS extensions
/// framework gives new proposal types, so it round-trips unchanged.
using CustomProposal = codec::UnknownCase<ProposalType>;

/// Section 12.1: Proposal, a proposal of any type, selected by ProposalType
/// (with the three types of draft-ietf-mls-extensions); other types decode
/// as a CustomProposal.
using Proposal = codec::Select<ProposalType, Add, Update, Remove, PreSharedKey, ReInit, ExternalInit,
                               GroupContextExtensions, AppDataUpdate, AppEphemeral, SelfRemove,
                               CustomProposal>;

/// Section 5.2: RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent).
using ProposalRef = Bytes;

/// Section 12.4: ProposalOrRefType, whether a Commit carries a proposal by
/// value (`proposal`) or by reference (`reference`).
enum class ProposalOrRefType : std::uint8_t { proposal = 1, reference = 2 };

}  // namespace conclave::mls

namespace conclave::codec {
/// Gives Proposal, which carries no `tag` of its own, the
/// ProposalOrRefType::proposal tag in a ProposalOrRef.
template <>
struct SelectTag<mls::ProposalOrRefType, mls::Proposal> {
  static constexpr mls::ProposalOrRefType value = mls::ProposalOrRefType::proposal;  ///< The tag.
};
/// Gives ProposalRef (plain bytes) the ProposalOrRefType::reference tag in a
/// ProposalOrRef.
template <>
struct SelectTag<mls::ProposalOrRefType, mls::ProposalRef> {
  static constexpr mls::ProposalOrRefType value = mls::ProposalOrRefType::reference;  ///< The tag.
};
}  // namespace conclave::codec

namespace conclave::mls {

/// Section 12.4: ProposalOrRef, a proposal in a Commit, by value or by
/// ProposalRef.
using ProposalOrRef = codec::Select<ProposalOrRefType, Proposal, ProposalRef>;

}  // namespace conclave::mls

namespace conclave::codec {
/// A Commit's proposals are capped by Limits::max_proposals.
template <>
struct VectorItemLimit<mls::ProposalOrRef> {
  static constexpr std::size_t Limits::*field = &Limits::max_proposals;  ///< The cap's field.
};
/// Proposal lists are capped by Limits::max_proposals.
template <>
struct VectorItemLimit<mls::Proposal> {
  static constexpr std::size_t Limits::*field = &Limits::max_proposals;  ///< The cap's field.
};
}  // namespace conclave::codec
