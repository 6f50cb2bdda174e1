// The reference server's own checks of each request, against a client that
// is not who it says: a token it never issued, the session of a member it
// removed, a session without a role, a guest at a locked meeting, and
// malformed posts. Each is refused with its error and changes nothing.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "adversary_fixtures.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/srp/client.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::status_of;

using Request = std::function<Status(BytesView token)>;

class AdversaryServerRequests : public conclave::test::AdversaryFixture {
 protected:
  // Every call of the server that takes a session token, by name.
  std::vector<std::pair<std::string, Request>> token_calls() {
    return {
        {"sealed_metadata", [this](BytesView t) { return status_of(server.sealed_metadata(t)); }},
        {"group_info", [this](BytesView t) { return status_of(server.group_info(t)); }},
        {"request_join", [this](BytesView t) { return server.request_join(t, Bytes{1, 2, 3}); }},
        {"welcome", [this](BytesView t) { return status_of(server.welcome(t, Bytes(32, 1))); }},
        {"messages", [this](BytesView t) { return status_of(server.messages(t, 0)); }},
        {"partial_messages", [this](BytesView t) { return status_of(server.partial_messages(t, 0)); }},
        {"epoch", [this](BytesView t) { return status_of(server.epoch(t)); }},
        {"post", [this](BytesView t) { return status_of(server.post(t, Bytes{1})); }},
        {"post_commit", [this](BytesView t) { return status_of(server.post_commit(t, {Bytes{1}, Bytes{1}, {}})); }},
        {"post_proposal", [this](BytesView t) { return status_of(server.post_proposal(t, Bytes{1})); }},
        {"take_join_requests", [this](BytesView t) { return status_of(server.take_join_requests(t)); }},
        {"set_locked", [this](BytesView t) { return server.set_locked(t, true); }},
        {"rotate", [this](BytesView t) { return server.rotate(t, {}); }},
        {"bind_session", [this](BytesView t) { return server.bind_session(t, 0, Bytes(64, 1)); }},
    };
  }

  // The meeting as the server holds it, for "nothing changed".
  struct Snapshot {
    std::size_t log;
    bool locked;
    std::size_t join_requests;
    Bytes group_info;
    bool operator==(const Snapshot&) const = default;
  };
  Snapshot snapshot() const {
    const auto* record = server.record(members[0].link().meeting_id);
    return {record->log.size(), record->locked, record->join_requests.size(), record->registration.group_info};
  }
};

TEST_F(AdversaryServerRequests, ATokenItNeverIssuedIsRefusedByEveryCall) {
  const auto before = snapshot();
  for (const auto& [name, call] : token_calls()) {
    EXPECT_TRUE(fails_with(call(Bytes(32, 7)), Errc::unknown_meeting)) << name;
  }
  EXPECT_EQ(snapshot(), before);
}

// A removed member's session reads the log up to its removal, and nothing
// else: every other call is refused as from no session at all.
TEST_F(AdversaryServerRequests, ARemovedMembersSessionIsRevoked) {
  admit({"alice"});
  auto mallory = rogue_member();
  ASSERT_TRUE(is_ok(members[0].remove(server, mallory.group.own_leaf().value)));
  sync_all();
  const auto before = snapshot();
  for (const auto& [name, call] : token_calls()) {
    if (name == "messages" || name == "partial_messages") continue;
    EXPECT_TRUE(fails_with(call(mallory.token), Errc::unknown_meeting)) << name;
  }
  auto log = server.messages(mallory.token, 0);
  ASSERT_TRUE(is_ok(log));
  EXPECT_EQ(log->size(), before.log);
  EXPECT_TRUE(fails_with(server.messages(mallory.token, log->size()), Errc::unknown_meeting));
  EXPECT_TRUE(fails_with(server.messages(mallory.token, 0), Errc::unknown_meeting));  // read to its end, it is gone
  EXPECT_EQ(snapshot(), before);
}

// Only the host or a co-host takes the join requests, locks or rotates; a
// guest's session and a member's without a role are refused.
TEST_F(AdversaryServerRequests, ASessionWithoutARoleCannotHost) {
  auto mallory = rogue_member();
  auto guest = log_in(link, password);
  ASSERT_TRUE(is_ok(guest));
  ASSERT_TRUE(is_ok(server.request_join(*guest, Bytes{1, 2, 3})));
  const auto before = snapshot();
  for (const BytesView token : {BytesView(*guest), BytesView(mallory.token)}) {
    EXPECT_TRUE(fails_with(server.take_join_requests(token), Errc::not_permitted));
    EXPECT_TRUE(fails_with(server.set_locked(token, true), Errc::not_permitted));
    EXPECT_TRUE(fails_with(server.rotate(token, {}), Errc::not_permitted));
  }
  EXPECT_EQ(snapshot(), before);
}

