// Issue 21 review (draft-ietf-mls-partial): attacks on a partial client by
// a malicious delivery service (which builds the annotations), an outsider
// and a member. A full group (alice, bob, carol) with a partial member
// (leaf 3) joined from an AnnotatedWelcome. Each refused input leaves the
// partial member as it was, and a valid message still processes after it.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/partial_group.hpp"
#include "../group_fixtures.hpp"
#include "mls/group_storage.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

Bytes text(std::string_view value) { return Bytes(value.begin(), value.end()); }

// What a refused input must leave as it was.
struct PartialSnapshot {
  std::uint64_t epoch;
  Bytes epoch_authenticator;
  Bytes exported;
  MembershipProof own_proof;
};

class PartialReviewTest : public GroupTest {
 protected:
  std::vector<Group> full;  // alice (0), bob (1), carol (2)
  std::optional<PartialGroup> partial;
  LeafIndex partial_leaf{3};

  void SetUp() override {
    full.push_back(create("alice"));
    for (auto& joined : add(full[0], {"bob", "carol"})) full.push_back(std::move(joined));
    join_partial();
  }

  // Alice adds a partial member at `partial_leaf` (the next free leaf),
  // which joins from its AnnotatedWelcome with partial_config().
  void join_partial() {
    auto bundle = key_package("partial");
    CommitOptions options{.proposals = {Proposal{Add{bundle.key_package}}}, .annotate = true};
    auto output = full[0].commit(options, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(full[0].merge_pending_commit()));
    for (std::size_t i = 1; i < full.size(); ++i) ASSERT_TRUE(is_ok(full[i].process(output->commit)));
    auto annotated =
        annotate_welcome(full[0].tree(), *output->welcome->body.get_if<Welcome>(), LeafIndex{0}, partial_leaf);
    ASSERT_TRUE(is_ok(annotated));
    auto joined = PartialGroup::join(*annotated, bundle.key_package, std::move(bundle.keys), partial_config());
    ASSERT_TRUE(is_ok(joined));
    partial.emplace(std::move(*joined));
  }

  // The partial member's settings: like the full members', but its
  // credential policy (section 5.3.1) refuses the identity "mallory".
  GroupConfig partial_config() const {
    GroupConfig config = member_config;
    config.credentials = [](const Credential& credential, BytesView) -> Status {
      const auto* basic = credential.get_if<BasicCredential>();
      if (basic == nullptr || basic->identity == text("mallory")) return Errc::credential_rejected;
      return {};
    };
    return config;
  }

  PartialSnapshot snapshot() const {
    const auto exported = partial->export_secret("review", {}, 32);
    EXPECT_TRUE(is_ok(exported));
    const auto authenticator = partial->epoch_authenticator();
    return {partial->epoch(), Bytes(authenticator.begin(), authenticator.end()),
            Bytes(exported->view().begin(), exported->view().end()), partial->own_membership_proof()};
  }

  void expect_unchanged(const PartialSnapshot& before) const {
    const auto after = snapshot();
    EXPECT_EQ(after.epoch, before.epoch);
    EXPECT_EQ(after.epoch_authenticator, before.epoch_authenticator);
    EXPECT_EQ(after.exported, before.exported);
    EXPECT_EQ(after.own_proof, before.own_proof);
  }

  // A Commit from full member `from` (with a path), applied by every full
  // member, and its annotation for the partial member.
  AnnotatedCommit commit_from(std::size_t from, CommitOptions options = {.force_path = true},
                              std::optional<LeafIndex> receiver = {}) {
    options.annotate = true;
    auto output = full[from].commit(options, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(full[from].merge_pending_commit()));
    for (std::size_t i = 0; i < full.size(); ++i) {
      if (i != from) {
        EXPECT_TRUE(is_ok(full[i].process(output->commit)));
      }
    }
    auto annotated = annotate_commit(full[from].tree(), *output->annotation, receiver.value_or(partial_leaf));
    EXPECT_TRUE(is_ok(annotated));
    return std::move(*annotated);
  }

  // A valid Commit still processes, and the partial member agrees with the
  // full members afterwards.
  void expect_still_follows() {
    auto annotated = commit_from(1);
    ASSERT_TRUE(is_ok(partial->process(annotated)));
    EXPECT_EQ(partial->epoch(), full[0].epoch());
    const auto theirs = full[0].epoch_authenticator();
    const auto ours = partial->epoch_authenticator();
    EXPECT_TRUE(std::equal(ours.begin(), ours.end(), theirs.begin(), theirs.end()));
  }

