// The secret tree (RFC 9420 section 9), its ratchets (section 9.1) and
// deletion schedule (section 9.2), and the sender data key (section 6.3.2),
// against a derivation written out step by step in this file.

#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "conclave/mls/secret_tree.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::crypto::Secret;
using conclave::mls::CipherSuite;
using conclave::mls::CipherSuiteId;
using conclave::mls::LeafCount;
using conclave::mls::LeafIndex;
using conclave::mls::NodeIndex;
using conclave::mls::RatchetKey;
using conclave::mls::RatchetType;
using conclave::mls::SecretTree;
using conclave::mls::SecretTreeOptions;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
namespace tree_math = conclave::mls::tree_math;

constexpr auto application = RatchetType::application;
constexpr auto handshake = RatchetType::handshake;

// The secret of a leaf, walking down from the root (section 9).
Secret leaf_secret(const CipherSuite& suite, BytesView root_secret, LeafCount leaves,
                   LeafIndex leaf) {
  const NodeIndex target = tree_math::node_of(leaf);
  NodeIndex x = tree_math::root(leaves);
  Secret secret(root_secret);
  while (x != target) {
    const bool left = target < x;
    secret = suite
                 .expand_with_label(secret.view(), "tree", as_bytes(left ? "left" : "right"),
                                    suite.secret_size())
                 .value();
    x = left ? *tree_math::left(x) : *tree_math::right(x);
  }
  return secret;
}

struct ExpectedKey {
  Secret key;
  Secret nonce;
};

// Generation `generation` of a leaf's ratchet, through DeriveTreeSecret
// (section 9.1).
ExpectedKey expected_key(const CipherSuite& suite, BytesView root_secret, LeafCount leaves,
                         LeafIndex leaf, RatchetType type, std::uint32_t generation) {
  const auto leaf_node = leaf_secret(suite, root_secret, leaves, leaf);
  const std::string_view label = type == handshake ? "handshake" : "application";
  Secret ratchet =
      suite.expand_with_label(leaf_node.view(), label, {}, suite.secret_size()).value();
  for (std::uint32_t g = 0; g < generation; ++g) {
    ratchet = suite.derive_tree_secret(ratchet.view(), "secret", g, suite.secret_size()).value();
  }
  return {
      suite.derive_tree_secret(ratchet.view(), "key", generation, suite.aead().key_size()).value(),
      suite.derive_tree_secret(ratchet.view(), "nonce", generation, suite.aead().nonce_size())
          .value()};
}

class SecretTreeTest : public ::testing::Test {
 protected:
  static constexpr std::uint32_t default_leaves = 8;

  SecretTree tree(SecretTreeOptions options = {}, std::uint32_t leaves = default_leaves) const {
    return SecretTree(suite, Secret(encryption_secret), LeafCount::of(leaves).value(), options);
  }

  // The key matches the independent derivation and names its generation.
  ::testing::AssertionResult matches(const Result<RatchetKey>& key, LeafIndex leaf,
                                     RatchetType type, std::uint32_t generation,
                                     std::uint32_t leaves = default_leaves) const {
    if (!key) return ::testing::AssertionFailure() << "failed with " << to_string(key.error());
    if (key->generation != generation) {
      return ::testing::AssertionFailure() << "generation " << key->generation;
    }
    const auto expected = expected_key(suite, encryption_secret, LeafCount::of(leaves).value(),
                                       leaf, type, generation);
    if (!(key->key == expected.key)) return ::testing::AssertionFailure() << "key differs";
    if (!(key->nonce == expected.nonce)) return ::testing::AssertionFailure() << "nonce differs";
    return ::testing::AssertionSuccess();
  }

  const CipherSuite suite =
      CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519).value();
  const Bytes encryption_secret =
      hex("d69fcc35969e94680461974bd26c7cda7594cbf45985c4bf668c3b3118b765ab");
};

TEST_F(SecretTreeTest, KeysMatchDeriveTreeSecret) {
  auto t = tree();
  for (const std::uint32_t leaf : {0u, 3u, 4u, 7u}) {
    for (const std::uint32_t generation : {0u, 1u, 2u, 5u}) {
      for (const auto type : {handshake, application}) {
        EXPECT_TRUE(
            matches(t.get(LeafIndex{leaf}, type, generation), LeafIndex{leaf}, type, generation))
            << "leaf " << leaf << " generation " << generation;
      }
    }
  }
}

