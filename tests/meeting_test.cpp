// The meeting layer end to end over the reference server: joins by Welcome
// and by external Commit, host controls, and what a server that holds
// everything it stores still cannot do.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/srp/verifier.hpp"
#include "conclave/storage/memory_store.hpp"
#include "meeting_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class MeetingTest : public conclave::test::MeetingFixture {
 protected:
  // An external Commit the server makes from what it holds, with `psks`
  // (and the values `lookup` gives them).
  Bytes server_external_commit(std::vector<mls::PreSharedKeyId> psks, mls::PskLookup lookup) {
    const auto* record = server.record(members[0].link().meeting_id);
    auto info = codec::decode<mls::MlsMessage>(record->registration.group_info);
    const auto& suite = members[0].group().suite();
    // Eve's leaf meets the meeting's required capabilities, as a guest's does.
    mls::KeyPackageOptions options;
    add_meeting_capabilities(options.capabilities);
    auto bundle = *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes{'e', 'v', 'e'}}},
                                           suite.signature().generate_key_pair(random), options, random);
    mls::GroupConfig config;
    config.psks = std::move(lookup);
    auto joined = mls::Group::join_external(*info->body.get_if<mls::GroupInfo>(), std::move(bundle), std::nullopt,
                                            std::move(config), random, {.psks = std::move(psks)});
    EXPECT_TRUE(is_ok(joined));
    return codec::encode(joined->commit);
  }

};

TEST_F(MeetingTest, FiftyParticipantsEndToEnd) {
  for (int batch = 0; batch < 6; ++batch) {
    std::vector<std::string> names;
    for (int i = 0; i < 7; ++i) names.push_back("guest " + std::to_string(batch * 7 + i));
    admit(names);
    join_external("late " + std::to_string(batch));
  }
  join_external("last");
  ASSERT_EQ(members.size(), 50u);
  EXPECT_EQ(members[0].group().tree().member_count(), 50u);
  expect_agreement();
  for (std::size_t i = 1; i < members.size(); i += 7) {
    EXPECT_EQ(*members[i].display_name(members[0].group().own_leaf().value), "Host");
    EXPECT_EQ(members[i].meeting_title(), "Standup");
  }
  EXPECT_EQ(*members[0].display_name(members[49].group().own_leaf().value), "last");

  ASSERT_TRUE(is_ok(members[17].send_chat(server, "hello all")));
  ASSERT_TRUE(is_ok(members[17].update(server)));
  std::size_t heard = 0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    auto report = members[i].sync(server);
    ASSERT_TRUE(is_ok(report));
    if (i == 17) continue;
    ASSERT_EQ(report->chats.size(), 1u);
    EXPECT_EQ(report->chats[0].text, "hello all");
    EXPECT_EQ(report->chats[0].sender, members[17].group().own_leaf().value);
    EXPECT_EQ(report->commits, 1u);
    heard += 1;
  }
  EXPECT_EQ(heard, 49u);
  expect_agreement();
  for (std::size_t i = 1; i < members.size(); ++i) {
    EXPECT_EQ(*send_frame(members[0], members[i], "video"), "video");
    EXPECT_EQ(*send_frame(members[i], members[(i * 13) % 50 == i ? 0 : (i * 13) % 50], "audio"), "audio");
  }
}

TEST_F(MeetingTest, EveryEpochHasItsOwnCode) {
  admit({"alice"});
  const auto before = *members[0].security_code();
  ASSERT_TRUE(is_ok(members[1].update(server)));
  sync_all();
  expect_agreement();
  const auto after = *members[1].security_code();
  EXPECT_EQ(after.epoch, before.epoch + 1);
  EXPECT_NE(after.hex_groups, before.hex_groups);
}

TEST_F(MeetingTest, ExternalCommitWithoutThePskIsRejected) {
  admit({"alice", "bob"});
  expect_refused_by_all(server_external_commit({}, {}), Errc::psk_missing);
}

