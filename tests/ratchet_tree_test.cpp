// The ratchet tree (RFC 9420 sections 4, 7 and 12.4.3.3): structure,
// resolution, tree and parent hashes, and every rejection a joiner or a
// member must make, each with its own error and no change to the tree.

#include <gtest/gtest.h>

#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

class RatchetTreeTest : public ::testing::Test {
 protected:
  CipherSuite suite =
      *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("ratchet tree test")};
  Bytes group_id{'g', 'r', 'o', 'u', 'p'};

  test::GroupTree group(std::uint32_t members) {
    return test::full_tree(suite, members, group_id, random);
  }

  // The tree's nodes after `edit`, as a joiner would receive them: built by
  // from_nodes(), which from_encoded() must agree with (the same error, or
  // the same tree).
  template <class Edit>
  Result<RatchetTree> edited(const RatchetTree& tree, Edit edit) {
    auto nodes = tree.to_nodes();
    edit(nodes);
    auto built = RatchetTree::from_nodes(suite, nodes);
    auto from_encoded = RatchetTree::from_encoded(suite, codec::encode(nodes));
    EXPECT_EQ(built.ok(), from_encoded.ok());
    if (built && from_encoded) {
      EXPECT_EQ(built->tree_hash(), from_encoded->tree_hash());
    } else if (!built && !from_encoded) {
      EXPECT_EQ(built.error(), from_encoded.error());
    }
    return built;
  }
};

ParentNode& parent_at(RatchetTreeNodes& nodes, std::uint32_t index) {
  return *nodes[index]->get_if<ParentNode>();
}

LeafNode& leaf_at(RatchetTreeNodes& nodes, std::uint32_t leaf) {
  return *nodes[2 * leaf]->get_if<LeafNode>();
}

TEST_F(RatchetTreeTest, AFullTreeValidates) {
  auto g = group(5);
  EXPECT_EQ(g.tree.leaf_count().value(), 8u);
  EXPECT_EQ(g.tree.member_count(), 5u);
  EXPECT_TRUE(is_ok(g.tree.verify_parent_hashes()));
  EXPECT_TRUE(is_ok(g.tree.verify_leaf_signatures(group_id)));
  EXPECT_TRUE(is_ok(g.tree.verify_leaf_signatures(group_id, 3)));
  auto rebuilt = RatchetTree::from_nodes(suite, g.tree.to_nodes());
  ASSERT_TRUE(is_ok(rebuilt));
  EXPECT_EQ(rebuilt->tree_hash(), g.tree.tree_hash());
}

// Section 4.1.1: a blank node resolves to its children's resolutions; a
// parent with unmerged leaves resolves to itself and them.
TEST_F(RatchetTreeTest, ResolutionFollowsBlanksAndUnmergedLeaves) {
  auto g = group(4);
  ASSERT_TRUE(is_ok(g.tree.add_leaf(test::make_member(suite, random, 9).leaf)));
  // Extension added a blank root over the old tree (root 3) and the new leaf.
  EXPECT_EQ(g.tree.resolution(NodeIndex{7}), (std::vector<NodeIndex>{NodeIndex{3}, NodeIndex{8}}));
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{1})));
  EXPECT_EQ(g.tree.resolution(NodeIndex{1}), (std::vector<NodeIndex>{NodeIndex{0}}));
  EXPECT_EQ(g.tree.resolution(NodeIndex{2}), std::vector<NodeIndex>{});
  EXPECT_EQ(g.tree.resolution(NodeIndex{3}),
            (std::vector<NodeIndex>{NodeIndex{0}, NodeIndex{5}}));
  // Node 1 drops out: its copath child, leaf 1, resolves to nothing.
  EXPECT_EQ(g.tree.filtered_direct_path(LeafIndex{0}),
            (std::vector<NodeIndex>{NodeIndex{3}, NodeIndex{7}}));
}

TEST_F(RatchetTreeTest, RemovingTheLastMembersTruncates) {
  auto g = group(5);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{4})));
  EXPECT_EQ(g.tree.leaf_count().value(), 4u);
  EXPECT_TRUE(is_ok(g.tree.verify_parent_hashes()));
}

TEST_F(RatchetTreeTest, AddFillsTheLeftmostBlankLeaf) {
  auto g = group(4);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{1})));
  auto added = g.tree.add_leaf(test::make_member(suite, random, 7).leaf);
  ASSERT_TRUE(is_ok(added));
  EXPECT_EQ(added->value, 1u);
}

