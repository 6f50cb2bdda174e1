#pragma once

// RFC 9420 section 12.1: proposals, and section 12.4: proposals by value or
// by reference.

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

struct Add {
  static constexpr ProposalType tag = ProposalType::add;
  KeyPackage key_package;
  CONCLAVE_FIELDS(key_package)
  friend bool operator==(const Add&, const Add&) = default;
};

struct Update {
  static constexpr ProposalType tag = ProposalType::update;
  LeafNode leaf_node;
  CONCLAVE_FIELDS(leaf_node)
  friend bool operator==(const Update&, const Update&) = default;
};

struct Remove {
  static constexpr ProposalType tag = ProposalType::remove;
  std::uint32_t removed = 0;
  CONCLAVE_FIELDS(removed)
  friend bool operator==(const Remove&, const Remove&) = default;
};

struct PreSharedKey {
  static constexpr ProposalType tag = ProposalType::psk;
  PreSharedKeyId psk;
  CONCLAVE_FIELDS(psk)
  friend bool operator==(const PreSharedKey&, const PreSharedKey&) = default;
};

struct ReInit {
  static constexpr ProposalType tag = ProposalType::reinit;
  Bytes group_id;
  ProtocolVersion version = ProtocolVersion::mls10;
  CipherSuiteId cipher_suite{};
  ExtensionList extensions;
  CONCLAVE_FIELDS(group_id, version, cipher_suite, extensions)
  friend bool operator==(const ReInit&, const ReInit&) = default;
};

struct ExternalInit {
  static constexpr ProposalType tag = ProposalType::external_init;
  Bytes kem_output;
  CONCLAVE_FIELDS(kem_output)
  friend bool operator==(const ExternalInit&, const ExternalInit&) = default;
};

struct GroupContextExtensions {
  static constexpr ProposalType tag = ProposalType::group_context_extensions;
  ExtensionList extensions;
  CONCLAVE_FIELDS(extensions)
  friend bool operator==(const GroupContextExtensions&, const GroupContextExtensions&) = default;
};

// A proposal of a type RFC 9420 does not define (a custom or GREASE type):
// its body is carried as opaque<V> data, the convention the MLS extensions
// framework gives new proposal types, so it round-trips unchanged.
using CustomProposal = codec::UnknownCase<ProposalType>;

using Proposal = codec::Select<ProposalType, Add, Update, Remove, PreSharedKey, ReInit,
                               ExternalInit, GroupContextExtensions, CustomProposal>;

// Section 5.2: RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent).
using ProposalRef = Bytes;

enum class ProposalOrRefType : std::uint8_t { proposal = 1, reference = 2 };

}  // namespace conclave::mls

namespace conclave::codec {
template <>
struct SelectTag<mls::ProposalOrRefType, mls::Proposal> {
  static constexpr mls::ProposalOrRefType value = mls::ProposalOrRefType::proposal;
};
template <>
struct SelectTag<mls::ProposalOrRefType, mls::ProposalRef> {
  static constexpr mls::ProposalOrRefType value = mls::ProposalOrRefType::reference;
};
}  // namespace conclave::codec

namespace conclave::mls {

using ProposalOrRef = codec::Select<ProposalOrRefType, Proposal, ProposalRef>;

}  // namespace conclave::mls
