#include "conclave/mls/ratchet_tree.hpp"

#include <algorithm>
#include <cstdint>
#include <thread>
#include <utility>

namespace conclave::mls {

namespace {

using codec::Codec;
using codec::Writer;

// The `index`th variable-length vector field of an encoded node. Both node
// types start with encryption_key; a leaf's second field is signature_key, a
// parent's parent_hash, then its unmerged_leaves.
BytesView vector_field(BytesView encoded, int index) {
  codec::Reader reader(encoded);
  BytesView field;
  for (int i = 0; i <= index; ++i) reader.read_vector(field);
  return field;
}

// A parent node's unmerged_leaves read in place: the third vector field of
// its encoding, big-endian uint32 values.
class UnmergedList {
 public:
  explicit UnmergedList(BytesView encoded_parent) : bytes_(vector_field(encoded_parent, 2)) {}
  std::size_t size() const { return bytes_.size() / 4; }
  std::uint32_t operator[](std::size_t i) const {
    std::uint32_t value = 0;
    for (std::size_t b = 4 * i; b < 4 * i + 4; ++b) value = (value << 8) | bytes_[b];
    return value;
  }
  // The first position whose value is at least `leaf` (the list sorted).
  std::size_t lower_bound(std::uint32_t leaf) const {
    std::size_t low = 0;
    std::size_t high = size();
    while (low < high) {
      const std::size_t middle = low + (high - low) / 2;
      if ((*this)[middle] < leaf) low = middle + 1;
      else high = middle;
    }
    return low;
  }

 private:
  BytesView bytes_;
};

// One node of an encoded ratchet_tree list at `position`, from the front of
// `list`, which is advanced past it: the node's encoding without its
// presence and type octets, empty for a blank node. Decoding the node checks
// it; its reader's memory budget is its own, freed with the node.
Result<BytesView> next_node(BytesView& list, NodeIndex position, const codec::Limits& limits) {
  codec::Reader r(list, limits);
  std::optional<Node> node;
  if (!Codec<std::optional<Node>>::read(r, node)) return r.error();
  if (node && node->holds<LeafNode>() != tree_math::is_leaf(position)) return Errc::invalid_tree;
  const std::size_t used = list.size() - r.remaining();
  const std::size_t header = node ? 2 : 1;
  const BytesView body = list.subspan(header, used - header);
  list = list.subspan(used);
  return body;
}

// Section 12.4.3.3: the ratchet_tree extension's data, split into its nodes
// (see next_node), at most Limits::max_tree_nodes of them.
Result<std::vector<BytesView>> split_nodes(BytesView encoded, const codec::Limits& limits) {
  codec::Reader outer(encoded, limits);
  BytesView list;
  if (!outer.read_vector(list)) return outer.error();
  if (!outer.empty()) return Errc::trailing_data;
  std::vector<BytesView> nodes;
  while (!list.empty()) {
    if (nodes.size() == limits.max_tree_nodes) return Errc::decode_limit;
    auto node = next_node(list, NodeIndex{static_cast<std::uint32_t>(nodes.size())}, limits);
    if (!node) return node.error();
    nodes.push_back(*node);
  }
  return nodes;
}

template <class T>
Bytes encode_node(const Node& node) {
  return codec::encode(*node.get_if<T>());
}

// The leaves a node's subtree spans, [first, last].
std::pair<std::uint32_t, std::uint32_t> leaf_span(NodeIndex node) {
  const std::uint32_t half = (std::uint32_t{1} << tree_math::level(node)) - 1;
  return {(node.value - half) / 2, (node.value + half) / 2};
}

bool contains_any(NodeIndex node, std::span<const std::uint32_t> sorted_leaves) {
  const auto [first, last] = leaf_span(node);
  const auto it = std::lower_bound(sorted_leaves.begin(), sorted_leaves.end(), first);
  return it != sorted_leaves.end() && *it <= last;
}

// Section 7.9: ParentHashInput.
struct ParentHashInput {
  BytesView encryption_key;
  BytesView parent_hash;
  BytesView original_sibling_tree_hash;
  CONCLAVE_FIELDS(encryption_key, parent_hash, original_sibling_tree_hash)
};

// Section 7.2: LeafNodeTBS.
struct LeafNodeTbsContent {
  const LeafNode& leaf;
  CONCLAVE_FIELDS(leaf.encryption_key, leaf.signature_key, leaf.credential, leaf.capabilities,
                  leaf.source, leaf.extensions)
};

struct LeafNodeTbsPosition {
  BytesView group_id;
  std::uint32_t leaf_index;
  CONCLAVE_FIELDS(group_id, leaf_index)
};

}  // namespace

Bytes leaf_node_tbs(const LeafNode& leaf, BytesView group_id, LeafIndex index) {
  Bytes out = codec::encode(LeafNodeTbsContent{leaf});
  if (!leaf.source.holds<Lifetime>()) {
    const Bytes position = codec::encode(LeafNodeTbsPosition{group_id, index.value});
    out.insert(out.end(), position.begin(), position.end());
  }
  return out;
}

RatchetTree::RatchetTree(const CipherSuite& suite, LeafCount leaves)
    : suite_(suite), leaves_(*LeafCount::of(1)) {
  resize(leaves);
}

RatchetTree::RatchetTree(const CipherSuite& suite, LeafNode creator)
    : RatchetTree(suite, *LeafCount::of(1)) {
  set_node(NodeIndex{0}, codec::encode(creator));
}

Result<RatchetTree> RatchetTree::from_nodes(const CipherSuite& suite,
                                            const RatchetTreeNodes& nodes) {
  std::vector<Bytes> encodings(nodes.size());
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    if (!nodes[i]) continue;
    const bool at_leaf = tree_math::is_leaf(NodeIndex{i});
    if (at_leaf != nodes[i]->holds<LeafNode>()) return Errc::invalid_tree;
    encodings[i] = at_leaf ? encode_node<LeafNode>(*nodes[i]) : encode_node<ParentNode>(*nodes[i]);
  }
  return from_encodings(suite, std::move(encodings));
}

