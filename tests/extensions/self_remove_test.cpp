// draft-ietf-mls-extensions, "SelfRemove Proposal": a member leaves by a
// SelfRemove sent as a PublicMessage, which the next Commit (a member's, or
// an external joiner's) includes by reference and which removes its
// sender's leaf. Each receiver rule has a bad input refused with its typed
// error, the receiver unchanged; the follower (PublicGroup) keeps the
// pending SelfRemoves for external joiners.

#include <gtest/gtest.h>

#include <functional>

#include "../public_group_fixtures.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/external_proposal.hpp"

namespace conclave::mls::validation {
namespace {

ProposalRef ref_of(const CipherSuite& suite, const MlsMessage& proposal) {
  return proposal_ref(suite, authenticated(public_of(proposal)));
}

std::vector<ProposalRef> references_in(const MlsMessage& commit) {
  std::vector<ProposalRef> refs;
  for (const auto& entry : commit_of(public_of(commit)).proposals) {
    if (const auto* ref = entry.get_if<ProposalRef>()) refs.push_back(*ref);
  }
  return refs;
}

// Every member lists SelfRemove in its capabilities (a
// self-remove-capable group).
inline KeyPackageOptions self_remove_capable() { return {.capabilities = {.proposals = {ProposalType::self_remove}}}; }

class SelfRemoveTest : public PublicGroupTest {
 protected:
  KeyPackageOptions member_options() const override { return self_remove_capable(); }

  // The group has an external sender (section 12.1.8), signing with `ds_`.
  ExtensionList group_extensions() const override {
    return {make_extension(ExternalSenders{{{ds_.public_key, Credential{BasicCredential{Bytes{'d', 's'}}}}}})};
  }

  // `leaf`'s SelfRemove, received by `receivers` and the follower.
  MlsMessage leaves(std::uint32_t leaf, const std::vector<std::uint32_t>& receivers) {
    auto sent = group(leaf).propose(Proposal{SelfRemove{}});
    EXPECT_TRUE(is_ok(sent));
    for (const auto receiver : receivers) EXPECT_TRUE(is_ok(group(receiver).process(*sent)));
    EXPECT_TRUE(is_ok(follower().process(*sent)));
    return *sent;
  }

  // A white-box twin of `leaf` in its current epoch, to sign what it would
  // not send.
  Forger twin_of(std::uint32_t leaf) {
    auto state = load_group_state(group(leaf).serialize()->view(), member_config(leaf));
    EXPECT_TRUE(is_ok(state));
    return Forger(std::move(*state));
  }

  // A proposal content from member `leaf` in the current epoch.
  FramedContent proposal_from(std::uint32_t leaf, Proposal proposal, Bytes authenticated_data = {}) {
    return {group_id, group(alice).epoch(), Sender{MemberSender{leaf}}, std::move(authenticated_data),
            Content{std::move(proposal)}};
  }

  // frank's external join from alice's GroupInfo with `options`.
  Result<Group::ExternalJoin> frank_joins(const ExternalJoinOptions& options) {
    return Group::join_external(info_of(group(alice)), key_package("frank", member_options()), std::nullopt,
                                member_config(alice),
                                random, options);
  }

  // Bob's Commit: dave refuses tamper(commit) unchanged; then every member
  // and the follower take the genuine one (with twin_bob_again()).
  void everyone_follows_after(const Tamper& tamper, Errc expected) {
    auto genuine = group(bob).commit({.include_received = false, .force_path = true}, random);
    ASSERT_TRUE(is_ok(genuine));
    expect_rejected(group(dave), tamper(genuine->commit), expected);
    ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
    for (const auto leaf : {alice, carol, dave, erin}) expect_accepted(group(leaf), genuine->commit, group(bob));
    ASSERT_TRUE(is_ok(follower().process(genuine->commit)));
    twin_bob_again();
  }

