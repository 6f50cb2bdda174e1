// Proposals by every kind of sender (RFC 9420 section 12.1): a member's as
// PrivateMessage, a new member's Add of itself, and an external sender's
// from the group's external_senders extension (section 12.1.8).

#include <gtest/gtest.h>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/external_proposal.hpp"
#include "group_fixtures.hpp"
#include "group_snapshot.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

// Section 12.1.8: the application authorizes outsiders; these groups take
// every valid proposal from one, except where a test says otherwise.
Status accept_outsiders(const GroupContext&, const Sender&, const Proposal&) { return {}; }

class GroupProposalTest : public GroupTest {
 protected:
  GroupProposalTest() { member_config.external_proposals = accept_outsiders; }

  // Commits whatever `committer` holds and has `others` process it.
  void commit_held(Group& committer, std::vector<Group*> others) {
    auto commit = committer.commit({}, random);
    ASSERT_TRUE(is_ok(commit));
    ASSERT_TRUE(is_ok(committer.merge_pending_commit()));
    for (auto* other : others) {
      ASSERT_TRUE(is_ok(other->process(commit->commit)));
      expect_same_epoch(committer, *other);
    }
  }

  // Alice's group with an external sender at index 0; Bob is a member.
  struct WithExternalSender {
    Group alice;
    Group bob;
    crypto::SignatureKeyPair signer;
  };
  WithExternalSender group_with_external_sender() {
    auto signer = suite.signature().generate_key_pair(random);
    const ExternalSender sender{signer.public_key, Credential{BasicCredential{Bytes{'d', 's'}}}};
    auto alice = std::move(*Group::create(suite, Bytes{'g'}, key_package("alice"),
                                          {make_extension(ExternalSenders{{sender}})}, member_config, random));
    auto joined = add(alice, {"bob"});
    return {std::move(alice), std::move(joined[0]), std::move(signer)};
  }
};

TEST_F(GroupProposalTest, AnEncryptedProposalIsCommittedByReference) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob", "carol"});
  auto& bob = joined[0];
  auto proposal = bob.propose(Proposal{Remove{joined[1].own_leaf().value}}, {.encrypt_with = &random});
  ASSERT_TRUE(is_ok(proposal));
  EXPECT_TRUE(proposal->body.holds<PrivateMessage>());
  auto received = alice.process(*proposal);
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->kind, Received::Kind::proposal);
  commit_held(alice, {&bob});
  EXPECT_EQ(alice.tree().member_count(), 2u);
}

TEST_F(GroupProposalTest, AnEncryptedUpdateIsCommittedByReference) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  auto update = bob.propose_update(random, {.encrypt_with = &random});
  ASSERT_TRUE(is_ok(update));
  ASSERT_TRUE(is_ok(alice.process(*update)));
  const auto old_key = alice.tree().leaf(bob.own_leaf())->encryption_key;
  commit_held(alice, {&bob});
  EXPECT_NE(alice.tree().leaf(bob.own_leaf())->encryption_key, old_key);
}

TEST_F(GroupProposalTest, ANewMemberProposesItsOwnAdd) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto dave = key_package("dave");
  auto proposal = external_proposal(alice.context(), Sender{NewMemberProposalSender{}},
                                    Proposal{Add{dave.key_package}}, dave.keys.signature_private_key);
  ASSERT_TRUE(is_ok(proposal));
  ASSERT_TRUE(is_ok(alice.process(*proposal)));
  ASSERT_TRUE(is_ok(joined[0].process(*proposal)));
  commit_held(alice, {&joined[0]});
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// Section 12.1.8: a new member may propose only an Add, signed by the key
// in that Add's KeyPackage.
TEST_F(GroupProposalTest, ANewMembersProposalIsChecked) {
  auto alice = create("alice");
  add(alice, {"bob"});
  auto dave = key_package("dave");
  const Sender new_member{NewMemberProposalSender{}};
  EXPECT_TRUE(fails_with(external_proposal(alice.context(), new_member, Proposal{Remove{1}},
                                           dave.keys.signature_private_key),
                         Errc::invalid_proposal));
  auto other = key_package("mallory");
  auto forged = external_proposal(alice.context(), new_member, Proposal{Add{dave.key_package}},
                                  other.keys.signature_private_key);
  ASSERT_TRUE(is_ok(forged));
  EXPECT_TRUE(fails_with(alice.process(*forged), Errc::signature_invalid));
  EXPECT_TRUE(fails_with(external_proposal(alice.context(), Sender{MemberSender{0}}, Proposal{Remove{1}},
                                           dave.keys.signature_private_key),
                         Errc::invalid_proposal));
}

