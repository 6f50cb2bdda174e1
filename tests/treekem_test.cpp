// TreeKEM (RFC 9420 sections 7.4 to 7.6, 12.4.1 and 12.4.2): commits that
// every member decrypts to the same commit secret, joiners that take their
// path secret from the committer, and every rejection of a bad UpdatePath,
// each with its own error and no change to the tree or the receiver's keys.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/treekem.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

struct Participant {
  test::Member member;  // the signature key pair; the leaf as first added
  TreePrivateKeys keys;
};

// The public keys a member holds private keys for: its leaf, then each node
// of its direct path (empty where it holds none).
std::vector<Bytes> held_keys(const TreePrivateKeys& keys, const RatchetTree& tree) {
  const NodeIndex leaf = tree_math::node_of(keys.leaf());
  std::vector<Bytes> held{keys.key_pair(leaf)->public_key};
  for (const auto node : tree_math::direct_path(leaf, tree.leaf_count())) {
    const auto* key_pair = keys.key_pair(node);
    held.push_back(key_pair ? key_pair->public_key : Bytes{});
  }
  return held;
}

std::size_t ciphertext_count(const UpdatePathNode& node) {
  return node.encrypted_path_secret.size();
}

class TreeKemTest : public ::testing::Test {
 protected:
  CipherSuite suite =
      *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("treekem test")};
  Bytes group_id{'g', 'r', 'o', 'u', 'p'};
  std::uint64_t epoch = 0;
  std::optional<RatchetTree> tree;
  std::map<std::uint32_t, Participant> members;

  void SetUp() override {
    auto creator = test::make_member(suite, random, 0);
    tree.emplace(suite, creator.leaf);
    enroll(LeafIndex{0}, std::move(creator));
  }

  void enroll(LeafIndex leaf, test::Member member) {
    auto keys = TreePrivateKeys::create(suite, leaf, member.encryption.private_key.clone());
    ASSERT_TRUE(is_ok(keys));
    members.emplace(leaf.value, Participant{std::move(member), std::move(*keys)});
  }

  std::vector<LeafIndex> add(std::uint32_t count) {
    std::vector<LeafIndex> added;
    for (std::uint32_t i = 0; i < count; ++i) {
      auto member =
          test::make_member(suite, random, 100 + static_cast<std::uint32_t>(members.size()));
      auto leaf = tree->add_leaf(member.leaf);
      EXPECT_TRUE(is_ok(leaf));
      if (!leaf) break;
      enroll(*leaf, std::move(member));
      added.push_back(*leaf);
    }
    return added;
  }

  GroupContext context_for(const RatchetTree& t) const {
    return {.cipher_suite = suite.id(),
            .group_id = group_id,
            .epoch = epoch,
            .tree_hash = t.tree_hash(),
            .confirmed_transcript_hash = Bytes(32, 0x5c)};
  }

  Result<PreparedPath> prepare(RatchetTree& t, LeafIndex sender) {
    auto fresh = suite.hpke().kem().generate_key_pair(random);
    return PreparedPath::prepare(
        t, sender, next_leaf(*t.leaf(sender), std::move(fresh.private_key)),
        members.at(sender.value).member.signer.private_key, group_id, random);
  }

  // A path from `sender` on a copy of the tree, with the receivers' view of
  // the tree before it.
  struct Committed {
    RatchetTree before;
    RatchetTree after;
    SentPath sent;
  };

  Committed sent_path(LeafIndex sender, std::span<const LeafIndex> added = {}) {
    RatchetTree after = *tree;
    auto prepared = prepare(after, sender);
    EXPECT_TRUE(is_ok(prepared));
    auto sent = std::move(*prepared).encrypt(after, context_for(after), added, random);
    EXPECT_TRUE(is_ok(sent));
    return {*tree, std::move(after), std::move(*sent)};
  }

  bool is_added(std::uint32_t leaf, std::span<const LeafIndex> added) const {
    return std::find(added.begin(), added.end(), LeafIndex{leaf}) != added.end();
  }

  // A full commit: every existing member merges and decrypts the path to the
  // committer's commit secret, every added member takes its path secret as
  // a Welcome gives it, and afterwards every member's keys fit the tree.
  void commit(LeafIndex sender, std::span<const LeafIndex> added = {}) {
    ++epoch;
    auto c = sent_path(sender, added);
    RatchetTree merged = c.before;
    ASSERT_TRUE(is_ok(merge_update_path(merged, sender, c.sent.path)));
    ASSERT_EQ(merged.tree_hash(), c.after.tree_hash());
    for (auto& [index, p] : members) {
      if (index == sender.value) continue;
      if (is_added(index, added)) {
        const auto* secret = c.sent.path_secrets.for_joiner(LeafIndex{index});
        ASSERT_NE(secret, nullptr);
        ASSERT_TRUE(is_ok(p.keys.add_path_secret_from(merged, sender, secret->clone())));
        continue;
      }
      auto received = p.keys.decrypt_path(merged, sender, c.sent.path, context_for(merged), added);
      ASSERT_TRUE(is_ok(received)) << "leaf " << index;
      EXPECT_EQ(received->commit_secret, c.sent.commit_secret) << "leaf " << index;
    }
    members.at(sender.value).keys = std::move(c.sent.private_keys);
    tree = std::move(c.after);
    for (const auto& [index, p] : members)
      EXPECT_TRUE(p.keys.consistent(*tree)) << "leaf " << index;
    EXPECT_TRUE(is_ok(tree->verify_parent_hashes()));
    EXPECT_TRUE(is_ok(tree->verify_leaf_signatures(group_id)));
  }

  // Every member commits once.
  void commit_all() {
    std::vector<std::uint32_t> senders;
    for (const auto& entry : members) senders.push_back(entry.first);
    for (const auto sender : senders) ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{sender}));
  }

  TreePrivateKeys& keys_of(std::uint32_t leaf) { return members.at(leaf).keys; }
};