  crypto::SignatureKeyPair ds_ = suite.signature().generate_key_pair(random);
};

// ---- Sending, committing and applying ----

// Carol's SelfRemove is committed by reference in bob's next Commit (which
// includes received proposals); every member and the follower remove
// carol's leaf, and carol learns she was removed.
TEST_F(SelfRemoveTest, AReceivedSelfRemoveIsCommittedByReferenceAndRemovesItsSender) {
  const auto leaving = leaves(carol, {alice, bob, dave, erin});
  auto commit = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_EQ(references_in(commit->commit), std::vector<ProposalRef>{ref_of(suite, leaving)});
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  for (const auto leaf : {alice, dave, erin}) expect_accepted(group(leaf), commit->commit, group(bob));
  auto seen = follower().process(commit->commit);
  ASSERT_TRUE(is_ok(seen));
  EXPECT_EQ(seen->removed, std::vector<LeafIndex>{LeafIndex{carol}});
  expect_following(group(bob));
  EXPECT_FALSE(group(bob).tree().is_member(LeafIndex{carol}));
  auto removed = group(carol).process(commit->commit);
  ASSERT_TRUE(is_ok(removed));
  EXPECT_TRUE(removed->removed);
  EXPECT_TRUE(fails_with(group(carol).propose(Proposal{SelfRemove{}}), Errc::not_in_group));
}

// As for a Remove (RFC 9420 section 12.4.2's note, section 14): the member
// a SelfRemove removed still reads a late application message of the epoch
// it was removed in.
TEST_F(SelfRemoveTest, TheRemovedSenderReadsLateMessagesOfItsLastEpoch) {
  leaves(carol, {bob});
  auto late = group(alice).protect(as_bytes("goodbye"), {}, random);
  ASSERT_TRUE(is_ok(late));
  auto commit = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  ASSERT_TRUE(is_ok(group(carol).process(commit->commit)));
  auto read = group(carol).process(*late);
  ASSERT_TRUE(is_ok(read));
  EXPECT_EQ(read->application_data, test::copy_of(as_bytes("goodbye")));
}

// "A client MUST NOT issue more than one SelfRemove proposal per epoch":
// the second is refused (Errc::invalid_proposal) and nothing changes; in
// the next epoch carol may send one again.
TEST_F(SelfRemoveTest, AMemberSendsAtMostOnePerEpoch) {
  ASSERT_TRUE(is_ok(group(carol).propose(Proposal{SelfRemove{}})));
  const Snapshot before = snapshot(group(carol));
  EXPECT_TRUE(fails_with(group(carol).propose(Proposal{SelfRemove{}}), Errc::invalid_proposal));
  EXPECT_TRUE(unchanged(group(carol), before));
  auto next = group(alice).commit({.include_received = false}, random);
  ASSERT_TRUE(is_ok(next));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  ASSERT_TRUE(is_ok(group(carol).process(next->commit)));
  EXPECT_TRUE(is_ok(group(carol).propose(Proposal{SelfRemove{}})));
}

// "These proposals MUST be sent in an MLS PublicMessage": carol cannot send
// one encrypted, and dave refuses one received in a PrivateMessage.
TEST_F(SelfRemoveTest, InAPrivateMessageItIsRefused) {
  const Snapshot carol_before = snapshot(group(carol));
  EXPECT_TRUE(fails_with(group(carol).propose(Proposal{SelfRemove{}}, {.encrypt_with = &random}),
                         Errc::content_not_allowed));
  EXPECT_TRUE(unchanged(group(carol), carol_before));
  const auto encrypted = forger().sign_private(proposal_from(bob, Proposal{SelfRemove{}}), random);
  expect_rejected(group(dave), encrypted, Errc::content_not_allowed);
  expect_still_works(group(dave));
}

// "SelfRemove cannot be sent as an external proposal" (External: N), and
// only a member sends one: an external sender's is refused
// (Errc::invalid_proposal), a new member's has no signer
// (Errc::invalid_sender), and so has one naming a blank leaf.
TEST_F(SelfRemoveTest, FromANonMemberItIsRefused) {
  auto genuine = external_proposal(group(alice).context(), Sender{ExternalSenderIndex{0}}, Proposal{Remove{carol}},
                                   ds_.private_key);
  ASSERT_TRUE(is_ok(genuine));
  auto external = public_of(*genuine);
  external.content.content = Content{Proposal{SelfRemove{}}};
  external.auth.signature = *suite.sign_with_label(
      ds_.private_key, "FramedContentTBS",
      framed_content_tbs(WireFormat::public_message, external.content, group(dave).context()));
  expect_rejected(group(dave), message_of(MessageBody{external}), Errc::invalid_proposal);

  auto new_member = external;
  new_member.content.sender = Sender{NewMemberProposalSender{}};
  expect_rejected(group(dave), message_of(MessageBody{new_member}), Errc::invalid_sender);

  const auto blank = forger().sign_public(proposal_from(blank_leaf, Proposal{SelfRemove{}}), {});
  expect_rejected(group(dave), blank, Errc::invalid_sender);
  expect_still_works(group(dave));
}

// ---- Section 12.2 for a Commit that covers SelfRemoves ----

// "SelfRemove proposals are only allowed in a Commit by reference": bob
// cannot commit one by value, and dave refuses bob's Commit that does.
TEST_F(SelfRemoveTest, ByValueItIsInvalid) {
  expect_invalid_list({Proposal{SelfRemove{}}}, Errc::invalid_proposal);
}

// "If there is a pending SelfRemove proposal for a specific leaf node and a
// pending Remove proposal for the same leaf node, the Remove proposal is
// invalid": dave refuses a Commit of both; and one of two SelfRemoves of
// carol, or of her SelfRemove and her Update (section 12.2: no leaf updated
// or removed twice).
TEST_F(SelfRemoveTest, ACommitRemovingItsLeafTwiceIsRefused) {
  const std::vector<std::function<ProposalRef()>> conflicting{
      [this] { return deliver(*group(alice).propose(Proposal{Remove{carol}})); },
      [this] {
        return deliver(twin_of(carol).sign_public(proposal_from(carol, Proposal{SelfRemove{}}, Bytes{'2'}), {}));
      },
      [this] { return carol_update([](LeafNode&) {}); },
  };
  for (const auto& other : conflicting) {
    const ProposalRef self_remove = ref_of(suite, leaves(carol, {bob, dave}));
    const ProposalRef refs[] = {self_remove, other()};
    const Tamper both = with_proposals({ProposalOrRef{refs[0]}, ProposalOrRef{refs[1]}});
    everyone_follows_after(both, Errc::invalid_proposal);
  }
}

// The committer includes carol's SelfRemove and leaves out the pending
// Remove of her leaf, which the SelfRemove makes invalid; a Remove of her
// own is refused.
TEST_F(SelfRemoveTest, TheCommitterLeavesOutARemoveOfALeavingMember) {
  const ProposalRef self_remove = ref_of(suite, leaves(carol, {bob, dave}));
  deliver(*group(alice).propose(Proposal{Remove{carol}}));
  expect_refused(group(bob), {.proposals = {Proposal{Remove{carol}}}}, Errc::invalid_proposal);
  auto commit = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_EQ(references_in(commit->commit), std::vector<ProposalRef>{self_remove});
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
}

// The committer's own SelfRemove is invalid in its Commit, as a Remove of
// itself is (section 12.2): bob's Commit leaves his out, and dave refuses
// bob's Commit that references it.
TEST_F(SelfRemoveTest, TheCommittersOwnIsInvalid) {
  const ProposalRef own = ref_of(suite, leaves(bob, {dave}));
  auto commit = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_TRUE(references_in(commit->commit).empty());
  group(bob).discard_pending_commit();
  expect_tampered_rejected(with_proposals({ProposalOrRef{own}}), Errc::invalid_proposal);
}

// Path Required: Y. Bob's Commit of carol's SelfRemove without its path is
// refused.
TEST_F(SelfRemoveTest, ACommitWithoutAPathIsRefused) {
  leaves(carol, {bob, dave});
  expect_tampered_rejected(with_commit(strip_path), Errc::path_required, {});
}

// "SelfRemove proposals are processed after Update proposals and before
// Remove proposals", and so before Adds: an Add of carol's signature key
// is valid in the Commit that removes her by her SelfRemove (section 12.2).
TEST_F(SelfRemoveTest, AnAddOfTheLeavingMembersKeyIsValid) {
  leaves(carol, {bob, dave});
  auto commit = group(bob).commit({.proposals = {Proposal{Add{key_package_of_member(carol).key_package}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
  EXPECT_EQ(group(dave).tree().member_count(), 5u);
}

// Section 12.2: "a Proposal with a non-default proposal type that is not
// supported by some members of the group" makes the list invalid (the
// draft: SelfRemove is for self-remove-capable groups). Where no member
// lists it, dave caches carol's SelfRemove as invalid and bob's Commit
// leaves it out; dave refuses bob's Commit that references it; the
// follower hands it to no joiner, and a joiner given it refuses to join.
class SelfRemoveIncapableTest : public SelfRemoveTest {
 protected:
  KeyPackageOptions member_options() const override { return {}; }
};

TEST_F(SelfRemoveIncapableTest, ItIsInvalidWhereAMemberDoesNotSupportIt) {
  const auto leaving = leaves(carol, {bob, dave});
  EXPECT_TRUE(follower().self_removes().empty());
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {leaving}}), Errc::capability_mismatch));
  auto commit = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_TRUE(references_in(commit->commit).empty());
  group(bob).discard_pending_commit();
  expect_tampered_rejected(with_proposals({ProposalOrRef{ref_of(suite, leaving)}}), Errc::capability_mismatch);
}

// ---- External Commits ----

// "The new joiner MUST fetch any pending SelfRemove Proposals along with
// the GroupInfo object, and include the SelfRemove Proposals in its
// external Commit by reference": frank includes carol's, which the
// follower kept; every member and the follower accept his Commit, which
// removes carol.
TEST_F(SelfRemoveTest, AnExternalJoinerIncludesThePendingSelfRemoves) {
  const auto leaving = leaves(carol, {alice, bob, dave, erin});
  ASSERT_EQ(follower().self_removes().size(), 1u);
  auto frank = frank_joins({.self_removes = follower().self_removes()});
  ASSERT_TRUE(is_ok(frank));
  EXPECT_EQ(references_in(frank->commit), std::vector<ProposalRef>{ref_of(suite, leaving)});
  for (const auto leaf : {alice, bob, dave, erin}) expect_accepted(group(leaf), frank->commit, frank->group);
  auto removed = group(carol).process(frank->commit);
  ASSERT_TRUE(is_ok(removed));
  EXPECT_TRUE(removed->removed);
  auto seen = follower().process(frank->commit);
  ASSERT_TRUE(is_ok(seen));
  EXPECT_EQ(seen->removed, std::vector<LeafIndex>{LeafIndex{carol}});
  expect_following(frank->group);
  EXPECT_TRUE(follower().self_removes().empty());
  EXPECT_FALSE(group(alice).tree().leaf_with_signature_key(bundle(carol).key_package.leaf_node.signature_key));
}

// An external Commit may reference the SelfRemoves the receiver holds; a
// reference to one dave does not hold is Errc::unknown_proposal (any other
// proposal by reference stays refused:
// ExternalCommitTest.AProposalByReferenceIsRefused).
TEST_F(SelfRemoveTest, AnExternalCommitReferencingAnUnheldSelfRemoveIsRefused) {
  const auto leaving = leaves(carol, {alice});
  auto frank = frank_joins({.self_removes = {leaving}});
  ASSERT_TRUE(is_ok(frank));
  expect_rejected(group(dave), frank->commit, Errc::unknown_proposal);
  ASSERT_TRUE(is_ok(group(dave).process(leaving)));
  expect_accepted(group(dave), frank->commit, frank->group);
}

// "The new joiner MUST validate the SelfRemove Proposal before including it
// by reference, except that it skips the validation of the
// membership_tag": each bad message makes the join fail with its error; a
// membership tag of any value is accepted.
TEST_F(SelfRemoveTest, TheJoinerValidatesEachPendingSelfRemove) {
  const auto leaving = leaves(carol, {});
  auto other_tag = public_of(leaving);
  other_tag.membership_tag = flipped(*other_tag.membership_tag);
  EXPECT_TRUE(is_ok(frank_joins({.self_removes = {message_of(MessageBody{other_tag})}})));
  auto no_tag = public_of(leaving);
  no_tag.membership_tag.reset();
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {message_of(MessageBody{no_tag})}}),
                         Errc::membership_tag_invalid));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {with_signature_flipped(leaving)}}), Errc::signature_invalid));
  const auto encrypted = forger().sign_private(proposal_from(bob, Proposal{SelfRemove{}}), random);
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {encrypted}}), Errc::content_not_allowed));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {*group(dave).propose_update(random)}}),
                         Errc::invalid_proposal));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {leaving, leaving}}), Errc::invalid_proposal));
  EXPECT_TRUE(fails_with(frank_joins({.replacing = LeafIndex{carol}, .self_removes = {leaving}}),
                         Errc::invalid_proposal));
  const auto blank = forger().sign_public(proposal_from(blank_leaf, Proposal{SelfRemove{}}), {});
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {blank}}), Errc::invalid_sender));
  auto gina = key_package("gina", member_options());
  const auto new_member = external_proposal(group(alice).context(), Sender{NewMemberProposalSender{}},
                                            Proposal{Add{gina.key_package}}, gina.keys.signature_private_key);
  ASSERT_TRUE(is_ok(new_member));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {*new_member}}), Errc::invalid_sender));
  auto other_version = leaving;
  other_version.version = static_cast<ProtocolVersion>(2);
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {other_version}}), Errc::invalid_value));
  auto commit = group(bob).commit({.include_received = false}, random);
  ASSERT_TRUE(is_ok(commit));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {commit->commit}}), Errc::invalid_proposal));
  auto next = group(alice).commit({.include_received = false}, random);
  ASSERT_TRUE(is_ok(next));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  EXPECT_TRUE(fails_with(frank_joins({.self_removes = {leaving}}), Errc::wrong_epoch));
}

