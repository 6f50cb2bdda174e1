// A meeting that outlives its host (spec-notes/meeting-profile.md,
// "Continuity"): the designated-committer schedule, the roles component,
// succession, and the rules a receiver applies to a Commit that changes
// roles or is made by someone other than the host.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "adversary/adversary_fixtures.hpp"
#include "conclave/meeting/committer_schedule.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "meeting/continuity_policy.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;
using std::chrono::milliseconds;

constexpr milliseconds step{1000};

std::vector<std::uint32_t> leaves(std::uint32_t count) {
  std::vector<std::uint32_t> out(count);
  for (std::uint32_t i = 0; i < count; ++i) out[i] = i;
  return out;
}

mls::Sender member(std::uint32_t leaf) { return mls::Sender{mls::MemberSender{leaf}}; }

mls::ResolvedProposal by(mls::Proposal proposal, std::uint32_t sender) { return {std::move(proposal), member(sender)}; }

mls::ResolvedProposal self_remove(std::uint32_t sender) { return by(mls::Proposal{mls::SelfRemove{}}, sender); }

mls::ResolvedProposal remove(std::uint32_t leaf, std::uint32_t sender) {
  return by(mls::Proposal{mls::Remove{leaf}}, sender);
}

mls::ResolvedProposal add(std::uint32_t sender) { return by(mls::Proposal{mls::Add{}}, sender); }

mls::ResolvedProposal set_roles(const MeetingRoles& roles, std::uint32_t sender) {
  return by(roles_update(roles), sender);
}

// Host 0, co-hosts 2 and 5, unlocked.
const MeetingRoles roles{0, {2, 5}, 0};

TEST(CommitterSchedule, TheSameSeedGivesTheSameOrderWhateverTheRosterOrder) {
  const Bytes seed(committer_seed_size, 0x5a);
  auto shuffled = leaves(50);
  std::reverse(shuffled.begin(), shuffled.end());
  const CommitterSchedule a(seed, leaves(50), step);
  const CommitterSchedule b(seed, shuffled, step);
  EXPECT_EQ(a.order(), b.order());
  EXPECT_NE(a.order(), leaves(50));  // a shuffle, not the leaf order
  auto sorted = a.order();
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, leaves(50));  // every member exactly once
}

TEST(CommitterSchedule, AnotherEpochsSeedGivesAnotherOrder) {
  const CommitterSchedule a(Bytes(committer_seed_size, 1), leaves(50), step);
  const CommitterSchedule b(Bytes(committer_seed_size, 2), leaves(50), step);
  EXPECT_NE(a.order(), b.order());
}

TEST(CommitterSchedule, TheWaitGrowsWithRank) {
  const CommitterSchedule schedule(Bytes(committer_seed_size, 7), leaves(20), step);
  for (std::size_t rank = 0; rank < schedule.order().size(); ++rank) {
    const auto leaf = schedule.order()[rank];
    EXPECT_EQ(schedule.rank(leaf), rank);
    EXPECT_EQ(schedule.wait(leaf), step * static_cast<std::int64_t>(rank));
  }
  EXPECT_FALSE(schedule.rank(20).has_value());
  EXPECT_FALSE(schedule.wait(20).has_value());
}

// Members dropping out at ranks 0, 1, ..., k: the first present one commits
// after k + 1 steps at most, whoever else is gone.
TEST(CommitterSchedule, DropOutsAtEachRankAreBoundedByTheirNumber) {
  const CommitterSchedule schedule(Bytes(committer_seed_size, 9), leaves(12), step);
  const auto& order = schedule.order();
  for (std::size_t gone = 0; gone < order.size(); ++gone) {
    const auto absent = [&](std::uint32_t leaf) { return *schedule.rank(leaf) < gone; };
    EXPECT_EQ(schedule.first_commit(absent), step * static_cast<std::int64_t>(gone));
  }
  EXPECT_FALSE(schedule.first_commit([](std::uint32_t) { return true; }).has_value());
  // Absent members anywhere: the wait is at most their number of steps.
  const auto every_other = [&](std::uint32_t leaf) { return *schedule.rank(leaf) % 2 == 0 && *schedule.rank(leaf) < 8; };
  EXPECT_LE(*schedule.first_commit(every_other), step * 4);
}