TEST_F(TreeKemTest, EveryMemberDerivesTheCommitSecret) {
  const auto added = add(6);
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, added));
  ASSERT_NO_FATAL_FAILURE(commit_all());
  EXPECT_EQ(tree->leaf_count().value(), 8u);
}

// Section 12.4.1: the committer's own commit secret, path_secret[n+1].
TEST_F(TreeKemTest, TheCommitSecretEndsTheChainFromTheFirstPathSecret) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  const crypto::Secret first(Bytes(suite.secret_size(), 0x42));
  auto fresh = suite.hpke().kem().generate_key_pair(random);
  auto prepared = PreparedPath::prepare(
      *tree, LeafIndex{0}, next_leaf(*tree->leaf(LeafIndex{0}), std::move(fresh.private_key)),
      members.at(0).member.signer.private_key, group_id, first.clone());
  ASSERT_TRUE(is_ok(prepared));
  auto sent = std::move(*prepared).encrypt(*tree, context_for(*tree), {}, random);
  ASSERT_TRUE(is_ok(sent));
  crypto::Secret expected = first.clone();
  for (int i = 0; i < 2; ++i) expected = suite.derive_secret(expected.view(), "path");
  EXPECT_EQ(sent->commit_secret, expected);
  EXPECT_EQ(*sent->path_secrets.for_joiner(LeafIndex{1}), first);
  EXPECT_TRUE(sent->private_keys.consistent(*tree));
}

// Sections 7.5 and 7.6: a leaf added in the commit gets no ciphertext; in
// the next commit, as an unmerged leaf, it gets its own.
TEST_F(TreeKemTest, AddedLeavesAreSkippedThenReachedThroughTheirLeafKeys) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(6)));
  ASSERT_NO_FATAL_FAILURE(commit_all());
  const auto added = add(1);  // leaf 7, unmerged at nodes 11 and 7 (node 13 is blank)
  ASSERT_EQ(added, std::vector<LeafIndex>{LeafIndex{7}});
  ASSERT_EQ(tree->parent(NodeIndex{11})->unmerged_leaves, std::vector<std::uint32_t>{7});

  auto c = sent_path(LeafIndex{0}, added);
  EXPECT_EQ(ciphertext_count(c.sent.path.nodes.back()), 1u);  // node 11 only
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, added));

  c = sent_path(LeafIndex{1});
  EXPECT_EQ(ciphertext_count(c.sent.path.nodes.back()), 2u);  // node 11 and leaf 7
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{1}));
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{6}));  // leaf 7 decrypts node 13 with its leaf key
}

