// A participant kept in a store (Participant::persist and ::load): restarted
// mid-meeting it goes on at the same epoch without joining again, whatever
// write a crash stops it at; a failed write stops it; a bad record is
// refused.

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conclave/storage/memory_store.hpp"
#include "adversary/adversary_fixtures.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::status_of;
using meeting::Participant;

// A MemoryStore that takes `writes` more batches and then none: what is
// on disk when a process dies after that many writes.
class CrashingStore final : public storage::Store {
 public:
  Result<std::optional<crypto::Secret>> get(storage::Table table, BytesView key) override {
    return store_.get(table, key);
  }
  Result<std::vector<storage::Record>> list(storage::Table table, BytesView prefix) override {
    return store_.list(table, prefix);
  }
  Status apply(const storage::Batch& batch) override {
    if (writes_ && *writes_ == 0) return losing_ ? Status{} : Status{Errc::storage_failure};
    if (writes_) *writes_ -= 1;
    return store_.apply(batch);
  }
  void crash_after(std::size_t writes) { writes_ = writes; }
  // Takes `writes` more batches, then reports success for batches it
  // drops: a member whose outcome was lost before its record named it.
  void lose_after(std::size_t writes) {
    writes_ = writes;
    losing_ = true;
  }
  void revive() {
    writes_.reset();
    losing_ = false;
  }

 private:
  storage::MemoryStore store_;
  std::optional<std::size_t> writes_;
  bool losing_ = false;
};

class MeetingPersistenceTest : public conclave::test::AdversaryFixture {
 protected:
  void SetUp() override { admit({"Ann", "Bob"}); }

  Bytes group_id() const { return members[0].group().context().group_id; }

  // The member at `index` destroyed, then loaded from `store`.
  void restart(std::size_t index, storage::Store& store) {
    const Bytes id = group_id();
    { const Participant gone = std::move(members[index]); }
    auto loaded = Participant::load(store, id, profile, random);
    ASSERT_TRUE(is_ok(loaded));
    members[index] = std::move(*loaded);
  }

  // `from` sends a chat that every other member reads, and only it.
  void expect_chat(std::size_t from, const std::string& text) {
    ASSERT_TRUE(is_ok(members[from].send_chat(server, text)));
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].removed()) continue;
      auto report = members[i].sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty()) << i << ": " << to_string(report->refused.front().second);
      if (i == from) continue;
      ASSERT_EQ(report->chats.size(), 1u) << i;
      EXPECT_EQ(report->chats[0].text, text);
    }
  }

  // The host, after a resync it lost, reloaded from `store`: its first
  // sync (in `report`) says it is stranded, not removed, and it resyncs back
  // onto `leaf`, still the host; the meeting goes on.
  void expect_host_resyncs_back(storage::Store& store, std::uint32_t leaf, meeting::SyncReport& report) {
    restart(0, store);
    auto synced = members[0].sync(server);
    ASSERT_TRUE(is_ok(synced));
    report = std::move(*synced);
    EXPECT_TRUE(report.stranded);
    EXPECT_FALSE(members[0].removed());
    ASSERT_TRUE(is_ok(members[0].resync(server)));
    EXPECT_EQ(members[0].own_leaf(), leaf);
    EXPECT_TRUE(members[0].is_host());
    resync_all();
    expect_goes_on(0);
  }

  // Every public call of the host that changes its state, by name, as a
  // Status. Cy (3) and Di (4) are the ones it removes; commit_pending has
  // Ann's departure to commit once Ann left.
  std::vector<std::pair<std::string, std::function<Status()>>> host_calls() {
    return {
        {"sync", [this] { return status_of(members[0].sync(server)); }},
        {"send_chat", [this] { return members[0].send_chat(server, "from the host"); }},
        {"update", [this] { return members[0].update(server); }},
        {"resync", [this] { return members[0].resync(server); }},
        {"set_locked", [this] { return members[0].set_locked(server, true); }},
        {"set_roles", [this] { return members[0].set_roles(server, *members[0].roles()); }},
        {"admit", [this] { return status_of(members[0].admit(server)); }},
        {"remove", [this] { return members[0].remove(server, members[3].own_leaf()); }},
        {"rotate_link", [this] { return status_of(members[0].rotate_link(server)); }},
        {"remove_and_keep_out",
         [this] { return status_of(members[0].remove_and_keep_out(server, members[4].own_leaf())); }},
        {"commit_pending", [this] { return members[0].commit_pending(server); }},
        {"leave", [this] { return members[0].leave(server); }},
    };
  }

  // The meeting goes on with `index` in it: chat both ways, the next
  // Commit, the same epoch and code for all.
  void expect_goes_on(std::size_t index) {
    sync_all();
    expect_agreement();
    expect_chat(index, "after the restart");
    expect_chat(index == 0 ? members.size() - 1 : 0, "to the restarted");
    const auto epoch = members[0].group().epoch();
    ASSERT_TRUE(is_ok(members[0].update(server)));
    sync_all();
    EXPECT_EQ(members[index].group().epoch(), epoch + 1);
    expect_agreement();
  }
};