TEST_F(SecretTreeTest, NextHandsOutSuccessiveGenerations) {
  auto t = tree();
  for (std::uint32_t generation = 0; generation < 4; ++generation) {
    EXPECT_TRUE(matches(t.next(LeafIndex{2}, application), LeafIndex{2}, application, generation));
  }
  EXPECT_TRUE(matches(t.next(LeafIndex{2}, handshake), LeafIndex{2}, handshake, 0));
}

TEST_F(SecretTreeTest, SingleLeafTreeUsesTheEncryptionSecretAsLeafSecret) {
  auto t = tree({}, 1);
  EXPECT_TRUE(matches(t.get(LeafIndex{0}, handshake, 3), LeafIndex{0}, handshake, 3, 1));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{1}, handshake, 0), Errc::invalid_sender));
}

TEST_F(SecretTreeTest, LargeTreeDerivesOnlyThePathsUsed) {
  constexpr std::uint32_t leaves = std::uint32_t{1} << 17;
  auto t = tree({}, leaves);
  for (const std::uint32_t leaf : {99'999u, 100'000u, 0u, leaves - 1}) {
    EXPECT_TRUE(
        matches(t.get(LeafIndex{leaf}, application, 1), LeafIndex{leaf}, application, 1, leaves));
  }
}

TEST_F(SecretTreeTest, UsedGenerationIsConsumed) {
  auto t = tree();
  ASSERT_TRUE(is_ok(t.get(LeafIndex{1}, application, 3)));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{1}, application, 3), Errc::generation_consumed));
  EXPECT_TRUE(matches(t.get(LeafIndex{1}, application, 4), LeafIndex{1}, application, 4));
  EXPECT_TRUE(fails_with(t.peek(LeafIndex{1}, application, 4), Errc::generation_consumed));
}

TEST_F(SecretTreeTest, NextAndGetShareTheRatchet) {
  auto t = tree();
  ASSERT_TRUE(is_ok(t.next(LeafIndex{5}, handshake)));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{5}, handshake, 0), Errc::generation_consumed));
  EXPECT_TRUE(matches(t.next(LeafIndex{5}, handshake), LeafIndex{5}, handshake, 1));
}

TEST_F(SecretTreeTest, OutOfOrderDeliveryWithinTheWindow) {
  auto t = tree();
  EXPECT_TRUE(matches(t.get(LeafIndex{6}, application, 10), LeafIndex{6}, application, 10));
  for (const std::uint32_t generation : {5u, 9u, 0u, 7u}) {
    EXPECT_TRUE(matches(t.get(LeafIndex{6}, application, generation), LeafIndex{6}, application,
                        generation));
  }
  EXPECT_TRUE(fails_with(t.get(LeafIndex{6}, application, 5), Errc::generation_consumed));
  EXPECT_TRUE(matches(t.get(LeafIndex{6}, application, 11), LeafIndex{6}, application, 11));
  EXPECT_TRUE(matches(t.get(LeafIndex{6}, application, 8), LeafIndex{6}, application, 8));
}

TEST_F(SecretTreeTest, GenerationBelowTheWindowIsConsumed) {
  auto t = tree({.out_of_order_window = 4});
  ASSERT_TRUE(is_ok(t.get(LeafIndex{0}, application, 10)));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{0}, application, 5), Errc::generation_consumed));
  EXPECT_TRUE(matches(t.get(LeafIndex{0}, application, 6), LeafIndex{0}, application, 6));
  // Advancing moves the window: 7 is now more than 4 below 12.
  ASSERT_TRUE(is_ok(t.get(LeafIndex{0}, application, 12)));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{0}, application, 7), Errc::generation_consumed));
  EXPECT_TRUE(matches(t.get(LeafIndex{0}, application, 8), LeafIndex{0}, application, 8));
}

