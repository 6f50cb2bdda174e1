// The C API's host and continuity controls of the meeting layer
// (include/conclave.h, "The meeting layer"): roles read and set, the host
// role handed over, co-hosts, removal for good, the designated-committer
// wait (cross-checked with the C++ CommitterSchedule), a participant's
// LiveKit media keys, and the boundary of each of these calls.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "conclave.h"
#include "conclave/meeting/committer_schedule.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "meeting_fixture.hpp"

namespace {

using namespace meeting_test;

// The roles of the current epoch as a participant reads them.
struct Roles {
  std::uint32_t host = 0;
  std::vector<std::uint32_t> co_hosts;
  int locked = -1;
  friend bool operator==(const Roles&, const Roles&) = default;
};

Roles roles_of(const conclave_participant* participant) {
  Roles roles;
  std::size_t count = 0;
  const auto asked = conclave_participant_roles(participant, &roles.host, nullptr, 0, &count, &roles.locked);
  EXPECT_EQ(asked, count == 0 ? CONCLAVE_OK : CONCLAVE_E_BUFFER_TOO_SMALL);
  roles.co_hosts.resize(count);
  EXPECT_EQ(conclave_participant_roles(participant, &roles.host, roles.co_hosts.data(), count, &count, &roles.locked),
            CONCLAVE_OK);
  return roles;
}

int is_host(const conclave_participant* participant) {
  int flag = -1;
  EXPECT_EQ(conclave_participant_is_host(participant, &flag), CONCLAVE_OK);
  return flag;
}

std::size_t pending_of(const conclave_participant* participant) {
  std::size_t count = 99;
  EXPECT_EQ(conclave_participant_pending_proposals(participant, &count), CONCLAVE_OK);
  return count;
}

std::uint64_t wait_of(const conclave_participant* participant, std::uint32_t step_ms) {
  std::uint64_t wait = 0;
  EXPECT_EQ(conclave_participant_commit_wait(participant, step_ms, &wait), CONCLAVE_OK);
  return wait;
}

class CApiMeetingRoles : public CApiMeetingBoundary {
 protected:
  // What a refused call must leave as it was: the roles, the epoch, and no
  // Commit at the server (`watcher` syncs).
  void expect_unchanged(const Roles& roles, std::uint64_t epoch, conclave_participant* watcher) {
    EXPECT_EQ(roles_of(host), roles);
    EXPECT_EQ(epoch_of(host), epoch);
    EXPECT_EQ(sync_of(watcher, server).commits, 0u) << "nothing was posted";
  }

  // `member`, not the host, may neither set the roles nor remove `target`
  // for good, and its refused calls change nothing.
  void expect_not_the_host(conclave_participant* member, std::uint32_t target, conclave_participant* watcher) {
    const auto roles = roles_of(host);
    const auto epoch = epoch_of(host);
    EXPECT_EQ(conclave_participant_set_roles(member, server, leaf_of(member), nullptr, 0, 0), CONCLAVE_E_NOT_PERMITTED);
    conclave_meeting_link* fresh = nullptr;
    EXPECT_EQ(conclave_participant_remove_and_keep_out(member, server, target, &fresh), CONCLAVE_E_NOT_PERMITTED);
    EXPECT_EQ(fresh, nullptr);
    expect_unchanged(roles, epoch, watcher);
  }
};

TEST_F(CApiMeetingRoles, AHostedMeetingHasItsCreatorAsHostAndNoCoHost) {
  const Roles roles = roles_of(host);
  EXPECT_EQ(roles.host, leaf_of(host));
  EXPECT_TRUE(roles.co_hosts.empty());
  EXPECT_EQ(roles.locked, 0);
  ASSERT_EQ(conclave_participant_set_locked(host, server, 1), CONCLAVE_OK);
  EXPECT_EQ(roles_of(host).locked, 1);
}

TEST_F(CApiMeetingRoles, TheHostHandsOverToAGuestWhoThenAdmitsSomeone) {
  auto* member = join("Guest");
  sync_of(member, server);
  ASSERT_EQ(conclave_participant_set_roles(host, server, leaf_of(member), nullptr, 0, 0), CONCLAVE_OK);
  EXPECT_EQ(sync_of(member, server).commits, 1u);
  EXPECT_EQ(is_host(member), 1);
  EXPECT_EQ(is_host(host), 0);
  EXPECT_EQ(roles_of(member), roles_of(host));
  EXPECT_EQ(roles_of(member).host, leaf_of(member));

  std::size_t admitted = 0;
  EXPECT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_E_NOT_PERMITTED) << "no longer the host";
  auto* late = admit_and_join(logged_in("Late"), 0, member);
  sync_of(member, server);
  sync_of(late, server);
  EXPECT_EQ(code_of(late), code_of(member));
  EXPECT_EQ(code_of(host), code_of(member));
  expect_not_the_host(host, leaf_of(late), member);
}

