// The outsider: no password, no session. Promises P1 (only the password
// opens a session) and P2 (a session is the only way to the server's
// meeting data) of spec-notes/meeting-profile.md's threat model.

#include "adversary_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;

class AdversaryOutsider : public conclave::test::AdversaryFixture {};

// P1: a guessed password, or a meeting ID the server does not hold, gives no session.
TEST_F(AdversaryOutsider, AGuessedPasswordGetsNoSession) {
  EXPECT_TRUE(fails_with(log_in(link, "guessed-password"), Errc::proof_invalid));
  MeetingLink unknown = link.clone();
  unknown.meeting_id = "ZZZZZZZZZZ";
  EXPECT_TRUE(fails_with(log_in(unknown, password), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(Guest::log_in(server, link, "guessed-password", "eve", profile, random), Errc::proof_invalid));
}

// P2: a token the server did not issue opens nothing and changes nothing.
TEST_F(AdversaryOutsider, AMadeUpTokenOpensNothing) {
  admit({"alice"});
  Bytes token(32);
  random.fill(token);
  const auto before = log_size();
  EXPECT_TRUE(fails_with(server.sealed_metadata(token), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.group_info(token), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.messages(token, 0), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.request_join(token, Bytes{1}), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.post(token, Bytes{1}), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.post_commit(token, {Bytes{1}, Bytes{1}, std::nullopt}), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.bind_session(token, 0, Bytes(64)), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.take_join_requests(token), Errc::unknown_meeting));
  EXPECT_EQ(log_size(), before);
  sync_all();
  expect_agreement();
}

}  // namespace