TEST_F(TreeKemTest, CommitsAfterARemoval) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(5)));
  ASSERT_NO_FATAL_FAILURE(commit_all());
  ASSERT_TRUE(is_ok(tree->remove_leaf(LeafIndex{3})));
  members.erase(3);
  for (auto& [index, p] : members) {
    EXPECT_FALSE(p.keys.consistent(*tree)) << "leaf " << index << " holds the blanked root";
    p.keys.forget_blank_nodes(*tree);
    EXPECT_TRUE(p.keys.consistent(*tree)) << "leaf " << index;
  }
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{2}));
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{5}));
}

TEST_F(TreeKemTest, AStagedCloneIsIndependent) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  const RatchetTree before = *tree;
  const auto staged = keys_of(2).clone();
  EXPECT_EQ(held_keys(staged, before), held_keys(keys_of(2), before));
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{1}));
  EXPECT_TRUE(staged.consistent(before));
  EXPECT_FALSE(staged.consistent(*tree));
  EXPECT_NE(held_keys(staged, *tree), held_keys(keys_of(2), *tree));
}

TEST_F(TreeKemTest, AnOwnUpdateReplacesTheLeafKey) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  auto fresh = suite.hpke().kem().generate_key_pair(random);
  LeafNode leaf = *tree->leaf(LeafIndex{2});
  leaf.encryption_key = fresh.public_key;
  leaf.source = LeafNodeSourceData{UpdateSource{}};
  test::sign_leaf(suite, leaf, members.at(2).member.signer.private_key, group_id, LeafIndex{2});
  ASSERT_TRUE(is_ok(tree->update_leaf(LeafIndex{2}, std::move(leaf))));
  for (auto& entry : members) entry.second.keys.forget_blank_nodes(*tree);
  EXPECT_FALSE(keys_of(2).consistent(*tree));
  ASSERT_TRUE(is_ok(keys_of(2).replace_leaf_key(std::move(fresh.private_key))));
  EXPECT_TRUE(keys_of(2).consistent(*tree));
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}));
}

// The receivers' side of the bad paths below: a committed group of four and
// a path from leaf 0 that leaf 3 receives.
class BadPathTest : public TreeKemTest {
 protected:
  void SetUp() override {
    TreeKemTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
    ASSERT_NO_FATAL_FAILURE(commit_all());
    c.emplace(sent_path(sender));
    nodes_before = tree->to_nodes();
  }

  // The merge fails with `expected` and leaves the tree as it was.
  void expect_rejected(const UpdatePath& path, Errc expected, std::optional<LeafIndex> from = {}) {
    RatchetTree merged = c->before;
    EXPECT_TRUE(fails_with(merge_update_path(merged, from.value_or(sender), path), expected));
    EXPECT_TRUE(merged.to_nodes() == nodes_before);
    EXPECT_EQ(merged.tree_hash(), c->before.tree_hash());
  }

  // `path` made consistent for a committer that lies: its leaf carries the
  // parent hash its keys imply (section 7.9) and is signed by `signer`, so
  // that the merge gets past the parent hash check.
  UpdatePath rehashed(UpdatePath path, const crypto::Secret& signer) {
    std::vector<Bytes> keys;
    for (const auto& node : path.nodes) keys.push_back(node.encryption_key);
    auto hashes = c->before.path_parent_hashes(sender, keys);
    EXPECT_TRUE(is_ok(hashes));
    if (hashes) path.leaf_node.source = LeafNodeSourceData{CommitSource{hashes->leaf}};
    test::sign_leaf(suite, path.leaf_node, signer, group_id, sender);
    return path;
  }

