#pragma once

/// @file
/// RFC 9420 section 12.1: proposals, and section 12.4: proposals by value or
/// by reference.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
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

/// A proposal of a type RFC 9420 does not define (a custom or GREASE type):
/// its body is carried as opaque<V> data, the convention the MLS extensions
/// framework gives new proposal types, so it round-trips unchanged.
using CustomProposal = codec::UnknownCase<ProposalType>;

/// Section 12.1: Proposal, a proposal of any type, selected by ProposalType;
/// types RFC 9420 does not define decode as a CustomProposal.
using Proposal = codec::Select<ProposalType, Add, Update, Remove, PreSharedKey, ReInit,
                               ExternalInit, GroupContextExtensions, CustomProposal>;

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
