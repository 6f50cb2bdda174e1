// An independent review of issue 19's promises: each test here broke one
// on the code it was written against (and passes since its fix), and names
// the promise it tried.

#include <functional>

#include "adversary_fixtures.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/srp/client.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

// A random source that, before each draw, runs a hook until the hook says
// it is done: a way to act between two steps of a host control, as a
// network attacker can (the host's steps are separate round trips).
class HookedRandom final : public crypto::RandomSource {
 public:
  explicit HookedRandom(BytesView seed) : inner_(seed) {}
  void fill(MutableBytesView out) override {
    if (hook && hook()) hook = nullptr;
    inner_.fill(out);
  }
  std::function<bool()> hook;

 private:
  crypto::DeterministicRandom inner_;
};

class ReviewFindings : public conclave::test::AdversaryFixture {};

// P8 (a Commit the members refuse strands no one: resync is the way back).
// A guest never admitted posts a junk external Commit (a wrong PSK value)
// with a GroupInfo it signs itself but without the ratchet_tree extension:
// published, it would leave no resync possible. The server refuses it.
TEST_F(ReviewFindings, AJunkCommitWithATreelessGroupInfoLeavesNoWayBack) {
  admit({"alice"});
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  auto joined = external_commit(*token, crypto::Secret(Bytes(32, 0x42)));
  ASSERT_TRUE(is_ok(joined));
  auto treeless = joined->group.group_info(false);
  ASSERT_TRUE(is_ok(treeless));
  const auto before = log_size();
  EXPECT_TRUE(fails_with(server.post_commit(*token, {codec::encode(joined->commit), codec::encode(*treeless), std::nullopt}),
                         Errc::invalid_argument));
  EXPECT_EQ(log_size(), before);
  ASSERT_TRUE(is_ok(members[1].send_chat(server, "still here")));
  auto report = members[0].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_FALSE(report->stranded);
  EXPECT_EQ(report->chats.size(), 1u);
}

// P8, the same way in by a malicious member: a Commit with a bad membership
// tag, and the GroupInfo of its own epoch without the tree, signed by it.
TEST_F(ReviewFindings, AMaliciousMembersTreelessGroupInfoLeavesNoWayBack) {
  admit({"alice"});
  auto mallory = rogue_member();
  const auto meeting_id = members[0].link().meeting_id;
  auto output = mallory.group.commit(
      {.proposals = {mls::Proposal{mls::PreSharedKey{
           {{mls::ExternalPskId{Bytes(meeting_id.begin(), meeting_id.end())}}, Bytes(32, 3)}}}},
       .include_received = false,
       .force_path = true},
      random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(mallory.group.merge_pending_commit()));
  auto treeless = mallory.group.group_info(false);
  ASSERT_TRUE(is_ok(treeless));
  auto message = output->commit;
  (*message.body.get_if<mls::PublicMessage>()->membership_tag)[0] ^= 1;
  EXPECT_TRUE(fails_with(
      server.post_commit(mallory.token, {codec::encode(message), codec::encode(*treeless), std::nullopt}),
      Errc::invalid_argument));
  sync_all();
  expect_agreement();
}

// P9 (a removed participant kept out opens nothing afterwards).
// remove_and_keep_out took several round trips after the Remove, while the
// old password still logged in and the meeting was open: the removed
// person (hooked between the host's steps) joined again by external
// Commit. It now locks the meeting first, so the attempt gets nowhere.
TEST_F(ReviewFindings, KeepOutHasNoWindowForTheRemovedParticipant) {
  HookedRandom host_random(as_bytes("review host"));
  auto board_link = *MeetingLink::generate("https://meet.example", random);
  const std::string board_password(board_link.meeting_password()->text());
  auto hosted = Participant::host_meeting(server, board_link, board_password, "Host", "Board", profile, host_random);
  ASSERT_TRUE(is_ok(hosted));
  Participant& host = *hosted;
  auto guest = Guest::log_in(server, board_link, board_password, "mallory", profile, random);
  ASSERT_TRUE(is_ok(guest));
  auto mallory = guest->join_by_external_commit(server);
  ASSERT_TRUE(is_ok(mallory));
  ASSERT_TRUE(is_ok(host.sync(server)));

  const std::uint64_t removed_at = host.group().epoch() + 1;
  std::optional<Participant> back;
  host_random.hook = [&] {
    const auto* record = server.record(board_link.meeting_id);
    if (record == nullptr || record->epoch < removed_at) return false;
    auto again = Guest::log_in(server, board_link, board_password, "mallory", profile, random);
    if (!again) return true;
    auto joined = again->join_by_external_commit(server);
    if (joined) back.emplace(std::move(*joined));
    return true;
  };
  const auto rotated = host.remove_and_keep_out(server, mallory->group().own_leaf().value);
  // The meeting was locked before the removal: the attempt got nowhere.
  EXPECT_FALSE(back.has_value());
  EXPECT_TRUE(is_ok(rotated)) << to_string(rotated.error());
  ASSERT_TRUE(is_ok(host.sync(server)));
  EXPECT_EQ(host.group().tree().member_count(), 1u);
}

