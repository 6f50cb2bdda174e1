#pragma once

/// @file
/// RFC 9420 appendix C: the array representation of a left-balanced binary
/// tree. Leaves sit at even indices, parents at odd ones; the tree always has
/// a power-of-two number of leaves (section 7.7), at most 2^31.

#include <bit>
#include <compare>
#include <cstdint>
#include <optional>
#include <vector>

namespace conclave::mls {

/// A node's position in the tree's array (appendix C): leaves at even
/// indices, parents at odd ones.
struct NodeIndex {
  std::uint32_t value = 0;  ///< The array index.
  /// Ordered by array index, which is the left-to-right order of the nodes.
  friend constexpr auto operator<=>(NodeIndex, NodeIndex) = default;
};

/// A leaf's position among the leaves, left to right, as MLS messages carry
/// it; the leaf's node is NodeIndex 2 * value (tree_math::node_of).
struct LeafIndex {
  std::uint32_t value = 0;  ///< The leaf's index.
  /// Ordered by leaf index.
  friend constexpr auto operator<=>(LeafIndex, LeafIndex) = default;
};

/// The number of leaves of a tree: a power of two from 1 to 2^31.
class LeafCount {
 public:
  static constexpr std::uint32_t max = std::uint32_t{1} << 31;  ///< The most leaves a tree may have.

  /// The count of `leaves`, or nullopt when `leaves` is not a power of two
  /// from 1 to 2^31.
  static constexpr std::optional<LeafCount> of(std::uint32_t leaves) noexcept {
    if (leaves == 0 || leaves > max || !std::has_single_bit(leaves)) return std::nullopt;
    return LeafCount(leaves);
  }

  /// The number of leaves, n.
  constexpr std::uint32_t value() const noexcept { return leaves_; }
  /// The number of nodes, 2n - 1.
  constexpr std::uint32_t width() const noexcept { return 2 * leaves_ - 1; }
  /// Whether node `x` lies inside a tree of this many leaves.
  constexpr bool contains(NodeIndex x) const noexcept { return x.value < width(); }
  /// Whether leaf `x` lies inside a tree of this many leaves.
  constexpr bool contains(LeafIndex x) const noexcept { return x.value < leaves_; }
  /// Ordered by the number of leaves.
  friend constexpr auto operator<=>(LeafCount, LeafCount) = default;

 private:
  constexpr explicit LeafCount(std::uint32_t leaves) noexcept : leaves_(leaves) {}
  std::uint32_t leaves_;
};

namespace tree_math {

/// The height of a node above the leaves: its count of trailing one bits
/// (0 for a leaf).
constexpr std::uint32_t level(NodeIndex x) noexcept {
  return static_cast<std::uint32_t>(std::countr_one(x.value));
}

/// Whether `x` is a leaf: leaves sit at even indices.
constexpr bool is_leaf(NodeIndex x) noexcept { return (x.value & 1) == 0; }

/// The node of a leaf, at index 2 * leaf.
constexpr NodeIndex node_of(LeafIndex leaf) noexcept { return NodeIndex{2 * leaf.value}; }

/// The leaf at node `x`, or nullopt when `x` is a parent node.
constexpr std::optional<LeafIndex> leaf_of(NodeIndex x) noexcept {
  if (!is_leaf(x)) return std::nullopt;
  return LeafIndex{x.value / 2};
}

/// The root of a tree of `n` leaves, the node at index n - 1.
constexpr NodeIndex root(LeafCount n) noexcept {
  return NodeIndex{(std::uint32_t{1} << (std::bit_width(n.width()) - 1)) - 1};
}

/// The left child of `x`; nullopt for a leaf (children exist for parent
/// nodes only).
constexpr std::optional<NodeIndex> left(NodeIndex x) noexcept {
  const auto k = level(x);
  if (k == 0) return std::nullopt;
  return NodeIndex{x.value ^ (std::uint32_t{1} << (k - 1))};
}

/// The right child of `x`; nullopt for a leaf. In a tree of a power-of-two
/// number of leaves, every parent's right child is inside the tree.
constexpr std::optional<NodeIndex> right(NodeIndex x) noexcept {
  const auto k = level(x);
  if (k == 0) return std::nullopt;
  return NodeIndex{x.value ^ (std::uint32_t{3} << (k - 1))};
}

/// The parent of `x` in a tree of `n` leaves; empty for the root and for
/// nodes outside the tree.
constexpr std::optional<NodeIndex> parent(NodeIndex x, LeafCount n) noexcept {
  if (!n.contains(x) || x == root(n)) return std::nullopt;
  const auto k = level(x);
  const std::uint64_t b = (std::uint64_t{x.value} >> (k + 1)) & 1;
  const std::uint64_t p = (std::uint64_t{x.value} | (std::uint64_t{1} << k)) ^ (b << (k + 1));
  return NodeIndex{static_cast<std::uint32_t>(p)};
}

/// The other child of `x`'s parent; empty for the root and for nodes
/// outside the tree.
constexpr std::optional<NodeIndex> sibling(NodeIndex x, LeafCount n) noexcept {
  const auto p = parent(x, n);
  if (!p) return std::nullopt;
  return x < *p ? right(*p) : left(*p);
}

/// Section 4.1: the direct path, the parents from x's parent up to the
/// root; empty for the root and for nodes outside the tree.
std::vector<NodeIndex> direct_path(NodeIndex x, LeafCount n);

/// Section 4.1: the copath, the siblings of x and of each node on its
/// direct path but the root, bottom up; empty for the root and for nodes
/// outside the tree.
std::vector<NodeIndex> copath(NodeIndex x, LeafCount n);

/// The lowest node whose subtree holds both x and y (x itself when y is x
/// or below it).
constexpr NodeIndex common_ancestor(NodeIndex x, NodeIndex y) noexcept {
  const auto lx = level(x) + 1;
  const auto ly = level(y) + 1;
  if (lx <= ly && (std::uint64_t{x.value} >> ly) == (std::uint64_t{y.value} >> ly)) return y;
  if (ly <= lx && (std::uint64_t{x.value} >> lx) == (std::uint64_t{y.value} >> lx)) return x;
  std::uint64_t xn = x.value;
  std::uint64_t yn = y.value;
  std::uint32_t k = 0;
  while (xn != yn) {
    xn >>= 1;
    yn >>= 1;
    ++k;
  }
  return NodeIndex{static_cast<std::uint32_t>((xn << k) + (std::uint64_t{1} << (k - 1)) - 1)};
}

/// Whether `x` is in the subtree of `ancestor`, counting `x` == `ancestor`.
constexpr bool is_ancestor(NodeIndex ancestor, NodeIndex x) noexcept {
  return common_ancestor(ancestor, x) == ancestor;
}

/// The child of `parent` whose subtree does not hold x: x's copath node below
/// `parent`. `parent` must be a parent node and x below it.
constexpr NodeIndex child_away_from(NodeIndex parent, NodeIndex x) noexcept {
  return x < parent ? *right(parent) : *left(parent);
}

}  // namespace tree_math

}  // namespace conclave::mls