// A locked meeting gives a guest's session neither its metadata nor its
// GroupInfo, and takes no join request from it.
TEST_F(AdversaryServerRequests, ALockedMeetingTellsAGuestNothing) {
  auto guest = log_in(link, password);
  ASSERT_TRUE(is_ok(guest));
  ASSERT_TRUE(is_ok(members[0].set_locked(server, true)));
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(server.sealed_metadata(*guest), Errc::not_permitted));
  EXPECT_TRUE(fails_with(server.group_info(*guest), Errc::not_permitted));
  EXPECT_TRUE(fails_with(server.request_join(*guest, Bytes{1, 2, 3}), Errc::not_permitted));
  EXPECT_EQ(snapshot(), before);
}

// What a member posts is checked before the log takes it: an application
// message must be one (not a Commit's content type), a Commit must be a
// PublicMessage Commit of the current epoch, a proposal must verify
// (the server's follower checks its signature, RFC 9420 section 6.1).
TEST_F(AdversaryServerRequests, AMembersMalformedPostsAreRefused) {
  auto mallory = rogue_member();
  auto& group = mallory.group;
  auto sealed = group.protect(as_bytes(std::string("hello")), {}, random);
  auto proof = mls::make_membership_proof(group.tree(), group.own_leaf());
  ASSERT_TRUE(is_ok(sealed));
  ASSERT_TRUE(is_ok(proof));
  mls::SenderAuthenticatedMessage<mls::PrivateMessage> as_commit{*sealed->body.get_if<mls::PrivateMessage>(), *proof};
  as_commit.message.content_type = mls::ContentType::commit;
  auto proposal = group.propose(mls::Proposal{mls::SelfRemove{}});
  ASSERT_TRUE(is_ok(proposal));
  auto forged = *proposal;
  auto& signature = forged.body.get_if<mls::PublicMessage>()->auth.signature;
  signature.back() ^= 1;
  const auto before_update = snapshot();
  EXPECT_TRUE(fails_with(server.post_proposal(mallory.token, codec::encode(forged)), Errc::signature_invalid));
  EXPECT_EQ(snapshot(), before_update);
  const auto stale = rogue_commit(mallory);
  ASSERT_TRUE(is_ok(members[0].update(server)));
  sync_all();

  const auto before = snapshot();
  EXPECT_TRUE(fails_with(server.post(mallory.token, {}), Errc::truncated));
  EXPECT_TRUE(fails_with(server.post(mallory.token, codec::encode(as_commit)), Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, {{}, stale.group_info, {}}), Errc::truncated));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, {codec::encode(*proposal), stale.group_info, {}}),
                         Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, {codec::encode(*sealed), stale.group_info, {}}),
                         Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(server.post_commit(mallory.token, stale), Errc::wrong_epoch));
  EXPECT_EQ(snapshot(), before);
}

// A guest's session, bound to no leaf, posts nothing as a member.
TEST_F(AdversaryServerRequests, AGuestsSessionPostsNothing) {
  auto guest = log_in(link, password);
  ASSERT_TRUE(is_ok(guest));
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(server.post(*guest, Bytes{1}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(server.post_proposal(*guest, Bytes{1}), Errc::not_permitted));
  EXPECT_EQ(snapshot(), before);
}

// RFC 5054 section 2.5.4: the server aborts on A % N == 0, before it
// keeps a login.
TEST_F(AdversaryServerRequests, ALoginWithAZeroClientKeyIsRefused) {
  const auto zero = Bytes(conclave::test::meeting_srp().group().size(), 0);
  EXPECT_TRUE(fails_with(server.begin_login(link.meeting_id, zero), Errc::invalid_public_key));
}

// ServerLimits hold: a new login pushes out the oldest pending one, and
// the host's queue takes no more join requests than its bound.
TEST_F(AdversaryServerRequests, TheServersBoundsHold) {
  MeetingServer bounded(conclave::test::meeting_srp(), random, {.pending_logins = 1, .join_requests = 1});
  auto host = Participant::host_meeting(bounded, link, password, "Host", "Standup", profile, random);
  ASSERT_TRUE(is_ok(host));
  srp::Client first(conclave::test::meeting_srp(), as_bytes(link.meeting_id), as_bytes(password), random);
  srp::Client second(conclave::test::meeting_srp(), as_bytes(link.meeting_id), as_bytes(password), random);
  auto first_challenge = bounded.begin_login(link.meeting_id, *first.start());
  auto second_challenge = bounded.begin_login(link.meeting_id, *second.start());
  ASSERT_TRUE(is_ok(first_challenge));
  ASSERT_TRUE(is_ok(second_challenge));
  auto first_proof = first.respond(first_challenge->salt, first_challenge->server_key);
  auto second_proof = second.respond(second_challenge->salt, second_challenge->server_key);
  ASSERT_TRUE(is_ok(first_proof));
  ASSERT_TRUE(is_ok(second_proof));
  EXPECT_TRUE(fails_with(bounded.finish_login(first_challenge->login, *first_proof), Errc::unknown_meeting));
  auto session = bounded.finish_login(second_challenge->login, *second_proof);
  ASSERT_TRUE(is_ok(session));
  ASSERT_TRUE(is_ok(bounded.request_join(session->access_token, Bytes{1})));
  EXPECT_TRUE(fails_with(bounded.request_join(session->access_token, Bytes{2}), Errc::not_permitted));
  EXPECT_EQ(bounded.record(link.meeting_id)->join_requests.size(), 1u);
}

}  // namespace
