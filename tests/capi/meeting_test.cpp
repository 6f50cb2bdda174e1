// The C API's meeting layer (include/conclave.h, "The meeting layer"),
// through the C API only: a host, a guest that logs in with the link
// password and joins, host controls, chat, media frames, and the boundary.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "conclave.h"

namespace {

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

std::uint64_t epoch_of(const conclave_participant* participant) {
  std::uint64_t epoch = 0;
  EXPECT_EQ(conclave_participant_epoch(participant, &epoch), CONCLAVE_OK);
  return epoch;
}

std::uint32_t leaf_of(const conclave_participant* participant) {
  std::uint32_t leaf = 0;
  EXPECT_EQ(conclave_participant_own_leaf(participant, &leaf), CONCLAVE_OK);
  return leaf;
}

std::string code_of(const conclave_participant* participant) {
  Buffer code;
  EXPECT_EQ(conclave_participant_security_code(participant, code.out()), CONCLAVE_OK);
  return code.text();
}

std::vector<std::uint8_t> authenticator_of(const conclave_participant* participant) {
  std::vector<std::uint8_t> out(64);
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_epoch_authenticator(participant, out.data(), out.size(), &written), CONCLAVE_OK);
  out.resize(written);
  return out;
}

conclave_sync_report sync_of(conclave_participant* participant, conclave_meeting_server* server) {
  conclave_sync_report report{};
  EXPECT_EQ(conclave_participant_sync(participant, server, &report), CONCLAVE_OK);
  EXPECT_EQ(report.refused, 0u);
  return report;
}

// A hosted meeting with a server of the default SRP variant.
class CApiMeeting : public ::testing::Test {
 protected:
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
    ASSERT_EQ(conclave_meeting_host(server, link, password.value.data, password.value.size, "Host", "Standup", nullptr,
                                    &host),
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
        conclave_guest_log_in(server, link, password.value.data, password.value.size, name, nullptr, guest);
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

  conclave_participant* admit_and_join(conclave_guest* guest) {
    EXPECT_EQ(conclave_guest_request_welcome(guest, server, 0), CONCLAVE_OK);
    std::size_t admitted = 0;
    EXPECT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_OK);
    EXPECT_EQ(admitted, 1u);
    conclave_participant* participant = nullptr;
    EXPECT_EQ(conclave_guest_join(guest, server, &participant), CONCLAVE_OK);
    joined.push_back(participant);
    sync_of(host, server);
    return participant;
  }
};