TEST_F(MeetingPersistenceTest, ARestartedGuestGoesOnAtTheSameEpochWithoutJoiningAgain) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  ASSERT_TRUE(is_ok(members[2].update(server)));
  expect_chat(2, "before the restart");
  const auto epoch = members[1].group().epoch();
  const auto leaf = members[1].group().own_leaf();
  const std::size_t log = server.record(members[0].link().meeting_id)->log.size();

  restart(1, store);
  EXPECT_EQ(members[1].group().epoch(), epoch);
  EXPECT_EQ(members[1].group().own_leaf(), leaf);
  EXPECT_EQ(server.record(members[0].link().meeting_id)->log.size(), log);  // no join, no resync
  EXPECT_EQ(*members[1].display_name(2), "Bob");
  auto frame = send_frame(members[0], members[1], "a frame");
  ASSERT_TRUE(is_ok(frame));
  EXPECT_EQ(*frame, "a frame");
  expect_goes_on(1);
}

TEST_F(MeetingPersistenceTest, ARestartedHostStillAdmitsRemovesAndRotates) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[0].persist(store)));
  restart(0, store);
  EXPECT_TRUE(members[0].is_host());
  EXPECT_EQ(members[0].meeting_title(), "Standup");
  admit({"Cy"});
  expect_agreement();
  ASSERT_TRUE(is_ok(members[0].remove(server, members[1].group().own_leaf().value)));
  sync_all();
  EXPECT_TRUE(members[1].removed());
  restart(0, store);
  auto rotated = members[0].rotate_link(server);
  ASSERT_TRUE(is_ok(rotated));
  restart(0, store);
  EXPECT_EQ(members[0].link().meeting_id, rotated->meeting_id);
  expect_goes_on(2);
}

// Every write an update, a chat and a sync make is a point a crash can
// stop at: reloaded from there, the member settles its post (found in the
// log, or never made) and goes on with nothing refused.
TEST_F(MeetingPersistenceTest, ARestartAfterACrashAtAnyWriteGoesOn) {
  const std::vector<std::function<void()>> calls = {
      [&] { (void)members[1].update(server); },
      [&] { (void)members[1].send_chat(server, "in flight"); },
      [&] { (void)members[1].sync(server); },
  };
  for (std::size_t call = 0; call < calls.size(); ++call) {
    for (std::size_t writes = 0; writes < 4; ++writes) {
      SCOPED_TRACE("call " + std::to_string(call) + ", crash after " + std::to_string(writes) + " writes");
      CrashingStore store;
      ASSERT_TRUE(is_ok(members[1].persist(store)));
      // What the sync reads: a Commit and chats around it.
      ASSERT_TRUE(is_ok(members[2].send_chat(server, "one")));
      ASSERT_TRUE(is_ok(members[0].sync(server)));
      ASSERT_TRUE(is_ok(members[0].update(server)));
      ASSERT_TRUE(is_ok(members[2].sync(server)));
      ASSERT_TRUE(is_ok(members[2].send_chat(server, "two")));
      ASSERT_TRUE(is_ok(members[0].sync(server)));
      if (call != 2) {
        ASSERT_TRUE(is_ok(members[1].sync(server)));
      }
      store.crash_after(writes);
      calls[call]();
      store.revive();
      restart(1, store);
      auto report = members[1].sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty()) << to_string(report->refused.front().second);
      for (const auto& chat : report->chats) EXPECT_NE(chat.sender, members[1].group().own_leaf().value);
      expect_goes_on(1);
    }
  }
}