  const crypto::Secret& sender_signer() const { return members.at(sender.value).member.signer.private_key; }

  // The path merges, and `decrypt` on the keys of `whose` (leaf 3 unless
  // said) fails with `expected`, leaving them as they were.
  template <class Decrypt>
  void expect_refused_after_merge(Decrypt decrypt, Errc expected, std::optional<LeafIndex> whose = {}) {
    RatchetTree merged = c->before;
    ASSERT_TRUE(is_ok(merge_update_path(merged, sender, c->sent.path)));
    auto& keys = keys_of(whose.value_or(receiver).value);
    const auto held = held_keys(keys, merged);
    EXPECT_TRUE(fails_with(decrypt(keys, merged), expected));
    EXPECT_EQ(held_keys(keys, merged), held);
  }

  // The path merges, and leaf 3's decryption fails with `expected`, leaving
  // its keys as they were.
  void expect_undecryptable(const UpdatePath& path, Errc expected) {
    RatchetTree merged = c->before;
    ASSERT_TRUE(is_ok(merge_update_path(merged, sender, path)));
    auto& keys = keys_of(receiver.value);
    const auto held = held_keys(keys, merged);
    EXPECT_TRUE(
        fails_with(keys.decrypt_path(merged, sender, path, context_for(merged), {}), expected));
    EXPECT_EQ(held_keys(keys, merged), held);
    EXPECT_TRUE(keys.consistent(*tree));
  }

  const LeafIndex sender{0};
  const LeafIndex receiver{3};
  std::optional<Committed> c;
  RatchetTreeNodes nodes_before;
};

TEST_F(BadPathTest, TheGoodPathIsAccepted) {
  RatchetTree merged = c->before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, sender, c->sent.path)));
  auto received = keys_of(3).decrypt_path(merged, sender, c->sent.path, context_for(merged), {});
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->commit_secret, c->sent.commit_secret);
  EXPECT_EQ(received->path_secret, *c->sent.path_secrets.for_joiner(receiver));
}

// Section 7.6: one UpdatePathNode per node of the filtered direct path.
TEST_F(BadPathTest, APathOfTheWrongLength) {
  UpdatePath path = c->sent.path;
  path.nodes.pop_back();
  expect_rejected(path, Errc::invalid_length);
  path = c->sent.path;
  path.nodes.push_back(path.nodes.back());
  expect_rejected(path, Errc::invalid_length);
}

// Section 7.5: the leaf's parent hash is that of the first path node.
TEST_F(BadPathTest, ALeafWhoseParentHashDoesNotMatch) {
  UpdatePath path = c->sent.path;
  auto& parent_hash = path.leaf_node.source.get_if<CommitSource>()->parent_hash;
  parent_hash = test::with_bit_flipped(parent_hash, 0);
  expect_rejected(path, Errc::parent_hash_invalid);
}

// Section 12.4.2: the leaf_node_source MUST be commit.
TEST_F(BadPathTest, ALeafNotFromACommit) {
  UpdatePath path = c->sent.path;
  path.leaf_node.source = LeafNodeSourceData{UpdateSource{}};
  expect_rejected(path, Errc::invalid_value);
}

// Section 12.4.2: no key of the path may already be in the tree.
TEST_F(BadPathTest, AKeyAlreadyInTheTree) {
  UpdatePath path = c->sent.path;
  path.leaf_node.encryption_key = c->before.leaf(LeafIndex{2})->encryption_key;
  expect_rejected(path, Errc::duplicate_key);
  path = c->sent.path;
  path.leaf_node.encryption_key = c->before.leaf(sender)->encryption_key;
  expect_rejected(path, Errc::duplicate_key);
}