TEST_F(RatchetTreeTest, WrongParentHashIsRejected) {
  auto g = group(4);
  auto tree = edited(g.tree, [](RatchetTreeNodes& nodes) { parent_at(nodes, 1).parent_hash[0] ^= 1; });
  ASSERT_TRUE(is_ok(tree));
  EXPECT_TRUE(fails_with(tree->verify_parent_hashes(), Errc::parent_hash_invalid));
}

// Leaf 0's parent hash is re-pointed at node 3, skipping its parent node 1,
// which is left with no chain.
TEST_F(RatchetTreeTest, ParentHashChainThatSkipsANodeIsRejected) {
  auto g = group(4);
  const Bytes skip = g.tree.parent_hash(NodeIndex{3}, NodeIndex{5});
  auto tree = edited(g.tree, [&](RatchetTreeNodes& nodes) {
    leaf_at(nodes, 0).source = LeafNodeSourceData{CommitSource{skip}};
  });
  ASSERT_TRUE(is_ok(tree));
  EXPECT_TRUE(fails_with(tree->verify_parent_hashes(), Errc::parent_hash_invalid));
}

TEST_F(RatchetTreeTest, DuplicateKeysAreRejected) {
  auto g = group(4);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    leaf_at(nodes, 1).signature_key = leaf_at(nodes, 0).signature_key;
  }), Errc::duplicate_key));
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    parent_at(nodes, 5).encryption_key = leaf_at(nodes, 3).encryption_key;
  }), Errc::duplicate_key));

  const Bytes before = g.tree.tree_hash();
  auto twin = test::make_member(suite, random, 8).leaf;
  twin.signature_key = g.members[2].signer.public_key;
  EXPECT_TRUE(fails_with(g.tree.add_leaf(twin), Errc::duplicate_key));
  EXPECT_EQ(g.tree.tree_hash(), before);
}

TEST_F(RatchetTreeTest, UnmergedLeafNotBelowItsParentIsRejected) {
  auto g = group(4);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    parent_at(nodes, 1).unmerged_leaves = {2};
  }), Errc::invalid_tree));
}

// Section 12.4.3.1: an unmerged leaf is a member's.
TEST_F(RatchetTreeTest, UnmergedBlankLeafIsRejected) {
  auto g = group(4);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    nodes[4].reset();
    parent_at(nodes, 5).unmerged_leaves = {2};
  }), Errc::invalid_tree));
}

// Section 12.4.3.1: leaf 7, added under non-blank nodes 11 and 7, must be
// unmerged at both, listed once.
TEST_F(RatchetTreeTest, UnmergedLeavesMustBeRepeatedAtEveryNodeBetween) {
  auto g = group(7);
  ASSERT_TRUE(is_ok(g.tree.add_leaf(test::make_member(suite, random, 9).leaf)));
  ASSERT_TRUE(g.tree.parent(NodeIndex{11}).has_value());
  EXPECT_EQ(g.tree.parent(NodeIndex{11})->unmerged_leaves, std::vector<std::uint32_t>{7});
  EXPECT_EQ(g.tree.parent(NodeIndex{7})->unmerged_leaves, std::vector<std::uint32_t>{7});
  EXPECT_TRUE(is_ok(RatchetTree::from_nodes(suite, g.tree.to_nodes())));
  EXPECT_TRUE(is_ok(g.tree.verify_parent_hashes()));
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    parent_at(nodes, 11).unmerged_leaves.clear();
  }), Errc::invalid_tree));
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    parent_at(nodes, 7).unmerged_leaves = {7, 7};
  }), Errc::invalid_tree));
}

// Section 12.4.3.1 across blank nodes: the root lists leaf 2 as unmerged;
// node 3 between them is blank and needs nothing, node 5 is not and must
// list it too.
TEST_F(RatchetTreeTest, UnmergedLeavesSkipBlankNodesBetween) {
  auto g = group(8);
  auto listed_at_root = [](RatchetTreeNodes& nodes) {
    nodes[3].reset();
    parent_at(nodes, 7).unmerged_leaves = {2};
    parent_at(nodes, 5).unmerged_leaves = {2};
  };
  EXPECT_TRUE(is_ok(edited(g.tree, listed_at_root)));
  EXPECT_TRUE(fails_with(edited(g.tree, [&](RatchetTreeNodes& nodes) {
    listed_at_root(nodes);
    parent_at(nodes, 5).unmerged_leaves.clear();
  }), Errc::invalid_tree));
  EXPECT_TRUE(fails_with(edited(g.tree, [&](RatchetTreeNodes& nodes) {
    listed_at_root(nodes);
    parent_at(nodes, 5).unmerged_leaves = {2, 3};
    parent_at(nodes, 7).unmerged_leaves = {3, 2};
  }), Errc::invalid_tree));
}