Result<RatchetTree> RatchetTree::from_encoded(const CipherSuite& suite, BytesView encoded,
                                              codec::Limits limits) {
  auto nodes = split_nodes(encoded, limits);
  if (!nodes) return nodes.error();
  std::vector<Bytes> encodings(nodes->size());
  for (std::size_t i = 0; i < nodes->size(); ++i) encodings[i].assign((*nodes)[i].begin(), (*nodes)[i].end());
  return from_encodings(suite, std::move(encodings));
}

Result<RatchetTree> RatchetTree::from_encodings(const CipherSuite& suite, std::vector<Bytes> encodings) {
  // Section 12.4.3.3: the last node MUST be non-blank; it is a leaf, so the
  // list has odd length.
  if (encodings.empty() || encodings.back().empty() || encodings.size() % 2 == 0 ||
      encodings.size() > LeafCount::max) {
    return Errc::invalid_tree;
  }
  const auto leaves = static_cast<std::uint32_t>(std::bit_ceil((encodings.size() + 1) / 2));
  RatchetTree tree(suite, *LeafCount::of(leaves));
  for (std::uint32_t i = 0; i < encodings.size(); ++i) {
    if (encodings[i].empty()) continue;
    const bool at_leaf = tree_math::is_leaf(NodeIndex{i});
    const BytesView signature_key = at_leaf ? vector_field(encodings[i], 1) : BytesView{};
    if (auto unique = tree.check_unique(vector_field(encodings[i], 0), signature_key, {}); !unique) {
      return unique.error();
    }
    tree.set_node(NodeIndex{i}, std::move(encodings[i]));
  }
  for (std::uint32_t i = 1; i < tree.nodes_.size(); i += 2) {
    if (auto valid = tree.check_unmerged_leaves(NodeIndex{i}); !valid) return valid.error();
  }
  return tree;
}