  // A Commit with a path from a copy of alice whose stored ratchet tree
  // `edit` changed (a malicious committer), which bob refuses, annotated
  // for the partial member (the committer's proof before from the group's
  // tree, as the server has it).
  template <class Edit>
  std::optional<AnnotatedCommit> evil_commit(Edit edit, CommitOptions options = {.force_path = true}) {
    const auto sender_before = make_membership_proof(full[0].tree(), LeafIndex{0});
    auto stored = codec::decode<StoredGroup>(full[0].serialize()->view());
    auto nodes = RatchetTree::from_encoded(suite, stored->tree)->to_nodes();
    edit(nodes);
    stored->tree = codec::encode(nodes);
    auto evil = Group::deserialize(codec::encode(*stored), member_config);
    EXPECT_TRUE(is_ok(evil));
    options.annotate = true;
    auto output = evil->commit(options, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(evil->merge_pending_commit()));
    if (auto processed = full[1].process(output->commit); !processed.ok()) refused_by_bob = processed.error();
    auto annotated = annotate_commit(evil->tree(), *output->annotation, partial_leaf);
    EXPECT_TRUE(is_ok(annotated));
    annotated->sender_membership_proof = *sender_before;
    return std::move(*annotated);
  }
  Errc refused_by_bob = Errc::internal;

  // An application message from full member `from`, with the proof of
  // leaf `proven` (the sender's unless said).
  SenderAuthenticatedMessage<PrivateMessage> message_from(std::size_t from, std::optional<LeafIndex> proven = {}) {
    auto message = full[from].protect(as_bytes("hello"), {}, random);
    EXPECT_TRUE(is_ok(message));
    auto proof = make_membership_proof(full[from].tree(), proven.value_or(full[from].own_leaf()));
    EXPECT_TRUE(is_ok(proof));
    return {*message->body.get_if<PrivateMessage>(), std::move(*proof)};
  }

  // An external Commit by a new client of `identity` whose Remove takes
  // the partial member's leaf (a resync, section 12.2).
  auto join_replacing_partial(std::string_view identity) {
    auto info = full[0].group_info(true);
    EXPECT_TRUE(is_ok(info));
    return Group::join_external(*info->body.get_if<GroupInfo>(), key_package(identity), std::nullopt, member_config,
                                random, {.replacing = partial_leaf});
  }

  Result<Received> deliver(const SenderAuthenticatedMessage<PrivateMessage>& message) {
    return partial->process(MlsMessage{ProtocolVersion::mls10, MessageBody{message.message}},
                            message.sender_membership_proof);
  }
};

// The fixture is sound: the partial member follows a Commit with a path
// and reads an application message.
TEST_F(PartialReviewTest, HonestCommitAndMessageAccepted) {
  expect_still_follows();
  auto received = deliver(message_from(2));
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->application_data, text("hello"));
}

// FINDING. RFC 9420 sections 12.2 and 12.4.3.2 (draft "Annotated Commit"
// keeps them for the partial member's own leaf, which it knows): an
// external Commit may Remove only the joiner's old leaf, whose
// replacement the resync policy (by default the credential successor
// rule, section 5.3.1) must accept. An outsider with the GroupInfo (or a
// malicious server) makes an external Commit whose Remove names the
// partial member's leaf under another identity. Full members refuse it;
// the partial client marks itself removed (partial_commit.cpp, process():
// effects.removes_self is acted on before any check of the Remove) and is
// out of the group for good.
TEST_F(PartialReviewTest, OutsiderExternalCommitRemovingPartialMemberRefused) {
  auto outsider = join_replacing_partial("mallory");
  ASSERT_TRUE(is_ok(outsider));
  auto refused_by_full = full[1].process(outsider->commit);
  ASSERT_FALSE(refused_by_full.ok());
  // The server annotates it with proofs of the current tree.
  const Bytes tree_hash = full[0].tree().tree_hash();
  AnnotatedCommit forged{outsider->commit,
                         std::nullopt,
                         tree_hash,
                         0,
                         *make_membership_proof(full[0].tree(), LeafIndex{0}),
                         *make_membership_proof(full[0].tree(), partial_leaf)};
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(forged), refused_by_full.error()));
  expect_unchanged(before);
  expect_still_follows();
}

