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
// one Remove, any PreSharedKeys, nothing else.
Status validate_external_list(const std::vector<ResolvedProposal>& proposals);

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

// Sections 7.3 and 5.3.1: a member's new leaf, from an Update or a
// Commit's path (`source`), replacing the one at `index`: valid under
// `context` (its required capabilities included), its credential a
// successor of the old one.
Status validate_replacing_leaf(const GroupState& state, const LeafNode& leaf, LeafNodeSource source,
                               LeafIndex index, const GroupContext& context);

// Section 12.3, in its order, on the staged tree and `context`.
Result<Applied> apply_proposals(GroupState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context);

// Section 8.4: the PSKs in proposal order.
Result<crypto::Secret> commit_psk_secret(const GroupState& state,
                                         const std::vector<PreSharedKeyId>& ids);

}  // namespace conclave::mls
