// Tree math (RFC 9420 appendix C), checked against trees built recursively
// from their definition, and at the largest size, 2^31 leaves.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "conclave/mls/tree_math.hpp"

namespace {

using namespace conclave::mls;

using Raw = std::optional<std::uint32_t>;

Raw raw(std::optional<NodeIndex> node) {
  if (!node) return std::nullopt;
  return node->value;
}

std::vector<std::uint32_t> raw(const std::vector<NodeIndex>& nodes) {
  std::vector<std::uint32_t> out;
  for (const auto node : nodes) out.push_back(node.value);
  return out;
}

// ------------------------------------------------------------- LeafCount

TEST(LeafCount, AcceptsEveryPowerOfTwoUpTo2To31) {
  for (std::uint32_t k = 0; k <= 31; ++k) {
    const std::uint32_t leaves = std::uint32_t{1} << k;
    const auto n = LeafCount::of(leaves);
    ASSERT_TRUE(n.has_value()) << leaves;
    EXPECT_EQ(n->value(), leaves);
    EXPECT_EQ(n->width(), static_cast<std::uint32_t>((std::uint64_t{2} << k) - 1));
  }
}

TEST(LeafCount, RejectsZeroNonPowersAndAbove2To31) {
  const std::uint32_t rejected[] = {0,           3,           5,           6,
                                    7,           12,          63,          (1u << 31) - 1,
                                    (1u << 31) + 1, (1u << 31) + (1u << 30), 0xffffffffu};
  for (const auto leaves : rejected) {
    EXPECT_FALSE(LeafCount::of(leaves).has_value()) << leaves;
  }
}

// ---------------------------------------------------------- small helpers

TEST(TreeMath, LeafAndNodeIndices) {
  EXPECT_EQ(tree_math::node_of(LeafIndex{3}).value, 6u);
  EXPECT_EQ(tree_math::leaf_of(NodeIndex{6}), LeafIndex{3});
  EXPECT_FALSE(tree_math::leaf_of(NodeIndex{5}).has_value());
  EXPECT_TRUE(tree_math::is_leaf(NodeIndex{0}));
  EXPECT_FALSE(tree_math::is_leaf(NodeIndex{7}));
  EXPECT_EQ(tree_math::level(NodeIndex{0}), 0u);
  EXPECT_EQ(tree_math::level(NodeIndex{5}), 1u);
  EXPECT_EQ(tree_math::level(NodeIndex{7}), 3u);
}

TEST(TreeMath, ChildrenExistForParentsOnly) {
  EXPECT_FALSE(tree_math::left(NodeIndex{4}).has_value());
  EXPECT_FALSE(tree_math::right(NodeIndex{4}).has_value());
  EXPECT_EQ(raw(tree_math::left(NodeIndex{3})), Raw(1));
  EXPECT_EQ(raw(tree_math::right(NodeIndex{3})), Raw(5));
}

// ------------------------------------------------------ the largest tree

class LargestTree : public ::testing::Test {
 protected:
  const LeafCount n = *LeafCount::of(LeafCount::max);
  const NodeIndex root = tree_math::root(n);
  const NodeIndex first_leaf{0};
  const NodeIndex last_leaf{0xfffffffeu};
};

TEST_F(LargestTree, RootAndWidth) {
  EXPECT_EQ(n.value(), 1u << 31);
  EXPECT_EQ(n.width(), 0xffffffffu);
  EXPECT_EQ(root.value, (1u << 31) - 1);
  EXPECT_EQ(raw(tree_math::left(root)), Raw((1u << 30) - 1));
  EXPECT_EQ(raw(tree_math::right(root)), Raw(3u * (1u << 30) - 1));
  EXPECT_TRUE(n.contains(last_leaf));
  EXPECT_FALSE(n.contains(NodeIndex{0xffffffffu}));
  EXPECT_TRUE(n.contains(LeafIndex{(1u << 31) - 1}));
  EXPECT_FALSE(n.contains(LeafIndex{1u << 31}));
}

TEST_F(LargestTree, DirectPathOfTheFirstLeaf) {
  // The left spine: 2^k - 1 for k = 1 .. 31.
  std::vector<std::uint32_t> expected;
  for (std::uint32_t k = 1; k <= 31; ++k) expected.push_back((std::uint32_t{1} << k) - 1);
  const auto path = raw(tree_math::direct_path(first_leaf, n));
  EXPECT_EQ(path.size(), 31u);
  EXPECT_EQ(path, expected);
  EXPECT_EQ(path.back(), root.value);
}

TEST_F(LargestTree, CopathOfTheFirstLeaf) {
  // The right sibling of each spine node 2^k - 1 is 3 * 2^k - 1.
  std::vector<std::uint32_t> expected;
  for (std::uint32_t k = 0; k <= 30; ++k) expected.push_back(3u * (std::uint32_t{1} << k) - 1);
  const auto path = raw(tree_math::copath(first_leaf, n));
  EXPECT_EQ(path.size(), 31u);
  EXPECT_EQ(path, expected);
}

TEST_F(LargestTree, PathsOfTheLastLeaf) {
  const auto direct = raw(tree_math::direct_path(last_leaf, n));
  ASSERT_EQ(direct.size(), 31u);
  EXPECT_EQ(direct.front(), 0xfffffffdu);
  EXPECT_EQ(direct.back(), root.value);
  const auto copath = raw(tree_math::copath(last_leaf, n));
  ASSERT_EQ(copath.size(), 31u);
  EXPECT_EQ(copath.front(), 0xfffffffcu);
  EXPECT_EQ(copath.back(), (1u << 30) - 1);
}

TEST_F(LargestTree, RootAndOutsideNodesHaveNoParent) {
  EXPECT_FALSE(tree_math::parent(root, n).has_value());
  EXPECT_FALSE(tree_math::sibling(root, n).has_value());
  EXPECT_FALSE(tree_math::parent(NodeIndex{0xffffffffu}, n).has_value());
  EXPECT_FALSE(tree_math::sibling(NodeIndex{0xffffffffu}, n).has_value());
  EXPECT_TRUE(tree_math::direct_path(NodeIndex{0xffffffffu}, n).empty());
  EXPECT_TRUE(tree_math::copath(NodeIndex{0xffffffffu}, n).empty());
  EXPECT_TRUE(tree_math::direct_path(root, n).empty());
  EXPECT_TRUE(tree_math::copath(root, n).empty());
}

TEST_F(LargestTree, CommonAncestorOfTheOuterLeavesIsTheRoot) {
  EXPECT_EQ(tree_math::common_ancestor(first_leaf, last_leaf), root);
  EXPECT_EQ(tree_math::common_ancestor(last_leaf, first_leaf), root);
  EXPECT_EQ(tree_math::common_ancestor(root, last_leaf), root);
}

// ------------------------------------- brute force against the definition

// A tree built from the definition alone: the subtree over leaves [a, b)
// has leaf 2a alone when b = a + 1, else its root is the node midway
// between its outermost leaves 2a and 2(b - 1), that is a + b - 1, over the
// subtrees on [a, (a+b)/2) and [(a+b)/2, b).
class ReferenceTree {
 public:
  explicit ReferenceTree(std::uint32_t leaves)
      : width_(2 * leaves - 1), parent_(width_), left_(width_), right_(width_), level_(width_) {
    root_ = build(0, leaves, std::nullopt);
  }