TEST_F(CApiMeetingRoles, ACoHostAdmitsAndLocksButDoesNotHandOverOrKeepOut) {
  auto* co_host = join("Co-host");
  auto* member = join("Guest");
  sync_of(co_host, server);
  const std::uint32_t named[] = {leaf_of(co_host)};
  ASSERT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), named, 1, 0), CONCLAVE_OK);
  sync_of(co_host, server);
  sync_of(member, server);
  const Roles expected{leaf_of(host), {leaf_of(co_host)}, 0};
  EXPECT_EQ(roles_of(co_host), expected);
  EXPECT_EQ(roles_of(member), expected);
  std::uint32_t host_leaf = 0;
  std::size_t count = 0;
  int locked = -1;
  EXPECT_EQ(conclave_participant_roles(co_host, &host_leaf, nullptr, 0, &count, &locked), CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(count, 1u) << "the size needed";
  EXPECT_EQ(locked, -1) << "nothing else written";

  auto* guest = logged_in("Late");
  ASSERT_EQ(conclave_guest_request_welcome(guest, server, 0), CONCLAVE_OK);
  std::size_t admitted = 0;
  ASSERT_EQ(conclave_participant_admit(co_host, server, &admitted), CONCLAVE_OK);
  EXPECT_EQ(admitted, 1u);
  sync_of(host, server);
  sync_of(member, server);
  ASSERT_EQ(conclave_participant_set_locked(co_host, server, 1), CONCLAVE_OK);
  sync_of(host, server);
  sync_of(member, server);
  EXPECT_EQ(roles_of(host).locked, 1);

  expect_not_the_host(co_host, leaf_of(member), member);
}

TEST_F(CApiMeetingRoles, RemoveAndKeepOutLeavesTheRemovedGuestsLinkUseless) {
  auto* member = join("Guest");
  auto* other = join("Other");
  sync_of(member, server);
  conclave_meeting_link* fresh = nullptr;
  ASSERT_EQ(conclave_participant_remove_and_keep_out(host, server, leaf_of(member), &fresh), CONCLAVE_OK);
  EXPECT_EQ(sync_of(member, server).removed, 1);
  sync_of(other, server);
  EXPECT_EQ(code_of(other), code_of(host));
  EXPECT_EQ(roles_of(host).locked, 0) << "the lock as it was";

  // The removed guest's link and password log in nowhere.
  conclave_guest* again = nullptr;
  EXPECT_EQ(log_in("Guest again", &again), CONCLAVE_E_UNKNOWN_MEETING);
  EXPECT_EQ(again, nullptr);
  // The new link does.
  Buffer fresh_password;
  ASSERT_EQ(conclave_meeting_link_password(fresh, nullptr, fresh_password.out()), CONCLAVE_OK);
  conclave_guest* late = nullptr;
  ASSERT_EQ(conclave_guest_log_in(server, fresh, fresh_password.value.data, fresh_password.value.size, "Late",
                                  &meeting_profile, &late),
            CONCLAVE_OK);
  conclave_guest_free(late);
  conclave_meeting_link_free(fresh);
}

TEST_F(CApiMeetingRoles, PendingProposalsCountWhatTheNextCommitTakes) {
  auto* member = join("Guest");
  sync_of(member, server);
  EXPECT_EQ(pending_of(host), 0u);
  ASSERT_EQ(conclave_participant_leave(member, server), CONCLAVE_OK);
  sync_of(host, server);
  EXPECT_EQ(pending_of(host), 1u);
  ASSERT_EQ(conclave_participant_commit_pending(host, server), CONCLAVE_OK);
  EXPECT_EQ(pending_of(host), 0u);
  EXPECT_EQ(sync_of(member, server).removed, 1);
}

// A fresh directory, removed with everything in it at the end of the test.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "conclave-meeting-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
  ~TemporaryDirectory() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

