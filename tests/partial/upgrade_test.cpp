// draft-ietf-mls-partial, "Upgrading and Downgrading": a full member that
// drops its tree keeps its epoch (epoch_authenticator, exporter, secret
// tree state, proof of its leaf); with the group's tree verified as a
// joiner verifies it (RFC 9420 section 12.4.3.1) it is a full member again
// that can commit. Every refusal leaves the member as it was.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string_view>

#include "../group_fixtures.hpp"
#include "../group_snapshot.hpp"
#include "partial_client_fixtures.hpp"
#include "conclave/mls/partial_group.hpp"
#include "mls/group_storage.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

class PartialUpgradeTest : public GroupTest {
 protected:
  // Section 5.3.1: the credentials every member's config accepts; a test
  // may revoke one later (an application's revocation list).
  std::shared_ptr<Bytes> revoked = std::make_shared<Bytes>();
  Group alice = create_with_revocation("alice");
  std::vector<Group> others = add(alice, {"bob", "carol", "dave"});

  // create(), once every member's config refuses the credential `revoked`
  // names.
  Group create_with_revocation(std::string_view name) {
    member_config.credentials = [revoked = revoked](const Credential& credential, BytesView) -> Status {
      const auto* basic = credential.get_if<BasicCredential>();
      if (basic != nullptr && basic->identity == *revoked) return Errc::credential_rejected;
      return {};
    };
    return create(name);
  }

  Group& bob() { return others[0]; }
  Group& carol() { return others[1]; }
  Group& dave() { return others[2]; }

  PartialGroup downgraded_bob() {
    auto partial = PartialGroup::downgrade(std::move(bob()));
    EXPECT_TRUE(is_ok(partial));
    return std::move(*partial);
  }

  // Alice's commit (with a path), which the full members besides her take.
  void alice_commits(std::vector<Group*> followers) {
    auto output = alice.commit({.force_path = true}, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
    for (auto* follower : followers) ASSERT_TRUE(is_ok(follower->process(output->commit)));
  }

  // Application data from `sender`, read by `receiver`.
  void expect_read(Group& sender, Group& receiver, std::string_view data) {
    auto message = sender.protect(text(data), {}, random);
    ASSERT_TRUE(is_ok(message));
    auto received = receiver.process(*message);
    ASSERT_TRUE(is_ok(received));
    EXPECT_EQ(received->application_data, text(data));
  }

  // Upgrading `partial` with `tree` fails with `expected` and leaves it as
  // it was (an upgrade that succeeds moves it: the caller stops there).
  ::testing::AssertionResult upgrade_refused(PartialGroup& partial, const RatchetTreeNodes& tree, Errc expected) {
    const PartialSnapshot before = snapshot(partial);
    auto refused = fails_with(std::move(partial).upgrade(tree), expected);
    if (!refused) return refused;
    return unchanged(partial, before);
  }

  // Bob as a member whose tree `forge` changed (the GroupContext's tree
  // hash following it): the state a partial client reaches when a
  // malicious committer's AnnotatedCommit names a tree full members would
  // refuse, which only upgrading verifies. Downgraded, then upgraded with
  // that tree, he refuses it with `expected`.
  void expect_forged_tree_refused(const std::function<void(RatchetTreeNodes&)>& forge, Errc expected) {
    auto stored = codec::decode<StoredGroup>(bob().serialize()->view());
    ASSERT_TRUE(is_ok(stored));
    auto nodes = *codec::decode<RatchetTreeNodes>(stored->tree);
    forge(nodes);
    stored->tree = codec::encode(nodes);
    stored->epoch.context.tree_hash = RatchetTree::from_nodes(suite, nodes)->tree_hash();
    auto forged = Group::deserialize(codec::encode(*stored), member_config);
    ASSERT_TRUE(is_ok(forged));
    auto partial = PartialGroup::downgrade(std::move(*forged));
    ASSERT_TRUE(is_ok(partial));
    EXPECT_TRUE(upgrade_refused(*partial, nodes, expected));
  }
};

TEST_F(PartialUpgradeTest, DowngradedMemberKeepsTheEpochAndProvesItsLeaf) {
  const Bytes exported = exported_from(bob());
  const PartialGroup partial = downgraded_bob();
  EXPECT_EQ(partial.epoch(), alice.epoch());
  EXPECT_TRUE(partial.context() == alice.context());
  EXPECT_EQ(test::copy_of(partial.epoch_authenticator()), test::copy_of(alice.epoch_authenticator()));
  EXPECT_EQ(exported_from(partial), exported);
  EXPECT_EQ(partial.own_leaf(), LeafIndex{1});
  EXPECT_EQ(partial.leaf_count(), alice.tree().leaf_count());
  EXPECT_EQ(partial.own_membership_proof(), *make_membership_proof(alice.tree(), LeafIndex{1}));
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, partial.own_membership_proof(), alice.context().tree_hash)));
}

