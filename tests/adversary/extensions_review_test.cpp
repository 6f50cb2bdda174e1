// Review of issue 22 (draft-ietf-mls-extensions and meeting continuity) as
// a hostile peer: findings that fail on the reviewed code. Each test states
// the behaviour it expects.

#include <gtest/gtest.h>

#include "conclave/meeting/meeting_roles.hpp"
#include "meeting/continuity_policy.hpp"
#include "../test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;

mls::ResolvedProposal from(mls::Proposal proposal, std::uint32_t sender) {
  return {std::move(proposal), mls::Sender{mls::MemberSender{sender}}};
}

mls::Sender committer(std::uint32_t leaf) { return mls::Sender{mls::MemberSender{leaf}}; }

// Host 0, co-hosts 2 and 5, unlocked.
const MeetingRoles roles{0, {2, 5}, 0};

// spec-notes/meeting-profile.md, "Threat model for continuity": "A Commit
// that leaves a removed leaf as host or co-host is refused." A roles update
// that names a leaf the same Commit takes out leaves the role on a blank
// leaf; the next member placed there (the leftmost blank leaf: a rogue
// guest's external Commit lands there) inherits it. The innocent race: the
// host proposes a hand-over to guest 3 while guest 3 sends its SelfRemove;
// the designated committer 7 commits both by reference. Expected:
// not_permitted (today: accepted, the meeting's host is a blank leaf).
TEST(ExtensionsReview, ARolesUpdateNamingALeafTheCommitTakesOutIsRefused) {
  const MeetingRoles handover{3, {2, 5}, 0};
  EXPECT_TRUE(fails_with(check_continuity(roles, committer(7),
                                          {from(roles_update(handover), 0), from(mls::Proposal{mls::SelfRemove{}}, 3)}),
                         Errc::not_permitted));
  // By the host itself, by value, with its own Remove of the leaf.
  EXPECT_TRUE(fails_with(
      check_continuity(roles, committer(0), {from(mls::Proposal{mls::Remove{3}}, 0), from(roles_update(handover), 0)}),
      Errc::not_permitted));
  // A co-host named on a leaf the Commit removes.
  const MeetingRoles named{0, {2, 3, 5}, 0};
  EXPECT_TRUE(fails_with(check_continuity(roles, committer(7),
                                          {from(roles_update(named), 0), from(mls::Proposal{mls::SelfRemove{}}, 3)}),
                         Errc::not_permitted));
}

// "Continuity": when the host leaves, "a deterministic rule every member
// computes alike names the next host". With no co-host the rule names the
// committer, and nothing on receipt checks the committer's turn in the
// designated-committer schedule: any guest that commits the lone host's
// SelfRemove first (without waiting its rank) becomes host. Expected: the
// successor does not depend on who wins the race to commit.
TEST(ExtensionsReview, TheNextHostDoesNotDependOnWhoRacesToCommit) {
  const MeetingRoles lone{0, {}, 0};
  EXPECT_EQ(succession(lone, {0}, 7), succession(lone, {0}, 8));
}

}  // namespace
