// Proposals by every kind of sender (RFC 9420 section 12.1): a member's as
// PrivateMessage, a new member's Add of itself, and an external sender's
// from the group's external_senders extension (section 12.1.8).

#include <gtest/gtest.h>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/external_proposal.hpp"
#include "group_fixtures.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

class GroupProposalTest : public GroupTest {
 protected:
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
                                          {make_extension(ExternalSenders{{sender}})}, {}, random));
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

}  // namespace