TEST_F(GroupProposalTest, AnExternalSenderProposesARemove) {
  auto [alice, bob, signer] = group_with_external_sender();
  auto proposal = external_proposal(alice.context(), Sender{ExternalSenderIndex{0}},
                                    Proposal{Remove{bob.own_leaf().value}}, signer.private_key);
  ASSERT_TRUE(is_ok(proposal));
  ASSERT_TRUE(is_ok(alice.process(*proposal)));
  ASSERT_TRUE(is_ok(bob.process(*proposal)));
  auto commit = alice.commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  auto removed = bob.process(commit->commit);
  ASSERT_TRUE(is_ok(removed));
  EXPECT_TRUE(removed->removed);
}

// Section 12.1.8: the signature is checked against the external_senders
// entry the sender index names; an index past the list names no one.
TEST_F(GroupProposalTest, AnExternalSendersProposalIsChecked) {
  auto [alice, bob, signer] = group_with_external_sender();
  const Proposal remove{Remove{bob.own_leaf().value}};
  auto unknown = external_proposal(alice.context(), Sender{ExternalSenderIndex{1}}, remove, signer.private_key);
  ASSERT_TRUE(is_ok(unknown));
  EXPECT_FALSE(is_ok(alice.process(*unknown)));
  auto impostor = suite.signature().generate_key_pair(random);
  auto forged = external_proposal(alice.context(), Sender{ExternalSenderIndex{0}}, remove, impostor.private_key);
  ASSERT_TRUE(is_ok(forged));
  EXPECT_TRUE(fails_with(alice.process(*forged), Errc::signature_invalid));
  EXPECT_TRUE(fails_with(external_proposal(alice.context(), Sender{ExternalSenderIndex{0}},
                                           Proposal{Update{}}, signer.private_key),
                         Errc::invalid_proposal));
  EXPECT_EQ(alice.epoch(), 1u);
}

