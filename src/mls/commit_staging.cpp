// RFC 9420 section 12.4.2, the public half of processing a Commit: what a
// member and a follower without secrets both check and compute.

#include "commit_staging.hpp"

#include <limits>

#include "conclave/mls/transcript_hash.hpp"
#include "conclave/mls/treekem.hpp"

namespace conclave::mls {

namespace {

// Section 12.2 for a member's Commit; for a new member's (section
// 12.4.3.2): the external list, a path, and the resync policy.
Status validate_list(const PublicState& state, const Sender& sender,
                     const std::vector<ResolvedProposal>& proposals, const Commit& commit) {
  if (const auto member = leaf_of(sender)) return validate_member_list(state, proposals, *member);
  if (auto valid = validate_external_list(state, proposals); !valid) return valid;
  if (!commit.path) return Errc::path_required;
  return check_resync(state, proposals, commit.path->leaf_node);
}

// Section 12.4.2, path step: the committer's new leaf is validated (section
// 7.3, source commit) and the path merged, its parent hashes checked.
Status merge_path(PublicState& state, const UpdatePath& path, LeafIndex committer, const GroupContext& context,
                  const Applied& applied) {
  if (auto valid = validate_replacing_leaf(state, path.leaf_node, LeafNodeSource::commit, committer, context,
                                           pointer_to(applied.required));
      !valid) {
    return valid;
  }
  return merge_update_path(state.tree, committer, path);
}

}  // namespace

Result<StagedCommit> stage_public_commit(PublicState& state, const AuthenticatedContent& content,
                                         const Commit& commit) {
  // Section 6.1: a Commit carries a confirmation tag.
  if (!content.auth.confirmation_tag) return Errc::confirmation_tag_invalid;
  // The epoch is a uint64 (section 6): the last one has no successor.
  if (state.context.epoch == std::numeric_limits<std::uint64_t>::max()) return Errc::message_limit;
  const Sender& sender = content.content.sender;
  auto proposals = resolve(state.proposals, commit, sender);
  if (!proposals) return proposals.error();
  if (auto valid = validate_list(state, sender, *proposals, commit); !valid) return valid.error();
  if (const auto& policy = state.config.commit_policy) {
    if (auto allowed = policy(state.context, sender, *proposals); !allowed) return allowed.error();
  }
  if (path_required(*proposals) && !commit.path) return Errc::path_required;

  GroupContext context = state.context;
  auto applied = apply_proposals(state, *proposals, context);
  if (!applied) return applied.error();
  std::optional<LeafIndex> committer = leaf_of(sender);
  if (!committer) {
    auto placed = place_external_joiner(state.tree, commit.path->leaf_node);
    if (!placed) return placed.error();
    committer = *placed;
  }
  if (commit.path) {
    if (auto merged = merge_path(state, *commit.path, *committer, context, *applied); !merged) {
      return merged.error();
    }
  }
  context.epoch += 1;
  context.tree_hash = state.tree.tree_hash();
  context.confirmed_transcript_hash = confirmed_transcript_hash(
      state.suite, state.interim_transcript_hash, confirmed_transcript_hash_input(content));
  return StagedCommit{std::move(*proposals), std::move(*applied), *committer, std::move(context)};
}

GroupContext provisional_context(const PublicState& state, const StagedCommit& staged) {
  GroupContext provisional = staged.context;
  provisional.confirmed_transcript_hash = state.context.confirmed_transcript_hash;
  return provisional;
}

}  // namespace conclave::mls