TEST_F(PartialUpgradeTest, UpgradedWithTheGroupsTreeItIsTheMemberItWas) {
  const Bytes exported = exported_from(bob());
  PartialGroup partial = downgraded_bob();
  auto upgraded = std::move(partial).upgrade(alice.tree().to_nodes());
  ASSERT_TRUE(is_ok(upgraded));
  expect_same_epoch(alice, *upgraded);
  EXPECT_TRUE(upgraded->context() == alice.context());
  EXPECT_EQ(upgraded->own_leaf(), LeafIndex{1});
  EXPECT_EQ(exported_from(*upgraded), exported);
}

// The message protection moves with the member: as a partial client bob
// reads alice's message with her proof (not one he read before
// downgrading: its key is deleted), and alice reads his.
TEST_F(PartialUpgradeTest, DowngradedMemberReadsAndSendsApplicationMessages) {
  auto before = alice.protect(text("before"), {}, random);
  ASSERT_TRUE(is_ok(before));
  ASSERT_TRUE(is_ok(bob().process(*before)));
  PartialGroup partial = downgraded_bob();
  const auto alice_proof = make_membership_proof(alice.tree(), LeafIndex{0});
  EXPECT_TRUE(fails_with(partial.process(*before, *alice_proof), Errc::generation_consumed));
  auto after = alice.protect(text("after"), {}, random);
  ASSERT_TRUE(is_ok(after));
  auto received = partial.process(*after, *alice_proof);
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->application_data, text("after"));
  auto sent = partial.protect(text("partial bob"), {}, random);
  ASSERT_TRUE(is_ok(sent));
  auto read = alice.process(MlsMessage{ProtocolVersion::mls10, MessageBody{sent->message}});
  ASSERT_TRUE(is_ok(read));
  EXPECT_EQ(read->application_data, text("partial bob"));
}

// The upgraded member commits; the full members take its Commit and all
// agree on the new epoch.
TEST_F(PartialUpgradeTest, UpgradedMemberCommitsAndFullMembersFollow) {
  auto upgraded = downgraded_bob().upgrade(alice.tree().to_nodes());
  ASSERT_TRUE(is_ok(upgraded));
  auto output = upgraded->commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(upgraded->merge_pending_commit()));
  for (Group* member : {&alice, &carol(), &dave()}) {
    ASSERT_TRUE(is_ok(member->process(output->commit)));
    expect_same_epoch(*member, *upgraded);
  }
  expect_read(alice, *upgraded, "after bob's commit");
  expect_read(*upgraded, dave(), "bob, full again");
}

