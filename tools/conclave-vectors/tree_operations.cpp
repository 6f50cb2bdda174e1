// tree-operations.json (mls-implementations): RFC 9420 sections 7.7, 7.8 and
// 12.1: an Add, Update or Remove applied to a tree gives the published tree
// and tree hash.

#include "check.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

Status apply(RatchetTree& tree, const Proposal& proposal, LeafIndex sender) {
  if (const auto* add = proposal.get_if<Add>()) {
    auto added = tree.add_leaf(add->key_package.leaf_node);
    return added ? Status() : Status(added.error());
  }
  if (const auto* update = proposal.get_if<Update>()) return tree.update_leaf(sender, update->leaf_node);
  if (const auto* remove = proposal.get_if<Remove>()) return tree.remove_leaf(LeafIndex{remove->removed});
  return Errc::invalid_argument;
}

void check_case(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  auto before = codec::decode<RatchetTreeNodes>(hex_field(v, "tree_before"));
  auto proposal = codec::decode<Proposal>(hex_field(v, "proposal"));
  check.expect(suite.ok() && before.ok() && proposal.ok(), "inputs did not decode");
  if (!suite || !before || !proposal) return;
  auto tree = RatchetTree::from_nodes(*suite, *before);
  check.expect(tree.ok(), "tree_before rejected");
  if (!tree) return;
  check.expect_equal(tree->tree_hash(), hex_field(v, "tree_hash_before"), "tree_hash_before");
  const LeafIndex sender{v.at("proposal_sender").get<std::uint32_t>()};
  check.expect(apply(*tree, *proposal, sender).ok(), "proposal did not apply");
  check.expect_equal(codec::encode(tree->to_nodes()), hex_field(v, "tree_after"), "tree_after");
  check.expect_equal(tree->tree_hash(), hex_field(v, "tree_hash_after"), "tree_hash_after");
}

}  // namespace

Tally check_tree_operations(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