constexpr std::uint32_t steps[] = {0, 1, 250, CONCLAVE_DEFAULT_COMMIT_STEP_MS};

// The waits the C++ CommitterSchedule gives the member the participant is,
// for each of `steps`: its group persisted through the C API to an SQLite
// file, loaded by the C++ API.
std::vector<std::uint64_t> cpp_waits_of(conclave_participant* participant, const std::string& file) {
  conclave_store* store = nullptr;
  EXPECT_EQ(conclave_store_open_sqlite(file.c_str(), &store), CONCLAVE_OK);
  EXPECT_EQ(conclave_participant_persist(participant, store), CONCLAVE_OK);
  Buffer id;
  EXPECT_EQ(conclave_participant_group_id(participant, id.out()), CONCLAVE_OK);
  const auto group_id = id.bytes();
  auto kept = conclave::storage::SqliteStore::open(file);
  EXPECT_TRUE(kept.ok());
  auto group = conclave::mls::Group::load(*kept, group_id, {});
  EXPECT_TRUE(group.ok());
  EXPECT_EQ(group->own_leaf().value, leaf_of(participant));
  std::vector<std::uint64_t> waits;
  for (const auto step : steps) {
    const auto schedule = conclave::meeting::CommitterSchedule::of(*group, std::chrono::milliseconds(step));
    EXPECT_TRUE(schedule.ok());
    waits.push_back(static_cast<std::uint64_t>(schedule->wait(group->own_leaf().value)->count()));
  }
  conclave_store_free(store);
  return waits;
}

TEST_F(CApiMeetingRoles, CommitWaitAgreesWithTheCommitterSchedule) {
  auto* first = join("First");
  auto* second = join("Second");
  sync_of(first, server);
  ASSERT_EQ(conclave_participant_update(second, server), CONCLAVE_OK);
  sync_of(host, server);
  sync_of(first, server);
  const std::vector<conclave_participant*> members = {host, first, second};

  std::vector<std::uint64_t> ranked;
  for (auto* member : members) ranked.push_back(wait_of(member, CONCLAVE_DEFAULT_COMMIT_STEP_MS));
  std::sort(ranked.begin(), ranked.end());
  EXPECT_EQ(ranked, (std::vector<std::uint64_t>{0, 1000, 2000})) << "one rank each";

  TemporaryDirectory directory;
  for (std::size_t i = 0; i < members.size(); ++i) {
    std::vector<std::uint64_t> waits;
    for (const auto step : steps) waits.push_back(wait_of(members[i], step));
    EXPECT_EQ(waits, cpp_waits_of(members[i], directory.file("member" + std::to_string(i) + ".db"))) << i;
  }
}

// The meeting with LiveKit keys on.
class CApiMeetingLiveKit : public CApiMeetingRoles {
 protected:
  CApiMeetingLiveKit() { meeting_profile.livekit = 1; }
};

constexpr conclave_livekit_frame_info audio{CONCLAVE_LIVEKIT_AUDIO, 0, 0x1234, 90000};

std::vector<std::uint8_t> protected_by(conclave_participant* sender, const std::string& media) {
  std::vector<std::uint8_t> frame(conclave_livekit_max_protected_size(media.size()));
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_livekit_protect(sender, &audio, reinterpret_cast<const std::uint8_t*>(media.data()),
                                                 media.size(), frame.data(), frame.size(), &written),
            CONCLAVE_OK);
  frame.resize(written);
  return frame;
}

// What `receiver` opens of `frame`, and the epoch of its key.
std::pair<std::string, std::uint64_t> opened_by(conclave_participant* receiver,
                                                const std::vector<std::uint8_t>& frame) {
  std::vector<std::uint8_t> out(frame.size());
  std::size_t written = 0;
  std::uint64_t epoch = 0;
  EXPECT_EQ(conclave_participant_livekit_unprotect(receiver, &audio, frame.data(), frame.size(), out.data(), out.size(),
                                                   &written, &epoch),
            CONCLAVE_OK);
  return {std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(written)), epoch};
}

