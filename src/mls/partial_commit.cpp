// draft-ietf-mls-partial, "Annotated Commit": RFC 9420 section 12.4.2 for a
// member without the tree. The proofs stand in for the tree, only the
// proposals that leave the tree alone are applied, and the path secret is
// decrypted where the annotation says.

#include <limits>

#include "conclave/mls/app_data.hpp"
#include "commit_staging.hpp"
#include "credential_succession.hpp"
#include "external_senders.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/negotiation.hpp"
#include "conclave/mls/partial_path.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "partial_state.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

namespace {

// What the proposals that change no tree do (section 12.3), and whether
// a Remove or a SelfRemove takes this member out.
struct PartialEffects {
  std::vector<PreSharedKeyId> psk_ids;
  std::optional<ExtensionList> extensions;
  std::optional<ReInit> reinit;
  bool removes_self = false;
};

PartialEffects effects_of(const std::vector<ResolvedProposal>& proposals, LeafIndex own) {
  PartialEffects effects;
  for (const auto& p : proposals) {
    if (const auto* psk = p.proposal.get_if<PreSharedKey>()) effects.psk_ids.push_back(psk->psk);
    if (const auto* gce = p.proposal.get_if<GroupContextExtensions>()) effects.extensions = gce->extensions;
    if (const auto* reinit = p.proposal.get_if<ReInit>()) effects.reinit = *reinit;
    // A Remove, or a SelfRemove of its sender (draft-ietf-mls-extensions).
    effects.removes_self |= removed_leaf(p) == own;
  }
  return effects;
}

// The draft's steps 1 and 2: the after-proofs reference the same tree,
// whose hash is tree_hash_after (step 1, the sender proof against the
// current tree hash, is authenticate_partial()'s).
Status check_after_proofs(const CipherSuite& suite, const AnnotatedCommit& annotated) {
  auto same = same_tree(suite, annotated.sender_membership_proof_after, annotated.receiver_membership_proof_after);
  if (!same) return same.error();
  return verify_membership_proof(suite, annotated.sender_membership_proof_after, annotated.tree_hash_after);
}

// The annotation fits the Commit and this member: the resolution index is
// present exactly with a path (Errc::invalid_value otherwise), the sender
// proof after is the committer's, whose leaf is the path's, and the
// receiver proof after proves this member's leaf as it was (only the member
// itself changes its leaf, and a partial member does not): otherwise
// Errc::membership_proof_invalid. A removed member has no leaf after: its
// receiver proof after is any leaf's of the tree after.
Status check_annotation(const PartialState& state, const AnnotatedCommit& annotated, const Commit& commit,
                        const Sender& sender, bool removes_self) {
  if (commit.path.has_value() != annotated.resolution_index.has_value()) return Errc::invalid_value;
  const auto& sender_after = annotated.sender_membership_proof_after;
  const auto& receiver_after = annotated.receiver_membership_proof_after;
  if (!removes_self && (receiver_after.leaf_index != state.own_leaf.value ||
                        !(*proven_leaf(receiver_after) == *proven_leaf(state.own_proof)))) {
    return Errc::membership_proof_invalid;
  }
  if (const auto committer = leaf_of(sender); committer && committer->value != sender_after.leaf_index) {
    return Errc::membership_proof_invalid;
  }
  if (commit.path && !(*proven_leaf(sender_after) == commit.path->leaf_node)) return Errc::membership_proof_invalid;
  return {};
}

// Sections 7.3 and 5.3.1 for the committer's new leaf, as a full member
// checks it but without the tree: valid at its index (the sender proof
// after's) under the new required capabilities, and, for a member, its
// credential a successor of the one in its leaf before (the sender proof's).
Status check_path_leaf(const PartialState& state, const AnnotatedCommit& annotated, const LeafNode& leaf,
                       const GroupContext& next) {
  auto required = find_required_capabilities(next.extensions);
  if (!required) return required.error();
  if (auto valid = validate_leaf_node_alone(state.suite, leaf,
                                            {.source = LeafNodeSource::commit,
                                             .group_id = next.group_id,
                                             .index = LeafIndex{annotated.sender_membership_proof_after.leaf_index},
                                             .required = pointer_to(*required),
                                             .credentials = &state.config.credentials});
      !valid) {
    return valid;
  }
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components".
  if (auto meets = supports_component_requirements(leaf, next.extensions); !meets) return meets;
  if (!annotated.sender_membership_proof) return {};
  return check_successor(state.config, proven_leaf(*annotated.sender_membership_proof)->credential,
                         leaf.credential);
}

// Section 12.1.7 for what a partial member can see of new GroupContext
// extensions: the external senders they name are judged like members
// (section 5.3.1), and this member's own leaf supports them and their
// required capabilities, as every member must.
Status check_new_extensions(const PartialState& state, const ExtensionList& extensions) {
  if (auto senders = check_external_senders(state.config, extensions); !senders) return senders;
  if (auto listed = check_extension_list(extensions); !listed) return listed;
  auto required = find_required_capabilities(extensions);
  if (!required) return Errc::invalid_proposal;
  const LeafNode& own = *proven_leaf(state.own_proof);
  if (auto supported = supports_extensions(own, extensions); !supported) return supported;
  if (!find_component_requirements(extensions)) return Errc::invalid_proposal;
  if (auto meets = supports_component_requirements(own, extensions); !meets) return meets;
  if (*required) return supports_required(own, **required);
  return {};
}

// Every check of the Commit a partial member can make before it acts on
// it, a removal of itself included, in a full member's order (section
// 12.4.2): the proposals (section 12.2: a new member's Remove of this
// member's leaf is a resync that GroupConfig::resync accepts; new
// extensions), then the annotation, then the committer's new leaf.
Status check_commit(const PartialState& state, const AnnotatedCommit& annotated, const AuthenticatedContent& content,
                    const PartialEffects& effects, const GroupContext& next) {
  const auto& commit = *content.content.content.get_if<Commit>();
  const Sender& sender = content.content.sender;
  if (effects.removes_self && !leaf_of(sender) && commit.path) {
    if (auto resync = check_resync_leaf(state.config, *proven_leaf(state.own_proof), commit.path->leaf_node);
        !resync) {
      return resync;
    }
  }
  if (effects.extensions) {
    if (auto valid = check_new_extensions(state, *effects.extensions); !valid) return valid;
  }
  if (auto fits = check_annotation(state, annotated, commit, sender, effects.removes_self); !fits) return fits;
  if (!commit.path) return {};
  return check_path_leaf(state, annotated, commit.path->leaf_node, next);
}

// The new epoch's GroupContext (section 8.1): the extensions a
// GroupContextExtensions set, then draft-ietf-mls-extensions' AppEphemerals
// and AppDataUpdates applied as a full member applies them (whose
// AppEphemerals go to `received`), the tree hash the annotation gives
// (which the confirmation tag authenticates), the Commit's transcript hash.
Result<GroupContext> next_context(const PartialState& state, const AuthenticatedContent& content,
                                  const AnnotatedCommit& annotated, const PartialEffects& effects,
                                  const std::vector<ResolvedProposal>& proposals, Received& received) {
  GroupContext next = state.context;
  if (effects.extensions) next.extensions = *effects.extensions;
  auto ephemerals = apply_app_proposals(state.config.components, proposals, next.extensions);
  if (!ephemerals) return ephemerals.error();
  received.app_ephemerals = std::move(*ephemerals);
  next.epoch += 1;
  next.tree_hash = annotated.tree_hash_after;
  next.confirmed_transcript_hash = confirmed_transcript_hash(state.suite, state.interim_transcript_hash,
                                                             confirmed_transcript_hash_input(content));
  return next;
}

// Section 12.4.2's path step as the draft replaces it, under the
// provisional GroupContext (the new one with the old transcript hash); a
// zero commit secret without a path. `keys` take the new path's key pairs
// and lose those of nodes now blank.
Result<crypto::Secret> commit_secret_of(const PartialState& state, const AnnotatedCommit& annotated,
                                        const Commit& commit, const GroupContext& next, TreePrivateKeys& keys) {
  if (!commit.path) {
    keep_proven_nodes(keys, proven_path(annotated.receiver_membership_proof_after));
    return crypto::Secret(state.suite.secret_size());
  }
  GroupContext provisional = next;
  provisional.confirmed_transcript_hash = state.context.confirmed_transcript_hash;
  auto received = receive_partial_path(keys, *commit.path, *annotated.resolution_index,
                                       annotated.sender_membership_proof_after,
                                       annotated.receiver_membership_proof_after, codec::encode(provisional));
  if (!received) return received.error();
  return std::move(received->commit_secret);
}

// The epoch a Commit leads to, for a member it does not remove.
struct PartialNext {
  GroupContext context;
  EpochSecrets secrets;
  TreePrivateKeys keys;
};

// Section 12.4.2 from the commit secret on: the init secret (the epoch's,
// or a new member's ExternalInit's), the PSKs, the key schedule, and the
// confirmation tag verified against the new epoch.
Result<PartialNext> next_epoch(const PartialState& state, const AnnotatedCommit& annotated,
                               const AuthenticatedContent& content, const std::vector<ResolvedProposal>& proposals,
                               const PartialEffects& effects, GroupContext next) {
  const auto& commit = *content.content.content.get_if<Commit>();
  auto keys = state.private_keys.clone();
  auto commit_secret = commit_secret_of(state, annotated, commit, next, keys);
  if (!commit_secret) return commit_secret.error();
  auto init_secret = leaf_of(content.content.sender)
                         ? Result<crypto::Secret>(state.epoch.init_secret.clone())
                         : external_init_secret(state.suite, state.epoch.external_secret.view(), proposals);
  if (!init_secret) return init_secret.error();
  auto psk = looked_up_psk_secret(state.suite, effects.psk_ids,
                                  [&](const PreSharedKeyId& id) { return state.psk(id); });
  if (!psk) return psk.error();
  auto secrets = derive_epoch(state.suite, init_secret->view(), commit_secret->view(), psk->view(), next);
  if (!secrets) return secrets.error();
  if (auto confirmed = verify_confirmation_tag(state.suite, secrets->confirmation_key.view(),
                                               next.confirmed_transcript_hash, *content.auth.confirmation_tag);
      !confirmed) {
    return confirmed.error();
  }
  return PartialNext{std::move(next), std::move(*secrets), std::move(keys)};
}

// Section 12.4.2 up to the proposals: the Commit authenticated by the
// proven sender (or a new member's path leaf), carrying a confirmation tag,
// with a successor epoch; its proposals resolved, a path where one is
// required (section 12.4).
Result<std::vector<ResolvedProposal>> committed_proposals(const PartialState& state,
                                                          const AuthenticatedContent& content) {
  const auto* commit = content.content.content.get_if<Commit>();
  if (commit == nullptr) return Errc::content_not_allowed;
  if (!content.auth.confirmation_tag) return Errc::confirmation_tag_invalid;
  if (state.context.epoch == std::numeric_limits<std::uint64_t>::max()) return Errc::message_limit;
  if (leaf_of(content.content.sender) == state.own_leaf) return Errc::invalid_sender;
  auto proposals = resolve(state.proposals, *commit, content.content.sender);
  if (!proposals) return proposals.error();
  if (path_required(*proposals) && !commit->path) return Errc::path_required;
  return proposals;
}

}  // namespace

