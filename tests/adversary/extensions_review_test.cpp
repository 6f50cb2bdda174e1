// Review of issue 22 (draft-ietf-mls-extensions and meeting continuity) as
// a hostile peer: findings that fail on the reviewed code. Each test states
// the behaviour it expects.

#include <gtest/gtest.h>

#include "conclave/meeting/meeting_roles.hpp"
#include "meeting/continuity_policy.hpp"
#include "../group_validation_fixtures.hpp"
#include "../test_support.hpp"
#include "conclave/mls/app_data.hpp"

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

namespace {

using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto tally = static_cast<ComponentId>(0x8001);

// The updates the application's logic was handed, in all its calls.
std::size_t updates_handed = 0;

// A logic that takes any number of updates (a counter's, say).
ComponentLogic counting_logic() {
  ComponentLogic logic;
  logic.known = {tally};
  logic.update = [](ComponentId, const Bytes* current, const std::vector<ProposedUpdate>& updates) -> Result<Bytes> {
    updates_handed += updates.size();
    Bytes data = current != nullptr ? *current : Bytes{};
    for (const auto& update : updates) data.insert(data.end(), update.update.begin(), update.update.end());
    return data;
  };
  return logic;
}

class ExtensionsReviewAppData : public GroupValidationTest {
 protected:
  KeyPackageOptions member_options() const override {
    KeyPackageOptions options;
    options.capabilities.proposals = {ProposalType::app_data_update};
    options.capabilities.extensions = {ExtensionType::app_data_dictionary};
    return options;
  }
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    config.components = counting_logic();
    return config;
  }
};

// A hostile member posts many distinct AppDataUpdates of one component
// (each valid alone; the draft allows "one or more updates"). The
// committer's gathering (src/mls/proposal_gathering.cpp,
// Gathering::updates_accepted) calls the logic once per received update
// with every update taken before it, copying them: O(n^2) updates handed to
// the logic, up to GroupConfig::max_cached_proposals (65536) proposals.
// Expected: making the Commit hands the logic O(n) updates in all.
TEST_F(ExtensionsReviewAppData, GatheringManyAppDataUpdatesIsLinear) {
  constexpr std::size_t n = 300;
  for (std::size_t i = 0; i < n; ++i) {
    const Bytes update{static_cast<std::uint8_t>(i & 0xff), static_cast<std::uint8_t>(i >> 8)};
    auto sent = group(carol).propose(app_data_update(tally, update));
    ASSERT_TRUE(is_ok(sent));
    ASSERT_TRUE(is_ok(group(bob).process(*sent)));
  }
  updates_handed = 0;
  auto output = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(output));
  EXPECT_LE(updates_handed, 4 * n);
}

}  // namespace
