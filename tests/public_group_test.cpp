// PublicGroup, a follower of a group's public state (RFC 9420, no secrets):
// it follows the members through every kind of Commit with their
// GroupContext and tree at each epoch, and refuses, with its typed error
// and its state unchanged, each Commit a member would refuse for a reason
// that needs no secret.

#include "conclave/mls/public_group.hpp"

#include <gtest/gtest.h>

#include "public_group_fixtures.hpp"

namespace conclave::mls::validation {
namespace {

// Section 12.4.3.1: the follower starts where the members are.
TEST_F(PublicGroupTest, StartsFromAMembersGroupInfo) { expect_following(group(alice)); }

// Section 12.4.2: Updates (by reference), Adds and Removes (by value), and
// empty commits with a path: the follower's GroupContext, tree and tree
// hash are the members' at every epoch, and it reports what each did.
TEST_F(PublicGroupTest, FollowsUpdatesAddsRemovesAndPaths) {
  const std::vector<std::uint32_t> all{alice, bob, carol, dave, erin};
  auto update = group(carol).propose_update(random);
  ASSERT_TRUE(is_ok(update));
  auto proposal = follower().process(*update);
  ASSERT_TRUE(is_ok(proposal));
  EXPECT_EQ(proposal->proposal_ref, proposal_ref(suite, authenticated(public_of(*update))));
  for (const auto leaf : {alice, bob, dave, erin}) ASSERT_TRUE(is_ok(group(leaf).process(*update)));
  auto updated = commit_everywhere(bob, {}, all);
  EXPECT_EQ(updated.committer, LeafIndex{bob});
  EXPECT_TRUE(updated.added.empty() && updated.removed.empty());

  auto frank = key_package("frank");
  const std::vector<std::uint32_t> left{alice, bob, carol, dave};
  auto changed = commit_everywhere(
      alice, {.proposals = {Proposal{Add{frank.key_package}}, Proposal{Remove{erin}}}, .include_received = false},
      left);
  ASSERT_EQ(changed.added.size(), 1u);
  EXPECT_EQ(changed.added[0].first, LeafIndex{erin});
  EXPECT_EQ(changed.added[0].second, key_package_ref(suite, frank.key_package));
  EXPECT_EQ(changed.removed, std::vector<LeafIndex>{LeafIndex{erin}});

  commit_everywhere(dave, {.include_received = false, .force_path = true}, left);
  auto removed = commit_everywhere(carol, {.proposals = {Proposal{Remove{bob}}}, .include_received = false},
                                   {alice, carol, dave});
  EXPECT_EQ(removed.removed, std::vector<LeafIndex>{LeafIndex{bob}});
}

// Section 12.4.3.2: an external join and a resync (its removed leaf
// reported), followed like the members follow them.
TEST_F(PublicGroupTest, FollowsAnExternalJoinAndAResync) {
  auto frank = Group::join_external(info_of(group(alice)), key_package("frank"), std::nullopt, config_for(alice),
                                    random);
  ASSERT_TRUE(is_ok(frank));
  auto joined = follower().process(frank->commit);
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(joined->sender.holds<NewMemberCommitSender>());
  EXPECT_EQ(joined->committer, frank->group.own_leaf());
  EXPECT_TRUE(joined->removed.empty());
  expect_following(frank->group);

  ASSERT_TRUE(is_ok(group(alice).process(frank->commit)));
  auto again = Group::join_external(info_of(group(alice)), key_package("frank"), std::nullopt, config_for(alice),
                                    random, {.replacing = frank->group.own_leaf()});
  ASSERT_TRUE(is_ok(again));
  auto resync = follower().process(again->commit);
  ASSERT_TRUE(is_ok(resync));
  EXPECT_EQ(resync->removed, std::vector<LeafIndex>{frank->group.own_leaf()});
  EXPECT_EQ(resync->committer, again->group.own_leaf());
  expect_following(again->group);
}

// Section 12.2: a resync replaces a member only by its successor (by
// default, the same credential): mallory may not take carol's leaf.
TEST_F(PublicGroupTest, RefusesAResyncByAnotherIdentity) {
  auto mallory = Group::join_external(info_of(group(alice)), key_package("mallory"), std::nullopt,
                                      config_for(alice), random, {.replacing = LeafIndex{carol}});
  ASSERT_TRUE(is_ok(mallory));
  expect_follower_refuses(mallory->commit, Errc::credential_rejected);
}

// Section 6.1: the sender of a Commit is a current member: a blank leaf and
// a leaf outside the tree have no key to verify with.
TEST_F(PublicGroupTest, RefusesACommitFromANonMember) {
  for (const std::uint32_t sender : {blank_leaf, 1000u}) {
    expect_follower_refuses_tampered(
        with_content([sender](FramedContent& content) { content.sender = Sender{MemberSender{sender}}; }),
        Errc::invalid_sender);
  }
}

// Section 6.1: the signature over FramedContentTBS verifies.
TEST_F(PublicGroupTest, RefusesABadSignature) {
  expect_follower_refuses_tampered(with_signature_flipped, Errc::signature_invalid);
}

// Section 6: a message of another epoch or group.
TEST_F(PublicGroupTest, RefusesAWrongEpochOrGroup) {
  expect_follower_refuses_tampered(with_content([](FramedContent& content) { content.epoch += 1; }),
                                   Errc::wrong_epoch);
  expect_follower_refuses_tampered(with_content([](FramedContent& content) { content.group_id.push_back(1); }),
                                   Errc::wrong_group);
}

// A PrivateMessage needs the epoch's secrets: the follower cannot check it.
TEST_F(PublicGroupTest, RefusesAPrivateMessage) {
  auto genuine = group(bob).commit({.include_received = false, .encrypt = true}, random);
  ASSERT_TRUE(is_ok(genuine));
  expect_follower_refuses(genuine->commit, Errc::content_not_allowed);
}

// Section 7.9.2: the committer's leaf's parent hash is the path's. The
// Remove before it, already applied to the staged tree, is undone.
TEST_F(PublicGroupTest, RefusesAPathWithABadParentHash) {
  expect_follower_refuses_tampered(with_path_leaf([](LeafNode& leaf) {
                                     auto& source = *leaf.source.get_if<CommitSource>();
                                     source.parent_hash = flipped(source.parent_hash);
                                   }),
                                   Errc::parent_hash_invalid,
                                   {.proposals = {Proposal{Remove{carol}}}, .include_received = false});
}

// Section 12.2: a list that removes one member twice.
TEST_F(PublicGroupTest, RefusesAListThatBreaksTheRules) {
  expect_follower_refuses_tampered(
      with_proposals({ProposalOrRef{Proposal{Remove{carol}}}, ProposalOrRef{Proposal{Remove{carol}}}}),
      Errc::invalid_proposal);
}

// Section 12.2: a Commit without its confirmation tag.
TEST_F(PublicGroupTest, RefusesACommitWithoutConfirmationTag) {
  expect_follower_refuses_tampered(
      [this](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        return forger().seal_public(message.content, {message.auth.signature, std::nullopt});
      },
      Errc::confirmation_tag_invalid);
}

// A follower whose commit policy refuses every Commit of dave's.
class PublicGroupPolicyTest : public PublicGroupTest {
 protected:
  GroupConfig follower_config() const override {
    GroupConfig config = config_for(alice);
    config.commit_policy = [](const GroupContext&, const Sender& sender, const std::vector<ResolvedProposal>&) {
      const auto* member = sender.get_if<MemberSender>();
      return member != nullptr && member->leaf_index == dave ? Status(Errc::not_permitted) : Status();
    };
    return config;
  }
};

// GroupConfig::commit_policy: its error refuses the Commit.
TEST_F(PublicGroupPolicyTest, RefusesWhatTheCommitPolicyRefuses) {
  auto refused = group(dave).commit({.include_received = false, .force_path = true}, random);
  ASSERT_TRUE(is_ok(refused));
  expect_follower_refuses(refused->commit, Errc::not_permitted);
  group(dave).discard_pending_commit();
  commit_everywhere(bob, {.include_received = false, .force_path = true}, {alice, bob, carol, dave, erin});
}

// Section 12.4.3: a member's GroupInfo of the current epoch is accepted.
TEST_F(PublicGroupTest, AcceptsTheMembersGroupInfo) {
  EXPECT_TRUE(is_ok(follower().check_group_info(info_of(group(carol)))));
  commit_everywhere(bob, {.include_received = false, .force_path = true}, {alice, bob, carol, dave, erin});
  EXPECT_TRUE(is_ok(follower().check_group_info(info_of(group(dave)))));
  EXPECT_TRUE(is_ok(follower().check_group_info(*group(dave).group_info(false)->body.get_if<GroupInfo>())));
}

// Section 12.4.3: a GroupInfo of another epoch, with another context,
// tag or tree, or a bad signature is refused.
TEST_F(PublicGroupTest, RefusesAGroupInfoNotOfTheCurrentEpoch) {
  const GroupInfo stale = info_of(group(alice));
  commit_everywhere(bob, {.include_received = false, .force_path = true}, {alice, bob, carol, dave, erin});
  EXPECT_TRUE(fails_with(follower().check_group_info(stale), Errc::wrong_epoch));

  const GroupInfo current = info_of(group(alice));
  GroupInfo changed = current;
  changed.group_context.tree_hash = flipped(changed.group_context.tree_hash);
  EXPECT_TRUE(fails_with(follower().check_group_info(changed), Errc::invalid_value));
  changed = current;
  changed.confirmation_tag = flipped(changed.confirmation_tag);
  EXPECT_TRUE(fails_with(follower().check_group_info(changed), Errc::confirmation_tag_invalid));
  changed = current;
  changed.signature = flipped(changed.signature);
  EXPECT_TRUE(fails_with(follower().check_group_info(changed), Errc::signature_invalid));
  changed = current;
  changed.signer = blank_leaf;
  EXPECT_TRUE(fails_with(follower().check_group_info(changed), Errc::invalid_sender));
  changed = current;
  auto tree = std::find_if(changed.extensions.begin(), changed.extensions.end(),
                           [](const Extension& e) { return e.extension_type == ExtensionType::ratchet_tree; });
  ASSERT_NE(tree, changed.extensions.end());
  tree->extension_data.back() ^= 1;
  EXPECT_TRUE(fails_with(follower().check_group_info(changed), Errc::invalid_tree));
}

// Section 6: the protocol version is mls10, for a message and for the
// GroupInfo a follower starts from.
TEST_F(PublicGroupTest, RefusesAnotherVersion) {
  expect_follower_refuses_tampered(
      [](const MlsMessage& genuine) {
        MlsMessage other = genuine;
        other.version = static_cast<ProtocolVersion>(2);
        return other;
      },
      Errc::invalid_value);
  GroupInfo info = info_of(group(alice));
  info.group_context.version = static_cast<ProtocolVersion>(2);
  EXPECT_TRUE(fails_with(PublicGroup::from_group_info(info, std::nullopt, config_for(alice)), Errc::invalid_argument));
}

// A proposal is no Commit: it comes with no GroupInfo of a next epoch.
TEST_F(PublicGroupTest, RefusesAProposalWithAGroupInfo) {
  auto proposal = group(carol).propose(Proposal{Remove{erin}});
  ASSERT_TRUE(is_ok(proposal));
  const FollowerSnapshot before = snapshot_of(follower());
  EXPECT_TRUE(fails_with(follower().process(*proposal, info_of(group(alice))), Errc::content_not_allowed));
  EXPECT_TRUE(unchanged(follower(), before));
  EXPECT_TRUE(is_ok(follower().process(*proposal)));
}

// Section 12.4.3.1: the GroupInfo's signature is checked on the way in.
TEST_F(PublicGroupTest, RefusesToStartFromABadlySignedGroupInfo) {
  GroupInfo info = info_of(group(alice));
  info.signature = flipped(info.signature);
  EXPECT_TRUE(fails_with(PublicGroup::from_group_info(info, std::nullopt, config_for(alice)), Errc::signature_invalid));
}

}  // namespace
}  // namespace conclave::mls::validation