// RFC 9420 section 9.2: the secret tree's state moves with the member: a
// key bob used before dropping the tree stays deleted, and his sending
// generation goes on (a reset tree would reuse a generation carol already
// consumed).
TEST_F(PartialUpgradeTest, SecretTreeStateMovesThroughDowngradeAndUpgrade) {
  auto from_alice = alice.protect(text("before"), {}, random);
  ASSERT_TRUE(is_ok(from_alice));
  ASSERT_TRUE(is_ok(bob().process(*from_alice)));
  expect_read(bob(), carol(), "bob before");
  auto upgraded = downgraded_bob().upgrade(alice.tree().to_nodes());
  ASSERT_TRUE(is_ok(upgraded));
  EXPECT_TRUE(fails_with(upgraded->process(*from_alice), Errc::generation_consumed));
  expect_read(*upgraded, carol(), "bob after");
  expect_read(alice, *upgraded, "alice after");
}

// Bob drops his tree and follows the group as a partial client through
// the AnnotatedCommits annotate_commit() makes of alice's and carol's
// Commits (with paths, encrypted, removing dave, adding erin), reading
// application messages on the way; then he upgrades with the group's tree
// and commits as a full member.
TEST_F(PartialUpgradeTest, DowngradedMemberFollowsAnnotatedCommitsAndUpgradesAgain) {
  PartialGroup partial = downgraded_bob();
  std::vector<Group*> full = {&alice, &carol(), &dave()};
  const auto follow = [&](Group& committer, CommitOptions options) {
    options.annotate = true;
    auto output = committer.commit(options, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(committer.merge_pending_commit()));
    for (Group* member : full) {
      if (member != &committer) {
        ASSERT_TRUE(is_ok(member->process(output->commit)));
      }
    }
    auto annotated = annotate_commit(committer.tree(), *output->annotation, LeafIndex{1});
    ASSERT_TRUE(is_ok(annotated));
    ASSERT_TRUE(is_ok(partial.process(*annotated)));
    EXPECT_TRUE(agree(partial, committer));
    auto message = committer.protect(text("to everyone"), {}, random);
    ASSERT_TRUE(is_ok(message));
    auto read = partial.process(*message, make_membership_proof(committer.tree(), committer.own_leaf()).value());
    ASSERT_TRUE(is_ok(read));
    EXPECT_EQ(read->application_data, text("to everyone"));
  };
  follow(alice, {.force_path = true});
  follow(carol(), {.force_path = true, .encrypt = true});
  follow(alice, {.proposals = {Proposal{Remove{3}}}});
  full.pop_back();
  follow(carol(), {.proposals = {Proposal{Add{key_package("erin").key_package}}}});

  auto upgraded = std::move(partial).upgrade(alice.tree().to_nodes());
  ASSERT_TRUE(is_ok(upgraded));
  expect_same_epoch(alice, *upgraded);
  auto output = upgraded->commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(upgraded->merge_pending_commit()));
  for (Group* member : full) {
    ASSERT_TRUE(is_ok(member->process(output->commit)));
    expect_same_epoch(*member, *upgraded);
  }
}

TEST_F(PartialUpgradeTest, UpgradeRefusesATreeOfAnotherHash) {
  PartialGroup partial = downgraded_bob();
  const RatchetTreeNodes genuine = alice.tree().to_nodes();
  alice_commits({&carol(), &dave()});
  ASSERT_TRUE(upgrade_refused(partial, alice.tree().to_nodes(), Errc::invalid_tree));
  Group other = std::move(*Group::create(suite, text("other"), key_package("eve"), {}, member_config, random));
  ASSERT_TRUE(upgrade_refused(partial, other.tree().to_nodes(), Errc::invalid_tree));
  EXPECT_TRUE(is_ok(std::move(partial).upgrade(genuine)));
}

TEST_F(PartialUpgradeTest, UpgradeRefusesAMalformedTree) {
  PartialGroup partial = downgraded_bob();
  RatchetTreeNodes leaf_as_parent = alice.tree().to_nodes();
  leaf_as_parent[1] = leaf_as_parent[0];
  ASSERT_TRUE(upgrade_refused(partial, leaf_as_parent, Errc::invalid_tree));
  ASSERT_TRUE(upgrade_refused(partial, {}, Errc::invalid_tree));
  EXPECT_TRUE(is_ok(std::move(partial).upgrade(alice.tree().to_nodes())));
}