// The announced link is in the record: a guest that read the host's
// LinkRotation, then crashed before the Commit that moves to it, follows
// the Commit after its restart.
TEST_F(MeetingPersistenceTest, AGuestRestartedBetweenALinkRotationAndItsCommitMovesToTheNewLink) {
  CrashingStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  auto rotated = members[0].rotate_link(server);
  ASSERT_TRUE(is_ok(rotated));
  store.crash_after(1);
  EXPECT_TRUE(fails_with(members[1].sync(server), Errc::storage_failure));
  store.revive();
  restart(1, store);
  EXPECT_NE(members[1].link().meeting_id, rotated->meeting_id);
  auto report = members[1].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_EQ(report->commits, 1u);
  EXPECT_FALSE(report->link_rotated);  // read before the crash
  EXPECT_EQ(members[1].link().meeting_id, rotated->meeting_id);
  expect_goes_on(1);
}

TEST_F(MeetingPersistenceTest, ARemovedParticipantStaysRemovedAfterARestart) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  ASSERT_TRUE(is_ok(members[0].remove(server, members[1].group().own_leaf().value)));
  sync_all();
  ASSERT_TRUE(members[1].removed());
  restart(1, store);
  EXPECT_TRUE(members[1].removed());
  EXPECT_TRUE(fails_with(members[1].sync(server), Errc::not_in_group));
  EXPECT_TRUE(fails_with(members[1].send_chat(server, "still here?"), Errc::not_in_group));
  expect_goes_on(2);
}

// A resync whose Commit the server took before the write: reloaded, the
// member is stranded still and resyncs again, replacing the leaf its lost
// resync made. With Ann's and Bob's leaves blank and the first taken by the
// stranding Commit, Di's lost resync took Bob's, left of Di's own.
TEST_F(MeetingPersistenceTest, AResyncLostToACrashIsMadeAgain) {
  admit({"Cy", "Di"});
  ASSERT_TRUE(is_ok(members[0].remove(server, members[1].group().own_leaf().value)));
  ASSERT_TRUE(is_ok(members[0].remove(server, members[2].group().own_leaf().value)));
  sync_all();
  CrashingStore store;
  ASSERT_TRUE(is_ok(members[4].persist(store)));
  auto token = log_in(members[0].link(), password);
  ASSERT_TRUE(is_ok(token));
  auto junk = external_commit(*token, crypto::Secret(Bytes(32, 0x42)));
  ASSERT_TRUE(is_ok(junk));
  ASSERT_TRUE(is_ok(server.post_commit(*token, post_of(*junk))));
  expect_stranded(Errc::confirmation_tag_invalid);
  const auto old_leaf = members[4].group().own_leaf();
  const std::size_t log = log_size();
  store.crash_after(0);
  EXPECT_TRUE(fails_with(members[4].resync(server), Errc::storage_failure));
  EXPECT_EQ(log_size(), log + 1);
  store.revive();
  restart(4, store);
  auto report = members[4].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_TRUE(report->stranded);
  ASSERT_TRUE(is_ok(members[4].resync(server)));
  EXPECT_LT(members[4].group().own_leaf().value, old_leaf.value);
  resync_all();
  expect_goes_on(4);
}

