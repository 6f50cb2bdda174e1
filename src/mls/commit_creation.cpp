// RFC 9420 section 12.4.1: creating a Commit, and section 12.4.3.1: the
// Welcome for the members it adds.

#include <limits>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "group_state.hpp"
#include "proposal_gathering.hpp"

namespace conclave::mls {

namespace {

// The committer's side of the path (section 7.4): fresh leaf key, path
// secrets, and their encryption under the provisional GroupContext.
struct PathOutcome {
  std::optional<UpdatePath> path;
  crypto::Secret commit_secret;
  std::optional<PathSecrets> path_secrets;
};

Result<PathOutcome> make_path(GroupState& state, const GroupContext& context,
                              const Applied& applied, TreePrivateKeys& keys,
                              crypto::RandomSource& random) {
  auto fresh = state.suite.hpke().kem().generate_key_pair(random);
  auto prepared = PreparedPath::prepare(
      state.tree, state.own_leaf, next_leaf(*state.tree.leaf(state.own_leaf), std::move(fresh.private_key)),
      state.signature_key, context.group_id, random);
  if (!prepared) return prepared.error();
  GroupContext provisional = context;
  provisional.epoch += 1;
  provisional.tree_hash = state.tree.tree_hash();
  auto sent = std::move(*prepared).encrypt(state.tree, provisional, applied.added, random);
  if (!sent) return sent.error();
  keys = std::move(sent->private_keys);
  return PathOutcome{std::move(sent->path), std::move(sent->commit_secret),
                     std::move(sent->path_secrets)};
}

// Section 12.4.3.1: GroupSecrets for each added member, encrypted to its
// init key with the encrypted GroupInfo as context.
Result<Welcome> make_welcome(const GroupState& state, const NextEpoch& next, const Applied& applied,
                             const PathOutcome& path, const Bytes& tag, bool with_tree,
                             crypto::RandomSource& random) {
  auto info = make_group_info(state, next.context, next.secrets.external_secret.view(), tag, with_tree);
  if (!info) return info.error();
  auto key = welcome_key_nonce(state.suite, next.secrets.welcome_secret.view());
  if (!key) return key.error();
  auto encrypted_info = state.suite.aead().seal(key->key.view(), key->nonce.view(), {}, codec::encode(*info));
  if (!encrypted_info) return encrypted_info.error();
  Welcome welcome{state.suite.id(), {}, std::move(*encrypted_info)};
  const auto context = state.suite.encrypt_context("Welcome", welcome.encrypted_group_info);
  for (std::size_t i = 0; i < applied.added.size(); ++i) {
    const KeyPackage& key_package = *applied.added_key_packages[i];
    GroupSecrets secrets{next.secrets.joiner_secret.clone(), std::nullopt, applied.psk_ids};
    if (path.path_secrets) {
      if (const auto* path_secret = path.path_secrets->for_joiner(applied.added[i])) {
        secrets.path_secret = PathSecret{path_secret->clone()};
      }
    }
    Bytes plaintext = codec::encode(secrets);
    auto sealed = state.suite.encrypt_with_label(key_package.init_key, context, plaintext, random);
    crypto::secure_zero(plaintext);
    if (!sealed) return sealed.error();
    welcome.secrets.push_back({key_package_ref(state.suite, key_package), std::move(*sealed)});
  }
  return welcome;
}

struct StagedOutput {
  NextEpoch next;
  CommitOutput output;
};

Result<StagedOutput> stage_own_commit(GroupState& state, const CommitOptions& options,
                                      crypto::RandomSource& random) {
  // draft-ietf-mls-partial, "Annotated Commit": the committer's proof is
  // of the tree before the Commit, taken before the tree changes.
  std::optional<MembershipProof> proof_before;
  if (options.annotate) {
    auto proof = make_membership_proof(state.tree, state.own_leaf);
    if (!proof) return proof.error();
    proof_before = std::move(*proof);
  }
  auto gathered = gather_proposals(state, options);
  if (!gathered) return gathered.error();
  auto& proposals = *gathered;
  GroupContext context = state.context;
  auto applied = apply_proposals(state, proposals.resolved, context);
  if (!applied) return applied.error();
  if (removes(*applied, state.own_leaf)) return Errc::invalid_proposal;
  auto keys = state.private_keys.clone();
  keys.forget_blank_nodes(state.tree);
  PathOutcome path{std::nullopt, crypto::Secret(state.suite.secret_size()), std::nullopt};
  if (options.force_path || path_required(proposals.resolved)) {
    auto made = make_path(state, context, *applied, keys, random);
    if (!made) return made.error();
    path = std::move(*made);
  }
  auto psk = commit_psk_secret(state, applied->psk_ids);
  if (!psk) return psk.error();

  const WireFormat wire_format = options.encrypt ? WireFormat::private_message : WireFormat::public_message;
  auto authenticated_data = outgoing_authenticated_data(state.context, options.authenticated_data);
  if (!authenticated_data) return authenticated_data.error();
  FramedContent content{context.group_id, context.epoch, Sender{MemberSender{state.own_leaf.value}},
                        std::move(*authenticated_data),
                        Content{Commit{std::move(proposals.listed), path.path}}};
  auto& protection = *state.epoch.protection;
  auto signature = protection.sign(wire_format, content, state.signature_key);
  if (!signature) return signature.error();
  const AuthenticatedContent authenticated{wire_format, content, {*signature, std::nullopt}};
  context.epoch += 1;
  context.tree_hash = state.tree.tree_hash();
  context.confirmed_transcript_hash = confirmed_transcript_hash(
      state.suite, state.interim_transcript_hash, confirmed_transcript_hash_input(authenticated));
  auto secrets = derive_epoch(state.suite, state.epoch.init_secret.view(), path.commit_secret.view(),
                              psk->view(), context);
  if (!secrets) return secrets.error();
  Bytes tag = confirmation_tag(state.suite, secrets->confirmation_key.view(), context.confirmed_transcript_hash);
  NextEpoch next{std::move(context), std::move(*secrets), tag, std::move(keys), false,
                 std::move(applied->reinit)};

  FramedContentAuthData auth{std::move(*signature), tag};
  CommitOutput output{MlsMessage{}, std::nullopt, std::nullopt, std::nullopt};
  if (options.encrypt) {
    auto sealed = protection.seal_private(content, std::move(auth), 0, random);
    if (!sealed) return sealed.error();
    output.commit.body = MessageBody{std::move(*sealed)};
  } else {
    output.commit.body = MessageBody{protection.seal_public(std::move(content), std::move(auth))};
  }
  if (options.annotate) {
    output.annotation = CommitAnnotationInput{output.commit, std::move(proof_before), state.own_leaf,
                                              applied->added, path.path.has_value()};
  }
  if (!applied->added.empty()) {
    auto welcome = make_welcome(state, next, *applied, path, tag, options.ratchet_tree_in_welcome, random);
    if (!welcome) return welcome.error();
    output.welcome = MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*welcome)}};
  }
  if (options.group_info) {
    auto info = make_group_info(state, next.context, next.secrets.external_secret.view(), tag, true);
    if (!info) return info.error();
    output.group_info = MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(*info)}};
  }
  return StagedOutput{std::move(next), std::move(output)};
}

}  // namespace

Result<CommitOutput> create_commit(GroupState& state, const CommitOptions& options,
                                   crypto::RandomSource& random) {
  if (state.pending || state.removed) return Errc::invalid_argument;
  // The epoch is a uint64 (section 6): the last one has no successor.
  if (state.context.epoch == std::numeric_limits<std::uint64_t>::max()) return Errc::message_limit;
  state.tree.begin_staging();
  auto staged = staged_or_discarded(state.tree, [&] { return stage_own_commit(state, options, random); });
  if (!staged) {
    state.tree.discard_staged();
    return staged.error();
  }
  state.pending = std::move(staged->next);
  return std::move(staged->output);
}

}  // namespace conclave::mls
