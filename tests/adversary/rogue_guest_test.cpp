// The rogue guest: it knows the password and holds a session, but the host
// never admitted it. Promises P5 (the server advances only on a Commit that
// passes every public check, from the session of its sender), P6 (only a
// member reads or speaks), P7 (a session acts only as the member it proved
// to be) and P8 (a Commit the members refuse strands no one).

#include "adversary_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class AdversaryRogueGuest : public conclave::test::AdversaryFixture {
 protected:
  void SetUp() override {
    admit({"alice", "bob"});
    auto logged_in = log_in(link, password);
    ASSERT_TRUE(is_ok(logged_in));
    token = std::move(*logged_in);
  }

  // The meeting goes on: a chat reaches everyone, and they agree.
  void expect_meeting_goes_on() {
    ASSERT_TRUE(is_ok(members[1].send_chat(server, "still here")));
    for (std::size_t i = 0; i < members.size(); ++i) {
      auto report = members[i].sync(server);
      ASSERT_TRUE(is_ok(report));
      EXPECT_TRUE(report->refused.empty());
      if (i != 1) {
        EXPECT_EQ(report->chats.size(), 1u);
      }
    }
    expect_agreement();
  }

  Bytes token;
};

// P5, P7: a Commit in a member's name from a session of no member.
TEST_F(AdversaryRogueGuest, ACommitInAMembersNameIsRefused) {
  const auto& context = members[0].group().context();
  mls::PublicMessage forged{{context.group_id, context.epoch, mls::Sender{mls::MemberSender{1}}, {},
                             mls::Content{mls::Commit{}}},
                            {Bytes(64, 1), Bytes(32, 2)},
                            Bytes(32, 3)};
  const mls::MlsMessage message{mls::ProtocolVersion::mls10, mls::MessageBody{std::move(forged)}};
  const auto before = log_size();
  EXPECT_TRUE(fails_with(server.post_commit(token, {codec::encode(message), {}, std::nullopt}), Errc::not_permitted));
  EXPECT_EQ(log_size(), before);
  expect_meeting_goes_on();
}

// P5: an external Commit whose signature does not verify.
TEST_F(AdversaryRogueGuest, AnExternalCommitWithABadSignatureIsRefused) {
  const auto psk = *password_psk(link.meeting_id, password);
  auto joined = external_commit(token, psk.psk);
  ASSERT_TRUE(is_ok(joined));
  auto post = post_of(*joined);
  auto message = *codec::decode<mls::MlsMessage>(post.commit);
  message.body.get_if<mls::PublicMessage>()->auth.signature[0] ^= 1;
  post.commit = codec::encode(message);
  const auto before = log_size();
  EXPECT_TRUE(fails_with(server.post_commit(token, std::move(post)), Errc::signature_invalid));
  EXPECT_EQ(log_size(), before);
  expect_meeting_goes_on();
}

// P5: the server runs the meeting's rules: no PSK, no entry.
TEST_F(AdversaryRogueGuest, AnExternalCommitWithoutThePskIsRefusedByTheServer) {
  auto joined = mls::Group::join_external(current_group_info(token), key_package("rogue"), std::nullopt, {}, random);
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(fails_with(server.post_commit(token, post_of(*joined)), Errc::psk_missing));
  expect_meeting_goes_on();
}

// P5: while locked, the server takes no external joiner, even with the PSK.
TEST_F(AdversaryRogueGuest, ALockedMeetingTakesNoExternalJoiner) {
  const auto psk = *password_psk(link.meeting_id, password);
  ASSERT_TRUE(is_ok(members[0].set_locked(server, true)));
  sync_all();
  EXPECT_TRUE(fails_with(server.group_info(token), Errc::not_permitted));
  mls::GroupConfig config;
  config.psks = [&psk](const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return psk.psk.clone(); };
  const auto* record = server.record(link.meeting_id);
  const auto locked_info = *codec::decode<mls::MlsMessage>(record->registration.group_info);
  const mls::PreSharedKeyId id{{mls::ExternalPskId{Bytes(link.meeting_id.begin(), link.meeting_id.end())}},
                               Bytes(32, 9)};
  auto joined = mls::Group::join_external(*locked_info.body.get_if<mls::GroupInfo>(), key_package("rogue"),
                                          std::nullopt, std::move(config), random, {.psks = {id}});
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(fails_with(server.post_commit(token, post_of(*joined)), Errc::not_permitted));
  sync_all();
  expect_agreement();
}

// P6: a session of no member neither reads the log nor posts to it.
TEST_F(AdversaryRogueGuest, ItNeitherReadsNorSpeaks) {
  EXPECT_TRUE(fails_with(server.messages(token, 0), Errc::not_permitted));
  const auto* record = server.record(link.meeting_id);
  ASSERT_TRUE(is_ok(members[1].send_chat(server, "hello")));
  const Bytes sealed = record->log.back();
  EXPECT_TRUE(fails_with(server.post(token, sealed), Errc::not_permitted));
}

// P7: a session binds only to a leaf whose signature key it holds.
TEST_F(AdversaryRogueGuest, ItCannotBindToAMembersLeaf) {
  const auto& suite = members[0].group().suite();
  const auto own = suite.signature().generate_key_pair(random);
  const Bytes digest = crypto::hash(crypto::HashId::sha256, token);
  const auto signature = *suite.sign_with_label(own.private_key, session_binding_label, digest);
  EXPECT_TRUE(fails_with(server.bind_session(token, 1, signature), Errc::signature_invalid));
  EXPECT_TRUE(fails_with(server.bind_session(token, 40, signature), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(server.messages(token, 0), Errc::not_permitted));
}

// P8: the right PSK ID with a wrong value passes the server (which cannot
// check the confirmation tag) and every member refuses it; they resync
// and the meeting goes on.
TEST_F(AdversaryRogueGuest, AWrongPskValueStrandsNoOne) {
  auto joined = external_commit(token, crypto::Secret(Bytes(32, 0x42)));
  ASSERT_TRUE(is_ok(joined));
  ASSERT_TRUE(is_ok(server.post_commit(token, post_of(*joined))));
  expect_stranded(Errc::confirmation_tag_invalid);
  resync_all();
  expect_agreement();
  expect_meeting_goes_on();
}

// P2: logging in again and again does not grow the server's memory: a
// meeting holds at most ServerLimits::unbound_sessions sessions of no member.
TEST(AdversaryRogueGuestLimits, LoggingInAgainAndAgainIsBounded) {
  crypto::DeterministicRandom random{as_bytes("session flood")};
  MeetingServer server(conclave::test::meeting_srp(), random, {.unbound_sessions = 2});
  const MeetingProfile profile{.srp = &conclave::test::meeting_srp()};
  const auto link = *MeetingLink::generate("https://meet.example", random);
  const std::string password(link.meeting_password()->text());
  auto host = Participant::host_meeting(server, link, password, "Host", "Standup", profile, random);
  ASSERT_TRUE(is_ok(host));
  ASSERT_TRUE(is_ok(Guest::log_in(server, link, password, "one", profile, random)));
  auto two = Guest::log_in(server, link, password, "two", profile, random);
  ASSERT_TRUE(is_ok(two));
  EXPECT_TRUE(fails_with(Guest::log_in(server, link, password, "three", profile, random), Errc::not_permitted));
  // A session that joins is bound to its member, and makes room.
  ASSERT_TRUE(is_ok(two->join_by_external_commit(server)));
  EXPECT_TRUE(is_ok(Guest::log_in(server, link, password, "four", profile, random)));
}

}  // namespace
