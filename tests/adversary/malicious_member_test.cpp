// The malicious member: a member of the group with its own client, which
// signs whatever it likes as its own leaf. Promises P5 (the server takes
// only Commits that keep the meeting's rules), P7 (it acts only as its own
// leaf) and P8 (a Commit the others refuse strands no one).

#include <functional>

#include "adversary_fixtures.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/mls/membership_proof.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

class AdversaryMaliciousMember : public conclave::test::AdversaryFixture {
 protected:
  void SetUp() override {
    admit({"alice"});
    mallory.emplace(rogue_member());
  }

  std::optional<conclave::test::RogueMember> mallory;

  // Mallory's application message of `plaintext`, sealed in its epoch with
  // its leaf's proof, as the server takes it.
  void mallory_sends(BytesView plaintext) {
    auto& group = mallory->group;
    auto sealed = group.protect(plaintext, {}, random);
    auto proof = mls::make_membership_proof(group.tree(), group.own_leaf());
    ASSERT_TRUE(is_ok(sealed));
    ASSERT_TRUE(is_ok(proof));
    const mls::SenderAuthenticatedMessage<mls::PrivateMessage> message{
        std::move(*sealed->body.get_if<mls::PrivateMessage>()), std::move(*proof)};
    ASSERT_TRUE(is_ok(server.post(mallory->token, codec::encode(message))));
  }

  void mallory_says(MeetingMessageType type, const crypto::Secret& body) {
    mallory_sends(codec::encode_secret(MeetingMessage{type, body.clone()}).view());
  }

  // A link rotation of `url`, `next_password` and a session key of `key_size` bytes.
  void mallory_announces(const crypto::Secret& url, std::string_view next_password, std::size_t key_size) {
    const LinkRotation rotation{url.clone(), crypto::Secret(as_bytes(next_password)), crypto::Secret(key_size)};
    mallory_says(MeetingMessageType::link_rotation, codec::encode_secret(rotation));
  }

  // Mallory's Commit whose GroupInfo has `change` made to its extensions.
  meeting::CommitPost with_group_info(const std::function<void(mls::ExtensionList&)>& change) {
    auto post = rogue_commit(*mallory);
    auto message = *codec::decode<mls::MlsMessage>(post.group_info);
    change(message.body.get_if<mls::GroupInfo>()->extensions);
    post.group_info = codec::encode(message);
    return post;
  }

  static std::function<void(mls::ExtensionList&)> without(mls::ExtensionType type) {
    return [type](mls::ExtensionList& extensions) {
      extensions.erase(std::remove_if(extensions.begin(), extensions.end(),
                                      [type](const mls::Extension& e) { return e.extension_type == type; }),
                       extensions.end());
    };
  }

  // Every member refuses what Mallory just sent with `why`, learns no link
  // and stays at its epoch.
  void expect_refused(Errc why) {
    for (auto& member : members) {
      const auto epoch = member.epoch();
      const std::string meeting_id = member.link().meeting_id;
      auto report = member.sync(server);
      ASSERT_TRUE(is_ok(report));
      ASSERT_EQ(report->refused.size(), 1u);
      EXPECT_EQ(report->refused[0].second, why) << to_string(report->refused[0].second);
      EXPECT_FALSE(report->link_rotated);
      EXPECT_EQ(member.epoch(), epoch);
      EXPECT_EQ(member.link().meeting_id, meeting_id);
    }
  }

  // The meeting goes on at the link it had: a Commit everyone takes.
  void expect_link_kept() {
    ASSERT_TRUE(is_ok(members[0].update(server)));
    sync_all();
    expect_agreement();
    for (const auto& member : members) EXPECT_EQ(member.link().meeting_id, link.meeting_id);
  }
};

// P8: a Commit whose membership tag is wrong passes the server (which holds
// no membership key); every member refuses it, resyncs, and the host then
// keeps the attacker out.
TEST_F(AdversaryMaliciousMember, ACommitTheMembersRefuseStrandsNoOne) {
  auto post = rogue_commit(*mallory);
  auto message = *codec::decode<mls::MlsMessage>(post.commit);
  (*message.body.get_if<mls::PublicMessage>()->membership_tag)[0] ^= 1;
  post.commit = codec::encode(message);
  ASSERT_TRUE(is_ok(server.post_commit(mallory->token, std::move(post))));
  expect_stranded(Errc::membership_tag_invalid);
  resync_all();
  expect_agreement();
  auto rotated = members[0].remove_and_keep_out(server, mallory->group.own_leaf().value);
  ASSERT_TRUE(is_ok(rotated));
  use_link(std::move(*rotated));
  sync_all();
  expect_agreement();
  EXPECT_EQ(members[0].group().tree().member_count(), 2u);
}