// FINDING. Section 5.3.1, and PartialGroup::join()'s documented contract
// ("credential policy applied to each proven leaf's credential"): a
// member's credential is judged when the partial member first meets it,
// which for a partial member is its membership proof. A member whose
// credential the partial member's policy refuses (in the group before it
// joined, so never judged) sends an application message with a valid
// proof: it is read as from that member (partial_messages.cpp,
// authenticate_partial(): the proven leaf's signature key is used and its
// credential never judged). It should be Errc::credential_rejected (the
// policy's error), the message unread and no key spent.
TEST_F(PartialReviewTest, MessageFromProvenMemberWithRefusedCredentialRefused) {
  // Mallory (full[3], leaf 4) is in the group before a new partial member
  // (leaf 5) joins, which meets her only through her proof.
  for (auto& joined : add(full[0], {"mallory"}, {&full[1], &full[2]})) full.push_back(std::move(joined));
  partial_leaf = LeafIndex{5};
  join_partial();
  const auto message = message_from(3);
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(deliver(message), Errc::credential_rejected));
  expect_unchanged(before);
  EXPECT_TRUE(is_ok(deliver(message_from(2))));
}

// FINDING. Section 5.3.1 (the full member's ListRules::check() applies it
// to a GroupContextExtensions proposal: "the external senders it names are
// judged like members"; PartialGroup::join() applies it to the GroupInfo's
// external senders): a Commit whose GroupContextExtensions names an
// external sender that the partial member's policy refuses is accepted
// (partial_commit.cpp, effects_of() / next_context() take the extensions
// unchecked), and that sender's proposals would then verify. A full member
// with the same policy refuses the Commit with Errc::credential_rejected;
// so should the partial member, staying in its epoch.
TEST_F(PartialReviewTest, GroupContextExtensionsWithRefusedExternalSenderRefused) {
  const auto signer = suite.signature().generate_key_pair(random);
  ExternalSenders senders{{ExternalSender{signer.public_key, Credential{BasicCredential{text("mallory")}}}}};
  ExtensionList extensions{make_extension(senders)};
  auto annotated = commit_from(1, {.proposals = {Proposal{GroupContextExtensions{extensions}}}, .force_path = true});
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(annotated), Errc::credential_rejected));
  expect_unchanged(before);
}

// Attack that holds (regression guard): the server moves the receiver to
// another ciphertext of its UpdatePath node (resolution_index past the
// end): Errc::invalid_length, nothing changed.
TEST_F(PartialReviewTest, ResolutionIndexOutOfRangeRefused) {
  const auto genuine = commit_from(1);
  auto annotated = genuine;
  annotated.resolution_index = 1000;
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(annotated), Errc::invalid_length));
  expect_unchanged(before);
  EXPECT_TRUE(is_ok(partial->process(genuine)));
}

// Attack that holds: the server gives a tree_hash_after of its own, with
// proofs that fit it (those of the tree before). The provisional
// GroupContext no longer matches the committer's, so the path secret
// does not decrypt; nothing changes.
TEST_F(PartialReviewTest, ForgedTreeHashAfterWithFittingProofsRefused) {
  const Bytes tree_before = full[0].tree().tree_hash();
  auto sender_before = *make_membership_proof(full[0].tree(), LeafIndex{1});
  auto receiver_before = *make_membership_proof(full[0].tree(), partial_leaf);
  auto annotated = commit_from(1);
  annotated.tree_hash_after = tree_before;
  annotated.sender_membership_proof_after = sender_before;
  annotated.receiver_membership_proof_after = receiver_before;
  const auto before = snapshot();
  EXPECT_FALSE(partial->process(annotated).ok());
  expect_unchanged(before);
}

// Attack that holds: a member Commit without the sender's proof, or with
// the proof of another member: refused, nothing changed.
TEST_F(PartialReviewTest, MemberCommitWithoutOrWithWrongSenderProofRefused) {
  auto annotated = commit_from(1);
  auto without = annotated;
  without.sender_membership_proof = std::nullopt;
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(without), Errc::invalid_sender));
  expect_unchanged(before);
  auto other = annotated;
  other.sender_membership_proof->leaf_index = 2;
  EXPECT_FALSE(partial->process(other).ok());
  expect_unchanged(before);
  EXPECT_TRUE(is_ok(partial->process(annotated)));
}

// Attack that holds: an application message with the proof of another
// member than its encrypted sender data names is refused; the genuine one
// is then read once, and its replay refused.
TEST_F(PartialReviewTest, ApplicationMessageProofOfOtherLeafAndReplayRefused) {
  auto genuine = message_from(2);
  auto misattributed = genuine;
  misattributed.sender_membership_proof = *make_membership_proof(full[0].tree(), LeafIndex{1});
  const auto before = snapshot();
  EXPECT_FALSE(deliver(misattributed).ok());
  expect_unchanged(before);
  EXPECT_TRUE(is_ok(deliver(genuine)));
  EXPECT_FALSE(deliver(genuine).ok());
}