TEST_F(CApiMeeting, GuestLogsInJoinsByWelcomeAndAgreesWithTheHost) {
  auto* guest = logged_in("Guest");
  Buffer title;
  ASSERT_EQ(conclave_guest_title(guest, title.out()), CONCLAVE_OK);
  EXPECT_EQ(title.text(), "Standup");
  auto* member = admit_and_join(guest);
  sync_of(member, server);

  EXPECT_EQ(epoch_of(member), epoch_of(host));
  EXPECT_EQ(code_of(member), code_of(host));
  EXPECT_EQ(code_of(host).rfind("Epoch " + std::to_string(epoch_of(host)) + ": ", 0), 0u);
  EXPECT_EQ(authenticator_of(member), authenticator_of(host));
  EXPECT_FALSE(authenticator_of(host).empty());
  int is_host = -1;
  ASSERT_EQ(conclave_participant_is_host(host, &is_host), CONCLAVE_OK);
  EXPECT_EQ(is_host, 1);
  ASSERT_EQ(conclave_participant_is_host(member, &is_host), CONCLAVE_OK);
  EXPECT_EQ(is_host, 0);
  Buffer name;
  ASSERT_EQ(conclave_participant_display_name(member, leaf_of(host), name.out()), CONCLAVE_OK);
  EXPECT_EQ(name.text(), "Host");
  Buffer host_id;
  Buffer member_id;
  ASSERT_EQ(conclave_participant_group_id(host, host_id.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_participant_group_id(member, member_id.out()), CONCLAVE_OK);
  EXPECT_EQ(host_id.bytes(), member_id.bytes());
}

TEST_F(CApiMeeting, GuestJoinsByExternalCommit) {
  auto* guest = logged_in("Guest");
  conclave_participant* member = nullptr;
  ASSERT_EQ(conclave_guest_join_external(guest, server, &member), CONCLAVE_OK);
  joined.push_back(member);
  EXPECT_EQ(sync_of(host, server).commits, 1u);
  EXPECT_EQ(code_of(member), code_of(host));
}

TEST_F(CApiMeeting, AJoinedGuestIsSpent) {
  auto* guest = logged_in("Guest");
  conclave_participant* member = nullptr;
  ASSERT_EQ(conclave_guest_join_external(guest, server, &member), CONCLAVE_OK);
  joined.push_back(member);
  Buffer title;
  EXPECT_EQ(conclave_guest_title(guest, title.out()), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_guest_request_welcome(guest, server, 0), CONCLAVE_E_OUT_OF_ORDER);
  conclave_participant* again = nullptr;
  EXPECT_EQ(conclave_guest_join(guest, server, &again), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_guest_join_external(guest, server, &again), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(again, nullptr);
}

TEST_F(CApiMeeting, ChatGoesBothWays) {
  auto* member = join("Guest");
  ASSERT_EQ(conclave_participant_send_chat(host, server, "hello guest"), CONCLAVE_OK);
  ASSERT_EQ(sync_of(member, server).chats, 1u);
  std::uint32_t sender = 99;
  Buffer text;
  ASSERT_EQ(conclave_participant_chat(member, 0, &sender, text.out()), CONCLAVE_OK);
  EXPECT_EQ(sender, leaf_of(host));
  EXPECT_EQ(text.text(), "hello guest");

  ASSERT_EQ(conclave_participant_send_chat(member, server, "hello host"), CONCLAVE_OK);
  ASSERT_EQ(sync_of(host, server).chats, 1u);
  Buffer reply;
  ASSERT_EQ(conclave_participant_chat(host, 0, &sender, reply.out()), CONCLAVE_OK);
  EXPECT_EQ(sender, leaf_of(member));
  EXPECT_EQ(reply.text(), "hello host");
  EXPECT_EQ(reply.value.data[reply.value.size], 0) << "NUL-terminated";
}

TEST_F(CApiMeeting, AFrameOneProtectsTheOtherUnprotects) {
  auto* member = join("Guest");
  sync_of(member, server);
  const std::string media = "a video frame";
  std::size_t bound = 0;
  ASSERT_EQ(conclave_participant_max_protected_size(host, media.size(), &bound), CONCLAVE_OK);
  std::vector<std::uint8_t> frame(bound);
  std::size_t written = 0;
  const auto* plaintext = reinterpret_cast<const std::uint8_t*>(media.data());
  // A short buffer: the size that suffices, and the counter not used.
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, plaintext, media.size(), frame.data(), 4, &written),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, bound);
  ASSERT_EQ(conclave_participant_protect_frame(host, nullptr, 0, plaintext, media.size(), frame.data(), frame.size(),
                                               &written),
            CONCLAVE_OK);
  frame.resize(written);

  std::vector<std::uint8_t> out(frame.size());
  conclave_sframe_frame_info info{};
  ASSERT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, frame.data(), frame.size(), out.data(), out.size(),
                                                 &written, &info),
            CONCLAVE_OK);
  EXPECT_EQ(std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(written)), media);
  EXPECT_EQ(info.sender, leaf_of(host));
  EXPECT_EQ(info.epoch, epoch_of(host));
  EXPECT_EQ(info.ctr, 0u);
  // Replayed: refused.
  EXPECT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, frame.data(), frame.size(), out.data(), out.size(),
                                                 &written, nullptr),
            CONCLAVE_E_REPLAYED_COUNTER);
}

TEST_F(CApiMeeting, AFrameThatDoesNotOpenLeavesTheKeysAsTheyWere) {
  auto* member = join("Guest");
  sync_of(member, server);
  const std::uint8_t media[] = {1, 2, 3, 4, 5};
  std::vector<std::uint8_t> frame(64);
  std::size_t written = 0;
  ASSERT_EQ(
      conclave_participant_protect_frame(member, nullptr, 0, media, sizeof media, frame.data(), frame.size(), &written),
      CONCLAVE_OK);
  frame.resize(written);
  auto forged = frame;
  forged.at(forged.size() / 2) ^= 1;
  std::vector<std::uint8_t> out(frame.size());
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, forged.data(), forged.size(), out.data(), out.size(),
                                                 &written, nullptr),
            CONCLAVE_E_AEAD_FAILURE);
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, frame.data(), frame.size(), out.data(), 2, &written,
                                                 nullptr),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, frame.size());
  ASSERT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, frame.data(), frame.size(), out.data(), out.size(),
                                                 &written, nullptr),
            CONCLAVE_OK);
  EXPECT_EQ(written, sizeof media);
}

TEST_F(CApiMeeting, HostRemovesTheGuest) {
  auto* member = join("Guest");
  sync_of(member, server);
  const auto epoch = epoch_of(host);
  ASSERT_EQ(conclave_participant_remove(host, server, leaf_of(member)), CONCLAVE_OK);
  EXPECT_EQ(epoch_of(host), epoch + 1);
  const auto report = sync_of(member, server);
  EXPECT_EQ(report.removed, 1);
  int removed = 0;
  ASSERT_EQ(conclave_participant_removed(member, &removed), CONCLAVE_OK);
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(conclave_participant_send_chat(member, server, "still here?"), CONCLAVE_E_NOT_IN_GROUP);
}

