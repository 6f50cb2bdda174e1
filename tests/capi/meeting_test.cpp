// The C API's meeting layer (include/conclave.h, "The meeting layer"),
// through the C API only: a host, a guest that logs in with the link
// password and joins, host controls, chat, media frames, and the boundary.

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "conclave.h"
#include "meeting_fixture.hpp"

namespace {

using namespace meeting_test;

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
  expect_every_guest_call(guest, CONCLAVE_E_OUT_OF_ORDER);
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

// conclave.h: different handles may be used from different threads at
// once; two participants sharing one server handle take its lock.
TEST_F(CApiMeeting, TwoParticipantsOnTwoThreadsShareTheServer) {
  auto* member = join("Guest");
  constexpr int rounds = 25;
  auto chat = [this](conclave_participant* participant, std::size_t* read) {
    for (int i = 0; i < rounds; ++i) {
      EXPECT_EQ(conclave_participant_send_chat(participant, server, "hi"), CONCLAVE_OK);
      conclave_sync_report report{};
      EXPECT_EQ(conclave_participant_sync(participant, server, &report), CONCLAVE_OK);
      *read += report.chats;
    }
  };
  std::size_t host_read = 0;
  std::size_t member_read = 0;
  std::thread other(chat, member, &member_read);
  chat(host, &host_read);
  other.join();
  host_read += sync_of(host, server).chats;
  member_read += sync_of(member, server).chats;
  EXPECT_EQ(host_read, static_cast<std::size_t>(rounds));
  EXPECT_EQ(member_read, static_cast<std::size_t>(rounds));
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

TEST_F(CApiMeeting, APersistedParticipantLoadsAtItsEpoch) {
  conclave_store* store = nullptr;
  auto* member = persisted_member(&store);
  ASSERT_EQ(conclave_participant_update(host, server), CONCLAVE_OK);
  sync_of(member, server);  // written to the store
  Buffer id;
  ASSERT_EQ(conclave_participant_group_id(member, id.out()), CONCLAVE_OK);

  conclave_participant* loaded = nullptr;
  ASSERT_EQ(conclave_participant_load(store, id.value.data, id.value.size, server, nullptr, &loaded), CONCLAVE_OK);
  joined.push_back(loaded);
  EXPECT_EQ(epoch_of(loaded), epoch_of(host));
  EXPECT_EQ(leaf_of(loaded), leaf_of(member));
  EXPECT_EQ(code_of(loaded), code_of(host));
  ASSERT_EQ(conclave_participant_send_chat(host, server, "after the restart"), CONCLAVE_OK);
  EXPECT_EQ(sync_of(loaded, server).chats, 1u);

  const std::uint8_t unknown[] = {1, 2, 3};
  conclave_participant* none = nullptr;
  EXPECT_EQ(conclave_participant_load(store, unknown, sizeof unknown, server, nullptr, &none), CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(none, nullptr);
  conclave_store_free(store);
}

TEST_F(CApiMeeting, AParticipantKeepsItsStoreAlive) {
  conclave_store* store = nullptr;
  auto* member = persisted_member(&store);
  conclave_store_free(store);
  ASSERT_EQ(conclave_participant_update(host, server), CONCLAVE_OK);
  EXPECT_EQ(sync_of(member, server).commits, 1u);  // writes to the store the handle no longer names
  EXPECT_EQ(code_of(member), code_of(host));
}

TEST(CApiMeetingServer, KeepsTheVariantItWasGivenAlive) {
  conclave_srp_variant* variant = nullptr;
  ASSERT_EQ(conclave_srp_variant_rfc5054(3072, &variant), CONCLAVE_OK);
  conclave_meeting_server* server = nullptr;
  ASSERT_EQ(conclave_meeting_server_create(variant, &server), CONCLAVE_OK);
  conclave_srp_variant_free(variant);
  conclave_meeting_link* link = nullptr;
  ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &link), CONCLAVE_OK);
  Buffer password;
  ASSERT_EQ(conclave_meeting_link_password(link, nullptr, password.out()), CONCLAVE_OK);
  conclave_participant* host = nullptr;
  ASSERT_EQ(conclave_meeting_host(server, link, password.value.data, password.value.size, "Host", "", nullptr, &host),
            CONCLAVE_OK);
  conclave_guest* guest = nullptr;
  EXPECT_EQ(conclave_guest_log_in(server, link, password.value.data, password.value.size, "Guest", nullptr, &guest),
            CONCLAVE_OK);
  conclave_meeting_server_free(server);  // the participants do not need it to be freed
  conclave_guest_free(guest);
  conclave_participant_free(host);
  conclave_meeting_link_free(link);
}

// Every call on a participant, with valid arguments but the handles given.
using ParticipantCall = std::function<conclave_status(conclave_participant*, conclave_meeting_server*)>;

std::vector<std::pair<std::string, ParticipantCall>> participant_calls() {
  std::vector<std::pair<std::string, ParticipantCall>> calls;
  calls.emplace_back("sync", [](conclave_participant* p, conclave_meeting_server* s) {
    conclave_sync_report report{};
    return conclave_participant_sync(p, s, &report);
  });
  calls.emplace_back("send_chat", [](auto* p, auto* s) { return conclave_participant_send_chat(p, s, "hi"); });
  calls.emplace_back("admit", [](conclave_participant* p, conclave_meeting_server* s) {
    std::size_t admitted = 0;
    return conclave_participant_admit(p, s, &admitted);
  });
  calls.emplace_back("remove", [](auto* p, auto* s) { return conclave_participant_remove(p, s, 1); });
  calls.emplace_back("set_locked", [](auto* p, auto* s) { return conclave_participant_set_locked(p, s, 1); });
  calls.emplace_back("rotate_link", [](conclave_participant* p, conclave_meeting_server* s) {
    conclave_meeting_link* rotated = nullptr;
    const auto status = conclave_participant_rotate_link(p, s, &rotated);
    conclave_meeting_link_free(rotated);
    return status;
  });
  calls.emplace_back("set_roles",
                     [](auto* p, auto* s) { return conclave_participant_set_roles(p, s, 0, nullptr, 0, 0); });
  calls.emplace_back("remove_and_keep_out", [](conclave_participant* p, conclave_meeting_server* s) {
    conclave_meeting_link* rotated = nullptr;
    const auto status = conclave_participant_remove_and_keep_out(p, s, 1, &rotated);
    conclave_meeting_link_free(rotated);
    return status;
  });
  calls.emplace_back("leave", [](auto* p, auto* s) { return conclave_participant_leave(p, s); });
  calls.emplace_back("commit_pending", [](auto* p, auto* s) { return conclave_participant_commit_pending(p, s); });
  calls.emplace_back("update", [](auto* p, auto* s) { return conclave_participant_update(p, s); });
  calls.emplace_back("resync", [](auto* p, auto* s) { return conclave_participant_resync(p, s); });
  return calls;
}

// Every call on a participant that takes no server.
using ParticipantQuery = std::function<conclave_status(conclave_participant*)>;

std::vector<std::pair<std::string, ParticipantQuery>> participant_queries() {
  std::vector<std::pair<std::string, ParticipantQuery>> calls;
  calls.emplace_back("chat", [](conclave_participant* p) {
    std::uint32_t sender = 0;
    Buffer text;
    return conclave_participant_chat(p, 0, &sender, text.out());
  });
  calls.emplace_back("epoch", [](conclave_participant* p) {
    std::uint64_t epoch = 0;
    return conclave_participant_epoch(p, &epoch);
  });
  calls.emplace_back("own_leaf", [](conclave_participant* p) {
    std::uint32_t leaf = 0;
    return conclave_participant_own_leaf(p, &leaf);
  });
  calls.emplace_back("is_host", [](conclave_participant* p) {
    int flag = 0;
    return conclave_participant_is_host(p, &flag);
  });
  calls.emplace_back("removed", [](conclave_participant* p) {
    int flag = 0;
    return conclave_participant_removed(p, &flag);
  });
  calls.emplace_back("roles", [](conclave_participant* p) {
    std::uint32_t host = 0;
    std::uint32_t co_hosts[4];
    std::size_t count = 0;
    int locked = 0;
    return conclave_participant_roles(p, &host, co_hosts, 4, &count, &locked);
  });
  calls.emplace_back("pending_proposals", [](conclave_participant* p) {
    std::size_t count = 0;
    return conclave_participant_pending_proposals(p, &count);
  });
  calls.emplace_back("commit_wait", [](conclave_participant* p) {
    std::uint64_t wait = 0;
    return conclave_participant_commit_wait(p, CONCLAVE_DEFAULT_COMMIT_STEP_MS, &wait);
  });
  calls.emplace_back("group_id", [](conclave_participant* p) {
    Buffer id;
    return conclave_participant_group_id(p, id.out());
  });
  calls.emplace_back("security_code", [](conclave_participant* p) {
    Buffer code;
    return conclave_participant_security_code(p, code.out());
  });
  calls.emplace_back("epoch_authenticator", [](conclave_participant* p) {
    std::uint8_t out[64];
    std::size_t written = 0;
    return conclave_participant_epoch_authenticator(p, out, sizeof out, &written);
  });
  calls.emplace_back("display_name", [](conclave_participant* p) {
    Buffer name;
    return conclave_participant_display_name(p, 0, name.out());
  });
  calls.emplace_back("max_protected_size", [](conclave_participant* p) {
    std::size_t size = 0;
    return conclave_participant_max_protected_size(p, 10, &size);
  });
  calls.emplace_back("protect_frame", [](conclave_participant* p) {
    const std::uint8_t media[] = {1, 2, 3};
    std::uint8_t out[64];
    std::size_t written = 0;
    return conclave_participant_protect_frame(p, nullptr, 0, media, sizeof media, out, sizeof out, &written);
  });
  calls.emplace_back("unprotect_frame", [](conclave_participant* p) {
    const std::uint8_t frame[] = {0x00, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
    std::uint8_t out[64];
    std::size_t written = 0;
    return conclave_participant_unprotect_frame(p, nullptr, 0, frame, sizeof frame, out, sizeof out, &written, nullptr);
  });
  calls.emplace_back("livekit_protect", [](conclave_participant* p) {
    const conclave_livekit_frame_info info{CONCLAVE_LIVEKIT_AUDIO, 0, 1, 2};
    const std::uint8_t media[] = {1, 2, 3};
    std::uint8_t out[64];
    std::size_t written = 0;
    return conclave_participant_livekit_protect(p, &info, media, sizeof media, out, sizeof out, &written);
  });
  calls.emplace_back("livekit_unprotect", [](conclave_participant* p) {
    const conclave_livekit_frame_info info{CONCLAVE_LIVEKIT_AUDIO, 0, 0, 0};
    const std::uint8_t frame[40] = {};
    std::uint8_t out[64];
    std::size_t written = 0;
    return conclave_participant_livekit_unprotect(p, &info, frame, sizeof frame, out, sizeof out, &written, nullptr);
  });
  return calls;
}

TEST_F(CApiMeetingBoundary, EveryParticipantCallRefusesADeadHandle) {
  const auto epoch = epoch_of(host);
  for (const auto& [name, call] : participant_calls()) {
    EXPECT_EQ(call(nullptr, server), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(freed_participant, server), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(wrong_kind<conclave_participant>(), server), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(host, nullptr), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(host, freed_server), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(call(host, wrong_kind<conclave_meeting_server>()), CONCLAVE_E_INVALID_HANDLE) << name;
  }
  for (const auto& [name, query] : participant_queries()) {
    EXPECT_EQ(query(nullptr), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(query(freed_participant), CONCLAVE_E_INVALID_HANDLE) << name;
    EXPECT_EQ(query(wrong_kind<conclave_participant>()), CONCLAVE_E_INVALID_HANDLE) << name;
  }
  EXPECT_EQ(epoch_of(host), epoch);
  EXPECT_EQ(sync_of(host, server).commits, 0u) << "nothing was posted";
  conclave_participant_free(freed_participant);
  conclave_participant_free(nullptr);
}

TEST_F(CApiMeetingBoundary, EveryServerLinkAndGuestCallRefusesADeadHandle) {
  const auto& pwd = password.value;
  conclave_meeting_server* made = nullptr;
  EXPECT_EQ(conclave_meeting_server_create(wrong_kind<const conclave_srp_variant>(), &made), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(made, nullptr);
  for (auto* dead : {static_cast<conclave_meeting_link*>(nullptr), freed_link, wrong_kind<conclave_meeting_link>()}) {
    Buffer out;
    EXPECT_EQ(conclave_meeting_link_url(dead, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_meeting_link_id(dead, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_meeting_link_password(dead, nullptr, out.out()), CONCLAVE_E_INVALID_HANDLE);
    conclave_participant* hosted = nullptr;
    EXPECT_EQ(conclave_meeting_host(server, dead, pwd.data, pwd.size, "H", "T", nullptr, &hosted),
              CONCLAVE_E_INVALID_HANDLE);
    conclave_guest* guest = nullptr;
    EXPECT_EQ(conclave_guest_log_in(server, dead, pwd.data, pwd.size, "G", nullptr, &guest), CONCLAVE_E_INVALID_HANDLE);
  }
  for (auto* dead :
       {static_cast<conclave_meeting_server*>(nullptr), freed_server, wrong_kind<conclave_meeting_server>()}) {
    conclave_participant* hosted = nullptr;
    EXPECT_EQ(conclave_meeting_host(dead, link, pwd.data, pwd.size, "H", "T", nullptr, &hosted),
              CONCLAVE_E_INVALID_HANDLE);
    conclave_guest* guest = nullptr;
    EXPECT_EQ(conclave_guest_log_in(dead, link, pwd.data, pwd.size, "G", nullptr, &guest), CONCLAVE_E_INVALID_HANDLE);
    conclave_store* store = nullptr;
    ASSERT_EQ(conclave_store_open_memory(&store), CONCLAVE_OK);
    EXPECT_EQ(conclave_participant_load(store, pwd.data, pwd.size, dead, nullptr, &hosted), CONCLAVE_E_INVALID_HANDLE);
    conclave_store_free(store);
  }
  auto* guest = logged_in("Guest");
  for (auto* dead : {static_cast<conclave_guest*>(nullptr), freed_guest, wrong_kind<conclave_guest>()}) {
    expect_every_guest_call(dead, CONCLAVE_E_INVALID_HANDLE);
  }
  for (auto* dead :
       {static_cast<conclave_meeting_server*>(nullptr), freed_server, wrong_kind<conclave_meeting_server>()}) {
    EXPECT_EQ(conclave_guest_request_welcome(guest, dead, 0), CONCLAVE_E_INVALID_HANDLE);
    conclave_participant* member = nullptr;
    EXPECT_EQ(conclave_guest_join(guest, dead, &member), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_guest_join_external(guest, dead, &member), CONCLAVE_E_INVALID_HANDLE);
  }
  // Nothing was queued, nor joined: the host admits no one, and the guest still joins.
  std::size_t admitted = 9;
  ASSERT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_OK);
  EXPECT_EQ(admitted, 0u);
  EXPECT_NE(admit_and_join(guest), nullptr);
  conclave_guest_free(freed_guest);
  conclave_guest_free(nullptr);
  conclave_meeting_link_free(freed_link);
  conclave_meeting_link_free(nullptr);
  conclave_meeting_server_free(freed_server);
  conclave_meeting_server_free(nullptr);
}

TEST_F(CApiMeetingBoundary, ServerLinkAndHostCallsRefuseBadArguments) {
  conclave_meeting_link* fresh = nullptr;
  EXPECT_EQ(conclave_meeting_server_create(nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_generate(nullptr, &fresh), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_generate("https://meet.example", nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_parse(nullptr, &fresh), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_parse("https://meet.example/join/id-ABCDEFGHIJ#pwd-abcdefghijkl", nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  FullBuffer full;
  EXPECT_EQ(conclave_meeting_link_url(link, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_url(link, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_id(link, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_id(link, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_password(link, nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_link_password(link, nullptr, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  Buffer empty_custom;
  EXPECT_EQ(conclave_meeting_link_password(link, "", empty_custom.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(empty_custom.value.data, nullptr);
  EXPECT_TRUE(full.untouched());
  conclave_meeting_profile_default(nullptr);

  // A fresh link that every bad call leaves unregistered.
  ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &fresh), CONCLAVE_OK);
  Buffer pwd;
  ASSERT_EQ(conclave_meeting_link_password(fresh, nullptr, pwd.out()), CONCLAVE_OK);
  const auto* data = pwd.value.data;
  const auto size = pwd.value.size;
  conclave_participant* hosted = nullptr;
  EXPECT_EQ(conclave_meeting_host(server, fresh, nullptr, size, "H", "T", nullptr, &hosted),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, 0, "H", "T", nullptr, &hosted), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, nullptr, "T", nullptr, &hosted),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, "H", nullptr, nullptr, &hosted),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, "H", "T", nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  conclave_meeting_profile profile;
  conclave_meeting_profile_default(&profile);
  profile.sframe = 2;
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, "H", "T", &profile, &hosted), CONCLAVE_E_INVALID_ARGUMENT);
  conclave_meeting_profile_default(&profile);
  profile.livekit = -1;
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, "H", "T", &profile, &hosted), CONCLAVE_E_INVALID_ARGUMENT);
  conclave_meeting_profile_default(&profile);
  profile.suite = 0x7777;
  EXPECT_EQ(conclave_meeting_host(server, fresh, data, size, "H", "T", &profile, &hosted),
            CONCLAVE_E_UNSUPPORTED_ALGORITHM);
  EXPECT_EQ(conclave_meeting_host(server, link, password.value.data, password.value.size, "H", "T", nullptr, &hosted),
            CONCLAVE_E_INVALID_ARGUMENT)
      << "a meeting ID the server holds";
  EXPECT_EQ(hosted, nullptr);
  conclave_guest* guest = nullptr;
  EXPECT_EQ(conclave_guest_log_in(server, fresh, data, size, "G", nullptr, &guest), CONCLAVE_E_UNKNOWN_MEETING);
  ASSERT_EQ(conclave_meeting_host(server, fresh, data, size, "H", "T", nullptr, &hosted), CONCLAVE_OK);
  conclave_participant_free(hosted);
  conclave_meeting_link_free(fresh);
}

TEST_F(CApiMeetingBoundary, GuestCallsRefuseBadArgumentsAndTheGuestStaysUsable) {
  const auto& pwd = password.value;
  conclave_guest* guest = nullptr;
  EXPECT_EQ(conclave_guest_log_in(server, link, nullptr, 4, "G", nullptr, &guest), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_guest_log_in(server, link, pwd.data, 0, "G", nullptr, &guest), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_guest_log_in(server, link, pwd.data, pwd.size, nullptr, nullptr, &guest),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_guest_log_in(server, link, pwd.data, pwd.size, "G", nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  conclave_meeting_profile profile;
  conclave_meeting_profile_default(&profile);
  profile.sframe = 3;
  EXPECT_EQ(conclave_guest_log_in(server, link, pwd.data, pwd.size, "G", &profile, &guest),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(guest, nullptr);

  guest = logged_in("Guest");
  FullBuffer full;
  EXPECT_EQ(conclave_guest_title(guest, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_guest_title(guest, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(full.untouched());
  EXPECT_EQ(conclave_guest_request_welcome(guest, server, 2), CONCLAVE_E_INVALID_ARGUMENT);
  std::size_t admitted = 9;
  ASSERT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_OK);
  EXPECT_EQ(admitted, 0u) << "nothing was queued";
  EXPECT_EQ(conclave_guest_join(guest, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_guest_join_external(guest, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  conclave_participant* member = nullptr;
  EXPECT_EQ(conclave_guest_join(guest, server, &member), CONCLAVE_E_UNKNOWN_MEETING) << "no Welcome yet";
  EXPECT_EQ(member, nullptr);
  EXPECT_EQ(sync_of(host, server).commits, 0u);
  EXPECT_NE(admit_and_join(guest), nullptr);
}

TEST_F(CApiMeetingBoundary, ParticipantCallsRefuseBadArgumentsAndChangeNothing) {
  auto* member = join("Guest");
  sync_of(member, server);
  ASSERT_EQ(conclave_participant_send_chat(host, server, "kept"), CONCLAVE_OK);
  const auto epoch = epoch_of(host);
  FullBuffer full;
  EXPECT_EQ(conclave_participant_sync(member, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_send_chat(member, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_admit(host, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_set_locked(host, server, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_rotate_link(host, server, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_remove(host, server, leaf_of(host)), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(conclave_participant_remove(host, server, 7), CONCLAVE_E_INVALID_PROPOSAL) << "a blank leaf";
  conclave_meeting_link* rotated = nullptr;
  std::size_t admitted = 0;
  EXPECT_EQ(conclave_participant_set_locked(member, server, 1), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(conclave_participant_remove(member, server, leaf_of(host)), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(conclave_participant_rotate_link(member, server, &rotated), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(conclave_participant_admit(member, server, &admitted), CONCLAVE_E_NOT_PERMITTED);
  EXPECT_EQ(rotated, nullptr);
  EXPECT_EQ(conclave_participant_epoch(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_own_leaf(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_is_host(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_removed(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_group_id(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_group_id(host, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_security_code(host, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_security_code(host, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_display_name(host, 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_display_name(host, 0, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  Buffer name;
  EXPECT_EQ(conclave_participant_display_name(host, 40, name.out()), CONCLAVE_E_INVALID_SENDER);
  EXPECT_EQ(name.value.data, nullptr);
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_epoch_authenticator(host, nullptr, 8, &written), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_epoch_authenticator(host, nullptr, 0, &written), CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, authenticator_of(host).size()) << "the size needed";
  EXPECT_TRUE(full.untouched());
  EXPECT_EQ(epoch_of(host), epoch);
  EXPECT_EQ(epoch_of(member), epoch);

  // The refused sync read nothing: the chat is still there to read.
  ASSERT_EQ(sync_of(member, server).chats, 1u);
  std::uint32_t sender = 0;
  Buffer text;
  EXPECT_EQ(conclave_participant_chat(member, 0, nullptr, text.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_chat(member, 0, &sender, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_chat(member, 0, &sender, full.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_chat(member, 1, &sender, text.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(full.untouched());
  ASSERT_EQ(conclave_participant_chat(member, 0, &sender, text.out()), CONCLAVE_OK);
  EXPECT_EQ(text.text(), "kept");
  // The refused chat and admit posted nothing; the refused lock and rotation changed nothing.
  EXPECT_EQ(sync_of(host, server).chats, 0u);
  conclave_guest* late = nullptr;
  EXPECT_EQ(log_in("Late", &late), CONCLAVE_OK);
}

TEST_F(CApiMeetingBoundary, StorageCallsRefuseBadArguments) {
  conclave_store* store = nullptr;
  ASSERT_EQ(conclave_store_open_memory(&store), CONCLAVE_OK);
  EXPECT_EQ(conclave_participant_persist(host, nullptr), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_participant_persist(host, reinterpret_cast<conclave_store*>(link)), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_participant_persist(nullptr, store), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_participant_persist(freed_participant, store), CONCLAVE_E_INVALID_HANDLE);
  Buffer id;
  ASSERT_EQ(conclave_participant_group_id(host, id.out()), CONCLAVE_OK);
  conclave_participant* loaded = nullptr;
  EXPECT_EQ(conclave_participant_load(store, id.value.data, id.value.size, server, nullptr, &loaded),
            CONCLAVE_E_NOT_IN_GROUP)
      << "the refused persists wrote nothing";
  ASSERT_EQ(conclave_participant_persist(host, store), CONCLAVE_OK);
  EXPECT_EQ(conclave_participant_load(nullptr, id.value.data, id.value.size, server, nullptr, &loaded),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_participant_load(reinterpret_cast<conclave_store*>(link), id.value.data, id.value.size, server,
                                      nullptr, &loaded),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_participant_load(store, nullptr, id.value.size, server, nullptr, &loaded),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_load(store, id.value.data, id.value.size, server, nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  conclave_meeting_profile profile;
  conclave_meeting_profile_default(&profile);
  profile.livekit = 5;
  EXPECT_EQ(conclave_participant_load(store, id.value.data, id.value.size, server, &profile, &loaded),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(loaded, nullptr);
  conclave_store_free(store);
}

TEST_F(CApiMeetingBoundary, FrameCallsRefuseBadArguments) {
  const std::uint8_t media[] = {1, 2, 3};
  std::uint8_t out[64];
  std::size_t written = 99;
  EXPECT_EQ(conclave_participant_max_protected_size(host, 3, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 1, media, 3, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, nullptr, 3, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, media, 3, nullptr, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, media, 3, out, sizeof out, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 1, media, 3, out, sizeof out, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, nullptr, 3, out, sizeof out, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, media, 3, nullptr, 8, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, media, 3, out, sizeof out, nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, out, 8, out + 4, 32, &written),
            CONCLAVE_E_INVALID_ARGUMENT)
      << "overlapping buffers";
  EXPECT_EQ(conclave_participant_unprotect_frame(host, nullptr, 0, out + 8, 24, out, 32, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT)
      << "overlapping buffers";
  EXPECT_EQ(written, 99u);

  // A meeting without SFrame has no frame keys.
  conclave_meeting_link* plain_link = nullptr;
  ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &plain_link), CONCLAVE_OK);
  Buffer pwd;
  ASSERT_EQ(conclave_meeting_link_password(plain_link, nullptr, pwd.out()), CONCLAVE_OK);
  conclave_meeting_profile profile;
  conclave_meeting_profile_default(&profile);
  profile.sframe = 0;
  conclave_participant* plain = nullptr;
  ASSERT_EQ(conclave_meeting_host(server, plain_link, pwd.value.data, pwd.value.size, "H", "T", &profile, &plain),
            CONCLAVE_OK);
  std::size_t bound = 0;
  EXPECT_EQ(conclave_participant_max_protected_size(plain, 3, &bound), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_protect_frame(plain, nullptr, 0, media, 3, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_participant_unprotect_frame(plain, nullptr, 0, media, 3, out, sizeof out, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  conclave_participant_free(plain);
  conclave_meeting_link_free(plain_link);
}

}  // namespace
