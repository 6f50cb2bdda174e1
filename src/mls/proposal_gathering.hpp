#pragma once

// RFC 9420 sections 12.1 and 12.4.1: the proposals a member receives,
// cached for its next Commit, and gathered into it.

#include "group_state.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

// Section 12.4.1: a member's Commit's proposals, as resolved and as listed.
struct GatheredProposals {
  std::vector<ResolvedProposal> resolved;
  std::vector<ProposalOrRef> listed;
};

// Section 12.4.1: the received proposals (when `options.include_received`)
// by reference, then `options.proposals` by value. A received proposal is
// left out when it is invalid (its check on receipt failed, or it fails
// against the Commit's GroupContext, or its PSK is unknown) or would make
// the list invalid (section 12.2); this member's own are never left out, and
// the errors are theirs (Errc::invalid_proposal, or the credential policy's
// for external senders). Near-linear in the number of proposals: each
// received one is checked once against the list built so far.
Result<GatheredProposals> gather_proposals(const GroupState& state, const CommitOptions& options);

// Section 12.1: a proposal received in `content` (authenticated, for this
// epoch), cached for a later Commit with what its check found (the rules of
// section 12.2 for a list of it alone, and its content against the tree and
// GroupContext). Section 12.1.8: one from outside the group must pass that
// check, and GroupConfig::external_proposals must accept it
// (Errc::proposal_rejected when unset); otherwise nothing is cached.
// Errc::invalid_proposal for a proposal its sender may not make.
Status cache_received_proposal(PublicState& state, const AuthenticatedContent& content);

// Keeps `proposal` in `cache` by its ProposalRef `ref`; Errc::decode_limit
// when the cache already holds `limit` other proposals.
Status cache_proposal(ProposalCache& cache, std::size_t limit, const Bytes& ref, CachedProposal proposal);

}  // namespace conclave::mls