// Attack that holds: an external Commit (sender new_member_commit) comes
// without a sender proof (draft "Annotated Commit": MUST be absent); with
// one added it is Errc::invalid_sender and nothing changes; without, the
// partial member reaches the full members' epoch.
TEST_F(PartialReviewTest, NewMemberCommitWithSenderProofRefused) {
  auto info = full[0].group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto joiner = Group::join_external(*info->body.get_if<GroupInfo>(), key_package("dave"), std::nullopt,
                                     member_config, random);
  ASSERT_TRUE(is_ok(joiner));
  for (auto& member : full) ASSERT_TRUE(is_ok(member.process(joiner->commit)));
  const CommitAnnotationInput input{joiner->commit, std::nullopt, joiner->group.own_leaf(), {}, true};
  auto genuine = annotate_commit(full[0].tree(), input, partial_leaf);
  ASSERT_TRUE(is_ok(genuine));
  auto with_proof = *genuine;
  with_proof.sender_membership_proof = partial->own_membership_proof();
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(with_proof), Errc::invalid_sender));
  expect_unchanged(before);
  ASSERT_TRUE(is_ok(partial->process(*genuine)));
  const auto theirs = full[0].epoch_authenticator();
  const auto ours = partial->epoch_authenticator();
  EXPECT_TRUE(std::equal(ours.begin(), ours.end(), theirs.begin(), theirs.end()));
}

// Attack that holds: the server attaches a sender's proof from the tree
// of an earlier epoch (before the sender's own Commit changed its leaf):
// Errc::membership_proof_invalid, no key spent; the fresh proof reads.
TEST_F(PartialReviewTest, StaleSenderProofRefused) {
  const auto stale = *make_membership_proof(full[1].tree(), full[1].own_leaf());
  ASSERT_TRUE(is_ok(partial->process(commit_from(1))));
  auto message = message_from(1);
  const auto fresh = message.sender_membership_proof;
  message.sender_membership_proof = stale;
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(deliver(message), Errc::membership_proof_invalid));
  expect_unchanged(before);
  message.sender_membership_proof = fresh;
  EXPECT_TRUE(is_ok(deliver(message)));
}

// Attack that holds (removed member): once a genuine Commit removes it,
// the partial member follows, reads and sends nothing more. (A removed
// member has no proof in the tree after, and annotate_commit() refuses to
// annotate for it: the server sends the annotation made for carol.)
TEST_F(PartialReviewTest, RemovedPartialMemberStopsFollowing) {
  auto removing =
      commit_from(1, {.proposals = {Proposal{Remove{partial_leaf.value}}}, .force_path = true}, LeafIndex{2});
  auto received = partial->process(removing);
  ASSERT_TRUE(is_ok(received));
  EXPECT_TRUE(received->removed);
  EXPECT_TRUE(fails_with(partial->process(commit_from(2, {.force_path = true}, LeafIndex{1})), Errc::not_in_group));
  EXPECT_TRUE(fails_with(partial->protect(as_bytes("x"), {}, random), Errc::not_in_group));
}

// FINDING (low: a malicious committer; a fork left undetected). Only the
// member itself changes its leaf (an Update or its own Commit), and a
// partial member does neither; it knows its leaf (its proof). A committer
// whose tree gives the partial member's leaf another signature key (here:
// a copy of alice whose stored tree was edited) commits; full members
// refuse the Commit (their tree hash differs), the partial member accepts
// it (partial_commit.cpp, check_annotation() checks only the receiver
// proof's leaf_index) and its own_membership_proof() now proves a leaf it
// does not hold, which it sends with each message. It should refuse
// (Errc::membership_proof_invalid, as for a receiver proof of another
// leaf) and stay as it was.
TEST_F(PartialReviewTest, ReceiverProofWithOwnLeafChangedRefused) {
  auto annotated = evil_commit([this](RatchetTreeNodes& nodes) {
    nodes.at(2 * partial_leaf.value)->get_if<LeafNode>()->signature_key =
        suite.signature().generate_key_pair(random).public_key;
  });
  ASSERT_TRUE(annotated);
  EXPECT_NE(refused_by_bob, Errc::internal);
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(*annotated), Errc::membership_proof_invalid));
  expect_unchanged(before);
}

