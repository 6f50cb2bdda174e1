// Issue 24: the meeting's calls with each checked OpenSSL and libsodium call
// failing in turn (tests/backend_failures.hpp), in a meeting of two. A call
// that fails gives a typed error (or the exception hash() documents) and
// leaves the member's group, its pending proposals and the server's log as
// they were; the run that reaches no armed call then succeeds, and the
// meeting goes on.

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <optional>

#include "backend_failures.hpp"
#include "group_snapshot.hpp"
#include "meeting_fixtures.hpp"

namespace {

using namespace conclave;
using conclave::test::failed_typed;
using conclave::test::is_ok;
using conclave::test::status_of;
using conclave::test::with_each_backend_call_failing;

// What a failed crypto call gives: Errc::internal, or the error of the check
// the failed call was (a signature that does not verify, an AEAD tag,
// X25519's all-zero output).
constexpr std::initializer_list<Errc> backend_errors{Errc::internal, Errc::signature_invalid, Errc::aead_failure,
                                                     Errc::dh_failure};

class MeetingBackendFailure : public test::MeetingFixture {
 protected:
  // Every test here arms the hook: without it (a release build) each is
  // skipped whole, before its own checks after the loop.
  void SetUp() override {
#ifndef CONCLAVE_FAULT_INJECTION
    GTEST_SKIP() << "backend failures are injected only with CONCLAVE_FAULT_INJECTION";
#endif
    admit({"alice"});
  }

  const meeting::MeetingRecord& record() const { return *server.record(link.meeting_id); }

  // Runs `call`, a Commit of `member`'s, with each backend call failing in
  // turn until the server takes the Commit: each run failed before that
  // leaves the group as it was, and the member not stranded.
  template <class Call>
  void expect_discarded_until_taken(meeting::Participant& member, Call call) {
    const auto before = mls::snapshot(member.group());
    const auto logged = record().log.size();
    bool taken = false;
    with_each_backend_call_failing(
        [&] { return taken ? Status{} : call(); },
        [&](const auto& outcome) {
          EXPECT_TRUE(failed_typed(outcome, backend_errors));
          taken = record().log.size() != logged;
          if (!taken) {
            EXPECT_TRUE(mls::unchanged(member.group(), before));
            auto report = member.sync(server);
            EXPECT_TRUE(is_ok(report) && !report->stranded);
          }
        });
    EXPECT_TRUE(taken);
  }