TEST_F(MeetingTest, ServerAttackerCannotJoinOrDeriveKeys) {
  admit({"alice"});
  const auto* record = server.record(link.meeting_id);
  ASSERT_NE(record, nullptr);

  // What the server stores holds neither the password nor the PSK.
  const auto psk = *password_psk(link.meeting_id, password);
  Bytes stored = concat({record->registration.verifier.verifier, record->registration.verifier.salt,
                         record->registration.wrapped_session_key, record->registration.sealed_title,
                         record->registration.group_info});
  for (const auto& message : record->log) stored.insert(stored.end(), message.begin(), message.end());
  const auto contains = [&](BytesView needle) {
    return std::search(stored.begin(), stored.end(), needle.begin(), needle.end()) != stored.end();
  };
  EXPECT_FALSE(contains(as_bytes(password)));
  EXPECT_FALSE(contains(psk.psk.view()));

  // A guessed password opens nothing and logs in nowhere.
  const auto guessed = *password_psk(link.meeting_id, "guessed-password");
  EXPECT_TRUE(fails_with(unwrap_session_key(guessed, record->registration.wrapped_session_key), Errc::aead_failure));
  EXPECT_TRUE(fails_with(Guest::log_in(server, link, "guessed-password", "eve", profile, random), Errc::proof_invalid));

  // An external Commit naming the PSK with a guessed value fails the
  // confirmation tag at every member.
  const mls::PreSharedKeyId id{{mls::ExternalPskId{psk.psk_id}}, Bytes(32, 5)};
  auto guess = [&](const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return guessed.psk.clone(); };
  expect_refused_by_all(server_external_commit({id}, guess), Errc::confirmation_tag_invalid);

  // A KeyPackage slipped into the queue without the PSK's tag is not added.
  const auto& suite = members[0].group().suite();
  auto eve = *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes{'e'}}},
                                      suite.signature().generate_key_pair(random), {}, random);
  const auto forged = make_join_request(guessed, eve.key_package);
  const_cast<MeetingRecord*>(record)->join_requests.push_back(codec::encode(forged));
  EXPECT_EQ(*members[0].admit(server), 0u);
  EXPECT_EQ(members[0].group().tree().member_count(), 2u);
}

// A guest's Welcome and KeyPackage keys without the password: no PSK, or
// a wrong one, opens nothing of the group.
TEST_F(MeetingTest, AWelcomeWithoutThePasswordYieldsNoKeys) {
  const auto& suite = members[0].group().suite();
  const auto psk = *password_psk(link.meeting_id, password);
  mls::KeyPackageOptions options;
  add_meeting_capabilities(options.capabilities);
  auto bundle = *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes{'k'}}},
                                         suite.signature().generate_key_pair(random), options, random);
  const auto* record = server.record(link.meeting_id);
  const_cast<MeetingRecord*>(record)->join_requests.push_back(codec::encode(make_join_request(psk, bundle.key_package)));
  ASSERT_EQ(*members[0].admit(server), 1u);
  const auto& stored = record->welcomes.begin()->second;
  const auto welcome = *codec::decode<mls::MlsMessage>(*stored.welcome);
  const auto tree = *codec::decode<mls::RatchetTreeNodes>(*stored.ratchet_tree);
  const auto join = [&](mls::PskLookup lookup) {
    mls::GroupConfig config;
    config.psks = std::move(lookup);
    mls::KeyPackageKeys keys{bundle.keys.init_private_key.clone(), bundle.keys.encryption_private_key.clone(),
                             bundle.keys.signature_private_key.clone()};
    return mls::Group::join(*welcome.body.get_if<mls::Welcome>(), bundle.key_package, std::move(keys), tree,
                            std::move(config));
  };
  EXPECT_TRUE(fails_with(join({}), Errc::unknown_psk));
  const auto guessed = *password_psk(link.meeting_id, "guessed-password");
  EXPECT_TRUE(fails_with(join([&](const mls::PreSharedKeyId&) { return std::optional(guessed.psk.clone()); }),
                         Errc::aead_failure));
  auto joined = join([&](const mls::PreSharedKeyId&) { return std::optional(psk.psk.clone()); });
  ASSERT_TRUE(is_ok(joined));
  EXPECT_EQ(joined->epoch(), members[0].group().epoch());
}

// The LiveKit keying, when the profile asks for it, follows every epoch.
TEST_F(MeetingTest, LiveKitKeysFollowTheEpochs) {
  profile.livekit = true;
  admit({"alice"});
  auto bob = guest("bob");
  ASSERT_TRUE(is_ok(bob.request_welcome(server)));
  ASSERT_EQ(*members[0].admit(server), 1u);
  sync_all();
  members.push_back(std::move(*bob.join_from_welcome(server)));
  ASSERT_NE(members[2].livekit(), nullptr);
  const frame::LiveKitFrameInfo info{frame::LiveKitCodec::audio, false, 7, 960};
  for (int round = 0; round < 2; ++round) {
    const std::string audio = "opus frame " + std::to_string(round);
    Bytes out(frame::LiveKitCryptor::max_protected_size(audio.size()));
    auto size = members[2].livekit()->protect(info, as_bytes(audio), out);
    ASSERT_TRUE(is_ok(size));
    out.resize(*size);
    Bytes opened(out.size());
    auto got = members[1].livekit()->unprotect(info, out, opened);
    ASSERT_TRUE(is_ok(got));
    EXPECT_EQ(got->key_index, members[1].group().epoch() % 256);
    EXPECT_EQ(std::string(opened.begin(), opened.begin() + static_cast<std::ptrdiff_t>(got->size)), audio);
    ASSERT_TRUE(is_ok(members[0].update(server)));
    sync_all();
  }
}