// Section 7.5, step 6: a committer whose public key at the root is not the
// one its path secret derives, and which lies consistently: its leaf has the
// parent hash and signature the false key implies, and the root's path
// secret is encrypted under the context of the tree it makes.
TEST_F(BadPathTest, ADerivedPublicKeyThatDoesNotMatchThePath) {
  UpdatePath path = c->sent.path;
  path.nodes.back().encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  path = rehashed(std::move(path), sender_signer());

  RatchetTree merged = c->before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, sender, path)));
  const auto* root_secret = c->sent.path_secrets.for_joiner(receiver);
  auto ciphertext =
      suite.encrypt_with_label(merged.parent(NodeIndex{5})->encryption_key, "UpdatePathNode",
                               codec::encode(context_for(merged)), root_secret->view(), random);
  ASSERT_TRUE(is_ok(ciphertext));
  path.nodes.back().encrypted_path_secret = {*ciphertext};
  expect_undecryptable(path, Errc::invalid_value);
}

TEST_F(BadPathTest, ACiphertextThatDoesNotDecrypt) {
  UpdatePath path = c->sent.path;
  auto& ciphertext = path.nodes.back().encrypted_path_secret.front().ciphertext;
  ciphertext = test::with_bit_flipped(ciphertext, 0);
  expect_undecryptable(path, Errc::aead_failure);
}

// Section 7.6: one ciphertext per node of the copath child's resolution.
TEST_F(BadPathTest, TheWrongNumberOfCiphertexts) {
  UpdatePath path = c->sent.path;
  auto& ciphertexts = path.nodes.back().encrypted_path_secret;
  ciphertexts.push_back(ciphertexts.front());
  expect_undecryptable(path, Errc::invalid_length);
}

TEST_F(BadPathTest, DecryptingBeforeTheMergeOrUnderAnotherContext) {
  auto& keys = keys_of(3);
  const auto held = held_keys(keys, c->before);
  EXPECT_TRUE(
      fails_with(keys.decrypt_path(c->before, sender, c->sent.path, context_for(c->before), {}),
                 Errc::invalid_argument));
  RatchetTree merged = c->before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, sender, c->sent.path)));
  EXPECT_TRUE(
      fails_with(keys.decrypt_path(merged, sender, c->sent.path, context_for(c->before), {}),
                 Errc::invalid_argument));
  EXPECT_TRUE(
      fails_with(keys.decrypt_path(merged, LeafIndex{3}, c->sent.path, context_for(merged), {}),
                 Errc::invalid_argument));
  GroupContext other_suite = context_for(merged);
  other_suite.cipher_suite = CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256;
  EXPECT_TRUE(fails_with(keys.decrypt_path(merged, sender, c->sent.path, other_suite, {}), Errc::invalid_argument));
  EXPECT_EQ(held_keys(keys, c->before), held);
}

// The committer's side: a sender that is no member, a reused key, and an
// encryption under a context not built on the prepared tree.
TEST_F(BadPathTest, TheCommitterRejectsMisuse) {
  RatchetTree t = c->before;
  auto fresh = suite.hpke().kem().generate_key_pair(random);
  EXPECT_TRUE(fails_with(
      PreparedPath::prepare(t, LeafIndex{5}, next_leaf(*t.leaf(sender), fresh.private_key.clone()),
                            members.at(0).member.signer.private_key, group_id, random),
      Errc::invalid_sender));
  const auto* reused = keys_of(1).key_pair(tree_math::node_of(LeafIndex{1}));
  EXPECT_TRUE(fails_with(
      PreparedPath::prepare(t, sender, next_leaf(*t.leaf(sender), reused->private_key.clone()),
                            members.at(0).member.signer.private_key, group_id, random),
      Errc::duplicate_key));
  EXPECT_TRUE(t.to_nodes() == nodes_before);

  auto prepared = prepare(t, sender);
  ASSERT_TRUE(is_ok(prepared));
  EXPECT_TRUE(fails_with(std::move(*prepared).encrypt(t, context_for(c->before), {}, random),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(std::move(*prepared).encrypt(c->before, context_for(t), {}, random),
                         Errc::invalid_argument));
  GroupContext other_group = context_for(t);
  other_group.group_id = Bytes{'o', 't', 'h', 'e', 'r'};
  EXPECT_TRUE(fails_with(std::move(*prepared).encrypt(t, other_group, {}, random), Errc::invalid_argument));
  auto sent = std::move(*prepared).encrypt(t, context_for(t), {}, random);
  ASSERT_TRUE(is_ok(sent));
  EXPECT_TRUE(sent->private_keys.consistent(t));
}

// Section 7.3: encryption keys are unique in the tree: no two nodes of the
// path share one, nor the leaf and a node.
TEST_F(BadPathTest, AKeyRepeatedWithinThePath) {
  UpdatePath path = c->sent.path;
  path.nodes.back().encryption_key = path.nodes.front().encryption_key;
  expect_rejected(rehashed(std::move(path), sender_signer()), Errc::duplicate_key);
  path = c->sent.path;
  path.leaf_node.encryption_key = path.nodes.front().encryption_key;
  expect_rejected(rehashed(std::move(path), sender_signer()), Errc::duplicate_key);
}

// Section 7.3: signature keys are unique among the leaves: the path's leaf
// may not take another member's, though it may bring a new one.
TEST_F(BadPathTest, ALeafWithAnotherMembersSignatureKey) {
  UpdatePath path = c->sent.path;
  path.leaf_node.signature_key = c->before.leaf(LeafIndex{2})->signature_key;
  expect_rejected(rehashed(path, members.at(2).member.signer.private_key), Errc::duplicate_key);
  const auto fresh = suite.signature().generate_key_pair(random);
  path.leaf_node.signature_key = fresh.public_key;
  RatchetTree merged = c->before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, sender, rehashed(path, fresh.private_key))));
  EXPECT_EQ(merged.leaf(sender)->signature_key, fresh.public_key);
}