  // After the loop's last, successful run: everyone reads it and agrees.
  void expect_meeting_goes_on() {
    sync_all();
    expect_agreement();
  }
};

// A Commit fails as a whole until the server takes it: the staged Commit
// is discarded, whatever failed (an error, or hash()'s exception), and the
// group is as it was. The loop stops at the first run in which the server
// took it: what a failure after that leaves is the group's merge's.
TEST_F(MeetingBackendFailure, AFailedUpdateIsDiscardedUntilTheServerTakesIt) {
  expect_discarded_until_taken(members[0], [&] { return members[0].update(server); });
}

TEST_F(MeetingBackendFailure, AFailedLockIsDiscardedUntilTheServerTakesIt) {
  expect_discarded_until_taken(members[0], [&] { return members[0].set_locked(server, true); });
}

TEST_F(MeetingBackendFailure, AFailedResyncIsDiscardedUntilTheServerTakesIt) {
  expect_discarded_until_taken(members[1], [&] { return members[1].resync(server); });
}

// A Commit the member could not process for want of its crypto library is
// not refused: the call fails, and the next sync reads it again. Where the
// failed call was a check's own (a signature, a tag), the member cannot
// tell it from a forged Commit: it refuses it and is stranded, and resync()
// is the way back, as for any Commit it refuses.
TEST_F(MeetingBackendFailure, AFailedSyncReadsTheCommitAgain) {
  ASSERT_TRUE(is_ok(members[0].update(server)));
  auto& alice = members[1];
  const auto before = mls::snapshot(alice.group());
  bool stranded = false;
  with_each_backend_call_failing([&] { return alice.sync(server); }, [&](const auto& outcome) {
    EXPECT_TRUE(mls::unchanged(alice.group(), before));
    if (outcome && outcome->ok()) {
      ASSERT_EQ((*outcome)->refused.size(), 1u);
      const Errc why = (*outcome)->refused[0].second;
      EXPECT_NE(std::find(backend_errors.begin(), backend_errors.end(), why), backend_errors.end()) << to_string(why);
      EXPECT_NE(why, Errc::internal);
      EXPECT_TRUE((*outcome)->stranded);
      stranded = true;
      return;
    }
    EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
  });
  // Unless a failed check stranded it, the last run read the Commit.
  if (stranded) {
    ASSERT_TRUE(is_ok(alice.resync(server)));
  } else {
    EXPECT_EQ(alice.epoch(), members[0].epoch());
  }
  expect_meeting_goes_on();
}

// A failed chat posts nothing and leaves the epoch; like a failed SFrame
// protect, it may use up the generation it sealed under (a key is never
// used twice, even for a message the caller was told failed).
TEST_F(MeetingBackendFailure, AFailedChatPostsNothing) {
  auto& alice = members[1];
  const auto epoch = alice.epoch();
  const auto code = alice.security_code()->hex_groups;
  const auto logged = record().log.size();
  with_each_backend_call_failing([&] { return alice.send_chat(server, "hello"); }, [&](const auto& outcome) {
    EXPECT_TRUE(failed_typed(outcome, backend_errors));
    EXPECT_EQ(alice.epoch(), epoch);
    EXPECT_EQ(alice.security_code()->hex_groups, code);
    EXPECT_EQ(record().log.size(), logged);
  });
  auto report = members[0].sync(server);
  ASSERT_TRUE(is_ok(report));
  ASSERT_EQ(report->chats.size(), 1u);
  EXPECT_EQ(report->chats[0].text, "hello");
  EXPECT_TRUE(report->refused.empty());
}

// A guest whose join fails is still a guest: the last run joins.
TEST_F(MeetingBackendFailure, AFailedJoinFromAWelcomeLeavesTheGuestToJoin) {
  auto bob = guest("bob");
  ASSERT_TRUE(is_ok(bob.request_welcome(server)));
  ASSERT_TRUE(is_ok(members[0].admit(server)));
  sync_all();
  const auto logged = record().log.size();
  std::optional<meeting::Participant> joined;
  with_each_backend_call_failing(
      [&]() -> Status {
        auto participant = bob.join_from_welcome(server);
        if (!participant) return participant.error();
        joined.emplace(std::move(*participant));
        return {};
      },
      [&](const auto& outcome) {
        EXPECT_TRUE(failed_typed(outcome, backend_errors));
        EXPECT_EQ(record().log.size(), logged);
      });
  if (!joined) return;
  members.push_back(std::move(*joined));
  expect_meeting_goes_on();
}

// A login that fails gives a typed error and leaves the meeting's log as it
// was; the loop's last run, with no call failing, logs in.
TEST_F(MeetingBackendFailure, AFailedLoginLeavesTheLogAsItWas) {
  const auto logged = record().log.size();
  with_each_backend_call_failing(
      [&]() -> Status {
        return status_of(meeting::Guest::log_in(server, link, password, "bob", profile, random));
      },
      [&](const auto& outcome) {
        EXPECT_TRUE(failed_typed(outcome, backend_errors));
        EXPECT_EQ(record().log.size(), logged);
      });
}

// An external join fails as a whole until the server takes its Commit:
// the log is as it was, and the guest's next try joins.
TEST_F(MeetingBackendFailure, AFailedExternalJoinLeavesTheLogUntilTheServerTakesIt) {
  auto bob = guest("bob");
  const auto logged = record().log.size();
  std::optional<meeting::Participant> joined;
  bool taken = false;
  with_each_backend_call_failing(
      [&]() -> Status {
        if (taken) return {};
        auto participant = bob.join_by_external_commit(server);
        if (!participant) return participant.error();
        joined.emplace(std::move(*participant));
        return {};
      },
      [&](const auto& outcome) {
        EXPECT_TRUE(failed_typed(outcome, backend_errors));
        taken = record().log.size() != logged;
      });
  if (!joined) return;
  members.push_back(std::move(*joined));
  expect_meeting_goes_on();
}

// Hosting fails as a whole until the server registers the meeting: no
// failed run before that leaves a meeting behind. (Finding, not fixed: a
// failure after the registration, in setting up the media keys, leaves the
// meeting registered with no host to run it, and the link cannot be hosted
// again.)
TEST_F(MeetingBackendFailure, AFailedHostingRegistersNothingUntilTheServerTakesIt) {
  const auto other = *meeting::MeetingLink::generate("https://meet.example", random);
  const std::string other_password{other.meeting_password()->text()};
  bool taken = false;
  with_each_backend_call_failing(
      [&]() -> Status {
        if (taken) return {};
        return status_of(
            meeting::Participant::host_meeting(server, other, other_password, "Host", "Retro", profile, random));
      },
      [&](const auto& outcome) {
        EXPECT_TRUE(failed_typed(outcome, backend_errors));
        taken = server.record(other.meeting_id) != nullptr;
      });
}

// A link rotation fails with a typed error and keeps the epoch until the
// server takes its first post; like a failed chat, its LinkRotation may have
// used up the generation it sealed under.
TEST_F(MeetingBackendFailure, AFailedRotationKeepsTheEpochUntilTheServerTakesIt) {
  auto& host = members[0];
  const auto epoch = host.epoch();
  const auto logged = record().log.size();
  bool taken = false;
  with_each_backend_call_failing(
      [&]() -> Status {
        if (taken) return {};
        return status_of(host.rotate_link(server));
      },
      [&](const auto& outcome) {
        EXPECT_TRUE(failed_typed(outcome, backend_errors));
        taken = record().log.size() != logged;
        if (!taken) {
          EXPECT_EQ(host.epoch(), epoch);
        }
      });
}

}  // namespace
