// Partial members in a meeting (draft-ietf-mls-partial,
// spec-notes/meeting-profile.md "Partial members"): guests that join from
// the server's AnnotatedWelcome and follow the group through the
// AnnotatedCommits it makes, next to full members.

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "adversary/adversary_fixtures.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/storage/memory_store.hpp"

namespace {

using namespace conclave;
using meeting::Membership;
using conclave::test::fails_with;
using conclave::test::is_ok;

using Authenticated = mls::SenderAuthenticatedMessage<mls::PrivateMessage>;

class MeetingPartialTest : public conclave::test::AdversaryFixture {
 protected:
  // `speaker` sends `text`; every other member reads it from its leaf.
  void expect_chat(std::size_t speaker, const std::string& text) {
    ASSERT_TRUE(is_ok(members[speaker].send_chat(server, text)));
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (members[i].removed()) continue;
      auto report = members[i].sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty()) << i << ": " << to_string(report->refused.front().second);
      if (i == speaker) continue;
      ASSERT_EQ(report->chats.size(), 1u) << i;
      EXPECT_EQ(report->chats[0].text, text);
      EXPECT_EQ(report->chats[0].sender, members[speaker].own_leaf());
    }
  }

  const meeting::MeetingRecord& record() const { return *server.record(members[0].link().meeting_id); }
};

// Joins by Welcome (full and partial) and by external Commit, chat from a
// partial member and to it, an update, the removal of a partial member and
// of a full one: every member still in shows the same security code, and
// their SFrame keys (from the exporter) open each other's frames.
TEST_F(MeetingPartialTest, FullAndPartialMembersAgreeThroughJoinsARemovalAndChat) {
  admit({"alice", "bob"});
  admit({"carol", "dave", "erin"}, Membership::partial);
  // Each AnnotatedWelcome keeps only its joiner's entry of the one Welcome.
  ASSERT_EQ(record().partial.welcomes.size(), 3u);
  for (const auto& [ref, bytes] : record().partial.welcomes) {
    const auto annotated = codec::decode<mls::AnnotatedWelcome>(bytes);
    ASSERT_TRUE(is_ok(annotated));
    ASSERT_EQ(annotated->welcome.message.secrets.size(), 1u);
    EXPECT_EQ(annotated->welcome.message.secrets[0].new_member, Bytes(ref.begin(), ref.end()));
  }
  join_external("frank");
  ASSERT_EQ(members.size(), 7u);
  for (std::size_t i = 0; i < members.size(); ++i) EXPECT_EQ(members[i].is_partial(), i >= 3 && i <= 5) << i;
  expect_agreement();
  EXPECT_EQ(*send_frame(members[0], members[3], "video"), "video");
  EXPECT_EQ(*send_frame(members[4], members[1], "audio"), "audio");
  EXPECT_EQ(*send_frame(members[5], members[3], "screen"), "screen");

  expect_chat(3, "from a partial member");
  expect_chat(1, "to the partial members");
  ASSERT_TRUE(is_ok(members[2].update(server)));
  sync_all();
  expect_agreement();

  const std::uint32_t dave = members[4].own_leaf();
  ASSERT_TRUE(is_ok(members[0].remove(server, dave)));
  sync_all();
  EXPECT_TRUE(members[4].removed());
  expect_agreement();
  EXPECT_TRUE(fails_with(send_frame(members[0], members[4], "gone"), Errc::wrong_epoch));

  ASSERT_TRUE(is_ok(members[0].remove(server, members[1].own_leaf())));
  sync_all();
  EXPECT_TRUE(members[1].removed());
  expect_agreement();
  EXPECT_EQ(*send_frame(members[3], members[6], "after"), "after");
  expect_chat(5, "still here");
}