TEST_F(MeetingTest, RemovedParticipantCannotDecryptLaterFrames) {
  admit({"alice", "bob"});
  ASSERT_EQ(*send_frame(members[1], members[2], "before"), "before");
  ASSERT_TRUE(is_ok(members[0].remove(server, members[2].group().own_leaf().value)));
  auto report = members[2].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_TRUE(report->removed);
  EXPECT_TRUE(members[2].removed());
  ASSERT_TRUE(is_ok(members[1].sync(server)));
  expect_agreement();
  EXPECT_TRUE(fails_with(send_frame(members[1], members[2], "after"), Errc::wrong_epoch));
  EXPECT_EQ(*send_frame(members[1], members[0], "after"), "after");
  EXPECT_TRUE(fails_with(members[2].sync(server), Errc::not_in_group));
}

TEST_F(MeetingTest, OnlyTheHostRemovesLocksAndRotates) {
  admit({"alice", "bob"});
  EXPECT_TRUE(fails_with(members[1].remove(server, 2), Errc::not_permitted));
  EXPECT_TRUE(fails_with(members[1].set_locked(server, true), Errc::not_permitted));
  EXPECT_TRUE(fails_with(members[1].rotate_link(server), Errc::not_permitted));
  EXPECT_TRUE(fails_with(members[1].admit(server), Errc::not_permitted));
  EXPECT_EQ(members[0].group().epoch(), members[1].group().epoch());
}

TEST_F(MeetingTest, LinkRotationLocksOutTheOldPassword) {
  admit({"alice"});
  auto early = guest("early");  // logged in under the old link
  const MeetingLink old_link = link.clone();
  auto rotated = members[0].rotate_link(server);
  ASSERT_TRUE(is_ok(rotated));
  auto report = members[1].sync(server);
  ASSERT_TRUE(is_ok(report));
  EXPECT_TRUE(report->link_rotated);
  EXPECT_EQ(report->commits, 1u);
  EXPECT_EQ(members[1].link().meeting_id, rotated->meeting_id);
  expect_agreement();

  EXPECT_TRUE(fails_with(Guest::log_in(server, old_link, password, "late", profile, random), Errc::unknown_meeting));
  // The session it logged in with ended at the rotation.
  EXPECT_TRUE(fails_with(early.join_by_external_commit(server), Errc::session_expired));
  EXPECT_TRUE(fails_with(early.request_welcome(server), Errc::session_expired));

  link = std::move(*rotated);
  password = link.meeting_password()->text();
  admit({"carol"});
  join_external("dave");
  expect_agreement();
  EXPECT_EQ(members[3].meeting_title(), "Standup");
  // Commits after the rotation carry the new PSK and no other.
  ASSERT_TRUE(is_ok(members[2].update(server)));
  sync_all();
  expect_agreement();
}

// A rotation ends the members' sessions at its Commit. A member that has
// not read it yet cannot renew its session with the link it knows (gone
// from the server): what it posts fails and changes nothing. Once it has
// read the rotation, under a session renewed with the new link's password,
// the same call succeeds.
TEST_F(MeetingTest, AMemberThatHasNotReadARotationPostsNothing) {
  admit({"alice"});
  const std::vector<std::pair<std::string, std::function<Status()>>> calls{
      {"send_chat", [this] { return members[1].send_chat(server, "hi"); }},
      {"update", [this] { return members[1].update(server); }},
      {"resync", [this] { return members[1].resync(server); }},
      {"leave", [this] { return members[1].leave(server); }},
  };
  for (const auto& [name, call] : calls) {
    auto rotated = members[0].rotate_link(server);
    ASSERT_TRUE(is_ok(rotated));
    const auto epoch = members[1].epoch();
    const auto logged = server.record(rotated->meeting_id)->log.size();
    EXPECT_TRUE(fails_with(call(), Errc::unknown_meeting)) << name;
    EXPECT_EQ(members[1].epoch(), epoch) << name;
    EXPECT_EQ(server.record(rotated->meeting_id)->log.size(), logged) << name;
    ASSERT_TRUE(is_ok(members[1].sync(server))) << name;
    ASSERT_EQ(members[1].link().meeting_id, rotated->meeting_id) << name;
    EXPECT_TRUE(is_ok(call())) << name;
    sync_all();
    expect_agreement();
  }
}

