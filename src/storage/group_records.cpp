#include "group_records.hpp"

#include <algorithm>
#include <limits>
#include <mutex>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/codec/writer.hpp"
#include "mls/group_storage.hpp"

namespace conclave::storage {

namespace {

using mls::GroupState;

// The frontier's slot among an epoch's secret tree records; leaf indexes
// stay below 2^31.
constexpr std::uint32_t frontier_slot = std::numeric_limits<std::uint32_t>::max();

// The secrets a staged Commit's epoch starts from (GroupState::enter_epoch
// uses these; the Welcome's and the confirmation's are spent by then).
struct StoredNextSecrets {
  crypto::Secret sender_data_secret;
  crypto::Secret encryption_secret;
  crypto::Secret exporter_secret;
  crypto::Secret external_secret;
  crypto::Secret membership_key;
  crypto::Secret resumption_psk;
  crypto::Secret epoch_authenticator;
  crypto::Secret init_secret;
  crypto::Secret application_export_secret;
  CONCLAVE_FIELDS(sender_data_secret, encryption_secret, exporter_secret, external_secret,
                  membership_key, resumption_psk, epoch_authenticator, init_secret,
                  application_export_secret)
};

// A node the staged Commit changed, and its staged encoding (empty: blank).
struct StoredNode {
  std::uint32_t node = 0;
  Bytes encoding;
  CONCLAVE_FIELDS(node, encoding)
};

// This member's staged Commit: the epoch it leads to and the tree changes.
struct StoredPending {
  mls::GroupContext context;
  StoredNextSecrets secrets;
  Bytes confirmation_tag;
  mls::TreePrivateKeys::Stored private_keys;
  std::uint8_t removed_self = 0;
  std::optional<mls::ReInit> reinit;
  std::uint32_t leaves = 0;
  std::vector<StoredNode> nodes;
  CONCLAVE_FIELDS(context, secrets, confirmation_tag, private_keys, removed_self, reinit, leaves, nodes)
};

// Keys: the group ID as a length-prefixed vector (so no group's prefix is
// another's), then fixed-width big-endian numbers (so keys sort as numbers).
Bytes group_prefix(BytesView group_id) {
  Bytes key;
  codec::Writer(key).write_vector(group_id);
  return key;
}

Bytes with_u32(Bytes key, std::uint32_t value) {
  codec::Writer(key).write_u32(value);
  return key;
}

Bytes with_u64(Bytes key, std::uint64_t value) {
  codec::Writer(key).write_u64(value);
  return key;
}

template <class T>
void put_encoded(Batch& batch, Table table, Bytes key, const T& value) {
  Bytes encoded = codec::encode(value);
  batch.put(table, std::move(key), crypto::Secret(encoded));
  crypto::secure_zero(encoded);
}

template <class T>
Result<T> decode_record(BytesView value) {
  auto decoded = codec::decode<T>(value);
  if (!decoded) return Errc::storage_corrupt;
  return decoded;
}

// The whole secret tree of `epoch`: its frontier and every used leaf.
void put_secret_tree(Batch& batch, const Bytes& group, std::uint64_t epoch, const mls::SecretTree& tree) {
  const Bytes prefix = with_u64(group, epoch);
  mls::StoredSecretTree stored = tree.store();
  put_encoded(batch, Table::secret_tree, with_u32(prefix, frontier_slot), stored.nodes);
  for (const auto& leaf : stored.ratchets) {
    put_encoded(batch, Table::secret_tree, with_u32(prefix, leaf.leaf), leaf);
  }
}

// What changed in the secret tree of `epoch` since it was last written.
void put_secret_tree_changes(Batch& batch, const Bytes& group, std::uint64_t epoch, const mls::SecretTree& tree,
                             const mls::SecretTree::Changes& changes) {
  const Bytes prefix = with_u64(group, epoch);
  if (changes.frontier) {
    put_encoded(batch, Table::secret_tree, with_u32(prefix, frontier_slot), tree.store_frontier());
  }
  for (const std::uint32_t leaf : changes.leaves) {
    put_encoded(batch, Table::secret_tree, with_u32(prefix, leaf), *tree.store_leaf(mls::LeafIndex{leaf}));
  }
}

void put_group_record(Batch& batch, const Bytes& group, const GroupState& state) {
  put_encoded(batch, Table::group, group, mls::store_group(state, false));
}

// The tree nodes written since the last call, as records.
void put_tree_changes(Batch& batch, const Bytes& group, mls::RatchetTree& tree) {
  for (const auto node : tree.changed_nodes()) {
    const BytesView encoding = tree.node_encoding(node);
    if (encoding.empty()) {
      batch.erase(Table::tree_node, with_u32(group, node.value));
    } else {
      batch.put(Table::tree_node, with_u32(group, node.value), crypto::Secret(encoding));
    }
  }
  tree.forget_changes();
}

StoredPending store_pending(const GroupState& state) {
  const mls::NextEpoch& next = *state.pending;
  const auto& s = next.secrets;
  StoredPending stored{next.context,
                       {s.sender_data_secret.clone(), s.encryption_secret.clone(), s.exporter_secret.clone(),
                        s.external_secret.clone(), s.membership_key.clone(), s.resumption_psk.clone(),
                        s.epoch_authenticator.clone(), s.init_secret.clone(),
                        s.application_export_secret.clone()},
                       next.confirmation_tag,
                       next.private_keys.store(),
                       static_cast<std::uint8_t>(next.removed_self ? 1 : 0),
                       next.reinit,
                       state.tree.leaf_count().value(),
                       {}};
  for (const auto node : state.tree.changed_nodes()) {
    const BytesView encoding = state.tree.node_encoding(node);
    stored.nodes.push_back({node.value, Bytes(encoding.begin(), encoding.end())});
  }
  return stored;
}

// The tree, or the staged Commit and its tree changes, whichever the
// state holds.
void put_tree_or_pending(Batch& batch, const Bytes& group, GroupState& state) {
  if (state.pending) {
    put_encoded(batch, Table::pending, group, store_pending(state));
    return;
  }
  put_tree_changes(batch, group, state.tree);
  batch.erase(Table::pending, group);
}

void put_past_epoch(Batch& batch, const Bytes& group, const mls::PastEpoch& past) {
  put_encoded(batch, Table::past_epoch, with_u64(group, past.number()), mls::store_past_epoch(past, false));
}

bool holds(const std::vector<std::uint64_t>& epochs, std::uint64_t epoch) {
  return std::find(epochs.begin(), epochs.end(), epoch) != epochs.end();
}

// Section 14: the epochs the state no longer holds lose their records.
void erase_deleted_epochs(Batch& batch, const Bytes& group, const GroupState& state, const mls::StoreLink& link) {
  std::vector<std::uint64_t> held{state.context.epoch};
  for (const auto& past : state.past_epochs) held.push_back(past.number());
  std::vector<std::uint64_t> stored = link.past;
  stored.push_back(link.epoch);
  for (const std::uint64_t epoch : stored) {
    if (holds(held, epoch)) continue;
    batch.erase(Table::past_epoch, with_u64(group, epoch));
    batch.erase_prefix(Table::secret_tree, with_u64(group, epoch));
  }
}

// The past epochs: a record for each one new since the last batch (the
// epoch just left), and what their late messages consumed.
void put_past_epochs(Batch& batch, const Bytes& group, GroupState& state, const mls::StoreLink& link) {
  for (auto& past : state.past_epochs) {
    if (!holds(link.past, past.number())) put_past_epoch(batch, group, past);
    auto& tree = past.protection.secret_tree;
    put_secret_tree_changes(batch, group, past.number(), tree, tree.take_changes());
  }
}

// The current epoch's secret tree: whole when the epoch is new, else what
// changed.
void put_current_epoch(Batch& batch, const Bytes& group, GroupState& state, std::uint64_t stored_epoch) {
  auto& protection = *state.epoch.protection;
  if (state.context.epoch == stored_epoch) {
    put_secret_tree_changes(batch, group, state.context.epoch, protection.secret_tree(),
                            protection.take_secret_tree_changes());
    return;
  }
  put_secret_tree(batch, group, state.context.epoch, protection.secret_tree());
  protection.take_secret_tree_changes();
}

std::vector<std::uint64_t> past_epoch_numbers(const GroupState& state) {
  std::vector<std::uint64_t> numbers;
  for (const auto& past : state.past_epochs) numbers.push_back(past.number());
  return numbers;
}

// Every record of the group (its prefix, in each of its tables).
void erase_group_records(Batch& batch, const Bytes& group) {
  for (const Table table : {Table::group, Table::tree_node, Table::past_epoch, Table::secret_tree, Table::pending}) {
    batch.erase_prefix(table, group);
  }
}

// A state that failed, or that a later one took over from, writes no more:
// the store may be ahead of it, or another writer's.
Status apply_or_fail(mls::StoreLink& link, const Batch& batch) {
  if (*link.superseded) link.failed = true;
  if (link.failed) return Errc::storage_failure;
  if (auto applied = link.store->apply(batch); !applied) {
    link.failed = true;
    return Errc::storage_failure;
  }
  return {};
}

// Who writes each group, by store and group ID: two writers of one group
// would hand out one ratchet generation twice, so the latest state to
// persist or load a group takes it over and the earlier one stops.
struct Writers {
  std::mutex mutex;
  std::map<std::pair<const Store*, Bytes>, std::weak_ptr<std::atomic<bool>>> current;
};

Writers& writers() {
  static Writers all;
  return all;
}

// The new writer's flag, set when a later one takes over; the writer it
// replaces has its flag set now. The flags' deleters take the lock, so both
// flags live outside it: one whose making fails (bad_alloc), or the earlier
// writer's when its group was freed meanwhile, is deleted once it is free.
std::shared_ptr<std::atomic<bool>> claim_writer(const Store& store, const Bytes& group) {
  auto key = std::make_pair(&store, group);
  // Made first, so that the flag is not allocated when copying the key fails.
  auto forget = [key](std::atomic<bool>* flag) {
    auto& held = writers();
    const std::lock_guard release(held.mutex);
    const auto entry = held.current.find(key);
    if (entry != held.current.end() && entry->second.expired()) held.current.erase(entry);
    delete flag;
  };
  std::shared_ptr<std::atomic<bool>> superseded(new std::atomic<bool>(false), std::move(forget));
  std::shared_ptr<std::atomic<bool>> earlier;
  {
    auto& all = writers();
    const std::lock_guard lock(all.mutex);
    auto& slot = all.current[key];
    earlier = slot.lock();
    slot = superseded;
  }
  if (earlier) *earlier = true;
  return superseded;
}

// The number after `prefix` in a record's key, which must be exactly that
// long.
template <class T>
Result<T> key_number(BytesView key, std::size_t prefix) {
  if (key.size() != prefix + sizeof(T)) return Errc::storage_corrupt;
  T value = 0;
  for (std::size_t i = prefix; i < key.size(); ++i) value = static_cast<T>((value << 8) | key[i]);
  return value;
}

// The tree's node encodings by node index, from its records; within the
// node budget a tree from the wire has.
Result<std::vector<Bytes>> read_tree_nodes(Store& store, const Bytes& group) {
  auto records = store.list(Table::tree_node, group);
  if (!records) return records.error();
  std::vector<Bytes> nodes;
  for (const auto& record : *records) {
    auto index = key_number<std::uint32_t>(record.key, group.size());
    if (!index) return index.error();
    if (*index >= codec::Limits{}.max_tree_nodes || record.value.empty()) return Errc::storage_corrupt;
    if (*index >= nodes.size()) nodes.resize(std::size_t{*index} + 1);
    nodes[*index].assign(record.value.view().begin(), record.value.view().end());
  }
  return nodes;
}

// The secret tree of `epoch`, from its records.
Result<mls::StoredSecretTree> read_secret_tree(Store& store, const Bytes& group, std::uint64_t epoch) {
  const Bytes prefix = with_u64(group, epoch);
  auto records = store.list(Table::secret_tree, prefix);
  if (!records) return records.error();
  mls::StoredSecretTree tree;
  for (const auto& record : *records) {
    auto slot = key_number<std::uint32_t>(record.key, prefix.size());
    if (!slot) return slot.error();
    if (*slot == frontier_slot) {
      auto frontier = decode_record<std::vector<mls::StoredNodeSecret>>(record.value.view());
      if (!frontier) return frontier.error();
      tree.nodes = std::move(*frontier);
      continue;
    }
    auto leaf = decode_record<mls::StoredLeafRatchets>(record.value.view());
    if (!leaf) return leaf.error();
    if (leaf->leaf != *slot) return Errc::storage_corrupt;
    tree.ratchets.push_back(std::move(*leaf));
  }
  return tree;
}

// The past epochs, oldest first, each with its secret tree.
Result<std::vector<mls::StoredPastEpoch>> read_past_epochs(Store& store, const Bytes& group) {
  auto records = store.list(Table::past_epoch, group);
  if (!records) return records.error();
  std::vector<mls::StoredPastEpoch> epochs;
  for (const auto& record : *records) {
    auto number = key_number<std::uint64_t>(record.key, group.size());
    if (!number) return number.error();
    auto past = decode_record<mls::StoredPastEpoch>(record.value.view());
    if (!past) return past.error();
    if (past->context.epoch != *number) return Errc::storage_corrupt;
    auto secret_tree = read_secret_tree(store, group, *number);
    if (!secret_tree) return secret_tree.error();
    past->secret_tree = std::move(*secret_tree);
    epochs.push_back(std::move(*past));
  }
  return epochs;
}

// The state's tree gets the staged Commit's changes back, once the tree
// they make is checked: well formed, with the tree hash the Commit's epoch
// expects.
Status restore_pending(GroupState& state, std::vector<Bytes> nodes, StoredPending stored) {
  const auto leaves = mls::LeafCount::of(stored.leaves);
  if (!leaves) return Errc::storage_corrupt;
  std::vector<std::pair<mls::NodeIndex, Bytes>> changes;
  for (auto& node : stored.nodes) {
    if (node.node >= leaves->width() && !node.encoding.empty()) return Errc::storage_corrupt;
    if (node.node >= nodes.size()) nodes.resize(std::size_t{node.node} + 1);
    nodes[node.node] = node.encoding;
    changes.emplace_back(mls::NodeIndex{node.node}, std::move(node.encoding));
  }
  auto staged = mls::RatchetTree::from_encoded(state.suite, mls::encode_node_list(nodes));
  if (!staged || staged->leaf_count() != *leaves || staged->tree_hash() != stored.context.tree_hash) {
    return Errc::storage_corrupt;
  }
  auto keys = mls::TreePrivateKeys::restore(state.suite, std::move(stored.private_keys));
  if (!keys || !keys->consistent(*staged)) return Errc::storage_corrupt;
  state.tree.restore_staged(*leaves, changes);
  auto& s = stored.secrets;
  mls::EpochSecrets secrets;
  secrets.sender_data_secret = std::move(s.sender_data_secret);
  secrets.encryption_secret = std::move(s.encryption_secret);
  secrets.exporter_secret = std::move(s.exporter_secret);
  secrets.external_secret = std::move(s.external_secret);
  secrets.membership_key = std::move(s.membership_key);
  secrets.resumption_psk = std::move(s.resumption_psk);
  secrets.epoch_authenticator = std::move(s.epoch_authenticator);
  secrets.init_secret = std::move(s.init_secret);
  secrets.application_export_secret = std::move(s.application_export_secret);
  state.pending = mls::NextEpoch{std::move(stored.context), std::move(secrets), std::move(stored.confirmation_tag),
                                 std::move(*keys), stored.removed_self != 0, std::move(stored.reinit)};
  return {};
}

}  // namespace

Result<std::unique_ptr<GroupState>> load_group(Store& store, BytesView group_id, mls::GroupConfig config) {
  const Bytes group = group_prefix(group_id);
  auto record = store.get(Table::group, group);
  if (!record) return record.error();
  if (!*record) return Errc::not_in_group;
  auto stored = decode_record<mls::StoredGroup>((*record)->view());
  if (!stored) return stored.error();
  auto nodes = read_tree_nodes(store, group);
  if (!nodes) return nodes.error();
  stored->tree = mls::encode_node_list(*nodes);
  auto secret_tree = read_secret_tree(store, group, stored->epoch.context.epoch);
  if (!secret_tree) return secret_tree.error();
  stored->epoch.protection.secret_tree = std::move(*secret_tree);
  auto past = read_past_epochs(store, group);
  if (!past) return past.error();
  // The epochs the store holds: those the config no longer keeps go with
  // the next batch.
  std::vector<std::uint64_t> stored_past;
  for (const auto& epoch : *past) stored_past.push_back(epoch.context.epoch);
  stored->past_epochs = std::move(*past);
  const Bytes& stored_id = stored->epoch.context.group_id;
  if (!std::equal(stored_id.begin(), stored_id.end(), group_id.begin(), group_id.end())) {
    return Errc::storage_corrupt;
  }
  auto state = mls::restore_group(std::move(*stored), std::move(config));
  if (!state) return state.error() == Errc::storage_failure ? state.error() : Errc::storage_corrupt;
  GroupState& restored = **state;
  // The records must make the tree the epoch was entered with.
  if (restored.tree.tree_hash() != restored.context.tree_hash) return Errc::storage_corrupt;
  restored.tree.record_changes();
  auto pending = store.get(Table::pending, group);
  if (!pending) return pending.error();
  if (*pending) {
    auto staged = decode_record<StoredPending>((*pending)->view());
    if (!staged) return staged.error();
    if (auto kept = restore_pending(restored, std::move(*nodes), std::move(*staged)); !kept) return kept.error();
  }
  restored.stored = mls::StoreLink{&store, false, restored.context.epoch, std::move(stored_past),
                                   claim_writer(store, group)};
  return state;
}

Status erase_group(Store& store, BytesView group_id) {
  const Bytes group = group_prefix(group_id);
  const auto writer = claim_writer(store, group);
  Batch batch;
  erase_group_records(batch, group);
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  return {};
}

Result<bool> holds_group(Store& store, BytesView group_id) {
  auto record = store.get(Table::group, group_prefix(group_id));
  if (!record) return record.error();
  return record->has_value();
}

Status save_group(Store& store, GroupState& state, Batch batch) {
  if (state.pending) return Errc::invalid_argument;
  const Bytes group = group_prefix(state.context.group_id);
  state.stored.reset();
  erase_group_records(batch, group);
  put_group_record(batch, group, state);
  const mls::LeafCount leaves = state.tree.leaf_count();
  for (std::uint32_t node = 0; node < leaves.width(); ++node) {
    const BytesView encoding = state.tree.node_encoding(mls::NodeIndex{node});
    if (!encoding.empty()) batch.put(Table::tree_node, with_u32(group, node), crypto::Secret(encoding));
  }
  auto& protection = *state.epoch.protection;
  put_secret_tree(batch, group, state.context.epoch, protection.secret_tree());
  for (const auto& past : state.past_epochs) {
    put_past_epoch(batch, group, past);
    put_secret_tree(batch, group, past.number(), past.protection.secret_tree);
  }
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  protection.take_secret_tree_changes();
  for (auto& past : state.past_epochs) past.protection.secret_tree.take_changes();
  state.tree.record_changes();
  state.stored =
      mls::StoreLink{&store, false, state.context.epoch, past_epoch_numbers(state), claim_writer(store, group)};
  return {};
}

Status save_changes(GroupState& state, Changed changed) {
  mls::StoreLink& link = *state.stored;
  if (link.failed) return Errc::storage_failure;
  const Bytes group = group_prefix(state.context.group_id);
  Batch batch;
  const bool new_epoch = state.context.epoch != link.epoch;
  erase_deleted_epochs(batch, group, state, link);
  put_past_epochs(batch, group, state, link);
  put_current_epoch(batch, group, state, link.epoch);
  if (changed == Changed::everything || new_epoch) {
    put_group_record(batch, group, state);
    put_tree_or_pending(batch, group, state);
  }
  if (batch.empty()) return {};
  if (auto applied = apply_or_fail(link, batch); !applied) return applied;
  link.epoch = state.context.epoch;
  link.past = past_epoch_numbers(state);
  return {};
}

}  // namespace conclave::storage