TEST(MeetingRoles, RoundTripsAndRefusesMalformedData) {
  auto decoded = decode_roles(codec::encode(roles));
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, roles);
  EXPECT_TRUE(fails_with(decode_roles(codec::encode(MeetingRoles{0, {5, 2}, 0})), Errc::invalid_value));
  EXPECT_TRUE(fails_with(decode_roles(codec::encode(MeetingRoles{0, {2, 2}, 0})), Errc::invalid_value));
  EXPECT_TRUE(fails_with(decode_roles(codec::encode(MeetingRoles{2, {2, 5}, 0})), Errc::invalid_value));
  EXPECT_TRUE(fails_with(decode_roles(codec::encode(MeetingRoles{0, {}, 2})), Errc::invalid_value));
  Bytes trailing = codec::encode(roles);
  trailing.push_back(0);
  EXPECT_TRUE(fails_with(decode_roles(trailing), Errc::trailing_data));
}

TEST(MeetingRoles, TheRolesAreReadFromTheAppDataDictionary) {
  auto read = meeting_roles_of({roles_dictionary(roles)});
  ASSERT_TRUE(is_ok(read));
  EXPECT_EQ(*read, roles);
  EXPECT_TRUE(fails_with(meeting_roles_of({}), Errc::invalid_argument));
  const auto other = mls::make_extension(mls::AppDataDictionary{{{static_cast<mls::ComponentId>(0x8001), {}}}});
  EXPECT_TRUE(fails_with(meeting_roles_of({other}), Errc::invalid_argument));
}

TEST(MeetingRoles, TheLogicTakesOneWellFormedUpdate) {
  const auto logic = meeting_components();
  const Bytes good = codec::encode(roles);
  const Bytes bad = codec::encode(MeetingRoles{0, {}, 2});
  const mls::ProposedUpdate one{member(0), good};
  EXPECT_TRUE(is_ok(logic.update(meeting_roles_component, nullptr, {one})));
  EXPECT_TRUE(fails_with(logic.update(meeting_roles_component, nullptr, {one, one}), Errc::invalid_proposal));
  EXPECT_TRUE(fails_with(logic.update(meeting_roles_component, nullptr, {{member(0), bad}}), Errc::invalid_proposal));
}

TEST(Succession, TheFirstCoHostByLeafOrderTakesOver) {
  EXPECT_EQ(succession(roles, {0}, 7), (MeetingRoles{2, {5}, 0}));
  EXPECT_EQ(succession(roles, {0, 2}, 7), (MeetingRoles{5, {}, 0}));
  EXPECT_EQ(succession(roles, {5}, 7), (MeetingRoles{0, {2}, 0}));
  EXPECT_EQ(succession(MeetingRoles{0, {2}, 1}, {0}, 7), (MeetingRoles{2, {}, 1}));
  EXPECT_EQ(host_successor(roles), 2u);
  EXPECT_FALSE(host_successor(MeetingRoles{0, {}, 0}).has_value());
}

TEST(Succession, WithoutCoHostsTheCommitterTakesOver) {
  EXPECT_EQ(succession(MeetingRoles{0, {}, 0}, {0}, 7), (MeetingRoles{7, {}, 0}));
  EXPECT_EQ(succession(roles, {0, 2, 5}, 7), (MeetingRoles{7, {}, 0}));
}

TEST(ContinuityPolicy, APlainMemberCommitsWhatTheRolesAllow) {
  // SelfRemoves of plain members, the host's and a co-host's Adds and Removes.
  EXPECT_TRUE(is_ok(check_continuity(roles, member(7), {self_remove(3), self_remove(4)})));
  EXPECT_TRUE(is_ok(check_continuity(roles, member(7), {add(0), add(2), remove(3, 5), remove(4, 0)})));
}

