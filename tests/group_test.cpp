// The MLS group end to end (RFC 9420 sections 11 to 13): create, add by
// Welcome, commit with and without a path, proposals by reference, remove,
// application messages, exporter; every member agrees on every epoch.

#include <gtest/gtest.h>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/group.hpp"
#include "group_fixtures.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

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

  auto message = bob.protect(as_bytes("hello"), as_bytes("aad"), random);
  ASSERT_TRUE(is_ok(message));
  auto at_alice = alice.process(*message);
  ASSERT_TRUE(is_ok(at_alice));
  EXPECT_EQ(at_alice->application_data, (Bytes{'h', 'e', 'l', 'l', 'o'}));
  EXPECT_EQ(at_alice->authenticated_data, (Bytes{'a', 'a', 'd'}));
  EXPECT_TRUE(is_ok(carol.process(*message)));

  auto exported_a = alice.export_secret("meeting", as_bytes("ctx"), 32);
  auto exported_c = carol.export_secret("meeting", as_bytes("ctx"), 32);
  ASSERT_TRUE(is_ok(exported_a));
  EXPECT_TRUE(*exported_a == *exported_c);
}

// The GroupInfo a Commit carries is the one the committer gives once merged
// (Ed25519 signs deterministically), and an external joiner can use it.
TEST_F(GroupTest, CommitCarriesTheNextEpochsGroupInfo) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto output = alice.commit({.force_path = true, .group_info = true}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(output->group_info.has_value());
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  EXPECT_EQ(codec::encode(*output->group_info), codec::encode(*alice.group_info(true)));
  const auto* info = output->group_info->body.get_if<GroupInfo>();
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->group_context.epoch, alice.epoch());
  auto without = alice.commit({}, random);
  ASSERT_TRUE(is_ok(without));
  EXPECT_FALSE(without->group_info.has_value());
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
  // Section 12.2: the same credential, as the default resync rule requires.
  auto resynced = Group::join_external(*again->body.get_if<GroupInfo>(), key_package("carol"),
                                       alice.tree().to_nodes(), {}, random,
                                       {.replacing = carol->group.own_leaf()});
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

// Section 12.1.2: a member's Update, committed by another; the member's
// new leaf key then decrypts the next path.
TEST_F(GroupTest, UpdateCommittedByAnother) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol"});
  auto& bob = joined[0];
  auto& carol = joined[1];
  auto update = bob.propose_update(random);
  ASSERT_TRUE(is_ok(update));
  ASSERT_TRUE(is_ok(alice.process(*update)));
  ASSERT_TRUE(is_ok(carol.process(*update)));
  auto commit = alice.commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(bob.process(commit->commit)));
  ASSERT_TRUE(is_ok(carol.process(commit->commit)));
  expect_same_epoch(alice, bob);
  auto next = carol.commit({}, random);
  ASSERT_TRUE(is_ok(next));
  ASSERT_TRUE(is_ok(carol.merge_pending_commit()));
  ASSERT_TRUE(is_ok(bob.process(next->commit)));
  expect_same_epoch(carol, bob);
}

// Section 12.4: received proposals that would make the list invalid are
// left out (here an Update by a member the committer removes, and a Remove
// of the committer), the rest are committed.
TEST_F(GroupTest, ConflictingReceivedProposalsAreLeftOut) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol", "dave"});
  auto& bob = joined[0];
  auto& carol = joined[1];
  auto& dave = joined[2];
  auto update = bob.propose_update(random);
  auto remove_alice = carol.propose(Proposal{Remove{alice.own_leaf().value}});
  auto remove_dave = carol.propose(Proposal{Remove{dave.own_leaf().value}});
  ASSERT_TRUE(is_ok(update) && is_ok(remove_alice) && is_ok(remove_dave));
  for (auto* member : {&alice, &carol}) {
    for (const auto* message : {&*update, &*remove_alice, &*remove_dave}) {
      ASSERT_TRUE(is_ok(member->process(*message)));
    }
  }
  CommitOptions removing_bob;
  removing_bob.proposals.push_back(Proposal{Remove{bob.own_leaf().value}});
  auto commit = alice.commit(removing_bob, random);
  ASSERT_TRUE(is_ok(commit));
  const auto* content = commit->commit.body.get_if<PublicMessage>();
  ASSERT_NE(content, nullptr);
  EXPECT_EQ(content->content.content.get_if<Commit>()->proposals.size(), 2u);
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(carol.process(commit->commit)));
  expect_same_epoch(alice, carol);
  EXPECT_EQ(alice.tree().member_count(), 2u);
  EXPECT_FALSE(alice.tree().leaf(bob.own_leaf()).has_value());
  EXPECT_FALSE(alice.tree().leaf(dave.own_leaf()).has_value());

  CommitOptions removing_self;
  removing_self.proposals.push_back(Proposal{Remove{alice.own_leaf().value}});
  EXPECT_TRUE(fails_with(alice.commit(removing_self, random), Errc::invalid_proposal));
}