// The joiner's path: the ratchet_tree extension's data straight into the
// tree, the same tree as from the decoded nodes; a list that does not decode
// gives the codec's error, one with bytes after it trailing_data, one of
// more nodes than the limit decode_limit.
TEST_F(RatchetTreeTest, EncodedNodesBuildTheSameTree) {
  auto g = group(7);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{2})));
  const Bytes encoded = g.tree.encoded_nodes();
  auto tree = RatchetTree::from_encoded(suite, encoded);
  ASSERT_TRUE(is_ok(tree));
  EXPECT_EQ(tree->tree_hash(), g.tree.tree_hash());
  EXPECT_EQ(tree->encoded_nodes(), encoded);
  EXPECT_TRUE(is_ok(tree->verify_parent_hashes()));

  Bytes trailing = encoded;
  trailing.push_back(0);
  EXPECT_TRUE(fails_with(RatchetTree::from_encoded(suite, trailing), Errc::trailing_data));
  EXPECT_TRUE(fails_with(RatchetTree::from_encoded(suite, BytesView(encoded).first(encoded.size() - 1)),
                         Errc::truncated));
  const auto nodes = static_cast<std::size_t>(g.tree.to_nodes().size());
  EXPECT_TRUE(is_ok(RatchetTree::from_encoded(suite, encoded, codec::Limits{.max_tree_nodes = nodes})));
  EXPECT_TRUE(fails_with(RatchetTree::from_encoded(suite, encoded, codec::Limits{.max_tree_nodes = nodes - 1}),
                         Errc::decode_limit));
  EXPECT_TRUE(fails_with(codec::decode<RatchetTreeNodes>(encoded, codec::Limits{.max_tree_nodes = nodes - 1}),
                         Errc::decode_limit));
}

TEST_F(RatchetTreeTest, TrailingBlankLeafIsRejected) {
  auto g = group(3);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) {
    nodes.push_back(std::nullopt);
    nodes.push_back(std::nullopt);
  }), Errc::invalid_tree));
}

TEST_F(RatchetTreeTest, EvenNodeCountIsRejected) {
  auto g = group(2);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) { nodes.pop_back(); }),
                         Errc::invalid_tree));
}

TEST_F(RatchetTreeTest, NodeOfTheWrongTypeIsRejected) {
  auto g = group(2);
  EXPECT_TRUE(fails_with(edited(g.tree, [](RatchetTreeNodes& nodes) { nodes[1] = nodes[0]; }),
                         Errc::invalid_tree));
}

TEST_F(RatchetTreeTest, LeafWithBadSignatureIsRejected) {
  auto g = group(4);
  auto tree = edited(g.tree, [](RatchetTreeNodes& nodes) { leaf_at(nodes, 2).signature[5] ^= 1; });
  ASSERT_TRUE(is_ok(tree));
  EXPECT_TRUE(fails_with(tree->verify_leaf_signatures(group_id), Errc::signature_invalid));
  EXPECT_TRUE(fails_with(tree->verify_leaf_signatures(group_id, 2), Errc::signature_invalid));
}

TEST_F(RatchetTreeTest, PathOfTheWrongLengthChangesNothing) {
  auto g = group(4);
  const Bytes before = g.tree.tree_hash();
  EXPECT_TRUE(fails_with(g.tree.merge_path_keys(LeafIndex{0}, std::vector<Bytes>{Bytes(32, 1)}),
                         Errc::invalid_length));
  EXPECT_EQ(g.tree.tree_hash(), before);
}