// Bounded server state (a cheap request must not cost the server a lot).
// The 4096 pending SRP logins are one server-wide pool that never expires:
// an outsider who knows no password hosts a meeting of its own, starts
// 4096 logins to it and finishes none. From then on nobody logs in to any
// meeting, and no member renews its session after a link rotation
// (meeting_server.cpp, begin_login: logins_.size() >= max_pending_logins).
TEST_F(ReviewFindings, AnOutsiderCannotBlockEveryonesLogin) {
  auto own = *MeetingLink::generate("https://meet.example", random);
  const std::string own_password(own.meeting_password()->text());
  ASSERT_TRUE(is_ok(Participant::host_meeting(server, own, own_password, "Eve", "Spam", profile, random)));
  srp::Client client(conclave::test::meeting_srp(), as_bytes(own.meeting_id), as_bytes(own_password), random);
  const auto client_key = client.start();
  ASSERT_TRUE(is_ok(client_key));
  for (int i = 0; i < 4096; ++i) {
    ASSERT_TRUE(is_ok(server.begin_login(own.meeting_id, *client_key)));
  }
  const auto victim = log_in(link, password);
  EXPECT_TRUE(is_ok(victim)) << to_string(victim.error());
}

// P3 (a removed member's session ends at its removal: unknown_meeting
// afterwards). MeetingServer::epoch takes a revoked session
// (member_session lets `revoked` through), so the removed person keeps
// watching the meeting's Commits, and learns the moment it was removed.
TEST_F(ReviewFindings, ARevokedSessionLearnsNothingMore) {
  admit({"alice"});
  auto mallory = rogue_member();
  ASSERT_TRUE(is_ok(members[0].remove(server, mallory.group.own_leaf().value)));
  sync_all();
  ASSERT_TRUE(is_ok(members[1].update(server)));
  EXPECT_TRUE(fails_with(server.epoch(mallory.token), Errc::unknown_meeting));
}

// Bounded server state. A guest the host never admitted queues anything, of
// any size, as a JoinRequest: the server neither parses it nor bounds its
// size, and keeps up to 4096 of them (meeting_server.cpp, request_join).
TEST_F(ReviewFindings, AJoinRequestIsBounded) {
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  EXPECT_FALSE(is_ok(server.request_join(*token, Bytes(std::size_t{1} << 24, 0x5a))));
}

// Host controls: a link rotation "ends every session but the host's; the
// member then logs in with the new password ... without leaving the
// group". While the meeting is locked the server refuses every login, so a
// keep-out (or any rotation) in a locked meeting silences every member
// until the host unlocks (meeting_server.cpp, begin_login refuses while
// locked; rotate ends the sessions).
TEST_F(ReviewFindings, AKeepOutInALockedMeetingLeavesTheMembersSpeaking) {
  admit({"alice", "mallory"});
  ASSERT_TRUE(is_ok(members[0].set_locked(server, true)));
  sync_all();
  auto rotated = members[0].remove_and_keep_out(server, members[2].group().own_leaf().value);
  ASSERT_TRUE(is_ok(rotated));
  auto report = members[1].sync(server);
  ASSERT_TRUE(is_ok(report));
  const auto sent = members[1].send_chat(server, "after the keep-out");
  EXPECT_TRUE(is_ok(sent)) << to_string(sent.error());
}

// Only people with the password get a session; nobody without it can stop
// them. Login handles were sequential, and finish_login forgets the pending
// login whatever the proof: an outsider could cancel every login by
// guessing the next numbers. Handles are now random.
TEST_F(ReviewFindings, AnOutsiderCannotCancelAnothersLogin) {
  srp::Client client(conclave::test::meeting_srp(), as_bytes(link.meeting_id), as_bytes(password), random);
  const auto client_key = client.start();
  ASSERT_TRUE(is_ok(client_key));
  auto challenge = server.begin_login(link.meeting_id, *client_key);
  ASSERT_TRUE(is_ok(challenge));
  // Eve guesses the numbers around the ones she saw and the first ones.
  for (std::uint64_t guess = 0; guess < 64; ++guess) {
    if (guess == challenge->login) continue;
    EXPECT_TRUE(fails_with(server.finish_login(guess, Bytes(32, 0)), Errc::unknown_meeting));
  }
  auto proof = client.respond(challenge->salt, challenge->server_key);
  ASSERT_TRUE(is_ok(proof));
  const auto result = server.finish_login(challenge->login, *proof);
  EXPECT_TRUE(is_ok(result)) << to_string(result.error());
}