// Section 8.4: an external PSK and a resumption PSK of an earlier epoch,
// injected by proposals; a member without the external PSK cannot follow.
TEST_F(GroupTest, PreSharedKeysInTheKeySchedule) {
  const Bytes psk_id{'m', 'e', 'e', 't'};
  const Bytes psk_value(32, 0x77);
  GroupConfig with_psk;
  with_psk.psks = [&](const PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<ExternalPskId>();
    if (external == nullptr || external->psk_id != psk_id) return std::nullopt;
    return crypto::Secret(psk_value);
  };
  auto alice = std::move(*Group::create(suite, Bytes{'g'}, key_package("alice"), {}, with_psk, random));
  auto bob_bundle = key_package("bob");
  auto added = alice.commit({.proposals = {Proposal{Add{bob_bundle.key_package}}}}, random);
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  auto bob = std::move(*Group::join(*added->welcome->body.get_if<Welcome>(), bob_bundle.key_package,
                                    std::move(bob_bundle.keys), std::nullopt, with_psk));
  Bytes nonce(suite.secret_size(), 1);
  const PreSharedKeyId external{{ExternalPskId{psk_id}}, nonce};
  const PreSharedKeyId resumption{{ResumptionPskId{ResumptionPskUsage::application, Bytes{'g'}, 1}}, nonce};
  auto commit = alice.commit({.proposals = {Proposal{PreSharedKey{external}}, Proposal{PreSharedKey{resumption}}}},
                             random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(bob.process(commit->commit)));
  expect_same_epoch(alice, bob);
}

// Section 12.4.3.2: an external Commit may carry PreSharedKeys; the joiner
// and the members derive the same epoch from them, and a joiner without the
// PSK cannot join at all.
TEST_F(GroupTest, ExternalJoinWithAPreSharedKey) {
  const Bytes psk_id{'p', 'w'};
  GroupConfig with_psk;
  with_psk.psks = [&](const PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<ExternalPskId>();
    if (external == nullptr || external->psk_id != psk_id) return std::nullopt;
    return crypto::Secret(Bytes(32, 0x42));
  };
  auto alice = std::move(*Group::create(suite, Bytes{'g'}, key_package("alice"), {}, with_psk, random));
  auto info = alice.group_info(true);
  ASSERT_TRUE(is_ok(info));
  const ExternalJoinOptions options{.psks = {PreSharedKeyId{{ExternalPskId{psk_id}}, Bytes(suite.secret_size(), 9)}}};
  const auto& group_info = *info->body.get_if<GroupInfo>();
  EXPECT_TRUE(fails_with(Group::join_external(group_info, key_package("eve"), std::nullopt, {}, random, options),
                         Errc::unknown_psk));
  auto carol = Group::join_external(group_info, key_package("carol"), std::nullopt, with_psk, random, options);
  ASSERT_TRUE(is_ok(carol));
  const auto& proposals = carol->commit.body.get_if<PublicMessage>()->content.content.get_if<Commit>()->proposals;
  ASSERT_EQ(proposals.size(), 2u);
  EXPECT_TRUE(proposals[1].get_if<Proposal>()->holds<PreSharedKey>());
  ASSERT_TRUE(is_ok(alice.process(carol->commit)));
  expect_same_epoch(alice, carol->group);
}

// GroupConfig::commit_policy sees a received Commit's proposals before
// anything is applied; its refusal leaves the group as it was.
TEST_F(GroupTest, CommitPolicyRefusesBeforeApplying) {
  auto alice = create("alice");
  GroupConfig strict;
  std::size_t seen = 0;
  strict.commit_policy = [&](const GroupContext& context, const Sender& committer,
                             const std::vector<ResolvedProposal>& proposals) -> Status {
    EXPECT_EQ(context.epoch, 1u);
    EXPECT_EQ(committer, (Sender{MemberSender{0}}));
    seen = proposals.size();
    return Errc::invalid_proposal;
  };
  auto bob_bundle = key_package("bob");
  auto added = alice.commit({.proposals = {Proposal{Add{bob_bundle.key_package}}}}, random);
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  auto bob = std::move(*Group::join(*added->welcome->body.get_if<Welcome>(), bob_bundle.key_package,
                                    std::move(bob_bundle.keys), std::nullopt, strict));
  auto carol = key_package("carol");
  auto commit = alice.commit({.proposals = {Proposal{Add{carol.key_package}}}}, random);
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  const Bytes before = bob.tree().tree_hash();
  EXPECT_TRUE(fails_with(bob.process(commit->commit), Errc::invalid_proposal));
  EXPECT_EQ(seen, 1u);
  EXPECT_EQ(bob.epoch(), 1u);
  EXPECT_EQ(bob.tree().tree_hash(), before);
}

