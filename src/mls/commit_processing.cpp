// RFC 9420 section 12.4.2: processing a Commit. The public half (proposal
// list, tree, path, hashes: stage_public_commit()) runs on a staged tree
// that is kept only if every check passes; this member then decrypts the
// path, takes the PSKs, runs the key schedule and checks the confirmation
// tag.

#include "commit_staging.hpp"
#include "group_state.hpp"

namespace conclave::mls {

namespace {

// The init secret the new epoch starts from: the epoch's, or (section
// 12.4.3.2) the one a new member's ExternalInit conveys.
Result<crypto::Secret> init_secret_of(const GroupState& state, const AuthenticatedContent& content,
                                      const std::vector<ResolvedProposal>& proposals) {
  if (leaf_of(content.content.sender)) return state.epoch.init_secret.clone();
  return external_init_secret(state.suite, state.epoch.external_secret.view(), proposals);
}

// Section 12.1.2: the private key of this member's own Update, committed by
// another, replaces its leaf's key.
Status take_own_update_keys(const GroupState& state, const std::vector<ResolvedProposal>& proposals,
                            TreePrivateKeys& keys) {
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<Update>();
    if (update == nullptr || leaf_of(p.sender) != state.own_leaf) continue;
    auto key = state.pending_update_keys.find(text_of(update->leaf_node.encryption_key));
    if (key == state.pending_update_keys.end()) return Errc::invalid_proposal;
    if (auto replaced = keys.replace_leaf_key(key->second.clone()); !replaced) return replaced;
  }
  return {};
}

// Section 12.4.2, the secret half: the path secret decrypted under the
// provisional GroupContext (a zero commit secret without a path).
Result<crypto::Secret> commit_secret_of(const GroupState& state, const Commit& commit, const StagedCommit& staged,
                                        TreePrivateKeys& keys) {
  if (!commit.path) return crypto::Secret(state.suite.secret_size());
  auto received = keys.decrypt_path(state.tree, staged.committer, *commit.path, provisional_context(state, staged),
                                    staged.applied.added);
  if (!received) return received.error();
  return std::move(received->commit_secret);
}

// Everything of section 12.4.2 after authentication, on the staged tree.
Result<NextEpoch> stage_commit(GroupState& state, const AuthenticatedContent& content,
                               const Commit& commit) {
  if (leaf_of(content.content.sender) == state.own_leaf) return Errc::invalid_sender;
  auto staged = stage_public_commit(state, content, commit);
  if (!staged) return staged.error();
  // A removed member learns no secret of the new epoch (section 12.4.2).
  if (removes(staged->applied, state.own_leaf)) {
    return NextEpoch{std::move(staged->context), {}, {}, state.private_keys.clone(), true, std::nullopt,
                     std::move(staged->applied.ephemerals)};
  }
  auto init_secret = init_secret_of(state, content, staged->proposals);
  if (!init_secret) return init_secret.error();
  auto keys = state.private_keys.clone();
  if (auto taken = take_own_update_keys(state, staged->proposals, keys); !taken) return taken.error();
  keys.forget_blank_nodes(state.tree);
  auto commit_secret = commit_secret_of(state, commit, *staged, keys);
  if (!commit_secret) return commit_secret.error();
  auto psk = commit_psk_secret(state, staged->applied.psk_ids);
  if (!psk) return psk.error();

  GroupContext& context = staged->context;
  auto secrets = derive_epoch(state.suite, init_secret->view(), commit_secret->view(), psk->view(), context);
  if (!secrets) return secrets.error();
  const Bytes& tag = *content.auth.confirmation_tag;
  if (auto confirmed = verify_confirmation_tag(state.suite, secrets->confirmation_key.view(),
                                               context.confirmed_transcript_hash, tag);
      !confirmed) {
    return confirmed.error();
  }
  return NextEpoch{std::move(context), std::move(*secrets), tag, std::move(keys), false,
                   std::move(staged->applied.reinit), std::move(staged->applied.ephemerals)};
}

}  // namespace

Result<crypto::Secret> external_init_secret(const CipherSuite& suite, BytesView external_secret,
                                            const std::vector<ResolvedProposal>& proposals) {
  for (const auto& p : proposals) {
    const auto* init = p.proposal.get_if<ExternalInit>();
    if (init == nullptr) continue;
    auto external = suite.derive_key_pair(external_secret);
    if (!external) return external.error();
    auto context = suite.hpke().setup_receiver(init->kem_output, *external, {});
    if (!context) return context.error();
    return context->export_secret(as_bytes(external_init_label), suite.secret_size());
  }
  return Errc::invalid_proposal;
}

Result<Received> process_commit(GroupState& state, const AuthenticatedContent& content) {
  const auto& commit = *content.content.content.get_if<Commit>();
  state.tree.begin_staging();
  auto next = staged_or_discarded(state.tree, [&] { return stage_commit(state, content, commit); });
  if (!next) {
    state.tree.discard_staged();
    return next.error();
  }
  const auto& framed = content.content;
  Received received{Received::Kind::commit, framed.sender, {}, framed.authenticated_data, true,
                    framed.epoch, std::move(next->ephemerals)};
  if (next->removed_self) {
    state.tree.discard_staged();
    state.mark_removed();
    return received;
  }
  if (auto entered = enter_next_epoch(state, std::move(*next)); !entered) return entered.error();
  received.removed = state.removed;
  return received;
}

}  // namespace conclave::mls