// P5: only the host removes others, and the server knows it.
TEST_F(AdversaryMaliciousMember, ItCannotRemoveAnother) {
  const auto before = log_size();
  auto post = rogue_commit(*mallory, {mls::Proposal{mls::Remove{members[1].group().own_leaf().value}}});
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, std::move(post)), Errc::not_permitted));
  EXPECT_EQ(log_size(), before);
  sync_all();
  expect_agreement();
}

// P5: only the host adds.
TEST_F(AdversaryMaliciousMember, ItCannotAdd) {
  auto post = rogue_commit(*mallory, {mls::Proposal{mls::Add{key_package("eve").key_package}}});
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, std::move(post)), Errc::not_permitted));
  sync_all();
  expect_agreement();
}

// P7: a resync takes over only a leaf whose signature key the joiner holds;
// Mallory copies Alice's credential but not her key.
TEST_F(AdversaryMaliciousMember, ItCannotTakeOverAnothersLeaf) {
  auto token = log_in(link, password);
  ASSERT_TRUE(is_ok(token));
  const auto alice = members[1].group().own_leaf();
  const auto& suite = members[0].group().suite();
  mls::KeyPackageOptions options;
  add_meeting_capabilities(options.capabilities);
  auto bundle = *mls::create_key_package(suite, members[0].group().tree().leaf(alice)->credential,
                                         suite.signature().generate_key_pair(random), options, random);
  const auto psk = *password_psk(link.meeting_id, password);
  mls::GroupConfig config;
  config.psks = [&psk](const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return psk.psk.clone(); };
  const mls::PreSharedKeyId id{{mls::ExternalPskId{Bytes(link.meeting_id.begin(), link.meeting_id.end())}},
                               Bytes(32, 9)};
  auto joined = mls::Group::join_external(current_group_info(*token), std::move(bundle), std::nullopt,
                                          std::move(config), random, {.replacing = alice, .psks = {id}});
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(fails_with(server.post_commit(*token, post_of(*joined)), Errc::not_permitted));
  // From Mallory's own session, bound to its leaf, a resync may replace only that leaf.
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, post_of(*joined)), Errc::not_permitted));
  sync_all();
  expect_agreement();
}

// P7: its session is bound to its own leaf; it neither posts another
// member's Commit nor rebinds to another leaf.
TEST_F(AdversaryMaliciousMember, ItActsOnlyAsItsOwnLeaf) {
  const auto& suite = members[0].group().suite();
  const Bytes digest = crypto::hash(crypto::HashId::sha256, mallory->token);
  const auto signature =
      *suite.sign_with_label(suite.signature().generate_key_pair(random).private_key, session_binding_label, digest);
  EXPECT_TRUE(fails_with(server.bind_session(mallory->token, members[1].group().own_leaf().value, signature),
                         Errc::not_permitted));
  // Alice's Commit, posted from Mallory's session.
  const auto before = log_size();
  auto alice_commit = rogue_commit(*mallory);
  auto message = *codec::decode<mls::MlsMessage>(alice_commit.commit);
  message.body.get_if<mls::PublicMessage>()->content.sender = mls::Sender{mls::MemberSender{members[1].group().own_leaf().value}};
  alice_commit.commit = codec::encode(message);
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, std::move(alice_commit)), Errc::not_permitted));
  EXPECT_EQ(log_size(), before);
}

// Only the host announces the next link: a member's announcement, however
// well formed, is refused by every member, which keeps its link.
TEST_F(AdversaryMaliciousMember, ItCannotAnnounceALink) {
  const auto next = *MeetingLink::generate("https://meet.example", random);
  mallory_announces(next.url(), next.meeting_password()->text(), metadata_session_key_size);
  expect_refused(Errc::not_permitted);
  expect_link_kept();
}

// What a member sends must be a MeetingMessage of a known type.
TEST_F(AdversaryMaliciousMember, ItsMalformedMessagesAreRefused) {
  mallory_sends({});
  expect_refused(Errc::truncated);
  mallory_says(static_cast<MeetingMessageType>(3), crypto::Secret(as_bytes(std::string_view("hello"))));
  expect_refused(Errc::invalid_value);
  expect_link_kept();
}