// Section 12.1.8 and draft-ietf-mls-extensions: an external sender may
// propose an Add (which alice takes and commits), a ReInit or an
// AppDataUpdate; a SelfRemove or an ExternalInit it may not.
TEST_F(GroupProposalTest, WhatAnExternalSenderMayPropose) {
  auto [alice, bob, signer] = group_with_external_sender();
  const GroupContext context = alice.context();
  const crypto::Secret& key = signer.private_key;
  const auto from_outside = [&context, &key](Proposal proposal) {
    return external_proposal(context, Sender{ExternalSenderIndex{0}}, std::move(proposal), key);
  };
  auto dave_added = from_outside(Proposal{Add{key_package("dave").key_package}});
  ASSERT_TRUE(is_ok(dave_added));
  ASSERT_TRUE(is_ok(alice.process(*dave_added)));
  ASSERT_TRUE(is_ok(bob.process(*dave_added)));
  EXPECT_TRUE(is_ok(from_outside(Proposal{ReInit{Bytes{'n'}, ProtocolVersion::mls10, suite.id(), {}}})));
  EXPECT_TRUE(is_ok(from_outside(app_data_update(ComponentId{0x8001}, Bytes{1}))));
  for (const auto& proposal : {Proposal{SelfRemove{}}, Proposal{ExternalInit{}}}) {
    EXPECT_TRUE(fails_with(from_outside(proposal), Errc::invalid_proposal));
  }
  commit_held(alice, {&bob});
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// ---- Section 12.1.8: outsiders are validated and authorized on receipt ----

// A new member's Add of `bundle`, signed with its key.
MlsMessage new_member_add(const Group& group, const KeyPackageBundle& bundle) {
  return *external_proposal(group.context(), Sender{NewMemberProposalSender{}}, Proposal{Add{bundle.key_package}},
                            bundle.keys.signature_private_key);
}

// `message` is refused with `expected`, and `group` (its cache of proposals
// too, which its serialization holds) is unchanged.
void expect_refused(Group& group, const MlsMessage& message, Errc expected) {
  const Snapshot before = snapshot(group);
  EXPECT_TRUE(fails_with(group.process(message), expected));
  EXPECT_TRUE(unchanged(group, before));
}

// Without a policy, no outsider's proposal is cached: a new member's Add
// and an external sender's Remove are refused, and the default Commit
// adds and removes no one.
TEST_F(GroupProposalTest, WithoutAPolicyOutsidersAreRefused) {
  member_config.external_proposals = nullptr;
  auto [alice, bob, signer] = group_with_external_sender();
  expect_refused(alice, new_member_add(alice, key_package("dave")), Errc::proposal_rejected);
  expect_refused(alice,
                 *external_proposal(alice.context(), Sender{ExternalSenderIndex{0}},
                                    Proposal{Remove{bob.own_leaf().value}}, signer.private_key),
                 Errc::proposal_rejected);
  commit_held(alice, {&bob});
  EXPECT_EQ(alice.tree().member_count(), 2u);
}

// The epoch's cache of proposals is bounded: with room for two, a third
// member proposal is refused and not cached, the two held are committed.
TEST_F(GroupProposalTest, TheProposalCacheIsBounded) {
  member_config.max_cached_proposals = 2;
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  Group& bob = joined[0];
  for (const auto* name : {"carol", "dave"}) {
    ASSERT_TRUE(is_ok(alice.process(*bob.propose(Proposal{Add{key_package(name).key_package}}))));
  }
  expect_refused(alice, *bob.propose(Proposal{Add{key_package("erin").key_package}}), Errc::decode_limit);
  commit_held(alice, {});
  EXPECT_EQ(alice.tree().member_count(), 4u);
}

// The policy sees each valid outsider's proposal with its sender and the
// epoch's GroupContext; what it refuses is refused with its error and not
// cached, what it accepts is committed.
TEST_F(GroupProposalTest, ThePolicyDecidesEachOutsidersProposal) {
  std::vector<Bytes> seen;
  member_config.external_proposals = [&seen](const GroupContext& context, const Sender& sender, const Proposal& proposal) {
    EXPECT_TRUE(sender.holds<NewMemberProposalSender>());
    EXPECT_EQ(context.epoch, 1u);
    const auto& identity = proposal.get_if<Add>()->key_package.leaf_node.credential.get_if<BasicCredential>()->identity;
    seen.push_back(identity);
    return identity == Bytes{'e', 'v', 'e'} ? Status(Errc::not_permitted) : Status();
  };
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  expect_refused(alice, new_member_add(alice, key_package("eve")), Errc::not_permitted);
  ASSERT_TRUE(is_ok(alice.process(new_member_add(alice, key_package("dave")))));
  EXPECT_EQ(seen, (std::vector<Bytes>{{'e', 'v', 'e'}, {'d', 'a', 'v', 'e'}}));
  commit_held(alice, {});
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// An Add whose KeyPackage signature is broken (the proposal itself is
// validly signed) is refused before the policy sees it, and every Commit
// after it succeeds (it used to fail with signature_invalid all epoch).
TEST_F(GroupProposalTest, AnAddWithABrokenKeyPackageIsRefusedOnReceipt) {
  bool asked = false;
  member_config.external_proposals = [&asked](const GroupContext&, const Sender&, const Proposal&) {
    asked = true;
    return Status();
  };
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto dave = key_package("dave");
  dave.key_package.signature = test::with_bit_flipped(dave.key_package.signature, 0);
  expect_refused(alice, new_member_add(alice, dave), Errc::signature_invalid);
  EXPECT_FALSE(asked);
  commit_held(alice, {&joined[0]});
}

// An external sender's proposals are validated as a list of one would be:
// a Remove names a member, a PSK's nonce is KDF.Nh bytes, and a
// GroupContextExtensions is supported by every member.
TEST_F(GroupProposalTest, AnExternalSendersInvalidProposalsAreRefused) {
  auto [alice, bob, signer] = group_with_external_sender();
  const auto from_sender = [&context = alice.context(), &key = signer.private_key](Proposal proposal) {
    return *external_proposal(context, Sender{ExternalSenderIndex{0}}, std::move(proposal), key);
  };
  expect_refused(alice, from_sender(Proposal{Remove{7}}), Errc::invalid_proposal);
  const PreSharedKeyId short_nonce{{ExternalPskId{Bytes{'p'}}}, Bytes(5, 1)};
  expect_refused(alice, from_sender(Proposal{PreSharedKey{short_nonce}}), Errc::invalid_proposal);
  const Extension unsupported{static_cast<ExtensionType>(0xff00), {}};
  expect_refused(alice, from_sender(Proposal{GroupContextExtensions{{unsupported}}}), Errc::capability_mismatch);
}

// Section 12.4.1: the committer leaves out a received proposal that would
// make its Commit fail. A member's Add of a KeyPackage with a broken
// signature is cached (a member's proposal is judged when committed), and
// two outsiders' Adds that are each valid bring the same encryption key:
// the default Commit leaves out the member's and one of the two.
TEST_F(GroupProposalTest, ACommitLeavesOutWhatWouldMakeItFail) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  auto broken = key_package("broken");
  broken.key_package.signature = test::with_bit_flipped(broken.key_package.signature, 0);
  auto by_bob = bob.propose(Proposal{Add{broken.key_package}});
  ASSERT_TRUE(is_ok(by_bob));
  ASSERT_TRUE(is_ok(alice.process(*by_bob)));
  auto dave = key_package("dave");
  auto erin = key_package("erin");
  erin.key_package.leaf_node.encryption_key = dave.key_package.leaf_node.encryption_key;
  test::resign_key_package(suite, erin);
  for (auto* bundle : {&dave, &erin}) {
    const auto proposal = new_member_add(alice, *bundle);
    ASSERT_TRUE(is_ok(alice.process(proposal)));
    ASSERT_TRUE(is_ok(bob.process(proposal)));
  }
  commit_held(alice, {&bob});
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// Section 7.3 across the Commit: frank's X.509 Add and gina's, whose leaf
// supports basic credentials only, are each valid, but not together (one
// brings a credential type the other cannot use); the Commit takes one.
// Section 12.1.7: a received GroupContextExtensions that this member's own
// Add could not support is left out, not the Add: bob's proposal of the
// extension 0x0b0b (which alice and bob list) does not block alice's Add of
// carol, who does not list it.
TEST_F(GroupProposalTest, AReceivedExtensionsProposalDoesNotBlockOwnAdds) {
  constexpr auto listed = static_cast<ExtensionType>(0x0b0b);
  const auto with_listed = [&](std::string_view name) {
    return *create_key_package(suite, Credential{BasicCredential{Bytes(name.begin(), name.end())}},
                               suite.signature().generate_key_pair(random),
                               {.capabilities = {.extensions = {listed}}}, random);
  };
  auto alice = std::move(*Group::create(suite, Bytes{'g'}, with_listed("alice"), {}, member_config, random));
  auto bundle = with_listed("bob");
  auto added = alice.commit({.proposals = {Proposal{Add{bundle.key_package}}}}, random);
  ASSERT_TRUE(is_ok(added));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  auto bob = std::move(*Group::join(*added->welcome->body.get_if<Welcome>(), bundle.key_package,
                                    std::move(bundle.keys), std::nullopt, member_config));
  auto extensions = bob.propose(Proposal{GroupContextExtensions{{Extension{listed, Bytes{1}}}}});
  ASSERT_TRUE(is_ok(alice.process(*extensions)));
  auto commit = alice.commit({.proposals = {Proposal{Add{key_package("carol").key_package}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  EXPECT_EQ(alice.tree().member_count(), 3u);
  EXPECT_TRUE(alice.context().extensions.empty());
  ASSERT_TRUE(is_ok(bob.process(commit->commit)));
  expect_same_epoch(alice, bob);
}

TEST_F(GroupProposalTest, ACommitLeavesOutAnAddThatDoesNotFitAnother) {
  const std::vector<CredentialType> both{CredentialType::basic, CredentialType::x509};
  member_config.credentials = [](const Credential&, BytesView) { return Status(); };
  auto alice = std::move(*Group::create(suite, Bytes{'g'}, key_package_with(Credential{BasicCredential{{'a'}}}, both),
                                        {}, member_config, random));
  const auto frank = key_package_with(x509_credential("frank"), both);
  const auto gina = key_package_with(Credential{BasicCredential{{'g'}}}, {CredentialType::basic});
  for (const auto* bundle : {&frank, &gina}) ASSERT_TRUE(is_ok(alice.process(new_member_add(alice, *bundle))));
  commit_held(alice, {});
  EXPECT_EQ(alice.tree().member_count(), 2u);
}

}  // namespace