// Section 7.3: a path's keys are new to the tree and distinct.
TEST_F(RatchetTreeTest, PathKeysRepeatedOrInTheTreeChangeNothing) {
  auto g = group(4);
  const auto nodes = g.tree.to_nodes();
  const Bytes before = g.tree.tree_hash();
  const Bytes fresh = suite.hpke().kem().generate_key_pair(random).public_key;
  const Bytes taken(g.tree.encryption_key(NodeIndex{5}).begin(), g.tree.encryption_key(NodeIndex{5}).end());
  EXPECT_TRUE(fails_with(g.tree.merge_path_keys(LeafIndex{0}, std::vector<Bytes>{fresh, fresh}),
                         Errc::duplicate_key));
  EXPECT_TRUE(fails_with(g.tree.merge_path_keys(LeafIndex{0}, std::vector<Bytes>{fresh, taken}),
                         Errc::duplicate_key));
  EXPECT_TRUE(g.tree.to_nodes() == nodes);
  EXPECT_EQ(g.tree.tree_hash(), before);
}

// A leaf that is no member is neither replaced, updated, removed nor the
// sender of a path; a replacing leaf keeps keys unique (section 7.3), its
// own old keys aside. Each refusal leaves the tree as it was.
TEST_F(RatchetTreeTest, ChangesToANonMemberOrWithTakenKeysChangeNothing) {
  auto g = group(3);
  const auto nodes = g.tree.to_nodes();
  const Bytes before = g.tree.tree_hash();
  const LeafIndex blank{3};
  ASSERT_FALSE(g.tree.is_member(blank));
  const LeafNode own = *g.tree.leaf(LeafIndex{0});
  EXPECT_TRUE(fails_with(g.tree.replace_leaf(blank, own), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(g.tree.update_leaf(blank, own), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(g.tree.remove_leaf(blank), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(g.tree.path_parent_hashes(blank, {}), Errc::invalid_sender));
  LeafNode taken = own;
  taken.encryption_key = g.tree.leaf(LeafIndex{1})->encryption_key;
  EXPECT_TRUE(fails_with(g.tree.update_leaf(LeafIndex{0}, taken), Errc::duplicate_key));
  taken = own;
  taken.signature_key = g.tree.leaf(LeafIndex{2})->signature_key;
  EXPECT_TRUE(fails_with(g.tree.replace_leaf(LeafIndex{0}, taken), Errc::duplicate_key));
  EXPECT_TRUE(g.tree.to_nodes() == nodes);
  EXPECT_EQ(g.tree.tree_hash(), before);
  EXPECT_TRUE(is_ok(g.tree.replace_leaf(LeafIndex{0}, own)));
  EXPECT_EQ(g.tree.tree_hash(), before);
}

// Section 7.8: a cached tree hash equals a fresh computation after changes
// along one path.
TEST_F(RatchetTreeTest, CachedTreeHashMatchesARebuiltTree) {
  auto g = group(6);
  (void)g.tree.tree_hash();
  test::commit_path(g.tree, LeafIndex{3}, g.members[3], group_id, random);
  auto rebuilt = RatchetTree::from_nodes(suite, g.tree.to_nodes());
  ASSERT_TRUE(is_ok(rebuilt));
  EXPECT_EQ(g.tree.tree_hash(), rebuilt->tree_hash());
  EXPECT_TRUE(is_ok(g.tree.verify_parent_hashes()));
}

// Section 12.4.2: a commit applies atomically. Staged changes, including a
// truncation and an extension, are undone exactly, indexes included.
TEST_F(RatchetTreeTest, DiscardedStagingRestoresTheTree) {
  auto g = group(5);
  const auto nodes_before = g.tree.to_nodes();
  const Bytes hash_before = g.tree.tree_hash();
  g.tree.begin_staging();
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{4})));
  EXPECT_EQ(g.tree.leaf_count().value(), 4u);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{1})));
  test::commit_path(g.tree, LeafIndex{0}, g.members[0], group_id, random);
  for (std::uint32_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(is_ok(g.tree.add_leaf(test::make_member(suite, random, 20 + i).leaf)));
  }
  EXPECT_EQ(g.tree.leaf_count().value(), 8u);
  g.tree.discard_staged();
  EXPECT_EQ(g.tree.leaf_count().value(), 8u);
  EXPECT_TRUE(g.tree.to_nodes() == nodes_before);
  EXPECT_EQ(g.tree.tree_hash(), hash_before);
  EXPECT_EQ(g.tree.member_count(), 5u);
  EXPECT_EQ(g.tree.leaf_with_signature_key(g.members[4].signer.public_key), LeafIndex{4});
  EXPECT_TRUE(is_ok(g.tree.verify_parent_hashes()));
}

TEST_F(RatchetTreeTest, KeptStagingKeepsTheChanges) {
  auto g = group(3);
  g.tree.begin_staging();
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{2})));
  g.tree.keep_staged();
  g.tree.discard_staged();
  EXPECT_EQ(g.tree.member_count(), 2u);
}