TEST_F(MeetingTest, AGuestThatJoinedCannotJoinAgain) {
  auto g = guest("once");
  auto joined = g.join_by_external_commit(server);
  ASSERT_TRUE(is_ok(joined));
  members.push_back(std::move(*joined));
  EXPECT_TRUE(fails_with(g.join_by_external_commit(server), Errc::out_of_order));
  EXPECT_TRUE(fails_with(g.join_from_welcome(server), Errc::out_of_order));
  EXPECT_TRUE(fails_with(g.request_welcome(server), Errc::out_of_order));
  EXPECT_TRUE(g.meeting_title().empty());
  sync_all();
  expect_agreement();
}

TEST_F(MeetingTest, LockedMeetingRefusesJoins) {
  admit({"alice"});
  auto early = guest("early");
  ASSERT_TRUE(is_ok(members[0].set_locked(server, true)));
  sync_all();
  EXPECT_EQ(members[1].roles()->locked, 1);
  EXPECT_TRUE(fails_with(Guest::log_in(server, link, password, "late", profile, random), Errc::not_permitted));
  EXPECT_TRUE(fails_with(early.join_by_external_commit(server), Errc::not_permitted));
  EXPECT_TRUE(fails_with(early.request_welcome(server), Errc::not_permitted));

  // A server that ignores the lock still cannot add anyone: the members
  // refuse an external Commit while the group is locked, even with the PSK.
  const auto psk = *password_psk(link.meeting_id, password);
  const mls::PreSharedKeyId id{{mls::ExternalPskId{psk.psk_id}}, Bytes(32, 5)};
  auto real = [&](const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return psk.psk.clone(); };
  expect_refused_by_all(server_external_commit({id}, real), Errc::not_permitted);
  ASSERT_TRUE(is_ok(members[0].set_locked(server, false)));
  sync_all();
  join_external("after unlock");
  expect_agreement();
}

// The server registers a meeting only whole: a fresh, non-empty ID, the
// verifier of that ID, and the group's GroupInfo as a joiner would check it;
// a refused registration leaves no meeting to log in to.
TEST_F(MeetingTest, TheServerRegistersOnlyAWholeMeetingUnderAFreshId) {
  const std::string id = "OTHERMEETING";
  const auto registration = [&](const std::string& name, const std::string& identity, Bytes group_info) {
    auto verifier = srp::register_password(test::meeting_srp(), as_bytes(identity), as_bytes(password), random);
    EXPECT_TRUE(is_ok(verifier));
    return MeetingRegistration{name, std::move(*verifier), {}, {}, std::move(group_info), {}};
  };
  const Bytes group_info = *server.group_info(*log_in_session(server, profile, link, password, random));
  auto forged = *codec::decode<mls::MlsMessage>(group_info);
  forged.body.get_if<mls::GroupInfo>()->signature.back() ^= 1;
  EXPECT_TRUE(fails_with(server.create_meeting(registration(link.meeting_id, link.meeting_id, group_info)),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(server.create_meeting(registration("", "", group_info)), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(server.create_meeting(registration(id, "ANOTHER", group_info)), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(server.create_meeting(registration(id, id, Bytes{1, 2})), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(server.create_meeting(registration(id, id, codec::encode(forged))), Errc::signature_invalid));
  EXPECT_EQ(server.record(id), nullptr);
  EXPECT_TRUE(fails_with(server.begin_login(id, Bytes(256, 1)), Errc::unknown_meeting));
  EXPECT_TRUE(is_ok(server.create_meeting(registration(id, id, group_info))));
}

// Every way into a meeting needs the server's SRP variant in its profile.
TEST_F(MeetingTest, AProfileWithoutTheSrpVariantIsRefused) {
  const MeetingProfile without{.srp = nullptr};
  const auto logged = server.record(link.meeting_id)->log.size();
  EXPECT_TRUE(fails_with(Participant::host_meeting(server, link, password, "Host", "Title", without, random),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(Guest::log_in(server, link, password, "Guest", without, random), Errc::invalid_argument));
  storage::MemoryStore store;
  EXPECT_TRUE(fails_with(Participant::load(store, members[0].group().context().group_id, without, random),
                         Errc::invalid_argument));
  EXPECT_EQ(server.record(link.meeting_id)->log.size(), logged);
}

}  // namespace

