// draft-ietf-mls-partial, "Annotated Commit", the path steps
// (receive_partial_path), on the draft's suite 1 tree-operations vectors:
// the genuine case reaches the commit secret, and each bad input is refused
// with its exact error and the receiver's keys unchanged.

#include <gtest/gtest.h>

#include <functional>

#include "conclave/mls/partial_path.hpp"
#include "partial_vectors.hpp"
#include "../test_support.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

// One tree-operations case, decoded, with the receiver's keys.
struct PathCase {
  UpdatePath path;
  std::uint32_t resolution_index = 0;
  MembershipProof sender;
  MembershipProof receiver;
  Bytes tree_hash;
  Bytes commit_secret;
  std::optional<TreePrivateKeys> keys;
};

PathCase path_case(const CipherSuite& suite, const vectors::Json& item) {
  PathCase c{*codec::decode<UpdatePath>(vectors::hex_field(item, "update_path")),
             item.at("resolution_index").get<std::uint32_t>(),
             *codec::decode<MembershipProof>(vectors::hex_field(item, "sender_membership_proof_after")),
             *codec::decode<MembershipProof>(vectors::hex_field(item, "receiver_membership_proof_after")),
             vectors::hex_field(item, "tree_hash_after"),
             vectors::hex_field(item, "commit_secret"),
             std::nullopt};
  const auto& state = item.at("receiver_path_state");
  TreePrivateKeys::Stored stored{c.receiver.leaf_index, crypto::Secret(vectors::hex_field(state.at(0), "encryption_priv")), {}};
  for (std::size_t i = 1; i < state.size(); ++i) {
    stored.path_private_keys.push_back({state.at(i).at("node").get<std::uint32_t>(),
                                        crypto::Secret(vectors::hex_field(state.at(i), "encryption_priv"))});
  }
  c.keys.emplace(*TreePrivateKeys::restore(suite, std::move(stored)));
  return c;
}

class PartialPathTest : public ::testing::Test {
 protected:
  // Every suite 1 case with `mutate` applied is refused with `expected`, the
  // keys unchanged; unmutated, it gives the commit secret.
  void expect_each_rejected(const std::function<void(PathCase&)>& mutate, Errc expected) {
    const auto cases = test::partial_cases("tree-operations", 1);
    ASSERT_FALSE(cases.empty());
    for (const auto& item : cases) {
      PathCase c = path_case(suite, item);
      PathCase bad = path_case(suite, item);
      const Bytes before = codec::encode(bad.keys->store());
      mutate(bad);
      EXPECT_TRUE(fails_with(receive_partial_path(*bad.keys, bad.path, bad.resolution_index, bad.sender, bad.receiver,
                                                  bad.tree_hash),
                             expected));
      EXPECT_EQ(codec::encode(bad.keys->store()), before);
      auto received = receive_partial_path(*c.keys, c.path, c.resolution_index, c.sender, c.receiver, c.tree_hash);
      ASSERT_TRUE(is_ok(received));
      EXPECT_EQ(test::copy_of(received->commit_secret.view()), c.commit_secret);
    }
  }

  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
};

// Section 7.5: each UpdatePath node is the committer's proven non-blank
// path node, with its key.
TEST_F(PartialPathTest, UpdatePathKeyNotTheProofsIsRejected) {
  expect_each_rejected([](PathCase& c) { c.path.nodes.back().encryption_key.back() ^= 1; }, Errc::invalid_value);
}

// The UpdatePath has one node per non-blank node of the committer's path.
TEST_F(PartialPathTest, UpdatePathWithAMissingNodeIsRejected) {
  expect_each_rejected([](PathCase& c) { c.path.nodes.pop_back(); }, Errc::invalid_length);
}

// The path secret is decrypted under the provisional context whose tree
// hash is tree_hash_after (here the vectors' context, altered).
TEST_F(PartialPathTest, OtherDecryptionContextIsRejected) {
  expect_each_rejected([](PathCase& c) { c.tree_hash.back() ^= 1; }, Errc::aead_failure);
}

// The receiver proof after is this member's leaf.
TEST_F(PartialPathTest, ReceiverProofOfAnotherLeafIsRejected) {
  expect_each_rejected([](PathCase& c) { c.receiver = c.sender; }, Errc::membership_proof_invalid);
}

// The after-proofs prove a leaf each, in trees of one size, and two leaves:
// the committer's and this member's.
TEST_F(PartialPathTest, AfterProofsWithoutALeafOrOfAnotherShapeAreRejected) {
  expect_each_rejected([](PathCase& c) { c.sender.direct_path_nodes.front().reset(); }, Errc::membership_proof_invalid);
  expect_each_rejected([](PathCase& c) { c.receiver.direct_path_nodes.front().reset(); },
                       Errc::membership_proof_invalid);
  expect_each_rejected([](PathCase& c) { c.sender.n_leaves *= 2; }, Errc::membership_proof_invalid);
  expect_each_rejected([](PathCase& c) { c.sender.leaf_index = c.receiver.leaf_index; },
                       Errc::membership_proof_invalid);
}

// This member decrypts with a key it holds for its proven path below the
// common ancestor: with every key of its proof changed, it holds none.
TEST_F(PartialPathTest, ReceiverProofOfOtherKeysIsRejected) {
  expect_each_rejected(
      [](PathCase& c) {
        for (auto& node : c.receiver.direct_path_nodes) {
          auto* leaf = node ? node->get_if<LeafNode>() : nullptr;
          auto* parent = node ? node->get_if<ParentNode>() : nullptr;
          if (leaf != nullptr) leaf->encryption_key.back() ^= 1;
          if (parent != nullptr) parent->encryption_key.back() ^= 1;
        }
      },
      Errc::invalid_argument);
}

// From the common ancestor up, this member's proven path is the
// committer's: a receiver proof with another root key is refused.
TEST_F(PartialPathTest, ReceiverProofOfAnotherRootKeyIsRejected) {
  expect_each_rejected(
      [](PathCase& c) {
        auto& root = c.receiver.direct_path_nodes.back();
        auto* parent = root ? root->get_if<ParentNode>() : nullptr;
        ASSERT_NE(parent, nullptr);
        parent->encryption_key.back() ^= 1;
      },
      Errc::invalid_value);
}

}  // namespace
}  // namespace conclave::mls