Result<Received> PartialGroup::process(const AnnotatedCommit& annotated) {
  PartialState& state = *state_;
  if (state.removed) return Errc::not_in_group;
  if (state.reinit) return Errc::group_reinitialized;
  if (auto after = check_after_proofs(state.suite, annotated); !after) return after.error();
  auto authenticated = authenticate_partial(state, annotated.commit, annotated.sender_membership_proof);
  if (!authenticated) return authenticated.error();
  const AuthenticatedContent& content = authenticated->content;
  auto proposals = committed_proposals(state, content);
  if (!proposals) return proposals.error();
  const auto effects = effects_of(*proposals, state.own_leaf);
  const auto& framed = content.content;
  Received received{Received::Kind::commit, framed.sender, {}, framed.authenticated_data, false, framed.epoch};
  auto context_after = next_context(state, content, annotated, effects, *proposals, received);
  if (!context_after) return context_after.error();
  if (auto checked = check_commit(state, annotated, content, effects, *context_after); !checked) {
    return checked.error();
  }
  // Section 12.4.2: a removed member learns nothing of the new epoch.
  if (effects.removes_self) {
    state.removed = true;
    received.removed = true;
    return received;
  }
  auto next = next_epoch(state, annotated, content, *proposals, effects, std::move(*context_after));
  if (!next) return next.error();
  state.private_keys = std::move(next->keys);
  state.own_proof = annotated.receiver_membership_proof_after;
  state.reinit = effects.reinit;
  state.enter_epoch(std::move(next->context), std::move(next->secrets), *content.auth.confirmation_tag,
                    *LeafCount::of(annotated.receiver_membership_proof_after.n_leaves));
  return received;
}

}  // namespace conclave::mls