TEST(ContinuityPolicy, APlainCommitterCannotAddOrRemoveOnItsOwn) {
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {add(7)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {add(3)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {remove(3, 7)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {remove(3, 4)}), Errc::not_permitted));
  const mls::ResolvedProposal gce = by(mls::Proposal{mls::GroupContextExtensions{}}, 7);
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {gce}), Errc::not_permitted));
  const mls::ResolvedProposal reinit = by(mls::Proposal{mls::ReInit{}}, 2);
  EXPECT_TRUE(fails_with(check_continuity(roles, member(2), {reinit}), Errc::not_permitted));
}

TEST(ContinuityPolicy, ALockedMeetingTakesNoAdd) {
  const MeetingRoles locked{0, {2, 5}, 1};
  EXPECT_TRUE(fails_with(check_continuity(locked, member(7), {add(0)}), Errc::not_permitted));
  // Unlocking in the same Commit lets the Add through.
  EXPECT_TRUE(is_ok(check_continuity(locked, member(0), {set_roles(roles, 0), add(0)})));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(0), {set_roles(locked, 0), add(0)}), Errc::not_permitted));
}

TEST(ContinuityPolicy, OnlyTheHostRenamesRolesAndACoHostOnlyLocks) {
  EXPECT_TRUE(is_ok(check_continuity(roles, member(0), {set_roles({3, {0}, 0}, 0)})));  // hand-over
  EXPECT_TRUE(is_ok(check_continuity(roles, member(7), {set_roles({0, {2, 5}, 1}, 2)})));  // a co-host locks
  EXPECT_TRUE(fails_with(check_continuity(roles, member(2), {set_roles({2, {5}, 0}, 2)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(2), {set_roles({0, {2, 5, 7}, 0}, 2)}), Errc::not_permitted));
}

TEST(ContinuityPolicy, AGuestCannotMakeItselfHost) {
  // By an update of its own, by value or by reference, and by taking the
  // host role with a Remove of the host.
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {set_roles({7, {}, 0}, 7)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {set_roles({0, {2, 5, 7}, 0}, 7)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {remove(0, 7), set_roles({7, {2, 5}, 0}, 7)}),
                         Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {remove(0, 7), set_roles(succession(roles, {0}, 7), 7)}),
                         Errc::not_permitted));
  // An external joiner cannot take over a departing host's role either.
  const mls::Sender joiner{mls::NewMemberCommitSender{}};
  EXPECT_TRUE(fails_with(check_continuity(MeetingRoles{0, {}, 0}, joiner, {self_remove(0)}), Errc::not_permitted));
}

TEST(ContinuityPolicy, ARoleHoldersDepartureCarriesExactlyTheSuccession) {
  const auto next = succession(roles, {0}, 7);
  EXPECT_TRUE(is_ok(check_continuity(roles, member(7), {self_remove(0), set_roles(next, 7)})));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {self_remove(0)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {self_remove(0), set_roles({5, {2}, 0}, 7)}),
                         Errc::not_permitted));
  // By the committer, not by reference from someone else.
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {self_remove(0), set_roles(next, 4)}),
                         Errc::not_permitted));
  // A co-host's departure drops it from the roles.
  EXPECT_TRUE(is_ok(check_continuity(roles, member(7), {self_remove(5), set_roles({0, {2}, 0}, 7)})));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(7), {self_remove(5)}), Errc::not_permitted));
}