// A Welcome is kept only for the KeyPackages its Commit added: one a
// member posts with a Commit that adds no one is dropped, so it cannot
// stand in for a joiner's.
TEST_F(ReviewFindings, AWelcomeWithACommitThatAddsNoOneIsRefused) {
  admit({"alice"});
  auto mallory = rogue_member();
  auto post = rogue_commit(mallory);
  const Bytes ref(32, 7);
  const mls::Welcome welcome{mallory.group.suite().id(), {{ref, {}}}, Bytes(16, 1)};
  post.welcome = codec::encode(mls::MlsMessage{mls::ProtocolVersion::mls10, mls::MessageBody{welcome}});
  ASSERT_TRUE(is_ok(server.post_commit(mallory.token, std::move(post))));
  EXPECT_TRUE(fails_with(server.welcome(mallory.token, ref), Errc::unknown_meeting));
}

// Bounded server work per request. messages(token, 0) copies the whole log
// into one answer, every time: any member (a password holder who joined by
// external Commit included) makes the server copy the meeting's entire
// history per request, as often as it likes (meeting_server.cpp, messages:
// no page limit). The test asks for a page bound of 1024 entries.
TEST_F(ReviewFindings, ReadingTheLogIsPaged) {
  auto mallory = rogue_member();
  for (int i = 0; i < 1100; ++i) {
    ASSERT_TRUE(is_ok(members[0].send_chat(server, "x")));
  }
  auto all = server.messages(mallory.token, 0);
  ASSERT_TRUE(is_ok(all));
  EXPECT_LE(all->size(), 1024u);
}

// Only the host admits, and a guest with the password cannot stop it: a
// guest the host never admitted queues one JoinRequest with a valid tag
// whose KeyPackage lacks the MeetingState capability the group requires.
// admissible() (host_controls.cpp) checks the tag and the KeyPackage's own
// signature but not the group's required capabilities, so the one Commit
// of every Add fails, and take_join_requests has already emptied the
// queue: Carol's request is lost with it, every time the rogue does this.
TEST_F(ReviewFindings, OnePoisonedJoinRequestDoesNotBlockAdmission) {
  auto rogue = log_in(link, password);
  ASSERT_TRUE(is_ok(rogue));
  const auto& suite = members[0].group().suite();
  auto bundle = mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes(5, 0x72)}},
                                        suite.signature().generate_key_pair(random), {}, random);
  ASSERT_TRUE(is_ok(bundle));
  const auto psk = *password_psk(link.meeting_id, password);
  ASSERT_TRUE(is_ok(server.request_join(*rogue, codec::encode(make_join_request(psk, bundle->key_package)))));
  auto carol = guest("carol");
  ASSERT_TRUE(is_ok(carol.request_welcome(server)));
  auto admitted = members[0].admit(server);
  EXPECT_TRUE(is_ok(admitted)) << to_string(admitted.error());
  auto joined = carol.join_from_welcome(server);
  EXPECT_TRUE(is_ok(joined)) << to_string(joined.error());
}

// P9 (kept out, its password opens nothing afterwards) and "only people
// with the password get a session". A login begun before the rotation is
// finished against the old verifier after it: pending logins are neither
// ended by rotate() nor tied to the registration they began under
// (meeting_server.cpp, Login keeps its own srp::Server; finish_login
// issues a token for the meeting as it is now). Mallory begins a login
// while she is still in, is kept out, then finishes it: a live session of
// the rotated meeting, with which she strands every member (the server
// cannot check the PSK value, and the new meeting ID is public).
TEST_F(ReviewFindings, AKeptOutParticipantsPendingLoginDies) {
  admit({"alice"});
  auto mallory = rogue_member();
  srp::Client client(conclave::test::meeting_srp(), as_bytes(link.meeting_id), as_bytes(password), random);
  const auto client_key = client.start();
  ASSERT_TRUE(is_ok(client_key));
  auto challenge = server.begin_login(link.meeting_id, *client_key);
  ASSERT_TRUE(is_ok(challenge));
  auto rotated = members[0].remove_and_keep_out(server, mallory.group.own_leaf().value);
  ASSERT_TRUE(is_ok(rotated));
  use_link(std::move(*rotated));
  sync_all();
  auto proof = client.respond(challenge->salt, challenge->server_key);
  ASSERT_TRUE(is_ok(proof));
  auto result = server.finish_login(challenge->login, *proof);
  EXPECT_TRUE(fails_with(result, Errc::unknown_meeting));
  if (!result) return;
  auto joined = external_commit(result->access_token, crypto::Secret(Bytes(32, 0x42)));
  ASSERT_TRUE(is_ok(joined));
  EXPECT_FALSE(is_ok(server.post_commit(result->access_token, post_of(*joined))));
}

}  // namespace
