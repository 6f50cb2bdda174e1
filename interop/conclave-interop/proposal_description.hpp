#pragma once

// Proposals as the proto describes them (ProposalDescription, and the
// fields of the single-proposal RPCs). PSK nonces are fresh (RFC 9420
// section 8.4).

#include <string>

#include "conclave/bytes.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "mls_client.pb.h"

namespace conclave::interop {

using ProtoExtensions = google::protobuf::RepeatedPtrField<mls_client::Extension>;

// The group a proposal is for.
struct ProposalScope {
  const mls::CipherSuite& suite;
  BytesView group_id;
  const mls::RatchetTree& tree;
};

inline ProposalScope scope_of(const mls::Group& group) {
  return {group.suite(), group.context().group_id, group.tree()};
}

// A PSK nonce of the suite's KDF size (RFC 9420 section 8.4).
Bytes fresh_nonce(const mls::CipherSuite& suite);
mls::ExtensionList extension_list(const ProtoExtensions& extensions);
mls::Proposal add_proposal(const std::string& key_package);
mls::Proposal remove_proposal(const ProposalScope& scope, const std::string& identity);
mls::Proposal external_psk_proposal(const ProposalScope& scope, const std::string& psk_id);
mls::Proposal resumption_psk_proposal(const ProposalScope& scope, std::uint64_t epoch);
mls::Proposal reinit_proposal(const std::string& group_id, std::uint32_t suite, const ProtoExtensions& extensions);

// INVALID_ARGUMENT for an unknown proposal_type.
mls::Proposal describe(const mls_client::ProposalDescription& description, const ProposalScope& scope);

}  // namespace conclave::interop