// A resync made while not stranded, lost to a crash after the server took
// it: the reloaded member, whose old leaf the resync replaced, is stranded
// (not removed) and resyncs again onto its own leaf, keeping its role.
TEST_F(MeetingPersistenceTest, AResyncLostToACrashWhenNotStrandedIsMadeAgain) {
  CrashingStore store;
  ASSERT_TRUE(is_ok(members[0].persist(store)));
  const auto leaf = members[0].own_leaf();
  const std::size_t log = log_size();
  store.crash_after(0);
  EXPECT_TRUE(fails_with(members[0].resync(server), Errc::storage_failure));
  EXPECT_EQ(log_size(), log + 1);
  store.revive();
  meeting::SyncReport report;
  expect_host_resyncs_back(store, leaf, report);
}

// A resync the server took whose outcome the member lost before its record
// named it (the server's answer lost, say): the member reloaded from
// before reads its own external Commit, refuses it rather than take it for
// its removal, is stranded, and resyncs onto the leaf the lost one made.
TEST_F(MeetingPersistenceTest, ItsOwnResyncReadByAMemberThatLostItStrandsIt) {
  CrashingStore store;
  ASSERT_TRUE(is_ok(members[0].persist(store)));
  const auto leaf = members[0].own_leaf();
  const std::size_t log = log_size();
  store.lose_after(0);
  ASSERT_TRUE(is_ok(members[0].resync(server)));
  ASSERT_EQ(log_size(), log + 1);
  store.revive();
  meeting::SyncReport report;
  expect_host_resyncs_back(store, leaf, report);
  ASSERT_EQ(report.refused.size(), 1u);
  EXPECT_EQ(report.refused[0], std::make_pair(std::uint64_t{log}, Errc::out_of_order));
}

TEST_F(MeetingPersistenceTest, AFailedWriteRefusesFurtherUseAndReloadsTheStateBefore) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  const auto epoch = members[1].group().epoch();
  const auto code = members[1].security_code()->hex_groups;
  ASSERT_TRUE(is_ok(members[2].update(server)));
  store.fail_next_apply();
  EXPECT_TRUE(fails_with(members[1].sync(server), Errc::storage_failure));
  EXPECT_TRUE(fails_with(members[1].sync(server), Errc::storage_failure));
  EXPECT_TRUE(fails_with(members[1].send_chat(server, "lost"), Errc::storage_failure));
  EXPECT_TRUE(fails_with(members[1].update(server), Errc::storage_failure));
  restart(1, store);
  EXPECT_EQ(members[1].group().epoch(), epoch);
  EXPECT_EQ(members[1].security_code()->hex_groups, code);
  expect_goes_on(1);
}

TEST_F(MeetingPersistenceTest, AFailedFirstWriteLeavesTheParticipantUnusable) {
  storage::MemoryStore store;
  store.fail_next_apply();
  EXPECT_TRUE(fails_with(members[1].persist(store), Errc::storage_failure));
  EXPECT_TRUE(fails_with(members[1].send_chat(server, "lost"), Errc::storage_failure));
  EXPECT_TRUE(fails_with(Participant::load(store, group_id(), profile, random), Errc::not_in_group));
}

// The brief's lagging record: a meeting record one sync behind its group
// (a Commit and a chat already processed) reads them again, refused, and
// still reaches the others' epoch and code.
TEST_F(MeetingPersistenceTest, AMeetingRecordOneSyncBehindItsGroupCatchesUp) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  auto behind = store.get(storage::Table::meeting, group_id());
  ASSERT_TRUE(is_ok(behind) && behind->has_value());
  ASSERT_TRUE(is_ok(members[2].send_chat(server, "read twice")));
  ASSERT_TRUE(is_ok(members[2].update(server)));
  sync_all();
  storage::Batch lag;
  lag.put(storage::Table::meeting, group_id(), std::move(**behind));
  ASSERT_TRUE(is_ok(store.apply(lag)));
  restart(1, store);
  auto report = members[1].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_EQ(report->commits, 0u);
  EXPECT_TRUE(report->chats.empty());
  EXPECT_EQ(report->refused.size(), 2u);
  EXPECT_FALSE(report->stranded);
  expect_goes_on(1);
}

