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
  if (auto valid = validate_replacing_leaf(state, path.leaf_node, LeafNodeSource::commit, committer, context,
                                           pointer_to(applied.required));
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

// Section 8.3: the init secret an external joiner's ExternalInit conveys.
Result<crypto::Secret> external_init_secret(const GroupState& state,
                                            const std::vector<ResolvedProposal>& proposals) {
  for (const auto& p : proposals) {
    const auto* init = p.proposal.get_if<ExternalInit>();
    if (init == nullptr) continue;
    auto external = state.suite.derive_key_pair(state.epoch.external_secret.view());
    if (!external) return external.error();
    auto context = state.suite.hpke().setup_receiver(init->kem_output, *external, {});
    if (!context) return context.error();
    return context->export_secret(as_bytes(external_init_label), state.suite.secret_size());
  }
  return Errc::invalid_proposal;
}

// Who commits: a member, or (section 12.4.3.2) a new member whose leaf is
// placed at the leftmost blank leaf once the proposals are applied.
struct Committer {
  std::optional<LeafIndex> member;
  crypto::Secret init_secret;
};

Result<Committer> committer_of(const GroupState& state, const AuthenticatedContent& content,
                               const std::vector<ResolvedProposal>& proposals, const Commit& commit) {
  if (const auto member = leaf_of(content.content.sender)) {
    if (*member == state.own_leaf) return Errc::invalid_sender;
    if (auto valid = validate_member_list(state, proposals, *member); !valid) return valid.error();
    return Committer{member, state.epoch.init_secret.clone()};
  }
  if (auto valid = validate_external_list(state, proposals); !valid) return valid.error();
  if (!commit.path) return Errc::path_required;
  if (auto resync = check_resync(state, proposals, commit.path->leaf_node); !resync) return resync.error();
  auto init_secret = external_init_secret(state, proposals);
  if (!init_secret) return init_secret.error();
  return Committer{std::nullopt, std::move(*init_secret)};
}

// Everything of section 12.4.2 after authentication, on the staged tree.
Result<NextEpoch> stage_commit(GroupState& state, const AuthenticatedContent& content,
                               const Commit& commit) {
  auto proposals = resolve(state, commit, content.content.sender);
  if (!proposals) return proposals.error();
  auto who = committer_of(state, content, *proposals, commit);
  if (!who) return who.error();
  if (const auto& policy = state.config.commit_policy) {
    if (auto allowed = policy(state.epoch.context, content.content.sender, *proposals); !allowed) {
      return allowed.error();
    }
  }
  if (path_required(*proposals) && !commit.path) return Errc::path_required;

  GroupContext context = state.epoch.context;
  auto applied = apply_proposals(state, *proposals, context);
  if (!applied) return applied.error();
  std::optional<LeafIndex> committer = who->member;
  if (!committer) {
    auto placed = place_external_joiner(state.tree, commit.path->leaf_node);
    if (!placed) return placed.error();
    committer = *placed;
  }
  // A removed member learns no secret of the new epoch (section 12.4.2).
  if (applied->removed_self) {
    return NextEpoch{std::move(context), {}, {}, state.private_keys.clone(), true};
  }
  auto keys = state.private_keys.clone();
  if (applied->own_leaf_key) {
    if (auto replaced = keys.replace_leaf_key(std::move(*applied->own_leaf_key)); !replaced) {
      return replaced.error();
    }
  }
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
  auto secrets = derive_epoch(state.suite, who->init_secret.view(), commit_secret.view(),
                              psk->view(), context);
  if (!secrets) return secrets.error();
  const Bytes& tag = *content.auth.confirmation_tag;
  if (auto confirmed = verify_confirmation_tag(state.suite, secrets->confirmation_key.view(),
                                               context.confirmed_transcript_hash, tag);
      !confirmed) {
    return confirmed.error();
  }
  return NextEpoch{std::move(context), std::move(*secrets), tag, std::move(keys), false,
                   std::move(applied->reinit)};
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
    return Received{Received::Kind::commit, content.content.sender, {}, content.content.authenticated_data, true};
  }
  state.tree.keep_staged();
  if (auto entered = enter_next_epoch(state, std::move(*next)); !entered) return entered.error();
  return Received{Received::Kind::commit, content.content.sender, {}, content.content.authenticated_data,
                  state.removed};
}

}  // namespace conclave::mls
