// The removed participant: it keeps the password, its session, the session
// key and the keys of every epoch it was in. Promises P3 (its session ends
// with its membership), P4, P9 (after a removal with keep-out nothing it
// holds opens anything new) and, for a plain removal, what the
// documentation says it leaves open.

#include "adversary_fixtures.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/session_key.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class AdversaryRemovedParticipant : public conclave::test::AdversaryFixture {
 protected:
  void keep_out(std::uint32_t leaf) {
    auto rotated = members[0].remove_and_keep_out(server, leaf);
    ASSERT_TRUE(is_ok(rotated));
    use_link(std::move(*rotated));
    sync_all();
  }
};

// Documented: a plain removal keeps the link valid, so the person can come
// back with it (Participant::remove says so).
TEST_F(AdversaryRemovedParticipant, APlainRemovalLeavesTheLinkOpen) {
  admit({"alice", "mallory"});
  ASSERT_TRUE(is_ok(members[0].remove(server, members[2].group().own_leaf().value)));
  sync_all();
  join_external("mallory again");
  expect_agreement();
}

// P3: a removal revokes every session bound to the removed leaf.
TEST_F(AdversaryRemovedParticipant, ItsSessionEndsWithItsMembership) {
  admit({"alice"});
  auto mallory = rogue_member();
  const auto leaf = mallory.group.own_leaf().value;
  ASSERT_TRUE(is_ok(server.messages(mallory.token, 0)));
  ASSERT_TRUE(is_ok(members[0].remove(server, leaf)));
  sync_all();
  // It reads up to the Commit that removed it, and nothing after.
  auto last = server.messages(mallory.token, log_size() - 1);
  ASSERT_TRUE(is_ok(last));
  EXPECT_EQ(last->size(), 1u);
  ASSERT_TRUE(is_ok(members[1].send_chat(server, "after")));
  EXPECT_TRUE(fails_with(server.messages(mallory.token, log_size() - 1), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.group_info(mallory.token), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.sealed_metadata(mallory.token), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, rogue_commit(mallory)), Errc::unknown_meeting));
}

// P9: after keep-out, its password logs in nowhere and its old session is gone.
TEST_F(AdversaryRemovedParticipant, KeptOutItsPasswordAndSessionOpenNothing) {
  admit({"alice"});
  auto mallory = rogue_member();
  const MeetingLink old_link = link.clone();
  const std::string old_password = password;
  keep_out(mallory.group.own_leaf().value);
  EXPECT_TRUE(fails_with(log_in(old_link, old_password), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(log_in(link, old_password), Errc::proof_invalid));
  EXPECT_TRUE(fails_with(server.messages(mallory.token, log_size()), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.group_info(mallory.token), Errc::unknown_meeting));
  expect_agreement();
}

// P9: its epoch keys open no later frame.
TEST_F(AdversaryRemovedParticipant, KeptOutItsKeysOpenNoLaterFrame) {
  admit({"alice", "mallory"});
  ASSERT_TRUE(is_ok(send_frame(members[0], members[2], "before")));
  auto& mallory = members[2];
  keep_out(mallory.group().own_leaf().value);
  EXPECT_TRUE(mallory.removed());
  EXPECT_TRUE(fails_with(send_frame(members[0], mallory, "later"), Errc::wrong_epoch));
  EXPECT_EQ(*send_frame(members[0], members[1], "later"), "later");
}

// P4, P9: its session key opens neither the new title nor the name of
// anyone who joins later; the members still read every name.
TEST_F(AdversaryRemovedParticipant, KeptOutItsSessionKeyOpensNoLaterName) {
  admit({"alice"});
  auto mallory = rogue_member();
  const auto old_psk = *password_psk(link.meeting_id, password);
  const auto old_key = *unwrap_session_key(old_psk, server.sealed_metadata(mallory.token)->wrapped_session_key);
  const auto old_metadata = *MetadataKey::derive(old_key.view());
  keep_out(mallory.group.own_leaf().value);
  admit({"carol"});
  const auto carol = members.back().group().own_leaf();
  const auto carol_leaf = members[0].group().tree().leaf(carol);
  ASSERT_TRUE(carol_leaf.has_value());
  const auto* sealed_name = carol_leaf->credential.get_if<mls::BasicCredential>();
  ASSERT_NE(sealed_name, nullptr);
  EXPECT_TRUE(fails_with(old_metadata.open(Metadata::display_name, sealed_name->identity), Errc::aead_failure));
  auto fresh = log_in(link, password);
  ASSERT_TRUE(is_ok(fresh));
  EXPECT_TRUE(fails_with(old_metadata.open(Metadata::meeting_title, server.sealed_metadata(*fresh)->sealed_title),
                         Errc::aead_failure));
  // Names sealed before the rotation still open, for old and new members alike.
  EXPECT_EQ(*members.back().display_name(members[1].group().own_leaf().value), "alice");
  EXPECT_EQ(*members[1].display_name(carol.value), "carol");
  EXPECT_EQ(members.back().meeting_title(), "Standup");
}

}  // namespace