// A partial member names only the leaves it holds proofs of in this epoch:
// its own, the Welcome's sender (the host) or the last committer, and each
// chat sender; a full member names every leaf.
TEST_F(MeetingPartialTest, APartialMemberNamesOnlyTheMembersItHasProofsOf) {
  admit({"alice"});
  admit({"carol"}, Membership::partial);
  auto& carol = members[2];
  const std::uint32_t alice = members[1].own_leaf();
  EXPECT_EQ(*carol.display_name(0), "Host");
  EXPECT_EQ(*carol.display_name(carol.own_leaf()), "carol");
  EXPECT_TRUE(fails_with(carol.display_name(alice), Errc::partial_unsupported));
  EXPECT_EQ(*members[0].display_name(alice), "alice");

  expect_chat(1, "hello");
  EXPECT_EQ(*carol.display_name(alice), "alice");

  ASSERT_TRUE(is_ok(members[1].update(server)));
  sync_all();
  EXPECT_EQ(*carol.display_name(alice), "alice");  // the committer
  EXPECT_TRUE(fails_with(carol.display_name(0), Errc::partial_unsupported));
  EXPECT_EQ(*carol.display_name(carol.own_leaf()), "carol");
}

// A partial member makes no Commit and holds no host control: each is
// refused with its error, and neither it nor the server changes.
TEST_F(MeetingPartialTest, APartialMemberIsRefusedHostControlsAndCommits) {
  admit({"carol"}, Membership::partial);
  auto& carol = members[1];
  ASSERT_TRUE(carol.is_partial());
  const std::uint64_t epoch = carol.epoch();
  const std::size_t log = log_size();
  EXPECT_TRUE(fails_with(carol.admit(server), Errc::not_permitted));
  EXPECT_TRUE(fails_with(carol.remove(server, 0), Errc::not_permitted));
  EXPECT_TRUE(fails_with(carol.remove_and_keep_out(server, 0), Errc::not_permitted));
  EXPECT_TRUE(fails_with(carol.set_locked(server, true), Errc::not_permitted));
  EXPECT_TRUE(fails_with(carol.rotate_link(server), Errc::not_permitted));
  EXPECT_TRUE(fails_with(carol.update(server), Errc::partial_unsupported));
  EXPECT_TRUE(fails_with(carol.resync(server), Errc::partial_unsupported));
  storage::MemoryStore store;
  EXPECT_TRUE(fails_with(carol.persist(store), Errc::partial_unsupported));
  EXPECT_EQ(carol.epoch(), epoch);
  EXPECT_EQ(log_size(), log);
  EXPECT_FALSE(record().locked);
  expect_chat(1, "still a member");
  expect_agreement();
}

// The server annotates only for members: no AnnotatedWelcome for a partial
// request the host did not admit, no annotated log for a session of no
// member, and no AnnotatedCommit for a partial member once removed.
TEST_F(MeetingPartialTest, TheServerAnnotatesForMembersOnly) {
  admit({"carol", "dave"}, Membership::partial);
  const std::uint32_t carol = members[1].own_leaf();
  const std::uint32_t dave = members[2].own_leaf();

  auto token = log_in(members[0].link(), password);
  ASSERT_TRUE(is_ok(token));
  EXPECT_TRUE(fails_with(server.partial_messages(*token, 0), Errc::not_permitted));
  EXPECT_TRUE(fails_with(server.request_join(*token, Bytes{1}, Membership::partial), Errc::truncated));
  EXPECT_TRUE(record().join_requests.empty());
  EXPECT_TRUE(record().partial.requested.empty());
  const auto wrong = *meeting::password_psk(members[0].link().meeting_id, "wrong-password");
  const auto bundle = key_package("mallory");
  const auto request = meeting::make_join_request(wrong, bundle.key_package);
  ASSERT_TRUE(is_ok(server.request_join(*token, codec::encode(request), Membership::partial)));
  EXPECT_EQ(*members[0].admit(server), 0u);
  const Bytes ref = mls::key_package_ref(members[0].group().suite(), bundle.key_package);
  EXPECT_TRUE(fails_with(server.welcome(*token, ref), Errc::unknown_meeting));

  ASSERT_TRUE(is_ok(members[0].remove(server, carol)));
  sync_all();
  ASSERT_TRUE(is_ok(members[0].update(server)));
  sync_all();
  expect_agreement();
  const auto& last = record().partial.commits.at(log_size() - 1).readers;
  EXPECT_EQ(last.count(carol), 0u);
  EXPECT_EQ(last.count(dave), 1u);
  EXPECT_EQ(last.size(), 1u);
  EXPECT_EQ(record().partial.leaves, std::set<std::uint32_t>{dave});
}

