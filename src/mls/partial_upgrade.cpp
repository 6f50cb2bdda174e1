// draft-ietf-mls-partial, "Upgrading and Downgrading": a partial client
// becomes a full member once it has verified the group's whole tree as a
// joiner would (RFC 9420 section 12.4.3.1); a full member becomes a partial
// client by dropping its tree. The state moves either way, never copied:
// RFC 9420 section 9.2 deletes each key of the secret tree once used, which
// two holders of one epoch's secret tree could not do.

#include "conclave/mls/partial_group.hpp"

#include "group_state.hpp"
#include "partial_state.hpp"

namespace conclave::mls {
namespace {

// Moves what a full member and a partial client both hold of the epoch
// from `from` to `to`: the secrets, the message protection with its secret
// tree's state (now read by `to`'s signer lookup, in a tree of `leaves`),
// the GroupContext, the transcript hashes, the proposals received and the
// resumption PSKs. Fails with both unchanged.
template <class To, class From>
Status move_epoch(To& to, From& from, LeafCount leaves) {
  auto protection = MessageProtection::restore(
      from.suite, from.context, from.epoch.protection->store(), leaves,
      [raw = &to](const FramedContent& content) { return raw->signer_of(content); }, from.config.secret_tree);
  if (!protection) return protection.error();
  EpochState& epoch = from.epoch;
  to.epoch = EpochState{std::move(epoch.init_secret),     std::move(epoch.exporter_secret),
                        std::move(epoch.external_secret), std::move(epoch.resumption_psk),
                        std::move(epoch.epoch_authenticator),
                        std::make_unique<MessageProtection>(std::move(*protection)),
                        std::move(epoch.exporter_tree)};
  to.context = std::move(from.context);
  to.confirmation_tag = std::move(from.confirmation_tag);
  to.interim_transcript_hash = std::move(from.interim_transcript_hash);
  to.proposals = std::move(from.proposals);
  to.resumption_psks = std::move(from.resumption_psks);
  return {};
}

// draft-ietf-mls-partial, "Upgrading and Downgrading": the tree MUST be
// verified as a joiner verifies it (RFC 9420 section 12.4.3.1), and it must
// hold this member as the member knows itself: the leaf its proof proves,
// and the public keys of the private keys it holds.
Status verify_upgrade_tree(const PartialState& partial, const RatchetTree& tree) {
  if (auto valid = verify_tree_of(tree, partial.context); !valid) return valid;
  const auto own = tree.leaf(partial.own_leaf);
  const LeafNode* proven = proven_leaf(partial.own_proof);
  if (!own || proven == nullptr || !(*own == *proven)) return Errc::not_in_group;
  if (auto accepted = accept_tree(tree, partial.context, &*own, partial.config); !accepted) return accepted;
  if (!partial.private_keys.consistent(tree)) return Errc::invalid_value;
  return {};
}

// What a member that leaves or enters the tree must not be in the middle of.
Status movable(bool removed, const std::optional<ReInit>& reinit) {
  if (removed) return Errc::not_in_group;
  if (reinit) return Errc::group_reinitialized;
  return {};
}

}  // namespace

Result<Group> PartialGroup::upgrade(const RatchetTreeNodes& nodes) && {
  PartialState& partial = *state_;
  if (auto status = movable(partial.removed, partial.reinit); !status) return status.error();
  auto tree = RatchetTree::from_nodes(partial.suite, nodes);
  if (!tree) return tree.error();
  if (auto valid = verify_upgrade_tree(partial, *tree); !valid) return valid.error();
  auto state = std::make_unique<GroupState>(partial.suite, partial.config, partial.own_leaf,
                                            partial.signature_key.clone(), std::move(*tree),
                                            partial.private_keys.clone());
  state->first_epoch = partial.context.epoch;
  if (auto moved = move_epoch(*state, partial, state->tree.leaf_count()); !moved) return moved.error();
  // A proposal the partial client accepted is checked again against the
  // tree before a Commit of this member's includes it.
  for (auto& entry : state->proposals) entry.second.checked = ProposalCheck::not_yet;
  state_.reset();
  return Group(std::move(state));
}

Result<PartialGroup> PartialGroup::downgrade(Group&& group) {
  GroupState& full = *group.state_;
  if (auto status = movable(full.removed, full.reinit); !status) return status.error();
  if (full.pending || !full.pending_update_keys.empty()) return Errc::invalid_argument;
  auto proof = make_membership_proof(full.tree, full.own_leaf);
  if (!proof) return proof.error();
  auto state = std::make_unique<PartialState>(full.suite, full.config, full.own_leaf, full.signature_key.clone(),
                                              full.private_keys.clone());
  if (auto moved = move_epoch(*state, full, full.tree.leaf_count()); !moved) return moved.error();
  state->leaves = full.tree.leaf_count();
  state->own_proof = std::move(*proof);
  group.state_.reset();
  return PartialGroup(std::move(state));
}

}  // namespace conclave::mls
