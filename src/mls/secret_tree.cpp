#include "conclave/mls/secret_tree.hpp"

#include <algorithm>
#include <limits>
#include <string_view>
#include <utility>

#include "conclave/codec/codec.hpp"

namespace conclave::mls {

namespace {

// Whether a ratchet whose next unused generation is `next` may hand out
// `generation`; `kept` says whether that generation's key is still held.
Status admit(std::uint64_t next, bool kept, std::uint32_t generation,
             const SecretTreeOptions& options) {
  // Section 9.2: a key is deleted once used, so it can be returned only once.
  if (generation < next) return kept ? Status{} : Status{Errc::generation_consumed};
  if (generation - next > options.max_forward_distance) return Errc::generation_too_far;
  return {};
}

// Section 9.1: DeriveTreeSecret(secret, "key", generation, AEAD.Nk) and
// DeriveTreeSecret(secret, "nonce", generation, AEAD.Nn), whose context is the
// generation as a uint32.
Result<RatchetKey> ratchet_key(const CipherSuite& suite, BytesView secret,
                               std::uint32_t generation) {
  auto pair = expand_key_nonce(suite, secret, codec::encode(generation));
  if (!pair) return pair.error();
  return RatchetKey{std::move(pair->key), std::move(pair->nonce), generation};
}

// Section 9: the child of parent node `parent`, whose secret is `secret`.
Result<crypto::Secret> child_secret(const CipherSuite& suite, BytesView secret, NodeIndex parent,
                                    NodeIndex child) {
  const std::string_view side = child < parent ? "left" : "right";
  return suite.expand_with_label(secret, "tree", as_bytes(side), suite.secret_size());
}

// The child of parent node x on the way down to `target`.
NodeIndex toward(NodeIndex x, NodeIndex target) {
  return target < x ? *tree_math::left(x) : *tree_math::right(x);
}

// A leaf's ratchet of one type.
template <class Leaf>
auto& ratchet_in(Leaf& leaf, RatchetType type) {
  return type == RatchetType::handshake ? leaf.handshake : leaf.application;
}

RatchetKey clone(const RatchetKey& key) {
  return RatchetKey{key.key.clone(), key.nonce.clone(), key.generation};
}

}  // namespace

SecretTree::SecretTree(const CipherSuite& suite, crypto::Secret encryption_secret, LeafCount leaves,
                       SecretTreeOptions options)
    : suite_(suite), leaves_(leaves), options_(options) {
  nodes_.emplace(tree_math::root(leaves).value, std::move(encryption_secret));
}

StoredSecretTree SecretTree::store() const {
  StoredSecretTree stored{store_frontier(), {}};
  for (const auto& [leaf, ratchets] : ratchets_) {
    stored.ratchets.push_back({leaf, ratchets.handshake.store(), ratchets.application.store()});
  }
  // In index order, so equal trees store equal bytes.
  std::sort(stored.ratchets.begin(), stored.ratchets.end(),
            [](const auto& a, const auto& b) { return a.leaf < b.leaf; });
  return stored;
}

std::vector<StoredNodeSecret> SecretTree::store_frontier() const {
  std::vector<StoredNodeSecret> frontier;
  for (const auto& [node, secret] : nodes_) frontier.push_back({node, secret.clone()});
  std::sort(frontier.begin(), frontier.end(), [](const auto& a, const auto& b) { return a.node < b.node; });
  return frontier;
}

std::optional<StoredLeafRatchets> SecretTree::store_leaf(LeafIndex leaf) const {
  const auto found = ratchets_.find(leaf.value);
  if (found == ratchets_.end()) return std::nullopt;
  return StoredLeafRatchets{leaf.value, found->second.handshake.store(), found->second.application.store()};
}

SecretTree::Changes SecretTree::take_changes() {
  Changes changes{std::exchange(frontier_changed_, false), std::exchange(changed_leaves_, {})};
  for (const std::uint32_t leaf : changes.leaves) ratchets_.at(leaf).changed = false;
  std::sort(changes.leaves.begin(), changes.leaves.end());
  return changes;
}

// Each leaf is listed once until taken, so the list stays within the
// leaves used.
void SecretTree::mark_changed(LeafIndex leaf) {
  auto& ratchets = ratchets_.at(leaf.value);
  if (!ratchets.changed) changed_leaves_.push_back(leaf.value);
  ratchets.changed = true;
}

Result<SecretTree> SecretTree::restore(const CipherSuite& suite, LeafCount leaves,
                                       SecretTreeOptions options, StoredSecretTree stored) {
  SecretTree tree(suite, crypto::Secret(), leaves, options);
  tree.nodes_.clear();
  for (auto& node : stored.nodes) {
    if (!leaves.contains(NodeIndex{node.node}) || node.secret.size() != suite.secret_size()) {
      return Errc::invalid_value;
    }
    tree.nodes_.insert_or_assign(node.node, std::move(node.secret));
  }
  for (auto& entry : stored.ratchets) {
    if (!leaves.contains(LeafIndex{entry.leaf})) return Errc::invalid_value;
    tree.ratchets_.insert_or_assign(entry.leaf, LeafRatchets{Ratchet::restore(std::move(entry.handshake)),
                                                             Ratchet::restore(std::move(entry.application))});
  }
  return tree;
}

StoredRatchet SecretTree::Ratchet::store() const {
  StoredRatchet stored{secret_.clone(), next_, {}};
  for (const auto& [generation, key] : kept_) {
    stored.kept.push_back({key.key.clone(), key.nonce.clone(), key.generation});
  }
  return stored;
}

SecretTree::Ratchet SecretTree::Ratchet::restore(StoredRatchet stored) {
  Ratchet ratchet(std::move(stored.secret));
  ratchet.next_ = stored.next;
  for (auto& key : stored.kept) ratchet.kept_.insert_or_assign(key.generation, std::move(key));
  return ratchet;
}

Result<RatchetKey> SecretTree::next(LeafIndex sender, RatchetType type) {
  if (!leaves_.contains(sender)) return Errc::invalid_sender;
  auto ratchet = ratchet_of(sender, type);
  if (!ratchet) return ratchet.error();
  const std::uint64_t generation = (*ratchet)->next_generation();
  if (generation > std::numeric_limits<std::uint32_t>::max()) return Errc::message_limit;
  auto key = (*ratchet)->take(suite_, static_cast<std::uint32_t>(generation), options_);
  if (key) mark_changed(sender);
  return key;
}

Result<RatchetKey> SecretTree::get(LeafIndex sender, RatchetType type, std::uint32_t generation) {
  if (!leaves_.contains(sender)) return Errc::invalid_sender;
  // A leaf not yet derived has consumed nothing; check before deriving it.
  if (!ratchets_.contains(sender.value)) {
    if (const auto status = admit(0, false, generation, options_); !status) return status.error();
  }
  auto ratchet = ratchet_of(sender, type);
  if (!ratchet) return ratchet.error();
  auto key = (*ratchet)->take(suite_, generation, options_);
  if (key) mark_changed(sender);
  return key;
}

Result<RatchetKey> SecretTree::peek(LeafIndex sender, RatchetType type,
                                    std::uint32_t generation) const {
  if (!leaves_.contains(sender)) return Errc::invalid_sender;
  const auto found = ratchets_.find(sender.value);
  if (found != ratchets_.end()) {
    return ratchet_in(found->second, type).peek(suite_, generation, options_);
  }
  auto split = split_path(sender);
  if (!split) return split.error();
  auto fresh = start_ratchets(split->leaf.view());
  if (!fresh) return fresh.error();
  return ratchet_in(*fresh, type).peek(suite_, generation, options_);
}

Result<SecretTree::Ratchet*> SecretTree::ratchet_of(LeafIndex sender, RatchetType type) {
  const auto found = ratchets_.find(sender.value);
  auto leaf =
      found != ratchets_.end() ? Result<LeafRatchets*>(&found->second) : derive_leaf(sender);
  if (!leaf) return leaf.error();
  return &ratchet_in(**leaf, type);
}

// Section 9.2: once a leaf's ratchets are derived, the node secrets on its
// path and the leaf's own secret are consumed; the path's siblings stay.
Result<SecretTree::LeafRatchets*> SecretTree::derive_leaf(LeafIndex leaf) {
  auto split = split_path(leaf);
  if (!split) return split.error();
  auto ratchets = start_ratchets(split->leaf.view());
  if (!ratchets) return ratchets.error();
  nodes_.erase(split->top);
  for (auto& [index, sibling] : split->siblings) nodes_.emplace(index, std::move(sibling));
  frontier_changed_ = true;
  auto* derived = &ratchets_.emplace(leaf.value, std::move(*ratchets)).first->second;
  mark_changed(leaf);
  return derived;
}

// Every node from the root to the leaf is either stored (exactly one, the
// frontier) or has been consumed above it; each node below the frontier node
// derives both children, so its own secret is consumed (section 9.2).
Result<SecretTree::PathSplit> SecretTree::split_path(LeafIndex leaf) const {
  const NodeIndex target = tree_math::node_of(leaf);
  NodeIndex x = tree_math::root(leaves_);
  while (!nodes_.contains(x.value) && x != target) x = toward(x, target);
  const auto top = nodes_.find(x.value);
  if (top == nodes_.end()) return Errc::internal;
  PathSplit split{x.value, {}, top->second.clone()};
  while (x != target) {
    const NodeIndex child = toward(x, target);
    const NodeIndex other = *tree_math::sibling(child, leaves_);
    auto off_path = child_secret(suite_, split.leaf.view(), x, other);
    if (!off_path) return off_path.error();
    auto on_path = child_secret(suite_, split.leaf.view(), x, child);
    if (!on_path) return on_path.error();
    split.siblings.emplace_back(other.value, std::move(*off_path));
    split.leaf = std::move(*on_path);
    x = child;
  }
  return split;
}

// Section 9: a leaf's secret starts its handshake and application ratchets.
Result<SecretTree::LeafRatchets> SecretTree::start_ratchets(BytesView leaf_secret) const {
  auto handshake = suite_.expand_with_label(leaf_secret, "handshake", {}, suite_.secret_size());
  if (!handshake) return handshake.error();
  auto application = suite_.expand_with_label(leaf_secret, "application", {}, suite_.secret_size());
  if (!application) return application.error();
  return LeafRatchets{Ratchet(std::move(*handshake)), Ratchet(std::move(*application))};
}

Result<RatchetKey> SecretTree::Ratchet::take(const CipherSuite& suite, std::uint32_t generation,
                                             const SecretTreeOptions& options) {
  const auto kept = kept_.find(generation);
  if (const auto status = admit(next_, kept != kept_.end(), generation, options); !status) {
    return status.error();
  }
  if (kept == kept_.end()) return advance(suite, generation, options.out_of_order_window);
  RatchetKey key = std::move(kept->second);
  kept_.erase(kept);
  return key;
}

Result<RatchetKey> SecretTree::Ratchet::peek(const CipherSuite& suite, std::uint32_t generation,
                                             const SecretTreeOptions& options) const {
  const auto kept = kept_.find(generation);
  if (const auto status = admit(next_, kept != kept_.end(), generation, options); !status) {
    return status.error();
  }
  if (kept != kept_.end()) return clone(kept->second);
  auto walked = walk(suite, generation, generation);
  if (!walked) return walked.error();
  return std::move(walked->keys.back());
}

// Section 9.1: ratchet_secret_[j+1] = DeriveTreeSecret(ratchet_secret_[j],
// "secret", j, KDF.Nh), the keys of generation j coming from
// ratchet_secret_[j].
Result<SecretTree::Ratchet::Walk> SecretTree::Ratchet::walk(const CipherSuite& suite,
                                                            std::uint32_t generation,
                                                            std::uint32_t first_kept) const {
  Walk walked{{}, secret_.clone()};
  for (std::uint64_t g = next_; g <= generation; ++g) {
    const auto current = static_cast<std::uint32_t>(g);
    if (current >= first_kept) {
      auto key = ratchet_key(suite, walked.secret.view(), current);
      if (!key) return key.error();
      walked.keys.push_back(std::move(*key));
    }
    auto following =
        suite.derive_tree_secret(walked.secret.view(), "secret", current, suite.secret_size());
    if (!following) return following.error();
    walked.secret = std::move(*following);
  }
  return walked;
}

// Section 9.2: each ratchet secret is deleted once the ratchet moves past
// it; of the skipped generations only the keys within the window are kept.
// The state changes only once every derivation has succeeded.
Result<RatchetKey> SecretTree::Ratchet::advance(const CipherSuite& suite, std::uint32_t generation,
                                                std::uint32_t window) {
  const std::uint32_t first_kept = generation > window ? generation - window : 0;
  auto walked = walk(suite, generation, first_kept);
  if (!walked) return walked.error();
  secret_ = std::move(walked->secret);
  next_ = std::uint64_t{generation} + 1;
  RatchetKey result = std::move(walked->keys.back());
  walked->keys.pop_back();
  kept_.erase(kept_.begin(), kept_.lower_bound(first_kept));
  for (auto& key : walked->keys) kept_.emplace_hint(kept_.end(), key.generation, std::move(key));
  return result;
}

Result<SenderDataKeys> sender_data_keys(const CipherSuite& suite, BytesView sender_data_secret,
                                        BytesView ciphertext) {
  // Section 6.3.2: the sample is the first KDF.Nh bytes of the ciphertext, or
  // all of it when shorter.
  const auto sample = ciphertext.first(std::min(ciphertext.size(), suite.secret_size()));
  return expand_key_nonce(suite, sender_data_secret, sample);
}

}  // namespace conclave::mls