// Sections 12.4.3.1 and 5.3.1: a credential the config refuses by the time
// of the upgrade (revoked while the member held no tree).
TEST_F(PartialUpgradeTest, UpgradeRefusesACredentialTheConfigNowRefuses) {
  PartialGroup partial = downgraded_bob();
  *revoked = text("carol");
  ASSERT_TRUE(upgrade_refused(partial, alice.tree().to_nodes(), Errc::credential_rejected));
  revoked->clear();
  EXPECT_TRUE(is_ok(std::move(partial).upgrade(alice.tree().to_nodes())));
}

// Section 12.4.3.1: a leaf whose signature does not verify, in a tree whose
// hash the partial client holds (no parent hash covers carol's leaf: the
// members were added without a path).
TEST_F(PartialUpgradeTest, UpgradeRefusesATreeWithABadLeafSignature) {
  expect_forged_tree_refused(
      [](RatchetTreeNodes& nodes) {
        auto& leaf = *nodes.at(4)->get_if<LeafNode>();
        leaf.signature = test::with_bit_flipped(leaf.signature, 0);
      },
      Errc::signature_invalid);
}

// Section 12.4.3.1: parent hashes that do not chain, in a tree whose hash
// the partial client holds: after alice's commit with a path, the root's
// parent_hash (empty at the root) is altered.
TEST_F(PartialUpgradeTest, UpgradeRefusesATreeWhoseParentHashesDoNotChain) {
  alice_commits({&bob(), &carol(), &dave()});
  expect_forged_tree_refused(
      [](RatchetTreeNodes& nodes) { nodes.at(3)->get_if<ParentNode>()->parent_hash = Bytes(32, 1); },
      Errc::parent_hash_invalid);
}

TEST_F(PartialUpgradeTest, DowngradeRefusesWhileACommitIsPending) {
  auto output = bob().commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(output));
  // (A group with a Commit pending does not serialize: no Snapshot.)
  const Bytes authenticator = test::copy_of(bob().epoch_authenticator());
  EXPECT_TRUE(fails_with(PartialGroup::downgrade(std::move(bob())), Errc::invalid_argument));
  EXPECT_TRUE(bob().has_pending_commit());
  EXPECT_EQ(test::copy_of(bob().epoch_authenticator()), authenticator);
  ASSERT_TRUE(is_ok(bob().merge_pending_commit()));
  ASSERT_TRUE(is_ok(alice.process(output->commit)));
  expect_same_epoch(alice, bob());
}

// A partial client could not take its new leaf's private key when another
// member commits its Update.
TEST_F(PartialUpgradeTest, DowngradeRefusesWhileItsUpdateIsOutstanding) {
  ASSERT_TRUE(is_ok(bob().propose_update(random)));
  const Snapshot before = snapshot(bob());
  EXPECT_TRUE(fails_with(PartialGroup::downgrade(std::move(bob())), Errc::invalid_argument));
  EXPECT_TRUE(unchanged(bob(), before));
}

TEST_F(PartialUpgradeTest, DowngradeRefusesARemovedMember) {
  auto output = alice.commit({.proposals = {Proposal{Remove{1}}}}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(bob().process(output->commit)));
  const Snapshot before = snapshot(bob());
  EXPECT_TRUE(fails_with(PartialGroup::downgrade(std::move(bob())), Errc::not_in_group));
  EXPECT_TRUE(unchanged(bob(), before));
}

TEST_F(PartialUpgradeTest, DowngradeRefusesAfterAReInit) {
  const ReInit reinit{text("new"), ProtocolVersion::mls10, suite.id(), {}};
  auto output = alice.commit({.proposals = {Proposal{reinit}}}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(bob().process(output->commit)));
  const Snapshot before = snapshot(bob());
  EXPECT_TRUE(fails_with(PartialGroup::downgrade(std::move(bob())), Errc::group_reinitialized));
  EXPECT_TRUE(unchanged(bob(), before));
}

}  // namespace
}  // namespace conclave::mls
