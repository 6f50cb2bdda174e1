// RFC 9420 section 14 (deletion schedule) and section 12.4.2's note on late
// messages: a member keeps the last GroupConfig::past_epochs epochs, whose
// application messages still open once each, verified against the sender's
// signature key of that epoch; older epochs' messages are Errc::epoch_expired,
// epochs never held Errc::wrong_epoch, and past handshake messages are
// refused. Every refusal leaves the group unchanged.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>

#include "group_fixtures.hpp"
#include "group_snapshot.hpp"
#include "mls/group_state.hpp"
#include "test_support.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

constexpr std::uint32_t carol_leaf = 2;

class PastEpochTest : public GroupTest {
 protected:
  MlsMessage send(Group& sender, std::string_view text) {
    auto message = sender.protect(as_bytes(text), {}, random);
    EXPECT_TRUE(is_ok(message));
    return std::move(*message);
  }

  // A Commit of `committer`'s, merged, then processed by `others`.
  void commit(Group& committer, const CommitOptions& options, const std::vector<Group*>& others) {
    auto output = committer.commit(options, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(committer.merge_pending_commit()));
    for (auto* other : others) ASSERT_TRUE(is_ok(other->process(output->commit)));
  }

  // A full Commit (with a path) and nothing else.
  void commit_path(Group& committer, const std::vector<Group*>& others) {
    commit(committer, {.include_received = false, .force_path = true}, others);
  }

  // Alice created the group and added Bob and Carol (epoch 1).
  struct Trio {
    Group alice;
    std::vector<Group> joined;
    Group& bob() { return joined[0]; }
    Group& carol() { return joined[1]; }
  };
  Trio trio() {
    auto alice = create("alice");
    auto joined = add(alice, {"bob", "carol"});
    return {std::move(alice), std::move(joined)};
  }
  // Carol's messages "epoch 1" and, after a full Commit of Alice's that Bob
  // and Carol process, "epoch 2".
  std::pair<MlsMessage, MlsMessage> carol_in_two_epochs(Trio& group) {
    auto first = send(group.carol(), "epoch 1");
    commit_path(group.alice, {&group.bob(), &group.carol()});
    return {std::move(first), send(group.carol(), "epoch 2")};
  }

  // `receiver` reads `text`, sent in `epoch`.
  static void expect_reads(Group& receiver, const MlsMessage& message, std::string_view text,
                           std::uint64_t epoch) {
    auto received = receiver.process(message);
    ASSERT_TRUE(is_ok(received));
    EXPECT_EQ(received->kind, Received::Kind::application);
    EXPECT_EQ(std::string(received->application_data.begin(), received->application_data.end()), text);
    EXPECT_EQ(received->epoch, epoch);
  }

  // `receiver` refuses `message` with `expected` and stays as it was.
  static void expect_refused(Group& receiver, const MlsMessage& message, Errc expected) {
    const Snapshot before = snapshot(receiver);
    EXPECT_TRUE(fails_with(receiver.process(message), expected));
    EXPECT_TRUE(unchanged(receiver, before));
  }
};

class PastEpochSuiteTest : public PastEpochTest, public ::testing::WithParamInterface<CipherSuiteId> {
 protected:
  PastEpochSuiteTest() { suite = *CipherSuite::find(GetParam()); }
};

// The scenario: messages 1 and 2 before a full Commit, 3 and 4
// after; Bob processes the Commit first, then reads them newest first.
TEST_P(PastEpochSuiteTest, LateMessagesReadInReverseAfterACommit) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto one = send(alice, "1");
  const auto two = send(alice, "2");
  auto output = alice.commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  const auto three = send(alice, "3");
  const auto four = send(alice, "4");

  ASSERT_TRUE(is_ok(bob.process(output->commit)));
  ASSERT_EQ(bob.epoch(), 2u);
  expect_reads(bob, four, "4", 2);
  expect_reads(bob, three, "3", 2);
  expect_reads(bob, two, "2", 1);
  expect_reads(bob, one, "1", 1);
}