TEST_F(CApiMeetingLiveKit, AFrameOneProtectsTheOtherOpensUnderItsEpoch) {
  auto* member = join("Guest");
  sync_of(member, server);
  const auto first_epoch = epoch_of(host);
  const auto early = protected_by(host, "an audio frame");
  EXPECT_EQ(opened_by(member, early), std::make_pair(std::string("an audio frame"), first_epoch));

  ASSERT_EQ(conclave_participant_update(member, server), CONCLAVE_OK);
  sync_of(host, server);
  const auto later = protected_by(member, "the next frame");
  EXPECT_EQ(opened_by(host, later), std::make_pair(std::string("the next frame"), first_epoch + 1));
  EXPECT_EQ(opened_by(host, early).second, first_epoch) << "the earlier epoch's key is kept";

  auto forged = later;
  forged[forged.size() / 2] ^= 1;
  std::vector<std::uint8_t> out(forged.size());
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, forged.data(), forged.size(), out.data(), out.size(),
                                                   &written, nullptr),
            CONCLAVE_E_AEAD_FAILURE);
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, later.data(), later.size(), out.data(), 2, &written,
                                                   nullptr),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, later.size()) << "a size that suffices";
}

TEST_F(CApiMeetingLiveKit, FrameCallsRefuseBadArgumentsAndKeepTheKeys) {
  auto* member = join("Guest");
  sync_of(member, server);
  const std::uint8_t media[] = {0xf8, 1, 2, 3, 4};
  std::uint8_t out[128];
  std::size_t written = 99;
  std::uint64_t epoch = 99;
  conclave_livekit_frame_info bad_codec = audio;
  bad_codec.codec = 99;
  conclave_livekit_frame_info bad_flag = audio;
  bad_flag.key_frame = 2;
  const conclave_livekit_frame_info* const bad_infos[] = {nullptr, &bad_codec, &bad_flag};
  for (const auto* info : bad_infos) {
    EXPECT_EQ(conclave_participant_livekit_protect(host, info, media, sizeof media, out, sizeof out, &written),
              CONCLAVE_E_INVALID_ARGUMENT);
    EXPECT_EQ(
        conclave_participant_livekit_unprotect(host, info, media, sizeof media, out, sizeof out, &written, &epoch),
        CONCLAVE_E_INVALID_ARGUMENT);
  }
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, nullptr, 3, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, media, sizeof media, nullptr, 8, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, media, sizeof media, out, sizeof out, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, out, 8, out + 4, 64, &written),
            CONCLAVE_E_INVALID_ARGUMENT)
      << "overlapping buffers";
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, nullptr, 3, out, sizeof out, &written, &epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, media, sizeof media, nullptr, 8, &written, &epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, media, sizeof media, out, sizeof out, nullptr, &epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, out, 40, out + 8, 64, &written, &epoch),
            CONCLAVE_E_INVALID_ARGUMENT)
      << "overlapping buffers";
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, media, sizeof media, out, 4, &written),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, conclave_livekit_max_protected_size(sizeof media));
  EXPECT_EQ(epoch, 99u);
  // The keys are as they were: frames still go both ways.
  EXPECT_EQ(opened_by(member, protected_by(host, "still")).first, "still");
  EXPECT_EQ(opened_by(host, protected_by(member, "keyed")).first, "keyed");
}

