#pragma once

// What the C API's meeting tests share: library buffers freed at the end of
// their scope, a participant's visible state, a hosted meeting whose guests
// log in and join, and handles no call may accept.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "conclave.h"

namespace meeting_test {

// A library buffer, freed (and wiped) at the end of its scope.
struct Buffer {
  conclave_buffer value{nullptr, 0};
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { conclave_buffer_free(&value); }
  conclave_buffer* out() { return &value; }
  std::string text() const { return std::string(reinterpret_cast<const char*>(value.data), value.size); }
  std::vector<std::uint8_t> bytes() const { return std::vector<std::uint8_t>(value.data, value.data + value.size); }
};

inline std::uint64_t epoch_of(const conclave_participant* participant) {
  std::uint64_t epoch = 0;
  EXPECT_EQ(conclave_participant_epoch(participant, &epoch), CONCLAVE_OK);
  return epoch;
}

inline std::uint32_t leaf_of(const conclave_participant* participant) {
  std::uint32_t leaf = 0;
  EXPECT_EQ(conclave_participant_own_leaf(participant, &leaf), CONCLAVE_OK);
  return leaf;
}

inline std::string code_of(const conclave_participant* participant) {
  Buffer code;
  EXPECT_EQ(conclave_participant_security_code(participant, code.out()), CONCLAVE_OK);
  return code.text();
}

inline std::vector<std::uint8_t> authenticator_of(const conclave_participant* participant) {
  std::vector<std::uint8_t> out(64);
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_epoch_authenticator(participant, out.data(), out.size(), &written), CONCLAVE_OK);
  out.resize(written);
  return out;
}

inline conclave_sync_report sync_of(conclave_participant* participant, conclave_meeting_server* server) {
  conclave_sync_report report{};
  EXPECT_EQ(conclave_participant_sync(participant, server, &report), CONCLAVE_OK);
  EXPECT_EQ(report.refused, 0u);
  return report;
}

// A hosted meeting with a server of the default SRP variant, and the
// profile its host and guests use (the defaults, unless a derived fixture's
// constructor changes them).
class CApiMeeting : public ::testing::Test {
 protected:
  CApiMeeting() { conclave_meeting_profile_default(&meeting_profile); }

  conclave_meeting_profile meeting_profile{};
  conclave_meeting_server* server = nullptr;
  conclave_meeting_link* link = nullptr;
  Buffer password;
  conclave_participant* host = nullptr;
  std::vector<conclave_participant*> joined;
  std::vector<conclave_guest*> guests;

  void SetUp() override {
    ASSERT_EQ(conclave_meeting_server_create(nullptr, &server), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &link), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_link_password(link, nullptr, password.out()), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_host(server, link, password.value.data, password.value.size, "Host", "Standup",
                                    &meeting_profile, &host),
              CONCLAVE_OK);
  }

  void TearDown() override {
    for (auto* guest : guests) conclave_guest_free(guest);
    for (auto* participant : joined) conclave_participant_free(participant);
    conclave_participant_free(host);
    conclave_meeting_link_free(link);
    conclave_meeting_server_free(server);
  }

  int log_in(const char* name, conclave_guest** guest) {
    const int status =
        conclave_guest_log_in(server, link, password.value.data, password.value.size, name, &meeting_profile, guest);
    if (status == CONCLAVE_OK) guests.push_back(*guest);
    return status;
  }

  conclave_guest* logged_in(const char* name) {
    conclave_guest* guest = nullptr;
    EXPECT_EQ(log_in(name, &guest), CONCLAVE_OK);
    return guest;
  }

  // A guest logs in, asks, the host admits, the guest joins from the Welcome.
  conclave_participant* join(const char* name) { return admit_and_join(logged_in(name)); }

  // Every call on `guest` (with the fixture's server) gives `expected`, and no participant.
  void expect_every_guest_call(conclave_guest* guest, conclave_status expected) {
    Buffer title;
    EXPECT_EQ(conclave_guest_title(guest, title.out()), expected);
    EXPECT_EQ(conclave_guest_request_welcome(guest, server, 0), expected);
    conclave_participant* member = nullptr;
    EXPECT_EQ(conclave_guest_join(guest, server, &member), expected);
    EXPECT_EQ(conclave_guest_join_external(guest, server, &member), expected);
    EXPECT_EQ(member, nullptr);
  }

  // A guest that joined and keeps itself in a new memory store.
  conclave_participant* persisted_member(conclave_store** store) {
    auto* member = join("Guest");
    sync_of(member, server);
    EXPECT_EQ(conclave_store_open_memory(store), CONCLAVE_OK);
    EXPECT_EQ(conclave_participant_persist(member, *store), CONCLAVE_OK);
    return member;
  }

  // `admitter` (the host when NULL) admits `guest`, which joins from the
  // Welcome (as a partial member with `partial` 1); the host syncs.
  conclave_participant* admit_and_join(conclave_guest* guest, int partial = 0,
                                       conclave_participant* admitter = nullptr) {
    EXPECT_EQ(conclave_guest_request_welcome(guest, server, partial), CONCLAVE_OK);
    std::size_t admitted = 0;
    EXPECT_EQ(conclave_participant_admit(admitter != nullptr ? admitter : host, server, &admitted), CONCLAVE_OK);
    EXPECT_EQ(admitted, 1u);
    conclave_participant* participant = nullptr;
    EXPECT_EQ(conclave_guest_join(guest, server, &participant), CONCLAVE_OK);
    joined.push_back(participant);
    sync_of(host, server);
    return participant;
  }
};

// A buffer that is not empty, which no call may take as its output.
struct FullBuffer {
  std::uint8_t byte = 7;
  conclave_buffer value{&byte, 1};
  conclave_buffer* out() { return &value; }
  bool untouched() const { return value.data == &byte && value.size == 1 && byte == 7; }
};

// Handles no call may accept: NULL, freed, and of another kind.
class CApiMeetingBoundary : public CApiMeeting {
 protected:
  conclave_meeting_server* freed_server = nullptr;
  conclave_participant* freed_participant = nullptr;
  conclave_guest* freed_guest = nullptr;
  conclave_meeting_link* freed_link = nullptr;

  void SetUp() override {
    CApiMeeting::SetUp();
    ASSERT_EQ(conclave_meeting_server_create(nullptr, &freed_server), CONCLAVE_OK);
    conclave_meeting_server_free(freed_server);
    ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &freed_link), CONCLAVE_OK);
    Buffer other;
    ASSERT_EQ(conclave_meeting_link_password(freed_link, nullptr, other.out()), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_host(server, freed_link, other.value.data, other.value.size, "Other", "Other", nullptr,
                                    &freed_participant),
              CONCLAVE_OK);
    conclave_participant_free(freed_participant);
    conclave_meeting_link_free(freed_link);
    ASSERT_EQ(log_in("Freed", &freed_guest), CONCLAVE_OK);
    guests.pop_back();
    conclave_guest_free(freed_guest);
  }

  // A live handle of another kind, as each type: the link, or for a link the host.
  template <class Handle>
  Handle* wrong_kind() const {
    if constexpr (std::is_same_v<std::remove_const_t<Handle>, conclave_meeting_link>) {
      return reinterpret_cast<Handle*>(host);
    } else {
      return reinterpret_cast<Handle*>(link);
    }
  }
};

}  // namespace meeting_test
