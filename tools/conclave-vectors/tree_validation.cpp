// tree-validation.json (mls-implementations): RFC 9420 sections 4.1.1, 7.3,
// 7.8 and 7.9.2 on published trees: every node's tree hash and resolution,
// the parent hashes, and every leaf's signature.

#include "check.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

std::vector<std::uint32_t> raw(const std::vector<NodeIndex>& nodes) {
  std::vector<std::uint32_t> out;
  for (const auto node : nodes) out.push_back(node.value);
  return out;
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  auto nodes = codec::decode<RatchetTreeNodes>(hex_field(v, "tree"));
  check.expect(suite.ok() && nodes.ok(), "suite or tree encoding");
  if (!suite || !nodes) return;
  auto tree = RatchetTree::from_nodes(*suite, *nodes);
  check.expect(tree.ok(), "tree rejected");
  if (!tree) return;
  const auto& hashes = v.at("tree_hashes");
  const auto& resolutions = v.at("resolutions");
  check.expect(hashes.size() == tree->leaf_count().width(), "tree size");
  for (std::uint32_t i = 0; i < hashes.size() && i < tree->leaf_count().width(); ++i) {
    const auto where = " of node " + std::to_string(i);
    check.expect_equal(tree->tree_hash(NodeIndex{i}), *from_hex(hashes[i].get<std::string>()),
                       "tree hash" + where);
    check.expect(raw(tree->resolution(NodeIndex{i})) ==
                     resolutions.at(i).get<std::vector<std::uint32_t>>(),
                 "resolution" + where);
  }
  check.expect(tree->verify_parent_hashes().ok(), "parent hashes");
  check.expect(tree->verify_leaf_signatures(hex_field(v, "group_id")).ok(), "leaf signatures");
}

}  // namespace

Tally check_tree_validation(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