TEST_F(CApiMeetingRoles, LiveKitCallsNeedAProfileWithLiveKit) {
  const std::uint8_t media[] = {1, 2, 3};
  std::uint8_t out[64];
  std::size_t written = 99;
  EXPECT_EQ(conclave_participant_livekit_protect(host, &audio, media, sizeof media, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_livekit_unprotect(host, &audio, media, sizeof media, out, sizeof out, &written,
                                                   nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(written, 99u);
}

TEST_F(CApiMeetingRoles, RoleQueriesRefuseBadArguments) {
  auto* member = join("Guest");
  sync_of(member, server);
  std::uint32_t host_leaf = 77;
  std::uint32_t co_hosts[2] = {77, 77};
  std::size_t count = 77;
  int locked = 77;
  EXPECT_EQ(conclave_participant_roles(host, nullptr, co_hosts, 2, &count, &locked), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_roles(host, &host_leaf, nullptr, 2, &count, &locked), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_roles(host, &host_leaf, co_hosts, 2, nullptr, &locked), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_roles(host, &host_leaf, co_hosts, 2, &count, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(host_leaf, 77u);
  EXPECT_EQ(co_hosts[0], 77u);
  EXPECT_EQ(count, 77u);
  EXPECT_EQ(locked, 77);
  EXPECT_EQ(conclave_participant_pending_proposals(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_commit_wait(host, 1000, nullptr), CONCLAVE_E_INVALID_ARGUMENT);

  ASSERT_EQ(conclave_participant_remove(host, server, leaf_of(member)), CONCLAVE_OK);
  sync_of(member, server);
  std::uint64_t wait = 99;
  EXPECT_EQ(conclave_participant_commit_wait(member, 1000, &wait), CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(wait, 99u);
}

TEST_F(CApiMeetingRoles, SetRolesRefusesBadRolesAndChangesNothing) {
  auto* first = join("First");
  auto* second = join("Second");
  sync_of(first, server);
  const auto roles = roles_of(host);
  const auto epoch = epoch_of(host);
  const std::uint32_t one = leaf_of(first);
  const std::uint32_t two = leaf_of(second);
  const std::uint32_t descending[] = {std::max(one, two), std::min(one, two)};
  const std::uint32_t naming_the_host[] = {leaf_of(host)};
  const std::uint32_t blank[] = {one, 9};
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), nullptr, 1, 0), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), nullptr, 0, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), nullptr, 0, -1), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_set_roles(host, server, 9, nullptr, 0, 0), CONCLAVE_E_INVALID_ARGUMENT)
      << "a blank host";
  EXPECT_EQ(conclave_participant_set_roles(host, server, 1u << 30, nullptr, 0, 0), CONCLAVE_E_INVALID_ARGUMENT)
      << "a host outside the tree";
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), blank, 2, 0), CONCLAVE_E_INVALID_ARGUMENT)
      << "a blank co-host";
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), descending, 2, 0), CONCLAVE_E_INVALID_VALUE);
  EXPECT_EQ(conclave_participant_set_roles(host, server, leaf_of(host), naming_the_host, 1, 0),
            CONCLAVE_E_INVALID_VALUE);
  EXPECT_EQ(conclave_participant_set_roles(first, server, one, nullptr, 0, 0), CONCLAVE_E_NOT_PERMITTED);
  expect_unchanged(roles, epoch, first);
}

TEST_F(CApiMeetingRoles, RemoveAndKeepOutRefusesBadLeavesBeforeItLocks) {
  auto* member = join("Guest");
  sync_of(member, server);
  const auto roles = roles_of(host);
  const auto epoch = epoch_of(host);
  conclave_meeting_link* fresh = nullptr;
  EXPECT_EQ(conclave_participant_remove_and_keep_out(host, server, leaf_of(member), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_remove_and_keep_out(host, server, 9, &fresh), CONCLAVE_E_INVALID_ARGUMENT)
      << "a blank leaf";
  EXPECT_EQ(conclave_participant_remove_and_keep_out(host, server, leaf_of(host), &fresh), CONCLAVE_E_INVALID_ARGUMENT)
      << "its own leaf";
  EXPECT_EQ(conclave_participant_remove_and_keep_out(member, server, leaf_of(host), &fresh), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(fresh, nullptr);
  expect_unchanged(roles, epoch, member);
  EXPECT_EQ(roles_of(host).locked, 0);
  conclave_guest* late = nullptr;
  EXPECT_EQ(log_in("Late", &late), CONCLAVE_OK) << "neither locked nor rotated";
}

TEST_F(CApiMeetingRoles, APartialMemberReadsTheRolesButHoldsNone) {
  auto* partial = admit_and_join(logged_in("Partial"), 1);
  sync_of(partial, server);
  EXPECT_EQ(roles_of(partial), roles_of(host));
  // Its epoch's authenticator and its group's ID are its partial group's: the host's.
  EXPECT_EQ(authenticator_of(partial), authenticator_of(host));
  Buffer partial_id;
  Buffer host_id;
  ASSERT_EQ(conclave_participant_group_id(partial, partial_id.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_participant_group_id(host, host_id.out()), CONCLAVE_OK);
  EXPECT_EQ(partial_id.bytes(), host_id.bytes());
  EXPECT_FALSE(partial_id.bytes().empty());
  std::uint64_t wait = 99;
  EXPECT_EQ(conclave_participant_commit_wait(partial, 1000, &wait), CONCLAVE_E_PARTIAL_UNSUPPORTED);
  EXPECT_EQ(wait, 99u);
  expect_not_the_host(partial, leaf_of(host), partial);
}

}  // namespace