// Section 12.4.3.1: a non-blank parent's unmerged leaves are sorted, distinct,
// non-blank and below it; and each is unmerged at every non-blank node
// between it and the parent. The second holds for the whole tree when, for
// each non-blank parent, the unmerged leaves of its nearest non-blank
// ancestor that lie below it are among its own (then induction carries a
// leaf down the chain of non-blank nodes). The parents below one ancestor
// span disjoint leaves, so the checks together read each list a bounded
// number of times: linear in the tree's size.
Status RatchetTree::check_unmerged_leaves(NodeIndex node) const {
  if (is_blank(node)) return {};
  const UnmergedList own(nodes_[node.value]);
  for (std::size_t i = 0; i < own.size(); ++i) {
    const LeafIndex leaf_index{own[i]};
    if ((i > 0 && own[i - 1] >= own[i]) || !is_member(leaf_index) ||
        !tree_math::is_ancestor(node, tree_math::node_of(leaf_index))) {
      return Errc::invalid_tree;
    }
  }
  auto above = tree_math::parent(node, leaves_);
  while (above && is_blank(*above)) above = tree_math::parent(*above, leaves_);
  if (!above) return {};
  const UnmergedList inherited(nodes_[above->value]);
  const auto [first, last] = leaf_span(node);
  std::size_t mine = 0;
  for (std::size_t i = inherited.lower_bound(first); i < inherited.size() && inherited[i] <= last; ++i) {
    while (mine < own.size() && own[mine] < inherited[i]) ++mine;
    if (mine == own.size() || own[mine] != inherited[i]) return Errc::invalid_tree;
  }
  return {};
}

RatchetTreeNodes RatchetTree::to_nodes() const {
  std::size_t end = nodes_.size();
  while (end > 0 && nodes_[end - 1].empty()) --end;
  RatchetTreeNodes out(end);
  for (std::uint32_t i = 0; i < end; ++i) {
    if (nodes_[i].empty()) continue;
    const NodeIndex node{i};
    if (tree_math::is_leaf(node)) {
      out[i] = Node{*leaf(*tree_math::leaf_of(node))};
    } else {
      out[i] = Node{*parent(node)};
    }
  }
  return out;
}

Bytes RatchetTree::encoded_nodes() const { return encode_node_list(nodes_); }

Bytes encode_node_list(std::span<const Bytes> encodings) {
  std::size_t end = encodings.size();
  while (end > 0 && encodings[end - 1].empty()) --end;
  Bytes list;
  Writer w(list);
  for (std::uint32_t i = 0; i < end; ++i) {
    w.write_u8(encodings[i].empty() ? 0 : 1);
    if (encodings[i].empty()) continue;
    w.write_u8(static_cast<std::uint8_t>(tree_math::is_leaf(NodeIndex{i}) ? NodeType::leaf : NodeType::parent));
    w.write_bytes(encodings[i]);
  }
  Bytes out;
  Writer(out).write_vector(list);
  return out;
}

bool RatchetTree::is_blank(NodeIndex node) const {
  return !leaves_.contains(node) || nodes_[node.value].empty();
}

bool RatchetTree::is_member(LeafIndex leaf_index) const {
  return leaves_.contains(leaf_index) && !nodes_[tree_math::node_of(leaf_index).value].empty();
}

namespace {

// The stored encodings were made by the codec from values that were
// decoded under a budget or built in memory, so decoding one again succeeds
// and takes no more memory than its value did: no budget may refuse it (a
// node decoded within a whole message's budget can need more than a budget
// sized to the node alone).
constexpr codec::Limits own_encoding{.max_vector_length = SIZE_MAX,
                                     .max_vector_items = SIZE_MAX,
                                     .max_proposals = SIZE_MAX,
                                     .max_tree_nodes = SIZE_MAX,
                                     .max_extensions = SIZE_MAX,
                                     .memory_per_input_byte = 0,
                                     .memory_base = SIZE_MAX};

}  // namespace

std::optional<LeafNode> RatchetTree::leaf(LeafIndex index) const {
  if (!is_member(index)) return std::nullopt;
  return *codec::decode<LeafNode>(nodes_[tree_math::node_of(index).value], own_encoding);
}

std::optional<ParentNode> RatchetTree::parent(NodeIndex index) const {
  if (tree_math::is_leaf(index) || is_blank(index)) return std::nullopt;
  return *codec::decode<ParentNode>(nodes_[index.value], own_encoding);
}

BytesView RatchetTree::encryption_key(NodeIndex node) const {
  if (is_blank(node)) return {};
  return vector_field(nodes_[node.value], 0);
}

BytesView RatchetTree::signature_key(LeafIndex index) const {
  if (!is_member(index)) return {};
  return vector_field(nodes_[tree_math::node_of(index).value], 1);
}

std::vector<std::uint32_t> RatchetTree::unmerged_leaves(NodeIndex node) const {
  std::vector<std::uint32_t> out;
  if (tree_math::is_leaf(node) || is_blank(node)) return out;
  const UnmergedList list(nodes_[node.value]);
  out.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) out.push_back(list[i]);
  return out;
}

