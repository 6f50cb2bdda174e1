// RFC 9420 section 12.4.2: processing a Commit, with the proposal list
// validated (section 12.2) and applied (section 12.3) on a staged tree that
// is kept only if every check passes.

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "group_state.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

namespace {

// Section 12.4.2, path step: the committer's new leaf is validated, the path
// merged, and the path secret decrypted under the provisional GroupContext.
Result<crypto::Secret> apply_path(GroupState& state, const UpdatePath& path, LeafIndex committer,
                                  const GroupContext& context, const Applied& applied,
                                  TreePrivateKeys& keys) {
  if (auto valid = validate_leaf_node(state.tree, path.leaf_node,
                                      {.source = LeafNodeSource::commit,
                                       .group_id = context.group_id,
                                       .index = committer,
                                       .replacing = committer});
      !valid) {
    return valid.error();
  }
  if (auto merged = merge_update_path(state.tree, committer, path); !merged) return merged.error();
  GroupContext provisional = context;
  provisional.epoch += 1;
  provisional.tree_hash = state.tree.tree_hash();
  auto received = keys.decrypt_path(state.tree, committer, path, provisional, applied.added);
  if (!received) return received.error();
  return std::move(received->commit_secret);
}

// Everything of section 12.4.2 after authentication, on the staged tree.
Result<NextEpoch> stage_commit(GroupState& state, const AuthenticatedContent& content,
                               const Commit& commit) {
  const auto committer = leaf_of(content.content.sender);
  if (!committer || *committer == state.own_leaf) return Errc::invalid_sender;
  auto proposals = resolve(state, commit, content.content.sender);
  if (!proposals) return proposals.error();
  if (auto valid = validate_member_list(state, *proposals, *committer); !valid) return valid.error();
  if (path_required(*proposals) && !commit.path) return Errc::path_required;

  GroupContext context = state.epoch.context;
  auto applied = apply_proposals(state, *proposals, context);
  if (!applied) return applied.error();
  // A removed member learns no secret of the new epoch (section 12.4.2).
  if (applied->removed_self) {
    return NextEpoch{std::move(context), {}, {}, state.private_keys.clone(), true};
  }
  auto keys = state.private_keys.clone();
  keys.forget_blank_nodes(state.tree);
  crypto::Secret commit_secret(state.suite.secret_size());
  if (commit.path) {
    auto secret = apply_path(state, *commit.path, *committer, context, *applied, keys);
    if (!secret) return secret.error();
    commit_secret = std::move(*secret);
  }
  auto psk = commit_psk_secret(state, applied->psk_ids);
  if (!psk) return psk.error();

  context.epoch += 1;
  context.tree_hash = state.tree.tree_hash();
  context.confirmed_transcript_hash = confirmed_transcript_hash(
      state.suite, state.epoch.interim_transcript_hash, confirmed_transcript_hash_input(content));
  auto secrets = derive_epoch(state.suite, state.epoch.init_secret.view(), commit_secret.view(),
                              psk->view(), context);
  if (!secrets) return secrets.error();
  const Bytes& tag = *content.auth.confirmation_tag;
  if (auto confirmed = verify_confirmation_tag(state.suite, secrets->confirmation_key.view(),
                                               context.confirmed_transcript_hash, tag);
      !confirmed) {
    return confirmed.error();
  }
  Bytes interim = interim_transcript_hash(state.suite, context.confirmed_transcript_hash, tag);
  return NextEpoch{std::move(context), std::move(*secrets), std::move(interim), std::move(keys),
                   false};
}

}  // namespace

Result<Received> process_commit(GroupState& state, const AuthenticatedContent& content) {
  const auto& commit = *content.content.content.get_if<Commit>();
  if (!content.auth.confirmation_tag) return Errc::confirmation_tag_invalid;
  state.tree.begin_staging();
  auto next = stage_commit(state, content, commit);
  if (!next) {
    state.tree.discard_staged();
    return next.error();
  }
  if (next->removed_self) {
    state.tree.discard_staged();
    state.removed = true;
    return Received{Received::Kind::commit, content.content.sender, {}, true};
  }
  state.tree.keep_staged();
  if (auto entered = enter_next_epoch(state, std::move(*next)); !entered) return entered.error();
  return Received{Received::Kind::commit, content.content.sender, {}, state.removed};
}

}  // namespace conclave::mls
