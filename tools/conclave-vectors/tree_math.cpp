// tree-math.json (mls-implementations): RFC 9420 appendix C for each node of
// trees of 1 to 512 leaves.

#include <optional>

#include "check.hpp"
#include "conclave/mls/tree_math.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

std::optional<std::uint32_t> expected_at(const Json& list, std::uint32_t i) {
  const auto& value = list.at(i);
  if (value.is_null()) return std::nullopt;
  return value.get<std::uint32_t>();
}

std::optional<std::uint32_t> raw(std::optional<NodeIndex> node) {
  if (!node) return std::nullopt;
  return node->value;
}

void check_tree(const Json& v, CaseCheck& check) {
  const auto n = LeafCount::of(v.at("n_leaves").get<std::uint32_t>());
  check.expect(n.has_value(), "n_leaves rejected");
  if (!n) return;
  check.expect(n->width() == v.at("n_nodes").get<std::uint32_t>(), "n_nodes");
  check.expect(tree_math::root(*n).value == v.at("root").get<std::uint32_t>(), "root");
  for (std::uint32_t i = 0; i < n->width(); ++i) {
    const NodeIndex x{i};
    const auto where = " of node " + std::to_string(i);
    check.expect(raw(tree_math::left(x)) == expected_at(v.at("left"), i), "left" + where);
    check.expect(raw(tree_math::right(x)) == expected_at(v.at("right"), i), "right" + where);
    check.expect(raw(tree_math::parent(x, *n)) == expected_at(v.at("parent"), i), "parent" + where);
    check.expect(raw(tree_math::sibling(x, *n)) == expected_at(v.at("sibling"), i),
                 "sibling" + where);
  }
}

}  // namespace

Tally check_tree_math(const Json& doc) { return check_each(doc, check_tree); }

}  // namespace conclave::vectors