TEST(ContinuityPolicy, OnlyTheSuccessorRemovesTheHost) {
  const auto next = succession(roles, {0}, 2);
  EXPECT_TRUE(is_ok(check_continuity(roles, member(2), {remove(0, 2), set_roles(next, 2)})));
  EXPECT_TRUE(fails_with(check_continuity(roles, member(5), {remove(0, 5), set_roles(succession(roles, {0}, 5), 5)}),
                         Errc::not_permitted));
  // A co-host is removed by the host only.
  EXPECT_TRUE(fails_with(check_continuity(roles, member(2), {remove(5, 2), set_roles({0, {2}, 0}, 2)}),
                         Errc::not_permitted));
  EXPECT_TRUE(is_ok(check_continuity(roles, member(0), {remove(5, 0), set_roles({0, {2}, 0}, 0)})));
}

TEST(ContinuityPolicy, TheRolesAreUpdatedOnceAndNeverRemoved) {
  EXPECT_TRUE(fails_with(check_continuity(roles, member(0), {set_roles(roles, 0), set_roles(roles, 0)}),
                         Errc::invalid_proposal));
  const mls::ResolvedProposal removal =
      by(mls::Proposal{mls::AppDataUpdate{meeting_roles_component, {mls::ComponentRemoval{}}}}, 0);
  EXPECT_TRUE(fails_with(check_continuity(roles, member(0), {removal}), Errc::invalid_proposal));
  const mls::ResolvedProposal malformed =
      by(mls::Proposal{mls::AppDataUpdate{meeting_roles_component, {mls::ComponentUpdate{Bytes{1, 2}}}}}, 0);
  EXPECT_TRUE(fails_with(check_continuity(roles, member(0), {malformed}), Errc::invalid_proposal));
}

// A meeting of the host and eight guests, with the real server and clients.
class MeetingContinuity : public conclave::test::AdversaryFixture {
 protected:
  void SetUp() override { admit({"a", "b", "c", "d", "e", "f", "g", "h"}); }

  // The members by rank in the epoch of members[reference] (every member
  // that holds a leaf in it).
  std::vector<std::size_t> ranked(std::size_t reference) {
    auto schedule = CommitterSchedule::of(members[reference].group());
    EXPECT_TRUE(is_ok(schedule));
    std::vector<std::size_t> out;
    for (const auto leaf : schedule->order()) {
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (!members[i].removed() && members[i].own_leaf() == leaf) out.push_back(i);
      }
    }
    return out;
  }

  // Every member still in (and not `gone`) agrees with members[reference]
  // on the epoch, its code and the roles.
  void expect_alike(std::size_t reference, const std::set<std::size_t>& gone = {}) {
    const auto code = members[reference].security_code();
    const auto shown = members[reference].roles();
    ASSERT_TRUE(is_ok(code));
    ASSERT_TRUE(is_ok(shown));
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].removed() || gone.count(i) != 0) continue;
      EXPECT_EQ(members[i].security_code()->hex_groups, code->hex_groups) << "member " << i;
      EXPECT_EQ(*members[i].roles(), *shown) << "member " << i;
    }
  }

  void sync_present(const std::set<std::size_t>& gone = {}) {
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].removed() || gone.count(i) != 0) continue;
      auto report = members[i].sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty());
    }
  }
};

TEST_F(MeetingContinuity, TheScheduleIsAlikeAtEveryMember) {
  for (int epoch = 0; epoch < 2; ++epoch) {
    const auto order = ranked(0);
    ASSERT_EQ(order.size(), members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      EXPECT_EQ(ranked(i), order);
      const auto rank = static_cast<std::int64_t>(std::find(order.begin(), order.end(), i) - order.begin());
      EXPECT_EQ(*members[i].commit_wait(), default_commit_step * rank);
    }
    ASSERT_TRUE(is_ok(members[3].update(server)));
    sync_all();
  }
}