INSTANTIATE_TEST_SUITE_P(EverySuite, PastEpochSuiteTest,
                         ::testing::Values(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519,
                                           CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256,
                                           CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519,
                                           CipherSuiteId::mls_256_dhkemx448_aes256gcm_sha512_ed448,
                                           CipherSuiteId::mls_256_dhkemp521_aes256gcm_sha512_p521,
                                           CipherSuiteId::mls_256_dhkemx448_chacha20poly1305_sha512_ed448,
                                           CipherSuiteId::mls_256_dhkemp384_aes256gcm_sha384_p384),
                         [](const auto& test) { return "suite_" + std::to_string(static_cast<int>(test.param)); });

// Section 9.2: a past epoch's key opens one message once.
TEST_F(PastEpochTest, EachLateMessageOpensOnce) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto late = send(alice, "late");
  commit_path(alice, {&bob});
  expect_reads(bob, late, "late", 1);
  expect_refused(bob, late, Errc::generation_consumed);
}

// Section 6.3: a late message altered on the way (by the server, or by an
// outsider who holds no key of the epoch) opens nothing and spends nothing;
// the genuine one still opens afterwards. Marked as of another version or
// group (section 6), it is no late message of this group's at all.
TEST_F(PastEpochTest, AnAlteredLateMessageSpendsNoKey) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto late = send(alice, "late");
  commit_path(alice, {&bob});
  auto content = late;
  auto& sealed = *content.body.get_if<PrivateMessage>();
  sealed.ciphertext = test::with_bit_flipped(sealed.ciphertext, sealed.ciphertext.size() / 2);
  expect_refused(bob, content, Errc::aead_failure);
  auto sender_data = late;
  auto& header = *sender_data.body.get_if<PrivateMessage>();
  header.encrypted_sender_data = test::with_bit_flipped(header.encrypted_sender_data, 0);
  expect_refused(bob, sender_data, Errc::aead_failure);
  auto data = late;
  data.body.get_if<PrivateMessage>()->authenticated_data = Bytes{'x'};
  expect_refused(bob, data, Errc::aead_failure);
  auto version = late;
  version.version = static_cast<ProtocolVersion>(2);
  expect_refused(bob, version, Errc::invalid_value);
  auto elsewhere = late;
  elsewhere.body.get_if<PrivateMessage>()->group_id.push_back('x');
  expect_refused(bob, elsewhere, Errc::wrong_group);
  expect_reads(bob, late, "late", 1);
}

// Section 14: K past epochs are kept; the one before them is deleted. An
// epoch before Bob joined, or not yet reached, was never held.
TEST_F(PastEpochTest, EpochsBeyondTheKeptOnesExpire) {
  member_config.past_epochs = 2;
  auto alice = create("alice");
  const auto before_joining = send(alice, "epoch 0");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  std::vector<MlsMessage> sent;
  for (int i = 0; i < 3; ++i) {
    sent.push_back(send(alice, "old"));
    commit_path(alice, {&bob});
  }
  ASSERT_EQ(bob.epoch(), 4u);
  expect_refused(bob, sent[0], Errc::epoch_expired);
  expect_reads(bob, sent[1], "old", 2);
  expect_reads(bob, sent[2], "old", 3);
  expect_refused(bob, before_joining, Errc::wrong_epoch);

  auto ahead = alice.commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(ahead));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  expect_refused(bob, send(alice, "epoch 5"), Errc::wrong_epoch);
}

// Section 14 with past_epochs = 0: every earlier epoch is deleted at once.
TEST_F(PastEpochTest, NoPastEpochIsKeptWithZero) {
  member_config.past_epochs = 0;
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto late = send(alice, "late");
  commit_path(alice, {&bob});
  expect_refused(bob, late, Errc::epoch_expired);
}