// Section 11.3: a subgroup branched with a resumption PSK of usage branch;
// its members join with the old group's resumption PSKs.
TEST_F(GroupTest, BranchIntoASubgroup) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol"});
  auto bob_bundle = key_package("bob, branched");
  auto branched = alice.branch(Bytes{'s', 'u', 'b'}, {},
                               {key_package("alice, branched"), {bob_bundle.key_package}, {}, {}}, random);
  ASSERT_TRUE(is_ok(branched));
  EXPECT_EQ(branched->group.epoch(), 1u);
  GroupConfig config;
  config.psks = joined[0].resumption_psks();
  config.resumed = resumed_group(joined[0]);
  auto bob = Group::join(*branched->welcome.body.get_if<Welcome>(), bob_bundle.key_package,
                         std::move(bob_bundle.keys), std::nullopt, config);
  ASSERT_TRUE(is_ok(bob));
  expect_same_epoch(branched->group, *bob);
  auto carol_bundle = key_package("carol, not branched");
  EXPECT_TRUE(fails_with(alice.reinitialize({key_package("a"), {carol_bundle.key_package}, {}, {}}, random),
                         Errc::invalid_argument));
}

// Section 11.2: a committed ReInit closes the group; the new group carries
// its parameters and a resumption PSK of usage reinit.
TEST_F(GroupTest, ReinitializeTheGroup) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const ReInit reinit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10,
                      CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519, {}};
  auto commit = alice.commit({.proposals = {Proposal{reinit}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(bob.process(commit->commit)));
  ASSERT_NE(bob.pending_reinit(), nullptr);
  EXPECT_TRUE(fails_with(bob.protect(as_bytes("late"), {}, random), Errc::group_reinitialized));

  const auto new_suite = *CipherSuite::find(reinit.cipher_suite);
  auto bundle_for = [&](std::string_view name) {
    return *create_key_package(new_suite, Credential{BasicCredential{Bytes(name.begin(), name.end())}},
                               new_suite.signature().generate_key_pair(random), {}, random);
  };
  auto bob_bundle = bundle_for("bob");
  EXPECT_TRUE(fails_with(alice.branch(Bytes{'b'}, {}, {bundle_for("a"), {}, {}, {}}, random),
                         Errc::group_reinitialized));
  auto resumed = alice.reinitialize({bundle_for("alice"), {bob_bundle.key_package}, {}, {}}, random);
  ASSERT_TRUE(is_ok(resumed));
  EXPECT_EQ(resumed->group.context().group_id, reinit.group_id);
  GroupConfig config;
  config.psks = bob.resumption_psks();
  config.resumed = resumed_group(bob);
  auto new_bob = Group::join(*resumed->welcome.body.get_if<Welcome>(), bob_bundle.key_package,
                             std::move(bob_bundle.keys), std::nullopt, config);
  ASSERT_TRUE(is_ok(new_bob));
  expect_same_epoch(resumed->group, *new_bob);
}

// A member persists its state mid-epoch (with a proposal cached and a
// message received) and carries on from the reloaded copy.
TEST_F(GroupTest, SerializedStateReloadsAndContinues) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol"});
  auto& bob = joined[0];
  auto message = alice.protect(as_bytes("before"), {}, random);
  ASSERT_TRUE(is_ok(bob.process(*message)));
  auto proposal = alice.propose(Proposal{Remove{joined[1].own_leaf().value}});
  ASSERT_TRUE(is_ok(bob.process(*proposal)));

  auto stored = bob.serialize();
  ASSERT_TRUE(is_ok(stored));
  auto reloaded = Group::deserialize(stored->view(), {});
  ASSERT_TRUE(is_ok(reloaded));
  EXPECT_TRUE(*reloaded->serialize() == *stored);
  expect_same_epoch(bob, *reloaded);
  EXPECT_TRUE(fails_with(reloaded->process(*message), Errc::generation_consumed));

  auto commit = alice.commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(reloaded->process(commit->commit)));
  expect_same_epoch(alice, *reloaded);
  EXPECT_EQ(reloaded->tree().member_count(), 2u);
}

// Section 12.1.7: new group extensions must be supported by every member.
TEST_F(GroupTest, GroupContextExtensionsNeedEveryMembersSupport) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  const Extension unsupported{static_cast<ExtensionType>(0x00f0), Bytes{1}};
  EXPECT_TRUE(fails_with(alice.commit({.proposals = {Proposal{GroupContextExtensions{{unsupported}}}}}, random),
                         Errc::capability_mismatch));
  EXPECT_FALSE(alice.has_pending_commit());
  const auto application_id = make_extension(ApplicationId{Bytes{'m', 'e', 'e', 't'}});
  auto commit = alice.commit({.proposals = {Proposal{GroupContextExtensions{{application_id}}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(is_ok(joined[0].process(commit->commit)));
  EXPECT_EQ(joined[0].context().extensions, ExtensionList{application_id});
  expect_same_epoch(alice, joined[0]);
}

TEST_F(GroupTest, CorruptStateIsRejected) {
  auto alice = create("alice");
  auto stored = alice.serialize();
  ASSERT_TRUE(is_ok(stored));
  Bytes bytes(stored->view().begin(), stored->view().end());
  bytes[1] ^= 0x01;
  EXPECT_TRUE(fails_with(Group::deserialize(bytes, {}), Errc::invalid_value));
  bytes.pop_back();
  EXPECT_FALSE(Group::deserialize(Bytes(bytes.begin(), bytes.end() - 3), {}).ok());
}

}  // namespace