  std::uint32_t width() const { return width_; }
  std::uint32_t root() const { return root_; }
  Raw parent(std::uint32_t x) const { return parent_[x]; }
  Raw left(std::uint32_t x) const { return left_[x]; }
  Raw right(std::uint32_t x) const { return right_[x]; }
  std::uint32_t level(std::uint32_t x) const { return level_[x]; }

  Raw sibling(std::uint32_t x) const {
    const auto p = parent(x);
    if (!p) return std::nullopt;
    return left(*p) == x ? right(*p) : left(*p);
  }

  std::vector<std::uint32_t> direct_path(std::uint32_t x) const {
    std::vector<std::uint32_t> path;
    for (auto p = parent(x); p; p = parent(*p)) path.push_back(*p);
    return path;
  }

  std::vector<std::uint32_t> copath(std::uint32_t x) const {
    std::vector<std::uint32_t> path;
    std::vector<std::uint32_t> nodes{x};
    const auto direct = direct_path(x);
    nodes.insert(nodes.end(), direct.begin(), direct.end());
    nodes.pop_back();  // the root has no sibling
    for (const auto node : nodes) path.push_back(*sibling(node));
    return path;
  }

  // The first node on x's path to the root that is also on y's.
  std::uint32_t common_ancestor(std::uint32_t x, std::uint32_t y) const {
    std::vector<std::uint32_t> from_x{x};
    const auto direct_x = direct_path(x);
    from_x.insert(from_x.end(), direct_x.begin(), direct_x.end());
    std::vector<std::uint32_t> from_y{y};
    const auto direct_y = direct_path(y);
    from_y.insert(from_y.end(), direct_y.begin(), direct_y.end());
    for (const auto node : from_x) {
      if (std::find(from_y.begin(), from_y.end(), node) != from_y.end()) return node;
    }
    return root_;
  }