// Section 12.4.2's note covers application messages only: a past epoch's
// proposals and Commits, public or private, are refused as before, and its
// application messages still open afterwards.
TEST_F(PastEpochTest, PastHandshakeMessagesAreRefused) {
  auto group = trio();
  auto& bob = group.bob();
  auto& carol = group.carol();
  const auto late = send(carol, "late");
  auto public_proposal = carol.propose(Proposal{Remove{0}});
  auto private_proposal = carol.propose(Proposal{Remove{0}}, {.encrypt_with = &random});
  ASSERT_TRUE(is_ok(public_proposal));
  ASSERT_TRUE(is_ok(private_proposal));
  auto public_commit = carol.commit({.include_received = false}, random);
  ASSERT_TRUE(is_ok(public_commit));
  carol.discard_pending_commit();
  auto private_commit = carol.commit({.include_received = false, .encrypt = true}, random);
  ASSERT_TRUE(is_ok(private_commit));
  carol.discard_pending_commit();
  commit_path(group.alice, {&bob});

  for (const auto* message : {&*public_proposal, &*private_proposal, &public_commit->commit, &private_commit->commit}) {
    expect_refused(bob, *message, Errc::wrong_epoch);
  }
  expect_reads(bob, late, "late", 1);
}

// Section 12.4.2's note: a member removed by a Commit still reads late
// application messages of the epoch it was removed in and of the past
// epochs it kept; nothing of a later epoch.
TEST_F(PastEpochTest, RemovedMemberReadsItsLastEpochs) {
  auto group = trio();
  auto& bob = group.bob();
  auto& carol = group.carol();
  const auto [first, second] = carol_in_two_epochs(group);
  auto proposal = carol.propose(Proposal{Remove{0}}, {.encrypt_with = &random});
  ASSERT_TRUE(is_ok(proposal));
  commit(group.alice, {.proposals = {Proposal{Remove{bob.own_leaf().value}}}}, {&bob, &carol});
  const auto third = send(carol, "epoch 3");

  expect_reads(bob, second, "epoch 2", 2);
  expect_reads(bob, first, "epoch 1", 1);
  expect_refused(bob, second, Errc::generation_consumed);
  expect_refused(bob, *proposal, Errc::not_in_group);
  expect_refused(bob, third, Errc::not_in_group);
}

// The epoch a member was removed in counts as one of its past epochs: with
// one kept, it reads that epoch only; with none, nothing.
TEST_F(PastEpochTest, RemovedMemberKeepsNoMoreThanTheLimit) {
  for (const std::size_t kept : {std::size_t{1}, std::size_t{0}}) {
    SCOPED_TRACE(kept);
    member_config.past_epochs = kept;
    auto group = trio();
    auto& bob = group.bob();
    const auto [first, second] = carol_in_two_epochs(group);
    commit(group.alice, {.proposals = {Proposal{Remove{bob.own_leaf().value}}}}, {&bob});

    expect_refused(bob, first, Errc::not_in_group);
    if (kept == 1) {
      expect_reads(bob, second, "epoch 2", 2);
    } else {
      expect_refused(bob, second, Errc::not_in_group);
    }
  }
}