// Members drop out at ranks 0, 1, ..., k: a leaver's SelfRemove is still
// committed, by the first-ranked present member, within k steps.
TEST_F(MeetingContinuity, DropOutsAtEachRankStillCommitThePending) {
  for (std::size_t dropped = 0; dropped < 4; ++dropped) {
    const auto order = ranked(0);
    const std::size_t leaver = order.back() == 0 ? order[order.size() - 2] : order.back();
    ASSERT_TRUE(is_ok(members[leaver].leave(server)));
    std::set<std::size_t> absent{leaver};
    for (std::size_t rank = 0; absent.size() < dropped + 1; ++rank) absent.insert(order[rank]);
    sync_present(absent);
    const auto committer = std::find_if(order.begin(), order.end(), [&](std::size_t i) { return absent.count(i) == 0; });
    ASSERT_NE(committer, order.end());
    EXPECT_EQ(members[*committer].pending_proposals(), 1u);
    EXPECT_LE(*members[*committer].commit_wait(), default_commit_step * static_cast<std::int64_t>(dropped + 1));
    ASSERT_TRUE(is_ok(members[*committer].commit_pending(server)));
    sync_all();
    EXPECT_TRUE(members[leaver].removed());
    expect_alike(*committer);
  }
}

// A leaver cannot commit its own departure.
TEST_F(MeetingContinuity, ALeaverDoesNotCommitItsOwnSelfRemove) {
  ASSERT_TRUE(is_ok(members[3].leave(server)));
  sync_all();
  EXPECT_TRUE(fails_with(members[3].commit_pending(server), Errc::not_permitted));
  ASSERT_TRUE(is_ok(members[4].commit_pending(server)));
  sync_all();
  EXPECT_TRUE(members[3].removed());
}

// A plain member's Commit with an Add or a Remove of its own is refused by
// the server and, from a server that ignores the rules, by every member.
TEST_F(MeetingContinuity, ANonHostCommittersForbiddenCommitIsRefusedByEveryMember) {
  auto mallory = rogue_member();
  const auto before = *members[0].roles();
  auto add = rogue_commit(mallory, {mls::Proposal{mls::Add{key_package("eve").key_package}}});
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, add), Errc::not_permitted));
  expect_refused_by_all(add.commit, Errc::not_permitted);
  auto remove = rogue_commit(mallory, {mls::Proposal{mls::Remove{members[2].own_leaf()}}});
  expect_refused_by_all(remove.commit, Errc::not_permitted);
  EXPECT_EQ(*members[1].roles(), before);
}

// A guest that joined (with the password) cannot make itself host or
// co-host, by a Commit or by a proposal; nor can a removed participant.
TEST_F(MeetingContinuity, AGuestOrRemovedParticipantCannotMakeItselfHost) {
  auto mallory = rogue_member();
  const auto own = mallory.group.own_leaf().value;
  const auto before = *members[0].roles();
  auto commit = rogue_commit(mallory, {roles_update({own, {}, 0})});
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, commit), Errc::not_permitted));
  expect_refused_by_all(commit.commit, Errc::not_permitted);
  auto proposal = mallory.group.propose(roles_update({before.host, {own}, 0}));
  ASSERT_TRUE(is_ok(proposal));
  EXPECT_TRUE(fails_with(server.post_proposal(mallory.token, codec::encode(*proposal)), Errc::not_permitted));
  expect_refused_by_all(codec::encode(*proposal), Errc::not_permitted);
  EXPECT_EQ(*members[1].roles(), before);

  ASSERT_TRUE(is_ok(members[0].remove(server, own)));
  sync_all();
  auto late = rogue_commit(mallory, {roles_update({own, {}, 0})});
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, late), Errc::unknown_meeting));
  EXPECT_EQ(*members[1].roles(), before);
}

