#pragma once

// RFC 9420 sections 12.2 and 12.3, shared by committing and processing a
// Commit: validating and applying a list of proposals.

#include <optional>
#include <string_view>
#include <vector>

#include "conclave/mls/proposal.hpp"
#include "group_state.hpp"

namespace conclave::mls {

// The committed proposals, by value from the committer or by reference
// from this epoch's cache.
Result<std::vector<ResolvedProposal>> resolve(const GroupState& state, const Commit& commit,
                                              const Sender& committer);

std::optional<LeafIndex> leaf_of(const Sender& sender);

// Section 12.1.8: an external sender may propose Add, Remove, PreSharedKey,
// ReInit and GroupContextExtensions; a new member only Add.
bool allowed_from(const Sender& sender, const Proposal& proposal);

// Section 12.2, for a member's Commit.
Status validate_member_list(const GroupState& state, const std::vector<ResolvedProposal>& proposals,
                            LeafIndex committer);

// Section 12.2, for an external Commit: exactly one ExternalInit, at most
// one Remove (of a member), any PreSharedKeys (section 12.1.4: valid and
// distinct), nothing else.
Status validate_external_list(const GroupState& state, const std::vector<ResolvedProposal>& proposals);

// Section 12.2: an external Commit's Remove (a resync) is accepted by
// GroupConfig::resync or, when unset, its removed leaf's credential is
// succeeded by the joiner's (check_successor()). Errc::credential_rejected
// by default; the policy's error otherwise.
Status check_resync(const GroupState& state, const std::vector<ResolvedProposal>& proposals,
                    const LeafNode& joiner);

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
Status cache_received_proposal(GroupState& state, const AuthenticatedContent& content);

// Section 12.4.3.2: reserves the leftmost blank leaf for an external
// joiner. The leaf holds the joiner's leaf node with an empty encryption
// key until its UpdatePath is merged and the real leaf replaces it.
Result<LeafIndex> place_external_joiner(RatchetTree& tree, const LeafNode& leaf);

// Section 8.3: the exporter label of the external init secret.
inline constexpr std::string_view external_init_label = "MLS 1.0 external init secret";

// Section 12.4: a path is required for an empty Commit and for Update,
// Remove, ExternalInit and GroupContextExtensions.
bool path_required(const std::vector<ResolvedProposal>& proposals);

// What applying the proposals produced beyond the tree and extensions.
struct Applied {
  std::vector<LeafIndex> added;
  std::vector<const KeyPackage*> added_key_packages;
  std::vector<PreSharedKeyId> psk_ids;
  bool removed_self = false;
  std::optional<crypto::Secret> own_leaf_key;  // from this member's own Update
  std::optional<ReInit> reinit;
};

// Section 12.3, in its order, on the staged tree and `context`.
Result<Applied> apply_proposals(GroupState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context);

// Section 8.4: the PSKs in proposal order.
Result<crypto::Secret> commit_psk_secret(const GroupState& state,
                                         const std::vector<PreSharedKeyId>& ids);

}  // namespace conclave::mls