// Section 6.1 for a late message: the sender's signature key is the one its
// leaf had in the message's epoch, even after an Update gave the leaf a new
// key two epochs on; a message of that epoch signed with the new key is
// refused.
TEST_F(PastEpochTest, LateMessageVerifiesAgainstTheKeyOfItsEpoch) {
  auto group = trio();
  auto& alice = group.alice;
  auto& bob = group.bob();
  auto& carol = group.carol();
  const auto bob_in_epoch_1 = bob.serialize();
  ASSERT_TRUE(is_ok(bob_in_epoch_1));
  const auto [first, second] = carol_in_two_epochs(group);

  auto fresh = suite.signature().generate_key_pair(random);
  LeafNode leaf = *carol.tree().leaf(carol.own_leaf());
  leaf.encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  leaf.signature_key = fresh.public_key;
  leaf.source = LeafNodeSourceData{UpdateSource{}};
  leaf.signature = *suite.sign_with_label(fresh.private_key, "LeafNodeTBS",
                                          leaf_node_tbs(leaf, carol.context().group_id, carol.own_leaf()));
  auto update = carol.propose(Proposal{Update{leaf}});
  ASSERT_TRUE(is_ok(update));
  ASSERT_TRUE(is_ok(alice.process(*update)));
  ASSERT_TRUE(is_ok(bob.process(*update)));
  commit(alice, {}, {&bob});
  ASSERT_EQ(test::copy_of(bob.tree().signature_key(LeafIndex{carol_leaf})), fresh.public_key);

  auto twin = load_group_state(bob_in_epoch_1->view(), member_config);
  ASSERT_TRUE(is_ok(twin));
  const FramedContent forged_content{carol.context().group_id, 1, Sender{MemberSender{carol_leaf}}, {},
                                     Content{ApplicationData{Bytes{'f'}}}};
  auto forged = (*twin)->epoch.protection->protect_private(forged_content, fresh.private_key, {}, random);
  ASSERT_TRUE(is_ok(forged));
  expect_refused(bob, {ProtocolVersion::mls10, MessageBody{std::move(*forged)}}, Errc::signature_invalid);

  expect_reads(bob, first, "epoch 1", 1);
  expect_reads(bob, second, "epoch 2", 2);
}

// A sender removed by the next Commit has a blank leaf now; its late
// message still verifies against the key it had.
TEST_F(PastEpochTest, LateMessageOfARemovedSenderVerifies) {
  auto group = trio();
  auto& bob = group.bob();
  const auto late = send(group.carol(), "before removal");
  commit(group.alice, {.proposals = {Proposal{Remove{carol_leaf}}}}, {&bob});
  ASSERT_FALSE(bob.tree().is_member(LeafIndex{carol_leaf}));
  expect_reads(bob, late, "before removal", 1);
}

// Section 11.2: once a ReInit is committed the group takes no new message,
// but late application messages of the epochs before still open.
TEST_F(PastEpochTest, ReinitializedGroupReadsLateMessages) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto late = send(alice, "before reinit");
  const ReInit reinit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(), {}};
  commit(alice, {.proposals = {Proposal{reinit}}}, {&bob});
  ASSERT_NE(bob.pending_reinit(), nullptr);
  expect_reads(bob, late, "before reinit", 1);
  expect_refused(bob, late, Errc::generation_consumed);
}

// Group::serialize() keeps the past epochs (with the signature keys they
// need: the sender is removed since) and the first epoch held.
TEST_F(PastEpochTest, ReloadedGroupKeepsPastEpochs) {
  auto alice = create("alice");
  const auto before_joining = send(alice, "epoch 0");
  auto joined = add(alice, {"bob", "carol"});
  auto& bob = joined[0];
  const auto late = send(joined[1], "late");
  commit(alice, {.proposals = {Proposal{Remove{carol_leaf}}}}, {&bob});

  auto stored = bob.serialize();
  ASSERT_TRUE(is_ok(stored));
  auto reloaded = Group::deserialize(stored->view(), member_config);
  ASSERT_TRUE(is_ok(reloaded));
  EXPECT_TRUE(*reloaded->serialize() == *stored);
  expect_reads(*reloaded, late, "late", 1);
  expect_refused(*reloaded, before_joining, Errc::wrong_epoch);
}