// The host names co-hosts, then leaves by SelfRemove: a plain member
// commits it, and every member names the first co-host host; the next
// host admits. A host that drops without a word is removed by its
// successor, and only by it.
TEST_F(MeetingContinuity, SuccessionNamesTheSameHostAtEveryMember) {
  const std::uint32_t first = members[2].own_leaf();
  const std::uint32_t second = members[5].own_leaf();
  ASSERT_TRUE(is_ok(members[0].set_roles(server, {0, {first, second}, 0})));
  sync_all();
  ASSERT_TRUE(is_ok(members[0].leave(server)));
  sync_all();
  ASSERT_TRUE(is_ok(members[7].commit_pending(server)));
  sync_all();
  EXPECT_TRUE(members[0].removed());
  EXPECT_TRUE(members[2].is_host());
  EXPECT_EQ(*members[1].roles(), (MeetingRoles{first, {second}, 0}));
  expect_alike(2);
  auto late = guest("late");
  ASSERT_TRUE(is_ok(late.request_welcome(server)));
  EXPECT_TRUE(fails_with(members[1].admit(server), Errc::not_permitted));
  ASSERT_TRUE(is_ok(late.request_welcome(server)));
  EXPECT_EQ(*members[2].admit(server), 1u);

  // The new host drops without a word: its successor removes it; no one else may.
  const std::set<std::size_t> gone{2};
  sync_present(gone);
  EXPECT_TRUE(fails_with(members[1].remove(server, first), Errc::not_permitted));
  ASSERT_TRUE(is_ok(members[5].remove(server, first)));
  sync_present(gone);
  EXPECT_TRUE(members[5].is_host());
  EXPECT_EQ(*members[1].roles(), (MeetingRoles{second, {}, 0}));
  expect_alike(5, gone);
}

// A change of roles while a role holder's departure is pending would race
// the succession the departure's Commit carries: it waits (out_of_order,
// nothing posted) until the departure is committed.
TEST_F(MeetingContinuity, ARolesChangeWaitsForAPendingRoleHoldersDeparture) {
  MeetingRoles named = *members[0].roles();
  named.co_hosts = {members[1].own_leaf()};
  ASSERT_TRUE(is_ok(members[0].set_roles(server, named)));
  sync_all();
  ASSERT_TRUE(is_ok(members[1].leave(server)));
  ASSERT_TRUE(is_ok(members[0].sync(server)));
  const auto epoch = members[0].epoch();
  const auto logged = log_size();
  MeetingRoles next = named;
  next.co_hosts = {members[2].own_leaf()};
  EXPECT_TRUE(fails_with(members[0].set_roles(server, next), Errc::out_of_order));
  EXPECT_EQ(members[0].epoch(), epoch);
  EXPECT_EQ(log_size(), logged);
  EXPECT_EQ(members[0].pending_proposals(), 1u);
  ASSERT_TRUE(is_ok(members[0].commit_pending(server)));
  sync_all();
  EXPECT_TRUE(members[1].removed());
  ASSERT_TRUE(is_ok(members[0].set_roles(server, next)));
  sync_all();
  expect_alike(0);
}

// Nothing pending, commit_pending() posts nothing; a removed member neither
// leaves again nor has a turn, and a partial member, which cannot commit,
// has neither a SelfRemove to send nor a turn.
TEST_F(MeetingContinuity, OnlyAFullMemberStillInLeavesOrTakesATurn) {
  const auto logged = log_size();
  EXPECT_TRUE(is_ok(members[2].commit_pending(server)));
  EXPECT_EQ(log_size(), logged);
  ASSERT_TRUE(is_ok(members[0].remove(server, members[3].own_leaf())));
  sync_all();
  ASSERT_TRUE(members[3].removed());
  EXPECT_TRUE(fails_with(members[3].leave(server), Errc::not_in_group));
  EXPECT_TRUE(fails_with(members[3].commit_wait(), Errc::not_in_group));
  admit({"pat"}, Membership::partial);
  auto& pat = members.back();
  ASSERT_TRUE(pat.is_partial());
  const auto before = log_size();
  EXPECT_TRUE(fails_with(pat.leave(server), Errc::partial_unsupported));
  EXPECT_TRUE(fails_with(pat.commit_wait(), Errc::partial_unsupported));
  EXPECT_EQ(log_size(), before);
}

}  // namespace