TEST_F(CApiMeeting, AGuestThatLeavesIsCommittedOut) {
  auto* member = join("Guest");
  sync_of(member, server);
  ASSERT_EQ(conclave_participant_leave(member, server), CONCLAVE_OK);
  sync_of(host, server);
  ASSERT_EQ(conclave_participant_commit_pending(host, server), CONCLAVE_OK);
  EXPECT_EQ(sync_of(member, server).removed, 1);
}

TEST_F(CApiMeeting, UpdateMovesEveryoneToANewEpoch) {
  auto* member = join("Guest");
  sync_of(member, server);
  const auto before = code_of(host);
  ASSERT_EQ(conclave_participant_update(member, server), CONCLAVE_OK);
  EXPECT_EQ(sync_of(host, server).commits, 1u);
  EXPECT_NE(code_of(host), before);
  EXPECT_EQ(code_of(host), code_of(member));
}

TEST_F(CApiMeeting, LockRefusesANewGuestsLogin) {
  ASSERT_EQ(conclave_participant_set_locked(host, server, 1), CONCLAVE_OK);
  conclave_guest* guest = nullptr;
  EXPECT_EQ(log_in("Late", &guest), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(guest, nullptr);
  ASSERT_EQ(conclave_participant_set_locked(host, server, 0), CONCLAVE_OK);
  EXPECT_EQ(log_in("Late", &guest), CONCLAVE_OK);
}

TEST_F(CApiMeeting, AWrongPasswordIsRefused) {
  const std::uint8_t wrong[] = {'n', 'o', 'p', 'e'};
  conclave_guest* guest = nullptr;
  EXPECT_EQ(conclave_guest_log_in(server, link, wrong, sizeof wrong, "Eve", nullptr, &guest), CONCLAVE_E_PROOF_INVALID);
  EXPECT_EQ(guest, nullptr);
}

TEST_F(CApiMeeting, RotatingTheLinkRetiresTheOldPassword) {
  auto* member = join("Guest");
  sync_of(member, server);
  conclave_meeting_link* rotated = nullptr;
  ASSERT_EQ(conclave_participant_rotate_link(host, server, &rotated), CONCLAVE_OK);
  EXPECT_EQ(sync_of(member, server).link_rotated, 1);
  EXPECT_EQ(code_of(member), code_of(host));
  conclave_guest* guest = nullptr;
  EXPECT_EQ(log_in("Late", &guest), CONCLAVE_E_UNKNOWN_MEETING);
  Buffer fresh;
  ASSERT_EQ(conclave_meeting_link_password(rotated, nullptr, fresh.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_guest_log_in(server, rotated, fresh.value.data, fresh.value.size, "Late", nullptr, &guest),
            CONCLAVE_OK);
  conclave_guest_free(guest);
  conclave_meeting_link_free(rotated);
}

TEST(CApiMeetingLink, ParsesItsOwnUrlAndKeepsItsParts) {
  conclave_meeting_link* link = nullptr;
  ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &link), CONCLAVE_OK);
  Buffer url;
  Buffer id;
  Buffer password;
  ASSERT_EQ(conclave_meeting_link_url(link, url.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_meeting_link_id(link, id.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_meeting_link_password(link, "secret", password.out()), CONCLAVE_OK);
  EXPECT_EQ(id.text().size(), 10u);
  EXPECT_EQ(url.text().rfind("https://meet.example/join/id-" + id.text() + "#pwd-", 0), 0u);
  EXPECT_EQ(password.text().substr(12), "_secret");
  conclave_meeting_link* parsed = nullptr;
  ASSERT_EQ(conclave_meeting_link_parse(url.text().c_str(), &parsed), CONCLAVE_OK);
  Buffer again;
  ASSERT_EQ(conclave_meeting_link_url(parsed, again.out()), CONCLAVE_OK);
  EXPECT_EQ(again.text(), url.text());
  conclave_meeting_link_free(parsed);
  conclave_meeting_link_free(link);
}

TEST(CApiMeetingLink, RefusesMalformedLinks) {
  conclave_meeting_link* link = nullptr;
  EXPECT_EQ(conclave_meeting_link_generate("http://meet.example", &link), CONCLAVE_E_INVALID_LINK);
  EXPECT_EQ(conclave_meeting_link_generate("https://meet.example/", &link), CONCLAVE_E_INVALID_LINK);
  EXPECT_EQ(conclave_meeting_link_parse("https://meet.example/join/id-SHORT#pwd-x", &link), CONCLAVE_E_INVALID_LINK);
  EXPECT_EQ(conclave_meeting_link_parse("", &link), CONCLAVE_E_INVALID_LINK);
  EXPECT_EQ(link, nullptr);
}

}  // namespace