void RatchetTree::index_node(NodeIndex node, bool add) {
  if (nodes_[node.value].empty()) return;
  const auto encryption_key_at = [this](std::uint32_t n) { return encryption_key(NodeIndex{n}); };
  const auto signature_key_at = [this](std::uint32_t n) { return signature_key(LeafIndex{n}); };
  const BytesView encryption = encryption_key(node);
  const auto leaf_index = tree_math::leaf_of(node);
  if (add) {
    encryption_keys_.insert(node.value, encryption, encryption_key_at);
  } else {
    encryption_keys_.erase(node.value, encryption, encryption_key_at);
  }
  if (!leaf_index) return;
  const BytesView signature = signature_key(*leaf_index);
  if (add) {
    signature_keys_.insert(leaf_index->value, signature, signature_key_at);
  } else {
    signature_keys_.erase(leaf_index->value, signature, signature_key_at);
  }
  index_capabilities(*leaf(*leaf_index), add ? 1 : -1);
}

void RatchetTree::index_capabilities(const LeafNode& leaf_node, int delta) {
  auto count = [delta](auto& counts, auto type) {
    auto& value = counts[static_cast<std::uint16_t>(type)];
    value = static_cast<std::uint32_t>(static_cast<int>(value) + delta);
  };
  count(credentials_used_, leaf_node.credential.tag());
  for (const auto type : leaf_node.capabilities.credentials) count(credentials_supported_, type);
  for (const auto type : leaf_node.capabilities.extensions) count(extensions_supported_, type);
}

namespace {

std::uint32_t count_of(const std::unordered_map<std::uint16_t, std::uint32_t>& counts,
                       std::uint16_t type) {
  const auto found = counts.find(type);
  return found == counts.end() ? 0 : found->second;
}

}  // namespace

std::uint32_t RatchetTree::members_using(CredentialType type) const {
  return count_of(credentials_used_, static_cast<std::uint16_t>(type));
}

std::uint32_t RatchetTree::members_supporting(CredentialType type) const {
  return count_of(credentials_supported_, static_cast<std::uint16_t>(type));
}

std::uint32_t RatchetTree::members_supporting(ExtensionType type) const {
  return count_of(extensions_supported_, static_cast<std::uint16_t>(type));
}

std::vector<CredentialType> RatchetTree::credential_types_in_use() const {
  std::vector<CredentialType> types;
  for (const auto& [type, members] : credentials_used_) {
    if (members > 0) types.push_back(static_cast<CredentialType>(type));
  }
  return types;
}

// Section 7.3: encryption keys are unique across the tree, signature keys
// across its leaves; `replacing` names the nodes about to be overwritten.
// A signature key is checked when non-empty (a leaf's).
Status RatchetTree::check_unique(BytesView encryption_key, BytesView signature_key,
                                 std::span<const NodeIndex> replacing) const {
  auto replaced = [&](NodeIndex found) {
    return std::find(replacing.begin(), replacing.end(), found) != replacing.end();
  };
  const auto encryption = node_with_encryption_key(encryption_key);
  if (encryption && !replaced(*encryption)) return Errc::duplicate_key;
  if (!signature_key.empty()) {
    const auto signer = leaf_with_signature_key(signature_key);
    if (signer && !replaced(tree_math::node_of(*signer))) return Errc::duplicate_key;
  }
  return {};
}

void RatchetTree::set_node(NodeIndex node, Bytes encoded) {
  if (journal_) journal_->push_back({node.value, nodes_[node.value], std::nullopt});
  write_node(node, std::move(encoded));
}

void RatchetTree::write_node(NodeIndex node, Bytes encoded) {
  if (changed_) changed_->push_back(node.value);
  auto& slot = nodes_[node.value];
  const int node_delta = (encoded.empty() ? 0 : 1) - (slot.empty() ? 0 : 1);
  const int leaf_delta = tree_math::is_leaf(node) ? node_delta : 0;
  index_node(node, false);
  slot = std::move(encoded);
  index_node(node, true);
  members_ = static_cast<std::uint32_t>(static_cast<int>(members_) + leaf_delta);
  for (std::optional<NodeIndex> x = node; x; x = tree_math::parent(*x, leaves_)) {
    auto& counts = occupancy_[x->value];
    counts.nodes = static_cast<std::uint32_t>(static_cast<int>(counts.nodes) + node_delta);
    counts.leaves = static_cast<std::uint32_t>(static_cast<int>(counts.leaves) + leaf_delta);
    hash_valid_[x->value] = false;
  }
}