// A partial guest joins only from an AnnotatedWelcome: without one it is
// refused, and it stays a guest that can join once there is one.
TEST_F(MeetingPartialTest, APartialGuestWithoutAnAnnotatedWelcomeIsRefused) {
  auto carol = guest("carol");
  ASSERT_TRUE(is_ok(carol.request_welcome(server, Membership::partial)));
  ASSERT_EQ(*members[0].admit(server), 1u);
  auto& annotated = const_cast<meeting::MeetingRecord&>(record()).partial.welcomes;
  ASSERT_EQ(annotated.size(), 1u);
  auto kept = std::exchange(annotated, {});
  EXPECT_TRUE(fails_with(carol.join_from_welcome(server), Errc::invalid_argument));
  annotated = std::move(kept);
  auto joined = carol.join_from_welcome(server);
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(joined->is_partial());
  members.push_back(std::move(*joined));
  expect_agreement();
}

// An application message must carry the proof of its sender's leaf in the
// current tree (draft-ietf-mls-partial, "Application Messages"): the server
// refuses another leaf's proof or a broken one, and logs nothing.
TEST_F(MeetingPartialTest, AChatWithoutItsSendersProofIsRefusedByTheServer) {
  admit({"carol"}, Membership::partial);
  auto rogue = rogue_member();
  const auto chat = codec::encode_secret(meeting::MeetingMessage{meeting::MeetingMessageType::chat,
                                                                 crypto::Secret(as_bytes("hi"))});
  auto sealed = rogue.group.protect(chat.view(), {}, random);
  ASSERT_TRUE(is_ok(sealed));
  const auto& message = *sealed->body.get_if<mls::PrivateMessage>();
  const auto& tree = record().group->tree();
  const auto own = *mls::make_membership_proof(tree, rogue.group.own_leaf());
  const std::size_t log = log_size();

  EXPECT_TRUE(fails_with(server.post(rogue.token, codec::encode(Authenticated{message, *mls::make_membership_proof(
                                                                                           tree, mls::LeafIndex{0})})),
                         Errc::membership_proof_invalid));
  auto broken = own;
  broken.copath_hashes.at(0).hash_value.at(0) ^= 1;
  EXPECT_TRUE(fails_with(server.post(rogue.token, codec::encode(Authenticated{message, broken})),
                         Errc::membership_proof_invalid));
  EXPECT_EQ(log_size(), log);
  EXPECT_TRUE(record().partial.senders.empty());

  ASSERT_TRUE(is_ok(server.post(rogue.token, codec::encode(Authenticated{message, own}))));
  auto report = members[1].sync(server);
  ASSERT_TRUE(is_ok(report));
  ASSERT_EQ(report->chats.size(), 1u);
  EXPECT_EQ(report->chats[0].text, "hi");
  EXPECT_EQ(report->chats[0].sender, rogue.group.own_leaf().value);
}

// A partial member keys LiveKit (and not SFrame, when the profile says so)
// from its exporter, as a full member does: their frames open each other's
// keys through an epoch change.
TEST_F(MeetingPartialTest, APartialMemberKeysLiveKitAsAFullMemberDoes) {
  profile.livekit = true;
  profile.sframe = false;
  admit({"alice"});
  admit({"pat"}, Membership::partial);
  auto& alice = members[1];
  auto& pat = members[2];
  ASSERT_TRUE(pat.is_partial());
  ASSERT_NE(pat.livekit(), nullptr);
  EXPECT_EQ(pat.sframe(), nullptr);
  const frame::LiveKitFrameInfo info{frame::LiveKitCodec::audio, false, 7, 960};
  for (int round = 0; round < 2; ++round) {
    const std::string audio = "partial frame " + std::to_string(round);
    Bytes out(frame::LiveKitCryptor::max_protected_size(audio.size()));
    auto size = pat.livekit()->protect(info, as_bytes(audio), out);
    ASSERT_TRUE(is_ok(size));
    out.resize(*size);
    Bytes opened(out.size());
    auto got = alice.livekit()->unprotect(info, out, opened);
    ASSERT_TRUE(is_ok(got));
    EXPECT_EQ(got->key_index, pat.epoch() % 256);
    EXPECT_EQ(std::string(opened.begin(), opened.begin() + static_cast<std::ptrdiff_t>(got->size)), audio);
    ASSERT_TRUE(is_ok(alice.update(server)));
    sync_all();
  }
}

}  // namespace
