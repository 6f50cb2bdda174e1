// Group state serialization: everything a member needs to continue after a
// restart, as one TLS-encoded structure inside a Secret (it holds keys).

#include "conclave/mls/group.hpp"
#include "group_storage.hpp"

#include <algorithm>

namespace conclave::mls {

namespace {

StoredEpoch store_epoch(const GroupState& state, bool whole) {
  const EpochState& epoch = state.epoch;
  StoredEpoch stored{state.context,
                     state.confirmation_tag,
                     epoch.init_secret.clone(),
                     epoch.exporter_secret.clone(),
                     epoch.external_secret.clone(),
                     epoch.resumption_psk.clone(),
                     epoch.epoch_authenticator.clone(),
                     whole ? epoch.protection->store() : epoch.protection->store_secrets(),
                     {},
                     epoch.exporter_tree.store()};
  for (const auto& [ref, cached] : state.proposals) {
    stored.proposals.push_back({Bytes(ref.begin(), ref.end()), cached.proposal, cached.sender});
  }
  std::sort(stored.proposals.begin(), stored.proposals.end(),
            [](const auto& a, const auto& b) { return text_of(a.ref) < text_of(b.ref); });
  return stored;
}

}  // namespace

StoredGroup store_group(const GroupState& state, bool whole) {
  StoredGroup stored{storage_format,
                     state.own_leaf.value,
                     state.signature_key.clone(),
                     whole ? state.tree.encoded_nodes() : Bytes{},
                     state.private_keys.store(),
                     store_epoch(state, whole),
                     {},
                     state.reinit,
                     static_cast<std::uint8_t>(state.removed ? 1 : 0),
                     {},
                     state.first_epoch,
                     {}};
  for (const auto& [number, psk] : state.resumption_psks) {
    stored.resumption_psks.push_back({number, psk.clone()});
  }
  for (const auto& [key, secret] : state.pending_update_keys) {
    stored.pending_update_keys.push_back({Bytes(key.begin(), key.end()), secret.clone()});
  }
  std::sort(stored.pending_update_keys.begin(), stored.pending_update_keys.end(),
            [](const auto& a, const auto& b) { return text_of(a.public_key) < text_of(b.public_key); });
  if (whole) {
    for (const auto& past : state.past_epochs) stored.past_epochs.push_back(store_past_epoch(past, true));
  }
  return stored;
}

// Past epochs of this group and suite, one after another up to the epoch
// before the current one, none before the first epoch held; those beyond
// what the config keeps now are deleted.
Status restore_past_epochs(GroupState& state, std::vector<StoredPastEpoch> stored) {
  const auto& current = state.context;
  if (state.first_epoch > current.epoch || current.epoch - state.first_epoch < stored.size()) {
    return Errc::invalid_value;
  }
  std::uint64_t number = current.epoch - stored.size();
  for (auto& entry : stored) {
    const auto& context = entry.context;
    if (context.epoch != number++ || context.group_id != current.group_id ||
        context.cipher_suite != current.cipher_suite) {
      return Errc::invalid_value;
    }
    auto past = restore_past_epoch(state.suite, state.config.secret_tree, std::move(entry));
    if (!past) return past.error();
    state.past_epochs.push_back(std::move(*past));
  }
  state.trim_past_epochs();
  return {};
}

namespace {

Status restore_epoch(GroupState& state, StoredEpoch stored) {
  auto protection = MessageProtection::restore(
      state.suite, stored.context, std::move(stored.protection), state.tree.leaf_count(),
      [raw = &state](const FramedContent& content) { return raw->signer_of(content); },
      state.config.secret_tree);
  if (!protection) return protection.error();
  auto exporter_tree = ExporterTree::restore(state.suite, std::move(stored.exporter_tree));
  if (!exporter_tree) return exporter_tree.error();
  state.epoch = EpochState{std::move(stored.init_secret),
                           std::move(stored.exporter_secret),
                           std::move(stored.external_secret),
                           std::move(stored.resumption_psk),
                           std::move(stored.epoch_authenticator),
                           std::make_unique<MessageProtection>(std::move(*protection)),
                           std::move(*exporter_tree)};
  state.begin_epoch(std::move(stored.context), std::move(stored.confirmation_tag));
  for (auto& proposal : stored.proposals) {
    state.proposals.insert_or_assign(std::string(proposal.ref.begin(), proposal.ref.end()),
                               CachedProposal{std::move(proposal.proposal), proposal.sender});
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<GroupState>> restore_group(StoredGroup stored, GroupConfig config) {
  if (stored.format != storage_format) return Errc::invalid_value;
  auto suite = CipherSuite::find(stored.epoch.context.cipher_suite);
  if (!suite) return suite.error();
  auto tree = RatchetTree::from_encoded(*suite, stored.tree);
  if (!tree) return tree.error();
  auto keys = TreePrivateKeys::restore(*suite, std::move(stored.private_keys));
  if (!keys) return keys.error();
  if (keys->leaf().value != stored.own_leaf || !keys->consistent(*tree)) return Errc::invalid_value;
  auto state = std::make_unique<GroupState>(*suite, std::move(config), LeafIndex{stored.own_leaf},
                                            std::move(stored.signature_key), std::move(*tree),
                                            std::move(*keys));
  if (auto restored = restore_epoch(*state, std::move(stored.epoch)); !restored) return restored.error();
  for (auto& entry : stored.resumption_psks) {
    state->resumption_psks.emplace_back(entry.epoch, std::move(entry.psk));
  }
  state->reinit = std::move(stored.reinit);
  state->removed = stored.removed != 0;
  state->first_epoch = stored.first_epoch;
  if (auto past = restore_past_epochs(*state, std::move(stored.past_epochs)); !past) return past.error();
  for (auto& entry : stored.pending_update_keys) {
    state->pending_update_keys.insert_or_assign(
        std::string(entry.public_key.begin(), entry.public_key.end()), std::move(entry.private_key));
  }
  return state;
}

Result<crypto::Secret> Group::serialize() const {
  if (state_->pending) return Errc::invalid_argument;
  Bytes encoded = codec::encode(store_group(*state_, true));
  crypto::Secret out(encoded);
  crypto::secure_zero(encoded);
  return out;
}

Result<std::unique_ptr<GroupState>> load_group_state(BytesView stored, GroupConfig config) {
  auto decoded = codec::decode<StoredGroup>(stored);
  if (!decoded) return decoded.error();
  return restore_group(std::move(*decoded), std::move(config));
}

Result<Group> Group::deserialize(BytesView stored, GroupConfig config) {
  auto state = load_group_state(stored, std::move(config));
  if (!state) return state.error();
  return Group(std::move(*state));
}

}  // namespace conclave::mls