class LeafValidationTest : public RatchetTreeTest {
 protected:
  LeafNodeContext key_package_context() const { return {.group_id = group_id}; }
};

TEST_F(LeafValidationTest, AcceptsAWellFormedKeyPackageLeaf) {
  auto g = group(3);
  EXPECT_TRUE(is_ok(validate_leaf_node(g.tree, test::make_member(suite, random, 7).leaf,
                                       key_package_context())));
}

TEST_F(LeafValidationTest, RejectsTheWrongSource) {
  auto g = group(3);
  auto context = key_package_context();
  context.source = LeafNodeSource::update;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, test::make_member(suite, random, 7).leaf, context),
                         Errc::invalid_value));
}

LeafNode x509_leaf(test::Member member, const CipherSuite& suite) {
  member.leaf.credential = Credential{X509Credential{{Certificate{Bytes{1}}}}};
  member.leaf.capabilities.credentials.push_back(CredentialType::x509);
  test::sign_leaf(suite, member.leaf, member.signer.private_key, {}, {});
  return member.leaf;
}

// Section 5.3.1: without the application's policy only basic credentials
// are accepted; with it, the x509 leaf still fails section 7.3 because the
// members do not support x509.
TEST_F(LeafValidationTest, X509NeedsAPolicyAndSupportFromEveryMember) {
  auto g = group(3);
  const auto leaf = x509_leaf(test::make_member(suite, random, 7), suite);
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, leaf, key_package_context()),
                         Errc::credential_rejected));
  const CredentialPolicy refuse = [](const Credential&, BytesView) { return Status(Errc::credential_rejected); };
  const CredentialPolicy accept = [](const Credential&, BytesView) { return Status(); };
  auto context = key_package_context();
  context.credentials = &refuse;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, leaf, context), Errc::credential_rejected));
  context.credentials = &accept;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, leaf, context), Errc::capability_mismatch));
}

TEST_F(LeafValidationTest, RejectsMissingRequiredCapabilities) {
  auto g = group(3);
  const RequiredCapabilities required{{static_cast<ExtensionType>(0x00ff)}, {}, {}};
  auto context = key_package_context();
  context.required = &required;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, test::make_member(suite, random, 7).leaf, context),
                         Errc::capability_mismatch));
}

TEST_F(LeafValidationTest, RejectsAnExpiredLifetime) {
  auto g = group(3);
  auto member = test::make_member(suite, random, 7);
  member.leaf.source = LeafNodeSourceData{Lifetime{100, 200}};
  test::sign_leaf(suite, member.leaf, member.signer.private_key, {}, {});
  auto context = key_package_context();
  context.now = 300;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, member.leaf, context), Errc::lifetime_invalid));
  context.now = 150;
  EXPECT_TRUE(is_ok(validate_leaf_node(g.tree, member.leaf, context)));
}

TEST_F(LeafValidationTest, RejectsKeysAlreadyInTheTree) {
  auto g = group(3);
  auto member = test::make_member(suite, random, 7);
  member.leaf.encryption_key = g.tree.leaf(LeafIndex{1})->encryption_key;
  test::sign_leaf(suite, member.leaf, member.signer.private_key, {}, {});
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, member.leaf, key_package_context()),
                         Errc::duplicate_key));
}

TEST_F(LeafValidationTest, RejectsABadSignature) {
  auto g = group(3);
  auto leaf = test::make_member(suite, random, 7).leaf;
  leaf.signature.back() ^= 1;
  EXPECT_TRUE(fails_with(validate_leaf_node(g.tree, leaf, key_package_context()),
                         Errc::signature_invalid));
}

}  // namespace

// The ratchet_tree extension written from the stored encodings equals the
// codec's encoding of the decoded node list, blanks and unmerged leaves
// included.
TEST_F(RatchetTreeTest, EncodedNodesMatchTheDecodedList) {
  auto g = group(7);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{2})));
  ASSERT_TRUE(is_ok(g.tree.add_leaf(test::make_member(suite, random, 9).leaf)));
  const auto nodes = g.tree.to_nodes();
  EXPECT_EQ(g.tree.encoded_nodes(), codec::encode(nodes));
  auto decoded = codec::decode<RatchetTreeNodes>(g.tree.encoded_nodes());
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_TRUE(*decoded == nodes);
}

