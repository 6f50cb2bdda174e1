#pragma once

// Shared by the meeting tests: a server, a hosted meeting, and guests
// brought in by Welcome or by external Commit.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "conclave/meeting/participant.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "test_support.hpp"

namespace conclave::test {

inline const srp::Rfc5054& meeting_srp() {
  static const srp::Rfc5054 variant(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  return variant;
}

class MeetingFixture : public ::testing::Test {
 protected:
  crypto::DeterministicRandom random{as_bytes("meeting test")};
  meeting::MeetingServer server{meeting_srp(), random};
  meeting::MeetingProfile profile{.srp = &meeting_srp()};
  meeting::MeetingLink link = *meeting::MeetingLink::generate("https://meet.example", random);
  std::string password{link.meeting_password()->text()};
  std::vector<meeting::Participant> members = host();

  std::vector<meeting::Participant> host() {
    std::vector<meeting::Participant> hosted;
    hosted.push_back(std::move(*meeting::Participant::host_meeting(server, link, password, "Host", "Standup",
                                                                   profile, random)));
    return hosted;
  }

  meeting::Guest guest(std::string_view name) {
    auto logged_in = meeting::Guest::log_in(server, link, password, name, profile, random);
    EXPECT_TRUE(is_ok(logged_in));
    return std::move(*logged_in);
  }

  // Appends `message` to the log as a server that ignores the meeting's
  // rules would, and checks that every member refuses it with `why` and
  // stays at its epoch.
  void expect_refused_by_all(Bytes message, Errc why) {
    const auto epoch = members[0].group().epoch();
    const auto* record = server.record(members[0].link().meeting_id);
    const_cast<meeting::MeetingRecord*>(record)->log.push_back(std::move(message));
    for (auto& member : members) {
      if (member.removed()) continue;
      auto report = member.sync(server);
      ASSERT_TRUE(is_ok(report));
      ASSERT_EQ(report->refused.size(), 1u);
      EXPECT_EQ(report->refused[0].second, why) << to_string(report->refused[0].second);
      EXPECT_EQ(member.group().epoch(), epoch);
    }
  }

  // Every member reads the log; none may refuse anything.
  void sync_all() {
    for (auto& member : members) {
      if (member.removed()) continue;
      auto report = member.sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty()) << to_string(report->refused.front().second);
    }
  }

  // Guests request, the host admits them in one Commit, they join.
  void admit(const std::vector<std::string>& names, meeting::Membership membership = meeting::Membership::full) {
    std::vector<meeting::Guest> guests;
    for (const auto& name : names) {
      guests.push_back(guest(name));
      ASSERT_TRUE(is_ok(guests.back().request_welcome(server, membership)));
    }
    auto admitted = members[0].admit(server);
    ASSERT_TRUE(is_ok(admitted));
    EXPECT_EQ(*admitted, names.size());
    sync_all();
    for (auto& g : guests) {
      auto joined = g.join_from_welcome(server);
      ASSERT_TRUE(is_ok(joined));
      members.push_back(std::move(*joined));
    }
  }

  void join_external(std::string_view name) {
    auto g = guest(name);
    auto joined = g.join_by_external_commit(server);
    ASSERT_TRUE(is_ok(joined));
    members.push_back(std::move(*joined));
    sync_all();
  }

  // A frame from `sender`, and what `receiver` makes of it.
  static Result<std::string> send_frame(meeting::Participant& sender, meeting::Participant& receiver, std::string_view text) {
    Bytes frame(sender.sframe()->max_protected_size(text.size()));
    auto size = sender.sframe()->protect({}, as_bytes(text), frame);
    EXPECT_TRUE(is_ok(size));
    frame.resize(*size);
    Bytes out(frame.size());
    auto opened = receiver.sframe()->unprotect({}, frame, out);
    if (!opened) return opened.error();
    return std::string(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(opened->size));
  }
  // Every member that is still in agrees on the epoch and its code.
  void expect_agreement() {
    const auto code = members[0].security_code();
    ASSERT_TRUE(is_ok(code));
    for (auto& member : members) {
      if (member.removed()) continue;
      EXPECT_EQ(member.epoch(), members[0].epoch());
      EXPECT_EQ(member.security_code()->hex_groups, code->hex_groups);
    }
  }
};

}  // namespace conclave::test
