// The holder of a rotated-out link: the old password, maybe a session from
// before the rotation and the session key it unwrapped then, but never a
// member. Promises P1, P3 (a rotation ends every session but the members')
// and P4 (names and the title need the current session key).

#include "adversary_fixtures.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/session_key.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class AdversaryRotatedLink : public conclave::test::AdversaryFixture {
 protected:
  void rotate() {
    auto rotated = members[0].rotate_link(server);
    ASSERT_TRUE(is_ok(rotated));
    use_link(std::move(*rotated));
    sync_all();
  }
};

// P1: the old link logs in nowhere, and the old password not at the new one.
TEST_F(AdversaryRotatedLink, TheOldPasswordGetsNoSession) {
  const MeetingLink old_link = link.clone();
  const std::string old_password = password;
  rotate();
  EXPECT_TRUE(fails_with(log_in(old_link, old_password), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(log_in(link, old_password), Errc::proof_invalid));
}

// P3, P6: a session from before the rotation that never became a member's
// ends (it may only fetch a Welcome and bind to a leaf it holds), reads
// nothing, and is gone at the next rotation.
TEST_F(AdversaryRotatedLink, ASessionFromBeforeTheRotationEnds) {
  admit({"alice"});
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  EXPECT_TRUE(fails_with(server.messages(*token, 0), Errc::not_permitted));
  rotate();
  EXPECT_TRUE(fails_with(server.sealed_metadata(*token), Errc::session_expired));
  EXPECT_TRUE(fails_with(server.group_info(*token), Errc::session_expired));
  EXPECT_TRUE(fails_with(server.request_join(*token, Bytes{1}), Errc::session_expired));
  EXPECT_TRUE(fails_with(server.messages(*token, 0), Errc::not_permitted));
  EXPECT_TRUE(fails_with(server.post_commit(*token, {Bytes{1}, Bytes{1}, std::nullopt}), Errc::session_expired));
  rotate();
  EXPECT_TRUE(fails_with(server.welcome(*token, Bytes(32, 1)), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.sealed_metadata(*token), Errc::unknown_meeting));
}

// P3: a guest the host admitted just before a rotation still joins from its
// Welcome with the session the rotation ended, reads on to the new link,
// and goes on with everyone.
TEST_F(AdversaryRotatedLink, AGuestAdmittedBeforeARotationStillJoins) {
  auto carol = guest("carol");
  ASSERT_TRUE(is_ok(carol.request_welcome(server)));
  auto admitted = members[0].admit(server);
  ASSERT_TRUE(is_ok(admitted));
  ASSERT_EQ(*admitted, 1u);
  rotate();
  auto joined = carol.join_from_welcome(server);
  ASSERT_TRUE(is_ok(joined)) << to_string(joined.error());
  members.push_back(std::move(*joined));
  sync_all();
  EXPECT_EQ(members[1].link().meeting_id, link.meeting_id);
  ASSERT_TRUE(is_ok(members[1].send_chat(server, "joined")));
  sync_all();
  expect_agreement();
}

// P3: a member's session ends at the rotation: it reads up to it, then
// nothing; the member's next sync logs in with the new link.
TEST_F(AdversaryRotatedLink, AMembersSessionEndsAtTheRotation) {
  auto mallory = rogue_member();
  const auto before = log_size();
  rotate();
  auto up_to = server.messages(mallory.token, before);
  ASSERT_TRUE(is_ok(up_to));
  EXPECT_EQ(up_to->size(), log_size() - before);
  EXPECT_TRUE(fails_with(server.messages(mallory.token, log_size()), Errc::session_expired));
  EXPECT_TRUE(fails_with(server.group_info(mallory.token), Errc::session_expired));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, rogue_commit(mallory)), Errc::session_expired));
}

// P3: the members themselves stay: each logs in with the new password at
// its next request and goes on, in the same group.
TEST_F(AdversaryRotatedLink, MembersStayThroughTheRotation) {
  admit({"alice", "bob"});
  const auto alice_leaf = members[1].group().own_leaf();
  rotate();
  ASSERT_TRUE(is_ok(members[1].send_chat(server, "still here")));
  sync_all();
  ASSERT_TRUE(is_ok(members[2].update(server)));
  sync_all();
  expect_agreement();
  EXPECT_EQ(members[1].group().own_leaf(), alice_leaf);
  EXPECT_EQ(members[1].link().meeting_id, link.meeting_id);
}

// P4: the session key of the old link opens neither the new title nor the
// name of anyone who joins after the rotation.
TEST_F(AdversaryRotatedLink, TheOldSessionKeyOpensNothingNew) {
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  const auto old_psk = *password_psk(link.meeting_id, password);
  const auto old_key = *unwrap_session_key(old_psk, server.sealed_metadata(*token)->wrapped_session_key);
  const auto old_metadata = *MetadataKey::derive(old_key.view());
  rotate();
  admit({"carol"});
  const auto name = members[1].group().tree().leaf(members[1].group().own_leaf())->credential;
  const auto* sealed_name = name.get_if<mls::BasicCredential>();
  ASSERT_NE(sealed_name, nullptr);
  EXPECT_TRUE(fails_with(old_metadata.open(Metadata::display_name, sealed_name->identity), Errc::aead_failure));
  EXPECT_EQ(*members[0].display_name(members[1].group().own_leaf().value), "carol");
  auto fresh = log_in(link, password);
  ASSERT_TRUE(is_ok(fresh));
  const auto sealed = server.sealed_metadata(*fresh);
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_TRUE(fails_with(old_metadata.open(Metadata::meeting_title, sealed->sealed_title), Errc::aead_failure));
  EXPECT_EQ(members[1].meeting_title(), "Standup");
}

}  // namespace
