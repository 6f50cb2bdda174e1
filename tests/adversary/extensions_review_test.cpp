// Review of issue 22 (draft-ietf-mls-extensions and meeting continuity) as
// a hostile peer: findings that fail on the reviewed code. Each test states
// the behaviour it expects.

#include <gtest/gtest.h>

#include "conclave/meeting/meeting_roles.hpp"
#include "meeting/continuity_policy.hpp"
#include "../public_group_fixtures.hpp"
#include "adversary_fixtures.hpp"
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

namespace {

using namespace conclave::mls;
using namespace conclave::mls::validation;

// A self-remove-capable group that requires safe AAD.
class ExtensionsReviewSafeAad : public GroupValidationTest {
 protected:
  KeyPackageOptions member_options() const override {
    KeyPackageOptions options;
    options.capabilities.proposals = {ProposalType::self_remove};
    options.capabilities.extensions = {ExtensionType::app_data_dictionary};
    return options;
  }
  ExtensionList group_extensions() const override {
    return {make_extension(AppDataDictionary{{{ComponentId::safe_aad, codec::encode(ComponentsList{})}}})};
  }
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    config.components.known = {ComponentId::safe_aad};
    return config;
  }
};

// draft-ietf-mls-extensions, "SelfRemove Proposal": "The new joiner MUST
// validate the SelfRemove Proposal before including it by reference, except
// that it skips the validation of the membership_tag"; "Safe Additional
// Authenticated Data": with safe_aad present the authenticated_data is a
// SafeAAD. Members (Group, PublicGroup, PartialGroup: check_framing) refuse
// bob's SelfRemove whose AAD is not a SafeAAD; the external joiner
// (src/mls/external_join.cpp, validate_pending_self_remove) skips
// check_framing and includes it, making an external Commit every member
// refuses. Expected: the joiner refuses it with the error members give
// (Errc::truncated: the AAD does not decode as a SafeAAD), as members
// do.
TEST_F(ExtensionsReviewSafeAad, TheExternalJoinerChecksThePendingSelfRemovesSafeAad) {
  FramedContent content{group_id, group(alice).epoch(), Sender{MemberSender{bob}}, Bytes{0x01, 0x02, 0x03},
                        Content{Proposal{SelfRemove{}}}};
  const MlsMessage leaving = forger().sign_public(std::move(content), {});
  EXPECT_TRUE(fails_with(group(alice).process(leaving), Errc::truncated));
  auto frank = Group::join_external(info_of(group(alice)), key_package("frank", member_options()), std::nullopt,
                                    member_config(alice), random, {.self_removes = {leaving}});
  EXPECT_TRUE(fails_with(frank, Errc::truncated));
}

}  // namespace
