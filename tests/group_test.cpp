// The MLS group end to end (RFC 9420 sections 11 to 13): create, add by
// Welcome, commit with and without a path, proposals by reference, remove,
// application messages, exporter; every member agrees on every epoch.

#include <gtest/gtest.h>

#include "conclave/mls/group.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

class GroupTest : public ::testing::Test {
 protected:
  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("group test")};

  KeyPackageBundle key_package(std::string_view name) {
    return *create_key_package(suite, Credential{BasicCredential{Bytes(name.begin(), name.end())}},
                               suite.signature().generate_key_pair(random), {}, random);
  }

  Group create(std::string_view name) {
    return std::move(*Group::create(suite, Bytes{'g', 'i', 'd'}, key_package(name), {}, {}, random));
  }

  // Adds `names` in one commit from `committer`; returns the joined groups.
  std::vector<Group> add(Group& committer, const std::vector<std::string_view>& names,
                         std::vector<Group*> others = {}) {
    std::vector<KeyPackageBundle> bundles;
    CommitOptions options;
    for (const auto name : names) {
      bundles.push_back(key_package(name));
      options.proposals.push_back(Proposal{Add{bundles.back().key_package}});
    }
    auto output = committer.commit(options, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(committer.merge_pending_commit()));
    for (auto* other : others) EXPECT_TRUE(is_ok(other->process(output->commit)));
    std::vector<Group> joined;
    for (auto& bundle : bundles) {
      auto group = Group::join(*output->welcome->body.get_if<Welcome>(), bundle.key_package,
                               std::move(bundle.keys), std::nullopt, {});
      EXPECT_TRUE(is_ok(group));
      joined.push_back(std::move(*group));
    }
    return joined;
  }
};

void expect_same_epoch(const Group& a, const Group& b) {
  EXPECT_EQ(a.epoch(), b.epoch());
  EXPECT_TRUE(std::equal(a.epoch_authenticator().begin(), a.epoch_authenticator().end(),
                         b.epoch_authenticator().begin(), b.epoch_authenticator().end()));
  EXPECT_EQ(a.tree().tree_hash(), b.tree().tree_hash());
}

TEST_F(GroupTest, CreateAddAndTalk) {
  auto alice = create("alice");
  EXPECT_EQ(alice.epoch(), 0u);
  auto joined = add(alice, {"bob", "carol"});
  ASSERT_EQ(joined.size(), 2u);
  auto& bob = joined[0];
  auto& carol = joined[1];
  expect_same_epoch(alice, bob);
  expect_same_epoch(alice, carol);
  EXPECT_EQ(alice.epoch(), 1u);

  auto message = bob.protect(as_bytes("hello"), {}, random);
  ASSERT_TRUE(is_ok(message));
  auto at_alice = alice.process(*message);
  ASSERT_TRUE(is_ok(at_alice));
  EXPECT_EQ(at_alice->application_data, (Bytes{'h', 'e', 'l', 'l', 'o'}));
  EXPECT_TRUE(is_ok(carol.process(*message)));

  auto exported_a = alice.export_secret("meeting", as_bytes("ctx"), 32);
  auto exported_c = carol.export_secret("meeting", as_bytes("ctx"), 32);
  ASSERT_TRUE(is_ok(exported_a));
  EXPECT_TRUE(*exported_a == *exported_c);
}

TEST_F(GroupTest, ProposalByReferenceThenCommit) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol"});
  auto& bob = joined[0];
  auto& carol = joined[1];
  auto proposal = bob.propose(Proposal{Remove{carol.own_leaf().value}});
  ASSERT_TRUE(is_ok(proposal));
  ASSERT_TRUE(is_ok(alice.process(*proposal)));
  ASSERT_TRUE(is_ok(carol.process(*proposal)));
  auto commit = alice.commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(bob.process(commit->commit)));
  auto removed = carol.process(commit->commit);
  ASSERT_TRUE(is_ok(removed));
  EXPECT_TRUE(removed->removed);
  expect_same_epoch(alice, bob);
  EXPECT_EQ(alice.tree().member_count(), 2u);
}

TEST_F(GroupTest, EmptyCommitsAndEncryptedCommits) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol", "dave"});
  for (int round = 0; round < 3; ++round) {
    auto& committer = joined[static_cast<std::size_t>(round)];
    CommitOptions options;
    options.encrypt = round % 2 == 1;
    auto commit = committer.commit(options, random);
    ASSERT_TRUE(is_ok(commit));
    ASSERT_TRUE(is_ok(committer.merge_pending_commit()));
    ASSERT_TRUE(is_ok(alice.process(commit->commit)));
    for (auto& other : joined) {
      if (&other != &committer) {
        ASSERT_TRUE(is_ok(other.process(commit->commit)));
      }
    }
    for (auto& other : joined) expect_same_epoch(alice, other);
  }
}

TEST_F(GroupTest, DiscardedCommitLeavesTheEpoch) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  const Bytes hash_before = alice.tree().tree_hash();
  auto commit = alice.commit({.proposals = {Proposal{Remove{joined[0].own_leaf().value}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_TRUE(alice.has_pending_commit());
  EXPECT_TRUE(fails_with(alice.protect(as_bytes("x"), {}, random), Errc::invalid_argument));
  alice.discard_pending_commit();
  EXPECT_EQ(alice.tree().tree_hash(), hash_before);
  EXPECT_EQ(alice.epoch(), 1u);
  auto message = alice.protect(as_bytes("still here"), {}, random);
  ASSERT_TRUE(is_ok(message));
  EXPECT_TRUE(is_ok(joined[0].process(*message)));
}

// Section 12.4.3.2: a joiner without a Welcome, from the published
// GroupInfo; then the same client resyncs, replacing its old leaf.
TEST_F(GroupTest, ExternalJoinAndResync) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  auto info = alice.group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto carol = Group::join_external(*info->body.get_if<GroupInfo>(), key_package("carol"),
                                    std::nullopt, {}, random);
  ASSERT_TRUE(is_ok(carol));
  ASSERT_TRUE(is_ok(alice.process(carol->commit)));
  ASSERT_TRUE(is_ok(bob.process(carol->commit)));
  expect_same_epoch(alice, carol->group);
  expect_same_epoch(bob, carol->group);
  EXPECT_EQ(alice.tree().member_count(), 3u);

  auto again = bob.group_info(false);
  ASSERT_TRUE(is_ok(again));
  auto resynced = Group::join_external(*again->body.get_if<GroupInfo>(), key_package("carol again"),
                                       alice.tree().to_nodes(), {}, random,
                                       carol->group.own_leaf());
  ASSERT_TRUE(is_ok(resynced));
  ASSERT_TRUE(is_ok(alice.process(resynced->commit)));
  expect_same_epoch(alice, resynced->group);
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// Section 12.4.3.2: an external Commit may carry only ExternalInit, one
// Remove and PreSharedKeys; the ExternalInit's secret must be the group's.
TEST_F(GroupTest, ExternalCommitForAnotherEpochIsRejected) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto info = alice.group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto carol = Group::join_external(*info->body.get_if<GroupInfo>(), key_package("carol"),
                                    std::nullopt, {}, random);
  ASSERT_TRUE(is_ok(carol));
  auto empty = joined[0].commit({}, random);
  ASSERT_TRUE(is_ok(empty));
  ASSERT_TRUE(is_ok(joined[0].merge_pending_commit()));
  ASSERT_TRUE(is_ok(alice.process(empty->commit)));
  EXPECT_TRUE(fails_with(alice.process(carol->commit), Errc::wrong_epoch));
}

}  // namespace