std::optional<LeafIndex> RatchetTree::leaf_with_signature_key(BytesView key) const {
  const auto found = signature_keys_.find(
      key, [this](std::uint32_t n) { return signature_key(LeafIndex{n}); });
  if (!found) return std::nullopt;
  return LeafIndex{*found};
}

std::optional<NodeIndex> RatchetTree::node_with_encryption_key(BytesView key) const {
  const auto found = encryption_keys_.find(
      key, [this](std::uint32_t n) { return encryption_key(NodeIndex{n}); });
  if (!found) return std::nullopt;
  return NodeIndex{*found};
}

// Section 4.1.1; subtrees with no non-blank node are skipped whole.
void RatchetTree::collect_resolution(NodeIndex node, std::vector<NodeIndex>& out) const {
  if (occupancy_[node.value].nodes == 0) return;
  if (!nodes_[node.value].empty()) {
    out.push_back(node);
    for (const auto leaf_index : unmerged_leaves(node)) {
      out.push_back(tree_math::node_of(LeafIndex{leaf_index}));
    }
    return;
  }
  collect_resolution(*tree_math::left(node), out);
  collect_resolution(*tree_math::right(node), out);
}

std::vector<NodeIndex> RatchetTree::resolution(NodeIndex node) const {
  std::vector<NodeIndex> out;
  if (leaves_.contains(node)) collect_resolution(node, out);
  return out;
}

std::vector<NodeIndex> RatchetTree::filtered_direct_path(LeafIndex leaf_index) const {
  std::vector<NodeIndex> path;
  const NodeIndex start = tree_math::node_of(leaf_index);
  for (auto p = tree_math::parent(start, leaves_); p; p = tree_math::parent(*p, leaves_)) {
    if (occupancy_[tree_math::child_away_from(*p, start).value].nodes > 0) path.push_back(*p);
  }
  return path;
}

Bytes RatchetTree::tree_hash() const { return tree_hash(tree_math::root(leaves_)); }

Bytes RatchetTree::tree_hash(NodeIndex node) const {
  const BytesView hash = cached_tree_hash(node);
  return {hash.begin(), hash.end()};
}

BytesView RatchetTree::cached_tree_hash(NodeIndex node) const {
  const std::size_t size = suite_.secret_size();
  const MutableBytesView slot(hashes_.data() + node.value * size, size);
  if (!hash_valid_[node.value]) {
    const Bytes hash = compute_tree_hash(node, {});
    std::copy(hash.begin(), hash.end(), slot.begin());
    hash_valid_[node.value] = true;
  }
  return slot;
}

// Section 7.8, over the tree with the `excluded` leaves (sorted) blanked and
// removed from every unmerged_leaves list: only the subtrees that hold an
// excluded leaf are recomputed, the rest come from the cache.
Bytes RatchetTree::compute_tree_hash(NodeIndex node, std::span<const std::uint32_t> excluded) const {
  Bytes input;
  Writer w(input);
  const Bytes& value = nodes_[node.value];
  if (tree_math::is_leaf(node)) {
    const std::uint32_t index = node.value / 2;
    const bool blank = value.empty() || std::binary_search(excluded.begin(), excluded.end(), index);
    w.write_u8(static_cast<std::uint8_t>(NodeType::leaf));
    w.write_u32(index);
    w.write_u8(blank ? 0 : 1);
    if (!blank) w.write_bytes(value);
    return suite_.hash(input);
  }
  auto child_hash = [&](NodeIndex child) {
    return contains_any(child, excluded) ? compute_tree_hash(child, excluded) : tree_hash(child);
  };
  const Bytes left_hash = child_hash(*tree_math::left(node));
  const Bytes right_hash = child_hash(*tree_math::right(node));
  w.write_u8(static_cast<std::uint8_t>(NodeType::parent));
  w.write_u8(value.empty() ? 0 : 1);
  if (!value.empty() && excluded.empty()) {
    w.write_bytes(value);
  } else if (!value.empty()) {
    ParentNode parent_node = *parent(node);
    std::erase_if(parent_node.unmerged_leaves, [&](std::uint32_t leaf_index) {
      return std::binary_search(excluded.begin(), excluded.end(), leaf_index);
    });
    Codec<ParentNode>::write(w, parent_node);
  }
  w.write_vector(left_hash);
  w.write_vector(right_hash);
  return suite_.hash(input);
}

