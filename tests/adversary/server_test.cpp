// The server: it holds the verifier and salt, the wrapped session key,
// every GroupInfo and every message, issues every token, and may append
// anything to its own log. Promises P10 (it learns no password, PSK or
// key), P11 (it adds no one) and P8 (what it injects strands no one).

#include "adversary_fixtures.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/session_key.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class AdversaryServer : public conclave::test::AdversaryFixture {
 protected:
  // Everything the server stores for the meeting, as one byte string.
  Bytes stored() const {
    const auto* record = server.record(link.meeting_id);
    Bytes all = concat({record->registration.verifier.verifier, record->registration.verifier.salt,
                        record->registration.wrapped_session_key, record->registration.sealed_title,
                        record->registration.sealed_earlier_keys, record->registration.group_info});
    for (const auto& message : record->log) all.insert(all.end(), message.begin(), message.end());
    for (const auto& request : record->join_requests) all.insert(all.end(), request.begin(), request.end());
    return all;
  }

  // Appends `message` to the log, as a server that owns it can.
  void inject(Bytes message) {
    const_cast<MeetingRecord*>(server.record(link.meeting_id))->log.push_back(std::move(message));
  }
};

// P10: no stored byte string holds the password, the PSK or the session
// key, through a rotation too; a guess opens nothing.
TEST_F(AdversaryServer, ItHoldsNoPasswordPskOrKey) {
  admit({"alice"});
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  const auto psk = *password_psk(link.meeting_id, password);
  const auto session_key = *unwrap_session_key(psk, server.sealed_metadata(*token)->wrapped_session_key);
  const std::string first_password = password;
  auto rotated = members[0].rotate_link(server);
  ASSERT_TRUE(is_ok(rotated));
  use_link(std::move(*rotated));
  sync_all();
  const Bytes all = stored();
  const auto contains = [&](BytesView needle) {
    return std::search(all.begin(), all.end(), needle.begin(), needle.end()) != all.end();
  };
  EXPECT_FALSE(contains(as_bytes(first_password)));
  EXPECT_FALSE(contains(as_bytes(password)));
  EXPECT_FALSE(contains(psk.psk.view()));
  EXPECT_FALSE(contains(session_key.view()));
  const auto guessed = *password_psk(link.meeting_id, "guessed-password");
  EXPECT_TRUE(fails_with(unwrap_session_key(guessed, server.record(link.meeting_id)->registration.wrapped_session_key),
                         Errc::aead_failure));
}

// P11: a KeyPackage the server slips into the queue is not admitted.
TEST_F(AdversaryServer, AKeyPackageItQueuesIsNotAdmitted) {
  admit({"alice"});
  const auto guessed = *password_psk(link.meeting_id, "guessed-password");
  const auto forged = make_join_request(guessed, key_package("eve").key_package);
  const_cast<MeetingRecord*>(server.record(link.meeting_id))->join_requests.push_back(codec::encode(forged));
  EXPECT_EQ(*members[0].admit(server), 0u);
  EXPECT_EQ(members[0].group().tree().member_count(), 2u);
}

// P11, P8: an external Commit the server appends to its log without the
// PSK is refused by every member (psk_missing), who go on in their epoch.
TEST_F(AdversaryServer, AJoinItInjectsIsRefusedAndStrandsNoOne) {
  admit({"alice", "bob"});
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  auto joined = mls::Group::join_external(current_group_info(*token), key_package("eve"), std::nullopt, {}, random);
  ASSERT_TRUE(is_ok(joined));
  inject(codec::encode(joined->commit));
  const auto epoch = members[0].group().epoch();
  for (auto& member : members) {
    auto report = member.sync(server);
    ASSERT_TRUE(is_ok(report));
    ASSERT_EQ(report->refused.size(), 1u);
    EXPECT_EQ(report->refused[0].second, Errc::psk_missing);
    EXPECT_FALSE(report->stranded);
    EXPECT_EQ(member.group().epoch(), epoch);
  }
  ASSERT_TRUE(is_ok(members[1].update(server)));
  sync_all();
  expect_agreement();
  EXPECT_EQ(members[0].group().tree().member_count(), 3u);
}

// P8: the way back cannot be turned against a member: a resync takes no
// GroupInfo of an epoch the member has passed, nor of another group.
TEST_F(AdversaryServer, ItCannotLeadAResyncBackOrAside) {
  admit({"alice"});
  auto* record = const_cast<MeetingRecord*>(server.record(link.meeting_id));
  const Bytes earlier = record->registration.group_info;
  ASSERT_TRUE(is_ok(members[0].update(server)));
  sync_all();
  const Bytes current = record->registration.group_info;
  record->registration.group_info = earlier;
  EXPECT_TRUE(fails_with(members[1].resync(server), Errc::wrong_epoch));
  crypto::DeterministicRandom other_random(as_bytes("another meeting"));
  MeetingServer other_server(conclave::test::meeting_srp(), other_random);
  const auto other_link = *MeetingLink::generate("https://meet.example", other_random);
  auto other = Participant::host_meeting(other_server, other_link, password, "Other", "Other", profile, other_random);
  ASSERT_TRUE(is_ok(other));
  record->registration.group_info = other_server.record(other_link.meeting_id)->registration.group_info;
  EXPECT_TRUE(fails_with(members[1].resync(server), Errc::wrong_group));
  record->registration.group_info = current;
  sync_all();
  expect_agreement();
}

