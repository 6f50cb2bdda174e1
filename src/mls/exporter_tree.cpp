// draft-ietf-mls-extensions, "Exported Secrets": the Exporter Tree.

#include "conclave/mls/exporter_tree.hpp"

#include <optional>
#include <string_view>
#include <utility>

namespace conclave::mls {

namespace {

constexpr LeafCount exporter_leaves = *LeafCount::of(ExporterTree::leaf_count);

// RFC 9420 section 9: tree_node_[left(N)]_secret and
// tree_node_[right(N)]_secret, ExpandWithLabel(tree_node_[N]_secret,
// "tree", "left" or "right", KDF.Nh).
Result<crypto::Secret> child_of(const CipherSuite& suite, const crypto::Secret& parent,
                                std::string_view side) {
  return suite.expand_with_label(parent.view(), "tree", as_bytes(side), suite.secret_size());
}

// The first and last node index of the subtree under `x`.
std::pair<std::uint32_t, std::uint32_t> span_of(NodeIndex x) {
  const std::uint32_t half = (std::uint32_t{1} << tree_math::level(x)) - 1;
  return {x.value - half, x.value + half};
}

}  // namespace

ExporterTree::ExporterTree(crypto::Secret application_export_secret) {
  nodes_.emplace(tree_math::root(exporter_leaves).value, std::move(application_export_secret));
}

Result<crypto::Secret> ExporterTree::take(const CipherSuite& suite, ComponentId component) {
  const NodeIndex target = tree_math::node_of(LeafIndex{static_cast<std::uint16_t>(component)});
  NodeIndex x = tree_math::root(exporter_leaves);
  while (!nodes_.contains(x.value)) {
    if (x == target) return Errc::generation_consumed;
    x = target < x ? *tree_math::left(x) : *tree_math::right(x);
  }
  // Derive down to the leaf first, so a failure leaves the tree unchanged.
  const NodeIndex kept = x;
  std::vector<std::pair<NodeIndex, crypto::Secret>> siblings;
  crypto::Secret secret = nodes_.at(kept.value).clone();
  while (x != target) {
    auto left = child_of(suite, secret, "left");
    auto right = child_of(suite, secret, "right");
    if (!left || !right) return left ? right.error() : left.error();
    const bool go_left = target < x;
    siblings.emplace_back(tree_math::child_away_from(x, target), std::move(go_left ? *right : *left));
    secret = std::move(go_left ? *left : *right);
    x = go_left ? *tree_math::left(x) : *tree_math::right(x);
  }
  // "Exported Secrets": the secret is consumed and its source key material
  // deleted as section 9.2 of RFC 9420 deletes the Secret Tree's: the kept
  // ancestor goes, the siblings of the path stay for other components.
  nodes_.erase(kept.value);
  for (auto& [node, sibling] : siblings) nodes_.emplace(node.value, std::move(sibling));
  return secret;
}

std::vector<StoredNodeSecret> ExporterTree::store() const {
  std::vector<StoredNodeSecret> stored;
  for (const auto& [node, secret] : nodes_) stored.push_back({node, secret.clone()});
  return stored;
}

Result<ExporterTree> ExporterTree::restore(const CipherSuite& suite, std::vector<StoredNodeSecret> stored) {
  ExporterTree tree;
  std::optional<std::uint32_t> last_end;
  for (auto& entry : stored) {
    const NodeIndex x{entry.node};
    if (!exporter_leaves.contains(x) || entry.secret.size() != suite.secret_size()) return Errc::invalid_value;
    const auto [first, end] = span_of(x);
    if (last_end && first <= *last_end) return Errc::invalid_value;
    last_end = end;
    tree.nodes_.emplace(entry.node, std::move(entry.secret));
  }
  return tree;
}

}  // namespace conclave::mls