Bytes RatchetTree::parent_hash(NodeIndex parent_index, NodeIndex copath_child) const {
  if (tree_math::is_leaf(parent_index) || is_blank(parent_index)) return {};
  const BytesView encoded = nodes_[parent_index.value];
  const auto unmerged = unmerged_leaves(parent_index);
  const Bytes sibling_hash = unmerged.empty() ? tree_hash(copath_child)
                                              : compute_tree_hash(copath_child, unmerged);
  return suite_.hash(codec::encode(
      ParentHashInput{vector_field(encoded, 0), vector_field(encoded, 1), sibling_hash}));
}

// The parent hash a non-blank node carries: a parent's, or a commit-sourced
// leaf's.
std::optional<Bytes> RatchetTree::carried_parent_hash(NodeIndex node) const {
  if (!tree_math::is_leaf(node)) {
    const BytesView hash = vector_field(nodes_[node.value], 1);
    return Bytes(hash.begin(), hash.end());
  }
  const auto leaf_node = leaf(*tree_math::leaf_of(node));
  const auto* commit = leaf_node->source.get_if<CommitSource>();
  if (commit == nullptr) return std::nullopt;
  return commit->parent_hash;
}

// Section 7.9.2: D, the one node of C's resolution that is not an unmerged
// leaf of P, carries the parent hash of P with copath child S.
bool RatchetTree::parent_hash_valid_below(NodeIndex parent_index, NodeIndex child,
                                          NodeIndex sibling) const {
  const auto unmerged = unmerged_leaves(parent_index);
  std::vector<NodeIndex> unmerged_below;
  for (const auto index : unmerged) {
    const auto node = tree_math::node_of(LeafIndex{index});
    if (tree_math::is_ancestor(child, node)) unmerged_below.push_back(node);
  }
  const auto candidates = resolution(child);
  if (candidates.size() != unmerged_below.size() + 1) return false;
  std::optional<NodeIndex> descendant;
  for (const auto node : candidates) {
    if (std::binary_search(unmerged_below.begin(), unmerged_below.end(), node)) continue;
    if (descendant) return false;
    descendant = node;
  }
  if (!descendant) return false;
  const auto carried = carried_parent_hash(*descendant);
  return carried && *carried == parent_hash(parent_index, sibling);
}

Status RatchetTree::verify_parent_hashes() const {
  for (std::uint32_t i = 1; i < nodes_.size(); i += 2) {
    const NodeIndex node{i};
    if (is_blank(node)) continue;
    const NodeIndex left = *tree_math::left(node);
    const NodeIndex right = *tree_math::right(node);
    const int chains = (parent_hash_valid_below(node, left, right) ? 1 : 0) +
                       (parent_hash_valid_below(node, right, left) ? 1 : 0);
    if (chains != 1) return Errc::parent_hash_invalid;
  }
  return {};
}

Status RatchetTree::verify_leaf_signatures(BytesView group_id, unsigned threads) const {
  auto verify_range = [&](std::uint32_t first, std::uint32_t last) -> Status {
    for (std::uint32_t i = first; i < last; ++i) {
      const auto leaf_node = leaf(LeafIndex{i});
      if (!leaf_node) continue;
      if (auto valid = suite_.verify_with_label(leaf_node->signature_key, "LeafNodeTBS",
                                                leaf_node_tbs(*leaf_node, group_id, LeafIndex{i}),
                                                leaf_node->signature);
          !valid) {
        return valid;
      }
    }
    return {};
  };
  const std::uint32_t count = leaves_.value();
  const std::uint32_t workers = std::clamp<std::uint32_t>(threads, 1, count);
  if (workers == 1) return verify_range(0, count);
  std::vector<Status> results(workers);
  std::vector<std::thread> pool;
  for (std::uint32_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      results[w] = verify_range(count * w / workers, count * (w + 1) / workers);
    });
  }
  for (auto& thread : pool) thread.join();
  for (const auto& result : results) {
    if (!result) return result;
  }
  return {};
}

