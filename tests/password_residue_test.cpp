// Issue 19, finding 4: the meeting and link passwords, and everything
// derived from them, live in zeroizing storage. A whole meeting (hosting
// with a custom password, a guest's login and join, a chat, a link
// rotation the members process, a guest joining under the new link, all
// destroyed) runs twice from one seed: the first run learns the passwords,
// the second scans every block the C++ heap frees for them. A binary of its
// own: it replaces operator new and delete (see freed_block_scan.hpp for
// what it cannot see).

#include <gtest/gtest.h>

#include "conclave/meeting/participant.hpp"
#include "freed_block_scan.hpp"
#include "meeting_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::is_ok;

constexpr std::string_view custom_password = "Residue-Custom-7q";

// The link passwords of one run: the first and the rotated one.
struct LinkPasswords {
  test::Needle first;
  test::Needle rotated;
};

LinkPasswords run_meeting() {
  LinkPasswords seen;
  crypto::DeterministicRandom random{as_bytes("password residue")};
  MeetingServer server{test::meeting_srp(), random};
  const MeetingProfile profile{.srp = &test::meeting_srp()};
  auto link = MeetingLink::generate("https://meet.example", random);
  seen.first = test::needle(link->link_password.text());
  auto password = link->meeting_password(custom_password);
  auto host = Participant::host_meeting(server, *link, password->text(), "Host", "Standup", profile, random);
  EXPECT_TRUE(is_ok(host));
  auto guest = Guest::log_in(server, *link, password->text(), "Guest", profile, random);
  EXPECT_TRUE(is_ok(guest));
  EXPECT_TRUE(is_ok(guest->request_welcome(server)));
  EXPECT_TRUE(is_ok(host->admit(server)));
  auto member = guest->join_from_welcome(server);
  EXPECT_TRUE(is_ok(member));
  EXPECT_TRUE(is_ok(host->send_chat(server, "hello")));
  EXPECT_TRUE(is_ok(member->sync(server)));

  auto rotated = host->rotate_link(server);
  EXPECT_TRUE(is_ok(rotated));
  seen.rotated = test::needle(rotated->link_password.text());
  auto report = member->sync(server);
  EXPECT_TRUE(is_ok(report) && report->link_rotated && report->refused.empty());
  auto next_password = rotated->meeting_password();
  auto late = Guest::log_in(server, *rotated, next_password->text(), "Late", profile, random);
  EXPECT_TRUE(is_ok(late));
  auto late_member = late->join_by_external_commit(server);
  EXPECT_TRUE(is_ok(late_member));
  EXPECT_TRUE(is_ok(host->sync(server)));
  EXPECT_TRUE(is_ok(member->sync(server)));
  EXPECT_EQ(member->group().epoch(), late_member->group().epoch());
  return seen;
}

bool same(const test::Needle& a, const test::Needle& b) {
  return a.size == b.size && a.bytes == b.bytes;
}

TEST(PasswordResidue, NoFreedBlockHoldsAPassword) {
  const LinkPasswords learned = run_meeting();
  test::needles = {learned.first, learned.rotated, test::needle(custom_password)};
  test::blocks_with_needle = 0;
  test::scanning = true;
  const LinkPasswords scanned = run_meeting();
  test::scanning = false;
  ASSERT_TRUE(same(scanned.first, learned.first) && same(scanned.rotated, learned.rotated));
  EXPECT_EQ(test::blocks_with_needle, 0u);
}

}  // namespace