// Whether `secret`'s bytes appear anywhere in `stored`.
bool holds(const crypto::Secret& stored, const crypto::Secret& secret) {
  const BytesView haystack = stored.view();
  const BytesView needle = secret.view();
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// Section 14: a past epoch keeps its sender data secret, not its
// membership key, init, exporter or external secret; once deleted, the
// state holds nothing of it.
TEST_F(PastEpochTest, PastEpochKeepsOnlyWhatLateMessagesNeed) {
  member_config.past_epochs = 1;
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto& bob = joined[0];
  const auto in_epoch_1 = bob.serialize();
  ASSERT_TRUE(is_ok(in_epoch_1));
  auto state = load_group_state(in_epoch_1->view(), member_config);
  ASSERT_TRUE(is_ok(state));
  const auto protection = (*state)->epoch.protection->store();
  const EpochState& secrets = (*state)->epoch;

  commit_path(alice, {&bob});
  const auto in_epoch_2 = bob.serialize();
  ASSERT_TRUE(is_ok(in_epoch_2));
  EXPECT_TRUE(holds(*in_epoch_2, protection.sender_data_secret));
  for (const auto* gone : {&protection.membership_key, &secrets.init_secret, &secrets.exporter_secret,
                           &secrets.external_secret}) {
    EXPECT_FALSE(holds(*in_epoch_2, *gone));
  }

  commit_path(alice, {&bob});
  const auto in_epoch_3 = bob.serialize();
  ASSERT_TRUE(is_ok(in_epoch_3));
  EXPECT_FALSE(holds(*in_epoch_3, protection.sender_data_secret));
}

// A stored group whose past epochs do not fit it is refused
// (Errc::invalid_value): a first epoch held after a kept past epoch, a past
// epoch that is not the one before the current, a leaf count that is not a
// power of two, signers out of leaf order. The stored past epochs are the
// serialization's last field, after the first epoch held.
TEST_F(PastEpochTest, StoredPastEpochsThatDoNotFitAreRefused) {
  auto group = trio();
  auto& bob = group.bob();
  commit(group.alice, {.proposals = {Proposal{Remove{carol_leaf}}}}, {&bob});
  const auto stored = bob.serialize();
  ASSERT_TRUE(is_ok(stored));
  auto state = load_group_state(stored->view(), member_config);
  ASSERT_TRUE(is_ok(state));
  ASSERT_EQ((*state)->past_epochs.size(), 1u);
  const PastEpoch& past = (*state)->past_epochs.front();
  ASSERT_EQ(past.signers_before_next.size(), 2u);  // alice's path leaf, carol's
  // The stored past epochs, the one kept changed by `change`.
  auto encoded_past = [&](const std::function<void(StoredPastEpoch&)>& change) {
    std::vector<StoredPastEpoch> list;
    list.push_back(store_past_epoch(past, true));
    change(list.front());
    return codec::encode(list);
  };
  const Bytes whole = test::copy_of(stored->view());
  const auto head = whole.end() - static_cast<std::ptrdiff_t>(encoded_past([](StoredPastEpoch&) {}).size());
  auto with_past = [&](const std::function<void(StoredPastEpoch&)>& change) {
    Bytes out(whole.begin(), head);
    const Bytes encoded = encoded_past(change);
    out.insert(out.end(), encoded.begin(), encoded.end());
    return out;
  };
  ASSERT_EQ(with_past([](StoredPastEpoch&) {}), whole);
  Bytes late_first_epoch = whole;
  late_first_epoch[static_cast<std::size_t>(head - whole.begin()) - 1] = 2;  // the last byte of a uint64

  int tampering = 0;
  for (const Bytes& tampered :
       {late_first_epoch, with_past([](StoredPastEpoch& p) { p.context.epoch = 0; }),
        with_past([](StoredPastEpoch& p) { p.leaves = 3; }),
        with_past([](StoredPastEpoch& p) { std::swap(p.signers_before_next[0], p.signers_before_next[1]); })}) {
    SCOPED_TRACE(tampering++);
    EXPECT_TRUE(fails_with(Group::deserialize(tampered, member_config), Errc::invalid_value));
  }
}

}  // namespace
}  // namespace conclave::mls