// ---- The delivery service (PublicGroup) ----

// "The MLS Delivery Service (DS) needs to validate SelfRemove Proposals it
// receives": the follower refuses a forged one unchanged, keeps one
// SelfRemove per member for the epoch (a second of carol's is cached for
// Commits, not handed out), and forgets them with the next Commit.
TEST_F(SelfRemoveTest, TheFollowerKeepsTheValidSelfRemovesOfTheEpoch) {
  const auto leaving = leaves(carol, {});
  leaves(erin, {});
  expect_follower_refuses(with_signature_flipped(*group(dave).propose(Proposal{SelfRemove{}})),
                          Errc::signature_invalid);
  ASSERT_TRUE(is_ok(follower().process(leaving)));
  const auto second = twin_of(carol).sign_public(proposal_from(carol, Proposal{SelfRemove{}}, Bytes{'2'}), {});
  ASSERT_TRUE(is_ok(follower().process(second)));
  ASSERT_EQ(follower().self_removes().size(), 2u);
  EXPECT_TRUE(follower().self_removes()[0] == leaving);
  EXPECT_EQ(public_of(follower().self_removes()[1]).content.sender, (Sender{MemberSender{erin}}));
  commit_everywhere(alice, {.include_received = false}, {alice, bob, carol, dave, erin});
  EXPECT_TRUE(follower().self_removes().empty());
}

}  // namespace
}  // namespace conclave::mls::validation
