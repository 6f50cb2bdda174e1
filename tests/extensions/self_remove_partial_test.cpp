// draft-ietf-mls-extensions, "SelfRemove Proposal", for a partial client
// (draft-ietf-mls-partial): a Commit that covers a SelfRemove is applied
// like one that covers a Remove, without the tree: another member's leaves
// the client in the new epoch with the full members, its own removes it.

#include <gtest/gtest.h>

#include "../partial/partial_client_fixtures.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

// Every member lists SelfRemove in its capabilities.
class SelfRemovePartialTest : public PartialClientTest {
 protected:
  SelfRemovePartialTest() : PartialClientTest({.capabilities = {.proposals = {ProposalType::self_remove}}}) {}
};

// Pat receives carol's SelfRemove (with carol's proof) and follows bob's
// Commit of it into the epoch the full members are in.
TEST_F(SelfRemovePartialTest, FollowsACommitOfAnotherMembersSelfRemove) {
  auto pat = join_pat();
  auto leaving = carol->propose(Proposal{SelfRemove{}});
  ASSERT_TRUE(is_ok(leaving));
  for (auto* member : {&alice, &*bob}) ASSERT_TRUE(is_ok(member->process(*leaving)));
  ASSERT_TRUE(is_ok(pat.process(*leaving, *make_membership_proof(alice.tree(), carol->own_leaf()))));
  const auto sent = commit_by(*bob, {});
  EXPECT_FALSE(bob->tree().is_member(carol->own_leaf()));
  auto received = pat.process(annotate(*bob, sent, pat.own_leaf()));
  ASSERT_TRUE(is_ok(received));
  EXPECT_FALSE(received->removed);
  EXPECT_TRUE(agree(pat, *bob));
}

// Carol sends a SelfRemove and becomes a partial client; bob's Commit of
// it (annotated with alice's receiver proof, as for any removed member)
// removes her, and she then refuses everything with Errc::not_in_group.
TEST_F(SelfRemovePartialTest, IsRemovedByItsOwnSelfRemove) {
  const LeafIndex leaf = carol->own_leaf();
  auto leaving = carol->propose(Proposal{SelfRemove{}});
  ASSERT_TRUE(is_ok(leaving));
  auto partial = PartialGroup::downgrade(std::move(*carol));
  ASSERT_TRUE(is_ok(partial));
  carol.reset();
  for (auto* member : {&alice, &*bob}) ASSERT_TRUE(is_ok(member->process(*leaving)));
  auto sent = bob->commit({.annotate = true}, random);
  ASSERT_TRUE(is_ok(sent));
  ASSERT_TRUE(is_ok(bob->merge_pending_commit()));
  EXPECT_FALSE(bob->tree().is_member(leaf));
  auto received = partial->process(annotate(*bob, *sent, alice.own_leaf()));
  ASSERT_TRUE(is_ok(received));
  EXPECT_TRUE(received->removed);
  EXPECT_TRUE(fails_with(partial->process(annotate(*bob, *sent, alice.own_leaf())), Errc::not_in_group));
}

}  // namespace
}  // namespace conclave::mls