// Section 7.7: a blank root over the tree and an all-blank right subtree.
void RatchetTree::grow() {
  // The journal's room first and its entry once grown: a growth that fails
  // to allocate is neither done nor journaled.
  if (journal_) journal_->reserve(journal_->size() + 1);
  const LeafCount before = leaves_;
  const NodeIndex old_root = tree_math::root(leaves_);
  resize(*LeafCount::of(leaves_.value() * 2));
  if (journal_) journal_->push_back({0, {}, before});
  occupancy_[tree_math::root(leaves_).value] = occupancy_[old_root.value];
}

// Drops the root and the right subtree, which hold nothing.
void RatchetTree::shrink() {
  if (journal_) journal_->push_back({0, {}, leaves_});
  resize(*LeafCount::of(leaves_.value() / 2));
}

// New nodes are blank, their hashes not yet computed.
void RatchetTree::resize(LeafCount leaves) {
  // Every allocation first: growing that fails leaves the tree as it was.
  const std::size_t width = leaves.width();
  nodes_.reserve(width);
  occupancy_.reserve(width);
  hashes_.reserve(width * suite_.secret_size());
  hash_valid_.reserve(width);
  nodes_.resize(width);
  occupancy_.resize(width);
  hashes_.resize(width * suite_.secret_size());
  hash_valid_.resize(width);
  leaves_ = leaves;
}

// Section 7.7: while the right subtree holds nothing, the left subtree
// becomes the tree.
void RatchetTree::truncate() {
  while (leaves_.value() > 1) {
    const NodeIndex root = tree_math::root(leaves_);
    if (occupancy_[tree_math::right(root)->value].nodes > 0) return;
    set_node(root, {});
    shrink();
  }
}

BytesView RatchetTree::node_encoding(NodeIndex node) const {
  return leaves_.contains(node) ? BytesView(nodes_[node.value]) : BytesView{};
}

void RatchetTree::record_changes() { changed_.emplace(); }

std::vector<NodeIndex> RatchetTree::changed_nodes() const {
  if (!changed_) return {};
  std::vector<std::uint32_t> written = *changed_;
  std::sort(written.begin(), written.end());
  written.erase(std::unique(written.begin(), written.end()), written.end());
  std::vector<NodeIndex> nodes;
  nodes.reserve(written.size());
  for (const std::uint32_t node : written) nodes.push_back(NodeIndex{node});
  return nodes;
}

void RatchetTree::forget_changes() {
  if (changed_) changed_->clear();
}

void RatchetTree::restore_staged(LeafCount leaves, const std::vector<std::pair<NodeIndex, Bytes>>& nodes) {
  begin_staging();
  while (leaves_.value() < leaves.value()) grow();
  for (const auto& [node, encoded] : nodes) {
    if (leaves_.contains(node)) set_node(node, encoded);
  }
  while (leaves_.value() > leaves.value()) shrink();
}

void RatchetTree::begin_staging() { journal_.emplace(); }

void RatchetTree::keep_staged() { journal_.reset(); }

void RatchetTree::discard_staged() {
  if (!journal_) return;
  auto changes = std::move(*journal_);
  journal_.reset();
  for (auto change = changes.rbegin(); change != changes.rend(); ++change) {
    if (!change->leaves_before) {
      write_node(NodeIndex{change->node}, std::move(change->previous));
    } else if (change->leaves_before->value() > leaves_.value()) {
      grow();
    } else {
      shrink();
    }
  }
}

// The journal holds each change's previous encoding, so a leaf's first
// entry holds its encoding before staging.
std::vector<RatchetTree::LeafSigner> RatchetTree::staged_leaf_signers() const {
  std::vector<LeafSigner> out;
  if (!journal_) return out;
  for (const auto& change : *journal_) {
    const auto leaf = tree_math::leaf_of(NodeIndex{change.node});
    if (change.leaves_before || !leaf) continue;
    std::optional<Bytes> key;
    if (!change.previous.empty()) {
      const BytesView previous = vector_field(change.previous, 1);
      key = Bytes(previous.begin(), previous.end());
    }
    out.push_back({*leaf, std::move(key)});
  }
  // Stable: a leaf's first entry, the one before staging, stays first.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.leaf < b.leaf; });
  out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.leaf == b.leaf; }),
            out.end());
  return out;
}