TEST_F(SecretTreeTest, GenerationPastTheForwardLimitIsTooFar) {
  auto t = tree({.max_forward_distance = 16});
  EXPECT_TRUE(fails_with(t.get(LeafIndex{3}, application, 17), Errc::generation_too_far));
  EXPECT_TRUE(fails_with(t.peek(LeafIndex{3}, application, 17), Errc::generation_too_far));
  EXPECT_TRUE(matches(t.get(LeafIndex{3}, application, 16), LeafIndex{3}, application, 16));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{3}, application, 34), Errc::generation_too_far));
  EXPECT_TRUE(matches(t.get(LeafIndex{3}, application, 33), LeafIndex{3}, application, 33));
}

TEST_F(SecretTreeTest, FailedCallsLeaveTheTreeUnchanged) {
  auto t = tree({.max_forward_distance = 16});
  ASSERT_TRUE(is_ok(t.get(LeafIndex{4}, handshake, 5)));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{4}, handshake, 100), Errc::generation_too_far));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{4}, handshake, 5), Errc::generation_consumed));
  EXPECT_TRUE(fails_with(t.get(LeafIndex{8}, handshake, 0), Errc::invalid_sender));
  // The skipped keys and the ratchet position are as before the failures.
  EXPECT_TRUE(matches(t.get(LeafIndex{4}, handshake, 3), LeafIndex{4}, handshake, 3));
  EXPECT_TRUE(matches(t.get(LeafIndex{4}, handshake, 22), LeafIndex{4}, handshake, 22));
}

TEST_F(SecretTreeTest, SenderOutsideTheTreeIsInvalid) {
  auto t = tree();
  EXPECT_TRUE(fails_with(t.get(LeafIndex{8}, application, 0), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(t.next(LeafIndex{8}, application), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(t.peek(LeafIndex{0xffffffff}, application, 0), Errc::invalid_sender));
  EXPECT_TRUE(matches(t.get(LeafIndex{7}, application, 0), LeafIndex{7}, application, 0));
}

TEST_F(SecretTreeTest, PeekConsumesNothing) {
  auto t = tree();
  EXPECT_TRUE(matches(t.peek(LeafIndex{2}, application, 4), LeafIndex{2}, application, 4));
  EXPECT_TRUE(matches(t.peek(LeafIndex{2}, application, 4), LeafIndex{2}, application, 4));
  EXPECT_TRUE(matches(t.get(LeafIndex{2}, application, 4), LeafIndex{2}, application, 4));
  EXPECT_TRUE(matches(t.peek(LeafIndex{2}, application, 1), LeafIndex{2}, application, 1));
  EXPECT_TRUE(matches(t.get(LeafIndex{2}, application, 1), LeafIndex{2}, application, 1));
  EXPECT_TRUE(matches(t.peek(LeafIndex{2}, application, 9), LeafIndex{2}, application, 9));
  EXPECT_TRUE(matches(t.get(LeafIndex{2}, application, 5), LeafIndex{2}, application, 5));
}

TEST_F(SecretTreeTest, SenderDataKeysSampleTheFirstNhBytes) {
  const Bytes secret = hex("95684b805e1bbd9c71d1abaf8a1930c12112b9a06c12db937970be5bbb916573");
  const Bytes short_ciphertext = hex("156f2eb3fa48");
  Bytes long_ciphertext(40, 0x5a);
  const Bytes sample(long_ciphertext.begin(), long_ciphertext.begin() + 32);

  auto short_keys = mls::sender_data_keys(suite, secret, short_ciphertext);
  ASSERT_TRUE(is_ok(short_keys));
  EXPECT_TRUE(short_keys->key ==
              suite.expand_with_label(secret, "key", short_ciphertext, 16).value());
  EXPECT_TRUE(short_keys->nonce ==
              suite.expand_with_label(secret, "nonce", short_ciphertext, 12).value());

  auto long_keys = mls::sender_data_keys(suite, secret, long_ciphertext);
  ASSERT_TRUE(is_ok(long_keys));
  EXPECT_TRUE(long_keys->key == suite.expand_with_label(secret, "key", sample, 16).value());
  EXPECT_TRUE(long_keys->nonce == suite.expand_with_label(secret, "nonce", sample, 12).value());
  long_ciphertext.back() ^= 1;
  auto changed_tail = mls::sender_data_keys(suite, secret, long_ciphertext);
  ASSERT_TRUE(is_ok(changed_tail));
  EXPECT_TRUE(changed_tail->key == long_keys->key);
}

}  // namespace