 private:
  std::uint32_t build(std::uint32_t a, std::uint32_t b, Raw parent) {
    if (b - a == 1) {
      parent_[2 * a] = parent;
      level_[2 * a] = 0;
      return 2 * a;
    }
    const std::uint32_t node = a + b - 1;
    const std::uint32_t middle = (a + b) / 2;
    const auto l = build(a, middle, node);
    const auto r = build(middle, b, node);
    parent_[node] = parent;
    left_[node] = l;
    right_[node] = r;
    level_[node] = level_[l] + 1;
    return node;
  }

  std::uint32_t width_;
  std::uint32_t root_ = 0;
  std::vector<Raw> parent_;
  std::vector<Raw> left_;
  std::vector<Raw> right_;
  std::vector<std::uint32_t> level_;
};

class TreeMathBruteForce : public ::testing::TestWithParam<std::uint32_t> {
 protected:
  const LeafCount n = *LeafCount::of(GetParam());
  const ReferenceTree reference{GetParam()};
};

TEST_P(TreeMathBruteForce, RootAndWidth) {
  EXPECT_EQ(n.width(), reference.width());
  EXPECT_EQ(tree_math::root(n).value, reference.root());
}

TEST_P(TreeMathBruteForce, EveryNodesRelatives) {
  for (std::uint32_t i = 0; i < reference.width(); ++i) {
    SCOPED_TRACE("node " + std::to_string(i));
    const NodeIndex x{i};
    EXPECT_EQ(tree_math::level(x), reference.level(i));
    EXPECT_EQ(tree_math::is_leaf(x), reference.level(i) == 0);
    EXPECT_EQ(raw(tree_math::left(x)), reference.left(i));
    EXPECT_EQ(raw(tree_math::right(x)), reference.right(i));
    EXPECT_EQ(raw(tree_math::parent(x, n)), reference.parent(i));
    EXPECT_EQ(raw(tree_math::sibling(x, n)), reference.sibling(i));
    EXPECT_EQ(raw(tree_math::direct_path(x, n)), reference.direct_path(i));
    EXPECT_EQ(raw(tree_math::copath(x, n)), reference.copath(i));
  }
}

TEST_P(TreeMathBruteForce, CommonAncestorOfEveryPair) {
  for (std::uint32_t i = 0; i < reference.width(); ++i) {
    for (std::uint32_t j = 0; j < reference.width(); ++j) {
      ASSERT_EQ(tree_math::common_ancestor(NodeIndex{i}, NodeIndex{j}).value,
                reference.common_ancestor(i, j))
          << "nodes " << i << " and " << j;
    }
  }
}

TEST_P(TreeMathBruteForce, NodesOutsideTheTreeHaveNoRelatives) {
  for (const std::uint32_t i : {n.width(), n.width() + 1, 2 * n.width(), 0xffffffffu}) {
    SCOPED_TRACE("node " + std::to_string(i));
    const NodeIndex x{i};
    EXPECT_FALSE(n.contains(x));
    EXPECT_FALSE(tree_math::parent(x, n).has_value());
    EXPECT_FALSE(tree_math::sibling(x, n).has_value());
    EXPECT_TRUE(tree_math::direct_path(x, n).empty());
    EXPECT_TRUE(tree_math::copath(x, n).empty());
  }
}

INSTANTIATE_TEST_SUITE_P(TreeMath, TreeMathBruteForce,
                         ::testing::Values(1u, 2u, 4u, 8u, 16u, 32u, 64u),
                         [](const auto& test) { return std::to_string(test.param) + "Leaves"; });

}  // namespace