// Made host, Mallory announces links the members cannot use: each is
// refused whole, before any of it is taken.
TEST_F(AdversaryMaliciousMember, AHostsMalformedLinkRotationIsRefused) {
  ASSERT_TRUE(is_ok(members[0].set_roles(server, {mallory->group.own_leaf().value, {}, 0})));
  sync_all();
  auto handover = codec::decode<mls::MlsMessage>(server.record(link.meeting_id)->log.back());
  ASSERT_TRUE(is_ok(handover));
  ASSERT_TRUE(is_ok(mallory->group.process(*handover)));
  const auto next = *MeetingLink::generate("https://meet.example", random);
  const std::string next_password(next.meeting_password()->text());
  mallory_says(MeetingMessageType::link_rotation, crypto::Secret(as_bytes(std::string_view("\x05"))));
  expect_refused(Errc::truncated);
  mallory_announces(next.url(), next_password, metadata_session_key_size - 1);
  expect_refused(Errc::invalid_length);
  mallory_announces(crypto::Secret(as_bytes(std::string_view("https://meet.example/elsewhere"))), next_password,
                    metadata_session_key_size);
  expect_refused(Errc::invalid_link);
  mallory_announces(next.url(), "", metadata_session_key_size);
  expect_refused(Errc::invalid_argument);
}

// P5 and P7: the server logs a proposal only as a PublicMessage of its
// epoch from the session's own leaf, and an application message only
// sealed in its epoch; whatever it refuses, the log is as it was.
TEST_F(AdversaryMaliciousMember, TheServerLogsOnlyItsOwnMessagesOfTheEpoch) {
  const auto before = log_size();
  auto proposal = mallory->group.propose(mls::Proposal{mls::SelfRemove{}});
  ASSERT_TRUE(is_ok(proposal));
  auto as_alice = *proposal;
  as_alice.body.get_if<mls::PublicMessage>()->content.sender =
      mls::Sender{mls::MemberSender{members[1].group().own_leaf().value}};
  EXPECT_TRUE(fails_with(server.post_proposal(mallory->token, codec::encode(as_alice)), Errc::not_permitted));
  auto sealed = mallory->group.propose(mls::Proposal{mls::Remove{members[1].group().own_leaf().value}},
                                       {.encrypt_with = &random});
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_TRUE(fails_with(server.post_proposal(mallory->token, codec::encode(*sealed)), Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(server.post_proposal(mallory->token, rogue_commit(*mallory).commit), Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(server.post_proposal(mallory->token, {}), Errc::truncated));
  const auto chat = codec::encode_secret(MeetingMessage{MeetingMessageType::chat, crypto::Secret(4)});
  auto message = mallory->group.protect(chat.view(), {}, random);
  ASSERT_TRUE(is_ok(message));
  const mls::SenderAuthenticatedMessage<mls::PrivateMessage> early{
      *message->body.get_if<mls::PrivateMessage>(), *mls::make_membership_proof(mallory->group.tree(), mallory->group.own_leaf())};
  // The group moves on without Mallory reading it: what it made is of the epoch before.
  ASSERT_TRUE(is_ok(members[0].update(server)));
  sync_all();
  const auto moved = log_size();
  EXPECT_TRUE(fails_with(server.post_proposal(mallory->token, codec::encode(*proposal)), Errc::wrong_epoch));
  EXPECT_TRUE(fails_with(server.post(mallory->token, codec::encode(early)), Errc::wrong_epoch));
  EXPECT_EQ(log_size(), moved);
  EXPECT_EQ(moved, before + 1);
}

// P5 and P8: the server takes a Commit only with a GroupInfo a stranded
// member or a joiner can use (section 12.4.3.2: the ratchet tree and an
// external_pub of the suite) and a Welcome that is one; each refusal leaves
// the log as it was.
TEST_F(AdversaryMaliciousMember, ACommitMustBringAGroupInfoOthersCanJoinFrom) {
  const auto before = log_size();
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, with_group_info(without(mls::ExtensionType::ratchet_tree))),
                         Errc::invalid_argument));
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, with_group_info(without(mls::ExtensionType::external_pub))),
                         Errc::invalid_argument));
  const auto bad_key = [](mls::ExtensionList& extensions) {
    without(mls::ExtensionType::external_pub)(extensions);
    extensions.push_back(mls::make_extension(mls::ExternalPub{Bytes(5, 1)}));
  };
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, with_group_info(bad_key)), Errc::invalid_public_key));
  const auto garbled = [](mls::ExtensionList& extensions) {
    without(mls::ExtensionType::external_pub)(extensions);
    extensions.push_back({mls::ExtensionType::external_pub, Bytes{0x40}});
  };
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, with_group_info(garbled)), Errc::invalid_argument));
  auto post = rogue_commit(*mallory);
  post.group_info = post.commit;
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, post), Errc::invalid_argument));
  post = rogue_commit(*mallory);
  post.welcome = post.group_info;
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, post), Errc::invalid_argument));
  post.welcome = Bytes{};
  EXPECT_TRUE(fails_with(server.post_commit(mallory->token, post), Errc::truncated));
  EXPECT_EQ(log_size(), before);
  sync_all();
  expect_agreement();
}

}  // namespace