std::optional<LeafIndex> RatchetTree::leftmost_blank_leaf() const {
  NodeIndex node = tree_math::root(leaves_);
  if (occupancy_[node.value].leaves == leaves_.value()) return std::nullopt;
  while (!tree_math::is_leaf(node)) {
    const NodeIndex left = *tree_math::left(node);
    const auto capacity = std::uint32_t{1} << tree_math::level(left);
    node = occupancy_[left.value].leaves < capacity ? left : *tree_math::right(node);
  }
  return tree_math::leaf_of(node);
}

Result<LeafIndex> RatchetTree::add_leaf(LeafNode leaf_node) {
  if (auto unique = check_unique(leaf_node.encryption_key, leaf_node.signature_key, {}); !unique) {
    return unique.error();
  }
  auto index = leftmost_blank_leaf();
  if (!index) {
    const auto first_new = leaves_.value();
    grow();
    index = LeafIndex{first_new};
  }
  const NodeIndex at = tree_math::node_of(*index);
  set_node(at, codec::encode(leaf_node));
  for (auto p = tree_math::parent(at, leaves_); p; p = tree_math::parent(*p, leaves_)) {
    auto updated = parent(*p);
    if (!updated) continue;
    auto& unmerged = updated->unmerged_leaves;
    unmerged.insert(std::lower_bound(unmerged.begin(), unmerged.end(), index->value), index->value);
    set_node(*p, codec::encode(*updated));
  }
  return *index;
}

void RatchetTree::blank_direct_path(LeafIndex leaf_index) {
  for (const auto p : tree_math::direct_path(tree_math::node_of(leaf_index), leaves_)) {
    if (!nodes_[p.value].empty()) set_node(p, {});
  }
}

Status RatchetTree::replace_leaf(LeafIndex leaf_index, LeafNode leaf_node) {
  const NodeIndex at = tree_math::node_of(leaf_index);
  if (!is_member(leaf_index)) return Errc::invalid_sender;
  if (auto unique = check_unique(leaf_node.encryption_key, leaf_node.signature_key,
                                 std::span<const NodeIndex>(&at, 1));
      !unique) {
    return unique;
  }
  set_node(at, codec::encode(leaf_node));
  return {};
}

Status RatchetTree::update_leaf(LeafIndex leaf_index, LeafNode leaf_node) {
  if (auto replaced = replace_leaf(leaf_index, std::move(leaf_node)); !replaced) return replaced;
  blank_direct_path(leaf_index);
  return {};
}

Status RatchetTree::remove_leaf(LeafIndex leaf_index) {
  if (!is_member(leaf_index)) return Errc::invalid_sender;
  set_node(tree_math::node_of(leaf_index), {});
  blank_direct_path(leaf_index);
  truncate();
  return {};
}

Result<RatchetTree::PathParentHashes> RatchetTree::path_parent_hashes(
    LeafIndex sender, std::span<const Bytes> keys) const {
  if (!is_member(sender)) return Errc::invalid_sender;
  const auto path = filtered_direct_path(sender);
  if (keys.size() != path.size()) return Errc::invalid_length;
  const NodeIndex start = tree_math::node_of(sender);
  PathParentHashes out{{}, std::vector<Bytes>(path.size())};
  Bytes above;
  for (std::size_t i = path.size(); i-- > 0;) {
    out.nodes[i] = above;
    const BytesView sibling_hash = cached_tree_hash(tree_math::child_away_from(path[i], start));
    above = suite_.hash(codec::encode(ParentHashInput{keys[i], out.nodes[i], sibling_hash}));
  }
  out.leaf = std::move(above);
  return out;
}

Result<Bytes> RatchetTree::merge_path_keys(LeafIndex sender, std::span<const Bytes> keys) {
  auto hashes = path_parent_hashes(sender, keys);
  if (!hashes) return hashes.error();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (node_with_encryption_key(keys[i]) ||
        std::find(keys.begin() + static_cast<std::ptrdiff_t>(i) + 1, keys.end(), keys[i]) != keys.end()) {
      return Errc::duplicate_key;
    }
  }
  const auto path = filtered_direct_path(sender);
  blank_direct_path(sender);
  for (std::size_t i = 0; i < path.size(); ++i) {
    set_node(path[i], codec::encode(ParentNode{keys[i], std::move(hashes->nodes[i]), {}}));
  }
  return std::move(hashes->leaf);
}

}  // namespace conclave::mls