TEST_F(MeetingPersistenceTest, ACorruptMeetingRecordIsStorageCorrupt) {
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[1].persist(store)));
  const auto record = *store.get(storage::Table::meeting, group_id());
  const Bytes good(record->view().begin(), record->view().end());
  Bytes truncated = good;
  truncated.pop_back();
  Bytes trailing = good;
  trailing.push_back(0);
  Bytes other_format = good;
  other_format[1] ^= 1;  // the format number's low byte
  for (const Bytes& bad : {truncated, trailing, other_format, Bytes{0xff, 0xff, 0xff}}) {
    storage::Batch batch;
    batch.put(storage::Table::meeting, group_id(), crypto::Secret(bad));
    ASSERT_TRUE(is_ok(store.apply(batch)));
    EXPECT_TRUE(fails_with(Participant::load(store, group_id(), profile, random), Errc::storage_corrupt));
  }
  EXPECT_TRUE(fails_with(Participant::load(store, Bytes{1, 2, 3}, profile, random), Errc::not_in_group));
}

// A record of another member of the same group, under this member's
// group records: its signature key is not this leaf's.
TEST_F(MeetingPersistenceTest, AMeetingRecordOfAnotherMemberIsStorageCorrupt) {
  storage::MemoryStore ann;
  storage::MemoryStore bob;
  ASSERT_TRUE(is_ok(members[1].persist(ann)));
  ASSERT_TRUE(is_ok(members[2].persist(bob)));
  storage::Batch swap;
  swap.put(storage::Table::meeting, group_id(), std::move(**bob.get(storage::Table::meeting, group_id())));
  ASSERT_TRUE(is_ok(ann.apply(swap)));
  EXPECT_TRUE(fails_with(Participant::load(ann, group_id(), profile, random), Errc::storage_corrupt));
}

// Once a write failed, the store holds an earlier state than the member:
// every call that changes it is refused, and posts nothing.
TEST_F(MeetingPersistenceTest, EveryCallIsRefusedOnceAWriteFailed) {
  admit({"Cy", "Di"});
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[0].persist(store)));
  ASSERT_TRUE(is_ok(members[1].leave(server)));
  store.fail_next_apply();
  ASSERT_TRUE(fails_with(members[0].sync(server), Errc::storage_failure));
  ASSERT_EQ(members[0].pending_proposals(), 1u);
  const std::size_t log = log_size();
  for (const auto& [name, call] : host_calls()) {
    EXPECT_TRUE(fails_with(call(), Errc::storage_failure)) << name;
  }
  EXPECT_EQ(log_size(), log);
}

// A write that fails fails the call that made it, whatever the call: the
// member reloaded from the store settles what the call posted and goes on
// (a resync it lost, made again), to its own leave at the end.
TEST_F(MeetingPersistenceTest, AWriteFailingInAnyCallFailsThatCall) {
  admit({"Cy", "Di"});
  storage::MemoryStore store;
  ASSERT_TRUE(is_ok(members[0].persist(store)));
  for (const auto& [name, call] : host_calls()) {
    if (name == "commit_pending") {
      ASSERT_TRUE(is_ok(members[1].sync(server)));
      ASSERT_TRUE(is_ok(members[1].leave(server)));
      ASSERT_TRUE(is_ok(members[0].sync(server)));
    }
    store.fail_next_apply();
    EXPECT_TRUE(fails_with(call(), Errc::storage_failure)) << name;
    restart(0, store);
    auto report = members[0].sync(server);
    ASSERT_TRUE(is_ok(report)) << name;
    if (report->stranded) {
      ASSERT_TRUE(is_ok(members[0].resync(server))) << name;
    }
  }
  EXPECT_EQ(members[0].own_leaf(), 0u);
  EXPECT_TRUE(members[0].is_host());
}

}  // namespace