// P8, P11: what the server hands a guest for its join is checked: a
// GroupInfo of another meeting is refused (its MeetingState names another
// meeting ID, so the password PSK is not that group's), and neither a
// malformed GroupInfo nor a malformed Welcome or tree joins anyone. The
// guest can still join once the server hands over the real ones.
TEST_F(AdversaryServer, AGuestJoinsOnlyItsOwnMeetingFromWellFormedData) {
  admit({"alice"});
  auto* record = const_cast<MeetingRecord*>(server.record(link.meeting_id));
  const Bytes current = record->registration.group_info;
  auto guest_by_commit = Guest::log_in(server, link, password, "eve", profile, random);
  ASSERT_TRUE(is_ok(guest_by_commit));
  crypto::DeterministicRandom other_random(as_bytes("another meeting"));
  const auto other_link = *MeetingLink::generate("https://meet.example", other_random);
  auto other = Participant::host_meeting(server, other_link, password, "Other", "Other", profile, other_random);
  ASSERT_TRUE(is_ok(other));
  const auto log = log_size();
  const std::vector<std::pair<Bytes, Errc>> served{
      {server.record(other_link.meeting_id)->registration.group_info, Errc::psk_missing},
      {Bytes{0xff}, Errc::truncated},
      {record->log.back(), Errc::invalid_argument},
  };
  for (const auto& [info, why] : served) {
    record->registration.group_info = info;
    EXPECT_TRUE(fails_with(guest_by_commit->join_by_external_commit(server), why));
    EXPECT_TRUE(fails_with(members[0].resync(server), why == Errc::psk_missing ? Errc::wrong_group : why));
  }
  record->registration.group_info = current;
  EXPECT_EQ(log_size(), log);

  auto welcomed = guest("fay");
  ASSERT_TRUE(is_ok(welcomed.request_welcome(server)));
  ASSERT_EQ(*members[0].admit(server), 1u);
  auto& kept = record->welcomes.begin()->second;
  const KeptWelcome real = kept;
  const std::vector<std::pair<KeptWelcome, Errc>> welcomes{
      {{std::make_shared<const Bytes>(Bytes{0xff}), real.ratchet_tree, real.position}, Errc::truncated},
      {{std::make_shared<const Bytes>(current), real.ratchet_tree, real.position}, Errc::invalid_argument},
      {{real.welcome, std::make_shared<const Bytes>(Bytes{0xff}), real.position}, Errc::invalid_varint},
  };
  for (const auto& [welcome, why] : welcomes) {
    kept = welcome;
    EXPECT_TRUE(fails_with(welcomed.join_from_welcome(server), why));
  }
  kept = real;
  ASSERT_TRUE(is_ok(welcomed.join_from_welcome(server)));
  ASSERT_TRUE(is_ok(guest_by_commit->join_by_external_commit(server)));
}

// P11: what the server queues is checked one request at a time: a request
// that does not decode, a KeyPackage whose signature fails, and a repeat of
// a KeyPackage or of its signature key (RFC 9420 section 7.3: no two
// leaves share one) are dropped; the rest are admitted.
TEST_F(AdversaryServer, TheHostAdmitsOnlyWellFormedFreshKeyPackages) {
  const auto psk = *password_psk(link.meeting_id, password);
  const auto& suite = members[0].group().suite();
  mls::KeyPackageOptions options;
  add_meeting_capabilities(options.capabilities);
  const auto shared_key = suite.signature().generate_key_pair(random);
  const auto sharing = [&](std::string_view name) {
    const mls::Credential credential{mls::BasicCredential{Bytes(name.begin(), name.end())}};
    return codec::encode(make_join_request(
        psk, mls::create_key_package(suite, credential, {shared_key.private_key.clone(), shared_key.public_key},
                                     options, random)->key_package));
  };
  auto forged = key_package("mallet").key_package;
  forged.signature.back() ^= 1;
  const Bytes admitted = codec::encode(make_join_request(psk, key_package("fay").key_package));
  auto* record = const_cast<MeetingRecord*>(server.record(link.meeting_id));
  record->join_requests = {Bytes{1, 2, 3}, codec::encode(make_join_request(psk, forged)), admitted, admitted,
                           sharing("gus"), sharing("hal")};
  EXPECT_EQ(*members[0].admit(server), 2u);
  EXPECT_EQ(members[0].group().tree().member_count(), 3u);
}

// P8: an external Commit the server forges with a member's signature key in
// its new leaf (it cannot sign with that key) is refused by that member as
// a resync of its own it never lost (out_of_order), and by the others for
// its signature; the server's epoch did not move, so no one is stranded.
TEST_F(AdversaryServer, AResyncItForgesInAMembersNameStrandsNoOne) {
  admit({"alice"});
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  const auto psk = *password_psk(link.meeting_id, password);
  auto joined = external_commit(*token, psk.psk);
  ASSERT_TRUE(is_ok(joined));
  auto forged = joined->commit;
  auto& path = forged.body.get_if<mls::PublicMessage>()->content.content.get_if<mls::Commit>()->path;
  ASSERT_TRUE(path.has_value());
  path->leaf_node.signature_key = members[1].group().tree().leaf(members[1].group().own_leaf())->signature_key;
  const auto epoch = members[0].epoch();
  const auto position = log_size();
  inject(codec::encode(forged));
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto report = members[i].sync(server);
    ASSERT_TRUE(is_ok(report));
    ASSERT_EQ(report->refused.size(), 1u);
    EXPECT_EQ(report->refused[0].first, position);
    if (i == 1) {
      EXPECT_EQ(report->refused[0].second, Errc::out_of_order);
    }
    EXPECT_FALSE(report->stranded);
    EXPECT_EQ(members[i].epoch(), epoch);
  }
  ASSERT_TRUE(is_ok(members[1].update(server)));
  sync_all();
  expect_agreement();
}

}  // namespace