// Section 12.4.2: the sender of a path is a member.
TEST_F(BadPathTest, ASenderThatIsNoMember) {
  expect_rejected(c->sent.path, Errc::invalid_sender, LeafIndex{4});
}

// The path decrypted is the one merged: its length, its leaf and each of
// its keys.
TEST_F(BadPathTest, DecryptingAPathOtherThanTheMergedOne) {
  const auto decrypting = [this](UpdatePath path) {
    return [this, path](TreePrivateKeys& keys, const RatchetTree& merged) {
      return keys.decrypt_path(merged, sender, path, context_for(merged), {});
    };
  };
  UpdatePath path = c->sent.path;
  path.nodes.pop_back();
  expect_refused_after_merge(decrypting(path), Errc::invalid_length);
  path = c->sent.path;
  path.leaf_node.signature = test::with_bit_flipped(path.leaf_node.signature, 0);
  expect_refused_after_merge(decrypting(path), Errc::invalid_argument);
  path = c->sent.path;
  path.nodes.front().encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  expect_refused_after_merge(decrypting(path), Errc::invalid_argument);
}

// Section 7.5: a path secret comes from the committer, not from oneself;
// nor does a committer decrypt its own path.
TEST_F(BadPathTest, APathSecretFromOneself) {
  const auto* secret = c->sent.path_secrets.for_joiner(receiver);
  ASSERT_NE(secret, nullptr);
  expect_refused_after_merge(
      [&](TreePrivateKeys& keys, const RatchetTree& merged) {
        return keys.add_path_secret_from(merged, receiver, secret->clone());
      },
      Errc::invalid_argument);
  expect_refused_after_merge(
      [this](TreePrivateKeys& keys, const RatchetTree& merged) {
        return keys.decrypt_path(merged, sender, c->sent.path, context_for(merged), {});
      },
      Errc::invalid_argument, sender);
}

