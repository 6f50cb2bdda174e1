// Group::deserialize() against a serialization changed in one field: each
// field that does not fit the others (a format, suite, leaf, key, past epoch,
// secret tree or Exporter Tree node out of place) gives its typed error, and
// the unchanged serialization, decoded and encoded again, deserializes.

#include <gtest/gtest.h>

#include <functional>

#include "conclave/codec/codec.hpp"
#include "storage/persisted_pair.hpp"
#include "mls/group_storage.hpp"

namespace conclave::mls {
namespace {

using Tamper = std::function<void(StoredGroup&)>;

crypto::Secret secret_of_size(std::size_t size) { return crypto::Secret(Bytes(size, 0x42)); }

// Bob, after Alice's Commit with a path and a message from her: he holds
// one past epoch, a path key, a used secret tree leaf and a taken
// Exporter Tree secret.
class StoredGroupTest : public PersistedPairTest {
 protected:
  void SetUp() override {
    PersistedPairTest::SetUp();
    ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
    ASSERT_TRUE(test::is_ok(bob->process(from_alice("hi"))));
    ASSERT_TRUE(test::is_ok(bob->safe_export_secret(ComponentId{7})));
    stored_ = *codec::decode<StoredGroup>(bob->serialize()->view());
    ASSERT_EQ(stored_.past_epochs.size(), 1u);
    ASSERT_FALSE(stored_.epoch.protection.secret_tree.ratchets.empty());
    ASSERT_GE(stored_.epoch.exporter_tree.size(), 2u);
  }

  Result<Group> deserialize_with(const Tamper& tamper) {
    auto stored = *codec::decode<StoredGroup>(codec::encode(stored_));
    tamper(stored);
    return Group::deserialize(codec::encode(stored), member_config);
  }

  StoredPastEpoch& past(StoredGroup& stored) { return stored.past_epochs.front(); }

  StoredGroup stored_;
};

TEST_F(StoredGroupTest, TheSerializationDecodedAndEncodedAgainDeserializes) {
  EXPECT_TRUE(test::is_ok(deserialize_with([](StoredGroup&) {})));
}

TEST_F(StoredGroupTest, AnotherFormatIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) { s.format = storage_format - 1; }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, AnUnknownCipherSuiteIsRefused) {
  EXPECT_TRUE(test::fails_with(
      deserialize_with([](StoredGroup& s) { s.epoch.context.cipher_suite = static_cast<CipherSuiteId>(0x7a7a); }),
      Errc::unsupported_algorithm));
}

TEST_F(StoredGroupTest, ATreeThatDoesNotDecodeIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) { s.tree = {0x01}; }), Errc::truncated));
}

TEST_F(StoredGroupTest, AnotherOwnLeafIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) { s.own_leaf = 0; }), Errc::invalid_value));
}

TEST_F(StoredGroupTest, ALeafPrivateKeyThatIsNotTheTreesIsRefused) {
  const auto other = suite.hpke().kem().derive_key_pair(Bytes(32, 9));
  ASSERT_TRUE(test::is_ok(other));
  EXPECT_TRUE(test::fails_with(
      deserialize_with([&](StoredGroup& s) { s.private_keys.leaf_private_key = other->private_key.clone(); }),
      Errc::invalid_value));
}

TEST_F(StoredGroupTest, AMalformedPathPrivateKeyIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) {
                                 s.private_keys.path_private_keys.push_back({1, secret_of_size(31)});
                               }),
                               Errc::invalid_private_key));
}

TEST_F(StoredGroupTest, AFirstEpochAfterTheCurrentOneIsRefused) {
  EXPECT_TRUE(test::fails_with(
      deserialize_with([](StoredGroup& s) { s.first_epoch = s.epoch.context.epoch + 1; }), Errc::invalid_value));
}

TEST_F(StoredGroupTest, MorePastEpochsThanEpochsHeldAreRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) { s.first_epoch = s.epoch.context.epoch; }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, APastEpochOfAnotherNumberGroupOrSuiteIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) { ++past(s).context.epoch; }),
                               Errc::invalid_value));
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) { past(s).context.group_id = {'x'}; }),
                               Errc::invalid_value));
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) {
                                 past(s).context.cipher_suite =
                                     CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519;
                               }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, APastEpochWithALeafCountNotAPowerOfTwoIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) { past(s).leaves = 3; }), Errc::invalid_value));
}

TEST_F(StoredGroupTest, APastEpochsSignersOutOfOrderAreRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) {
                                 past(s).signers_before_next = {{1, std::nullopt}, {1, std::nullopt}};
                               }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, ASecretTreeNodeOutsideTheTreeOrOfAnotherSizeIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) {
                                 s.epoch.protection.secret_tree.nodes.push_back({9, secret_of_size(32)});
                               }),
                               Errc::invalid_value));
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) {
                                 past(s).secret_tree.nodes.push_back({2, secret_of_size(31)});
                               }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, ASecretTreeRatchetOfALeafOutsideTheTreeIsRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([&](StoredGroup& s) {
                                 auto& ratchets = s.epoch.protection.secret_tree.ratchets;
                                 ratchets.front().leaf = 2;
                               }),
                               Errc::invalid_value));
}

TEST_F(StoredGroupTest, AnExporterTreeNodeOutsideTheTreeOrOfAnotherSizeIsRefused) {
  EXPECT_TRUE(test::fails_with(
      deserialize_with([](StoredGroup& s) { s.epoch.exporter_tree.back().node = 1u << 20; }), Errc::invalid_value));
  EXPECT_TRUE(test::fails_with(
      deserialize_with([](StoredGroup& s) { s.epoch.exporter_tree.front().secret = secret_of_size(31); }),
      Errc::invalid_value));
}

TEST_F(StoredGroupTest, ExporterTreeNodesThatOverlapAreRefused) {
  EXPECT_TRUE(test::fails_with(deserialize_with([](StoredGroup& s) {
                                 auto& nodes = s.epoch.exporter_tree;
                                 nodes.push_back({nodes.back().node, nodes.back().secret.clone()});
                               }),
                               Errc::invalid_value));
}

}  // namespace
}  // namespace conclave::mls