// Fields read in place agree with the decoded nodes.
TEST_F(RatchetTreeTest, InPlaceFieldsMatchTheDecodedNodes) {
  auto g = group(7);
  ASSERT_TRUE(is_ok(g.tree.add_leaf(test::make_member(suite, random, 9).leaf)));
  for (std::uint32_t i = 0; i < g.tree.leaf_count().value(); ++i) {
    const auto leaf = g.tree.leaf(LeafIndex{i});
    ASSERT_TRUE(leaf.has_value());
    EXPECT_TRUE(std::ranges::equal(g.tree.signature_key(LeafIndex{i}), leaf->signature_key));
    EXPECT_TRUE(std::ranges::equal(g.tree.encryption_key(NodeIndex{2 * i}), leaf->encryption_key));
  }
  const auto parent = g.tree.parent(NodeIndex{11});
  ASSERT_TRUE(parent.has_value());
  EXPECT_TRUE(std::ranges::equal(g.tree.encryption_key(NodeIndex{11}), parent->encryption_key));
  EXPECT_EQ(g.tree.unmerged_leaves(NodeIndex{11}), parent->unmerged_leaves);
  ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{5})));
  EXPECT_TRUE(g.tree.signature_key(LeafIndex{5}).empty());
  EXPECT_FALSE(g.tree.leaf(LeafIndex{5}).has_value());
  EXPECT_FALSE(g.tree.parent(NodeIndex{11}).has_value());
  EXPECT_TRUE(g.tree.unmerged_leaves(NodeIndex{11}).empty());
}

// Section 7.3: the key indexes follow every removal and addition.
TEST_F(RatchetTreeTest, KeyIndexesFollowRemovalsAndAdditions) {
  auto g = group(16);
  for (std::uint32_t i = 1; i < 16; i += 2) ASSERT_TRUE(is_ok(g.tree.remove_leaf(LeafIndex{i})));
  for (std::uint32_t i = 0; i < 16; ++i) {
    const auto found = g.tree.leaf_with_signature_key(g.members[i].signer.public_key);
    if (i % 2 == 1) {
      EXPECT_FALSE(found.has_value()) << i;
    } else {
      EXPECT_EQ(found, LeafIndex{i}) << i;
    }
  }
  auto newcomer = test::make_member(suite, random, 40);
  const auto at = g.tree.add_leaf(newcomer.leaf);
  ASSERT_TRUE(is_ok(at));
  EXPECT_EQ(*at, LeafIndex{1});
  EXPECT_EQ(g.tree.leaf_with_signature_key(newcomer.signer.public_key), LeafIndex{1});
  EXPECT_EQ(g.tree.node_with_encryption_key(newcomer.leaf.encryption_key), NodeIndex{2});
  EXPECT_TRUE(is_ok(g.tree.add_leaf(g.members[3].leaf)));
  EXPECT_TRUE(fails_with(g.tree.add_leaf(g.members[3].leaf), Errc::duplicate_key));
}

// A leaf that fit the budget of the whole list it came in (2^20 empty
// certificates, 8 MiB more in the next leaf) but not a budget sized to
// itself: both builders keep it, and the tree reads it back, rather than
// failing inside a read of its own encoding.
TEST_F(RatchetTreeTest, ANodeDecodedInALargeListIsReadBack) {
  RatchetTreeNodes nodes(3);
  test::set_sized_leaf(nodes[0], 0, 32, 64);
  nodes[0]->get_if<LeafNode>()->credential = Credential{X509Credential{std::vector<Certificate>(std::size_t{1} << 20)}};
  test::set_sized_leaf(nodes[2], 2, 32, 64);
  nodes[2]->get_if<LeafNode>()->credential = Credential{BasicCredential{Bytes(std::size_t{8} << 20, 7)}};
  const Bytes encoded = codec::encode(nodes);
  ASSERT_TRUE(fails_with(codec::decode<LeafNode>(codec::encode(*nodes[0]->get_if<LeafNode>())), Errc::decode_limit));
  auto tree = edited(*RatchetTree::from_nodes(suite, nodes), [](RatchetTreeNodes&) {});
  ASSERT_TRUE(is_ok(tree));
  EXPECT_EQ(tree->leaf(LeafIndex{0})->credential, nodes[0]->get_if<LeafNode>()->credential);
  EXPECT_TRUE(is_ok(RatchetTree::from_encoded(suite, encoded)));
}