// Sections 7.5 and 7.6: a leaf the commit adds is left out of the
// resolutions the path encrypts to; leaf 4, added, finds no ciphertext for
// it, and takes its path secret from the Welcome instead.
TEST_F(TreeKemTest, AnAddedLeafFindsNoCiphertext) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  ASSERT_NO_FATAL_FAILURE(commit_all());
  const auto added = add(1);
  ASSERT_EQ(added, std::vector<LeafIndex>{LeafIndex{4}});
  auto c = sent_path(LeafIndex{0}, added);
  RatchetTree merged = c.before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, LeafIndex{0}, c.sent.path)));
  auto& keys = keys_of(4);
  const auto held = held_keys(keys, merged);
  EXPECT_TRUE(fails_with(keys.decrypt_path(merged, LeafIndex{0}, c.sent.path, context_for(merged), added),
                         Errc::invalid_argument));
  EXPECT_EQ(held_keys(keys, merged), held);
  const auto* secret = c.sent.path_secrets.for_joiner(LeafIndex{4});
  ASSERT_NE(secret, nullptr);
  EXPECT_TRUE(is_ok(keys.add_path_secret_from(merged, LeafIndex{0}, secret->clone())));
  EXPECT_TRUE(keys.consistent(c.after));
}

// A removed member's leaf is under no node of a later path: it can neither
// decrypt it nor take a path secret of it.
TEST_F(TreeKemTest, ARemovedMemberIsUnderNoPathNode) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  ASSERT_NO_FATAL_FAILURE(commit_all());
  ASSERT_TRUE(is_ok(tree->remove_leaf(LeafIndex{3})));
  ASSERT_TRUE(is_ok(tree->remove_leaf(LeafIndex{2})));
  for (auto& entry : members) entry.second.keys.forget_blank_nodes(*tree);
  auto c = sent_path(LeafIndex{0});
  RatchetTree merged = c.before;
  ASSERT_TRUE(is_ok(merge_update_path(merged, LeafIndex{0}, c.sent.path)));
  auto& keys = keys_of(3);
  const NodeIndex leaf = tree_math::node_of(LeafIndex{3});
  const Bytes leaf_key = keys.key_pair(leaf)->public_key;
  EXPECT_TRUE(fails_with(keys.decrypt_path(merged, LeafIndex{0}, c.sent.path, context_for(merged), {}),
                         Errc::invalid_argument));
  const crypto::Secret secret(Bytes(suite.secret_size(), 0x42));
  EXPECT_TRUE(fails_with(keys.add_path_secret_from(merged, LeafIndex{0}, secret.clone()), Errc::invalid_argument));
  EXPECT_EQ(c.sent.path_secrets.for_joiner(LeafIndex{3}), nullptr);
  EXPECT_EQ(keys.key_pair(leaf)->public_key, leaf_key);
  for (const auto node : {NodeIndex{1}, NodeIndex{3}, NodeIndex{5}}) EXPECT_EQ(keys.key_pair(node), nullptr);
}

// Section 7.4: path secrets and the key pairs they derive are taken only
// for parent nodes above the member's leaf, and a path only when each
// derived public key is the one given.
TEST_F(TreeKemTest, PathSecretsForNodesNotAboveTheLeafAreRefused) {
  ASSERT_NO_FATAL_FAILURE(commit(LeafIndex{0}, add(3)));
  auto& keys = keys_of(2);
  const auto held = held_keys(keys, *tree);
  const crypto::Secret secret(Bytes(suite.secret_size(), 0x42));
  EXPECT_TRUE(fails_with(keys.add_path_secret(NodeIndex{4}, secret.view()), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.add_path_secret(NodeIndex{1}, secret.view()), Errc::invalid_argument));

  const std::vector<NodeIndex> path{NodeIndex{5}, NodeIndex{3}};
  const std::vector<BytesView> public_keys{tree->encryption_key(NodeIndex{5}), tree->encryption_key(NodeIndex{3})};
  const auto one_key = std::span<const BytesView>(public_keys).first(1);
  EXPECT_TRUE(fails_with(keys.replace_path_from({}, {}, secret.clone()), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.replace_path_from(path, one_key, secret.clone()), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.replace_path_from(std::vector<NodeIndex>{NodeIndex{4}}, one_key, secret.clone()),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.replace_path_from(std::vector<NodeIndex>{NodeIndex{1}}, one_key, secret.clone()),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.replace_path_from(path, public_keys, secret.clone()), Errc::invalid_value));
  EXPECT_EQ(held_keys(keys, *tree), held);
  EXPECT_TRUE(keys.consistent(*tree));
}

}  // namespace