// FINDING (medium: a malicious member impersonates an identity towards
// partial members). Section 5.3.1 / 7.3: a Commit's path leaf whose
// credential differs from the committer's current one must succeed it
// under GroupConfig::credential_successor (unset: refused), and the partial
// member has both (the sender proof's leaf and the UpdatePath's). Alice
// (a copy whose stored tree names her "ceo") commits with a path leaf of
// credential "ceo": full members refuse it (Errc::credential_rejected);
// the partial member accepts it (partial_commit.cpp never compares the
// two credentials), and from then on alice's messages prove a "ceo" leaf.
TEST_F(PartialReviewTest, CommitPathLeafWithChangedCredentialRefused) {
  auto annotated = evil_commit([](RatchetTreeNodes& nodes) {
    nodes.at(0)->get_if<LeafNode>()->credential = Credential{BasicCredential{text("ceo")}};
  });
  ASSERT_TRUE(annotated);
  EXPECT_EQ(refused_by_bob, Errc::credential_rejected);
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(*annotated), Errc::credential_rejected));
  expect_unchanged(before);
}

// Section 12.4.2 and the draft's "Annotated Commit": a Commit that
// removes the partial member is acted on only once what it can check
// passed. A removed member's annotation (here the one made for carol, as
// the header documents) with the sender proof missing, the committer's
// proof after replaced by another leaf's, or the resolution index dropped
// is refused with its Errc and the member stays in; the genuine one then
// removes it.
TEST_F(PartialReviewTest, RemovingCommitWithForgedAnnotationRefused) {
  const auto removing =
      commit_from(1, {.proposals = {Proposal{Remove{partial_leaf.value}}}, .force_path = true}, LeafIndex{2});
  const auto before = snapshot();
  auto without_sender_proof = removing;
  without_sender_proof.sender_membership_proof = std::nullopt;
  EXPECT_TRUE(fails_with(partial->process(without_sender_proof), Errc::invalid_sender));
  expect_unchanged(before);
  auto other_sender_after = removing;
  other_sender_after.sender_membership_proof_after = removing.receiver_membership_proof_after;
  EXPECT_TRUE(fails_with(partial->process(other_sender_after), Errc::membership_proof_invalid));
  expect_unchanged(before);
  auto without_index = removing;
  without_index.resolution_index = std::nullopt;
  EXPECT_TRUE(fails_with(partial->process(without_index), Errc::invalid_value));
  expect_unchanged(before);
  auto received = partial->process(removing);
  ASSERT_TRUE(is_ok(received));
  EXPECT_TRUE(received->removed);
}

// Section 12.2 (the resync the outsider's finding forges, done right): an
// external Commit by the partial member's own identity replacing its leaf
// passes the credential successor rule; the partial member learns that it
// was removed, from an annotation made for alice.
TEST_F(PartialReviewTest, ExternalResyncOfPartialLeafRemovesIt) {
  auto resynced = join_replacing_partial("partial");
  ASSERT_TRUE(is_ok(resynced));
  for (auto& member : full) ASSERT_TRUE(is_ok(member.process(resynced->commit)));
  const CommitAnnotationInput input{resynced->commit, std::nullopt, resynced->group.own_leaf(), {}, true};
  auto annotated = annotate_commit(full[0].tree(), input, LeafIndex{0});
  ASSERT_TRUE(is_ok(annotated));
  auto received = partial->process(*annotated);
  ASSERT_TRUE(is_ok(received));
  EXPECT_TRUE(received->removed);
}

// Sections 12.1.7 and 13.4: every member supports the extensions and
// required capabilities a GroupContextExtensions sets, and the partial
// member knows its own leaf. A committer whose tree says every leaf
// supports extension 0xff00 (a copy of alice whose stored tree was
// edited) requires it; the partial member, whose leaf does not list it,
// refuses with Errc::capability_mismatch and stays in its epoch.
TEST_F(PartialReviewTest, GroupContextExtensionsUnsupportedByOwnLeafRefused) {
  const auto custom = static_cast<ExtensionType>(0xff00);
  ExtensionList extensions{make_extension(RequiredCapabilities{{custom}, {}, {}})};
  auto annotated = evil_commit(
      [&](RatchetTreeNodes& nodes) {
        for (std::size_t i = 0; i < nodes.size(); i += 2) {
          if (nodes[i]) nodes[i]->get_if<LeafNode>()->capabilities.extensions.push_back(custom);
        }
      },
      {.proposals = {Proposal{GroupContextExtensions{extensions}}}, .force_path = true});
  ASSERT_TRUE(annotated);
  const auto before = snapshot();
  EXPECT_TRUE(fails_with(partial->process(*annotated), Errc::capability_mismatch));
  expect_unchanged(before);
}

}  // namespace
}  // namespace conclave::mls
