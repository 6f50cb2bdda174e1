// draft-ietf-mls-partial: a partial client (PartialGroup) follows a group
// of full members. A positive run (join, Commits with and without paths,
// Adds, Removes, application messages both ways) in which it agrees with
// the full members on every epoch's epoch_authenticator and exporter; then
// a bad input for each receiver MUST it checks, with its exact error and
// the client unchanged.

#include <functional>

#include "conclave/mls/external_proposal.hpp"
#include "partial_client_fixtures.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

TEST_F(PartialClientTest, AgreesWithFullMembersAcrossCommits) {
  PartialGroup pat = join_pat();
  EXPECT_TRUE(agree(pat, alice));
  const LeafIndex me = pat.own_leaf();

  CommitOptions path_only;
  path_only.force_path = true;
  auto by_bob = commit_by(*bob, path_only);
  ASSERT_TRUE(is_ok(pat.process(annotate(*bob, by_bob, me))));
  EXPECT_TRUE(agree(pat, *bob));

  auto dave = key_package("dave");
  CommitOptions add_dave;
  add_dave.proposals.push_back(Proposal{Add{dave.key_package}});
  auto by_carol = commit_by(*carol, add_dave);
  ASSERT_TRUE(is_ok(pat.process(annotate(*carol, by_carol, me))));
  EXPECT_TRUE(agree(pat, *carol));

  // An Add with a path: the path is encrypted to no added leaf.
  const auto erin = alice_adds(key_package("erin").key_package, true);
  ASSERT_TRUE(is_ok(pat.process(annotate(alice, erin.sent, me))));
  EXPECT_TRUE(agree(pat, alice));

  // A GroupContextExtensions proposal, which a partial client applies.
  CommitOptions extensions;
  extensions.proposals.push_back(Proposal{GroupContextExtensions{alice.context().extensions}});
  auto by_bob_again = commit_by(*bob, extensions);
  ASSERT_TRUE(is_ok(pat.process(annotate(*bob, by_bob_again, me))));
  EXPECT_TRUE(agree(pat, *bob));

  CommitOptions remove_bob;
  remove_bob.proposals.push_back(Proposal{Remove{bob->own_leaf().value}});
  auto by_alice = commit_by(alice, remove_bob);
  ASSERT_TRUE(is_ok(pat.process(annotate(alice, by_alice, me))));
  EXPECT_TRUE(agree(pat, alice));
  EXPECT_TRUE(agree(pat, *carol));

  // Application messages both ways, each with its sender's proof.
  auto from_carol = carol->protect(as_bytes("hello pat"), {}, random);
  ASSERT_TRUE(is_ok(from_carol));
  auto read = pat.process(*from_carol, *make_membership_proof(carol->tree(), carol->own_leaf()));
  ASSERT_TRUE(is_ok(read));
  EXPECT_EQ(read->application_data, test::copy_of(as_bytes("hello pat")));
  auto from_pat = pat.protect(as_bytes("hello carol"), {}, random);
  ASSERT_TRUE(is_ok(from_pat));
  EXPECT_EQ(from_pat->sender_membership_proof, *make_membership_proof(carol->tree(), me));
  auto read_by_carol = carol->process(MlsMessage{ProtocolVersion::mls10, {from_pat->message}});
  ASSERT_TRUE(is_ok(read_by_carol));
  EXPECT_EQ(read_by_carol->application_data, test::copy_of(as_bytes("hello carol")));
}

// The receiver MUSTs. Each test makes one input bad and expects its exact
// error with the client unchanged; the genuine input is then accepted.
class PartialClientMustTest : public PartialClientTest {
 protected:
  void SetUp() override {
    PartialClientTest::SetUp();
    pat.emplace(join_pat());
    me = pat->own_leaf();
  }

  // bob's Commit with a path, merged by the full members.
  CommitOutput bob_commits() {
    CommitOptions options;
    options.force_path = true;
    return commit_by(*bob, options);
  }

  void expect_rejected(const AnnotatedCommit& annotated, Errc expected) {
    const PartialSnapshot before = snapshot(*pat);
    EXPECT_TRUE(fails_with(pat->process(annotated), expected));
    EXPECT_TRUE(unchanged(*pat, before));
  }

  // bob's Commit with its annotation changed by `mutate` is rejected with
  // `expected`, and then the genuine one is accepted.
  void expect_bad_annotation(const std::function<void(AnnotatedCommit&)>& mutate, Errc expected) {
    auto sent = bob_commits();
    const auto genuine = annotate(*bob, sent, me);
    auto bad = genuine;
    mutate(bad);
    expect_rejected(bad, expected);
    expect_accepted(genuine);
  }

  void expect_rejected(const MlsMessage& message, const std::optional<MembershipProof>& proof, Errc expected) {
    const PartialSnapshot before = snapshot(*pat);
    EXPECT_TRUE(fails_with(pat->process(message, proof), expected));
    EXPECT_TRUE(unchanged(*pat, before));
  }

  // The genuine annotation is accepted after the bad one.
  void expect_accepted(const AnnotatedCommit& annotated) {
    ASSERT_TRUE(is_ok(pat->process(annotated)));
    EXPECT_TRUE(agree(*pat, alice));
  }

  std::optional<PartialGroup> pat;
  LeafIndex me;
};

// Draft, "Annotated Commit" step 1: the sender proof is valid relative to
// the group's current tree hash (here: a proof from the tree after).
TEST_F(PartialClientMustTest, CommitSenderProofOfAnotherTreeIsRejected) {
  expect_bad_annotation([](AnnotatedCommit& c) { c.sender_membership_proof = c.sender_membership_proof_after; },
                        Errc::membership_proof_invalid);
}

// Step 2: the two after-proofs reference the same tree.
TEST_F(PartialClientMustTest, CommitAfterProofsOfDifferentTreesAreRejected) {
  const auto receiver_before = pat->own_membership_proof();
  expect_bad_annotation([&](AnnotatedCommit& c) { c.receiver_membership_proof_after = receiver_before; },
                        Errc::membership_proof_invalid);
}

// Step 2: the after-proofs are valid relative to tree_hash_after.
TEST_F(PartialClientMustTest, CommitTreeHashAfterNotTheProofsIsRejected) {
  expect_bad_annotation([](AnnotatedCommit& c) { c.tree_hash_after.back() ^= 1; }, Errc::membership_proof_invalid);
}

// Step 3: a member sender's Commit comes with its sender proof.
TEST_F(PartialClientMustTest, CommitWithoutSenderProofIsRejected) {
  expect_bad_annotation([](AnnotatedCommit& c) { c.sender_membership_proof.reset(); }, Errc::invalid_sender);
}

// Step 3: the Sender's leaf_index equals the sender proof's (here: carol's
// proof, valid against the current tree, for bob's Commit).
TEST_F(PartialClientMustTest, CommitSenderProofOfAnotherLeafIsRejected) {
  const auto carol_before = *make_membership_proof(carol->tree(), carol->own_leaf());
  expect_bad_annotation([&](AnnotatedCommit& c) { c.sender_membership_proof = carol_before; }, Errc::invalid_sender);
}

// resolution_index is present if and only if the Commit has a path.
TEST_F(PartialClientMustTest, CommitResolutionIndexPresenceMustMatchThePath) {
  expect_bad_annotation([](AnnotatedCommit& c) { c.resolution_index.reset(); }, Errc::invalid_value);
  // An Add alone requires no path.
  CommitOptions add_only;
  add_only.proposals.push_back(Proposal{Add{key_package("dave").key_package}});
  auto pathless = commit_by(alice, add_only);
  auto plain = annotate(alice, pathless, me);
  auto with = plain;
  ASSERT_FALSE(plain.resolution_index.has_value());
  with.resolution_index = 0;
  expect_rejected(with, Errc::invalid_value);
  expect_accepted(plain);
}

// The path secret is decrypted from the ciphertext at resolution_index:
// one past the node's ciphertexts is refused.
TEST_F(PartialClientMustTest, CommitResolutionIndexPastTheCiphertextsIsRejected) {
  expect_bad_annotation([](AnnotatedCommit& c) { *c.resolution_index += 8; }, Errc::invalid_length);
}

// The receiver proof after is this member's leaf (here: carol's).
TEST_F(PartialClientMustTest, CommitReceiverProofOfAnotherLeafIsRejected) {
  expect_bad_annotation(
      [&](AnnotatedCommit& c) { c.receiver_membership_proof_after = *make_membership_proof(bob->tree(), carol->own_leaf()); },
      Errc::membership_proof_invalid);
}

// The confirmation tag authenticates tree_hash_after: an annotation whose
// proofs and tree hash are consistent but of another tree (the one before
// the Commit) is caught by the tag (a Commit without a path, so that no
// path key tells first).
TEST_F(PartialClientMustTest, CommitAnnotatedWithAnotherConsistentTreeFailsTheConfirmationTag) {
  const auto alice_before = *make_membership_proof(alice.tree(), alice.own_leaf());
  const auto pat_before = pat->own_membership_proof();
  const Bytes tree_before = pat->context().tree_hash;
  CommitOptions add_only;
  add_only.proposals.push_back(Proposal{Add{key_package("dave").key_package}});
  auto sent = commit_by(alice, add_only);
  const auto genuine = annotate(alice, sent, me);
  auto bad = genuine;
  bad.tree_hash_after = tree_before;
  bad.sender_membership_proof_after = alice_before;
  bad.receiver_membership_proof_after = pat_before;
  expect_rejected(bad, Errc::confirmation_tag_invalid);
  expect_accepted(genuine);
}

// A Commit by reference to a proposal this client never received.
TEST_F(PartialClientMustTest, CommitOfAnUnknownProposalIsRejected) {
  auto proposal = bob->propose(Proposal{Remove{carol->own_leaf().value}});
  ASSERT_TRUE(is_ok(proposal));
  for (auto* member : {&alice, &*carol}) ASSERT_TRUE(is_ok(member->process(*proposal)));
  const auto bob_proof = *make_membership_proof(bob->tree(), bob->own_leaf());
  auto sent = commit_by(alice, CommitOptions{});
  auto genuine = annotate(alice, sent, me);
  expect_rejected(genuine, Errc::unknown_proposal);
  ASSERT_TRUE(is_ok(pat->process(*proposal, bob_proof)));
  expect_accepted(genuine);
}

// "Annotated Commit": what is annotated is a Commit; carol's proposal,
// with her proof, is refused as one.
TEST_F(PartialClientMustTest, AnnotatedProposalIsRefused) {
  auto proposal = carol->propose(Proposal{Remove{alice.own_leaf().value}});
  ASSERT_TRUE(is_ok(proposal));
  const auto carol_before = *make_membership_proof(carol->tree(), carol->own_leaf());
  expect_bad_annotation(
      [&](AnnotatedCommit& c) {
        c.commit = *proposal;
        c.sender_membership_proof = carol_before;
      },
      Errc::content_not_allowed);
}

// A Commit is processed only as an AnnotatedCommit.
TEST_F(PartialClientMustTest, PlainCommitIsRefused) {
  auto sent = bob_commits();
  expect_rejected(sent.commit, sent.annotation->sender_before, Errc::partial_unsupported);
  expect_accepted(annotate(*bob, sent, me));
}

// A Remove of this member: removed, then nothing more is processed.
TEST_F(PartialClientMustTest, RemovedClientProcessesNothingMore) {
  CommitOptions remove_pat;
  remove_pat.proposals.push_back(Proposal{Remove{me.value}});
  auto sent = commit_by(alice, remove_pat);
  // No proof of pat's leaf exists after the Commit: the annotation is carol's.
  auto annotated = annotate(alice, sent, carol->own_leaf());
  auto received = pat->process(annotated);
  ASSERT_TRUE(is_ok(received));
  EXPECT_TRUE(received->removed);
  auto next = bob_commits();
  EXPECT_TRUE(fails_with(pat->process(annotate(*bob, next, carol->own_leaf())), Errc::not_in_group));
}

// A new member's external Commit: its signature key is its path's leaf, its
// init secret its ExternalInit's, and it comes without a sender proof
// ("Annotated Commit": the proof MUST be absent for new_member_commit).
TEST_F(PartialClientMustTest, ExternalCommitWithSenderProofIsRejected) {
  const auto alice_proof = *make_membership_proof(alice.tree(), alice.own_leaf());
  auto info = alice.group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto joined = Group::join_external(*info->body.get_if<GroupInfo>(), key_package("frank"), std::nullopt,
                                     member_config, random);
  ASSERT_TRUE(is_ok(joined));
  for (auto* member : full_members()) ASSERT_TRUE(is_ok(member->process(joined->commit)));
  const CommitOutput sent{joined->commit, std::nullopt, std::nullopt,
                          CommitAnnotationInput{joined->commit, std::nullopt, joined->group.own_leaf(), {}, true}};
  const auto genuine = annotate(joined->group, sent, me);
  auto bad = genuine;
  bad.sender_membership_proof = alice_proof;
  expect_rejected(bad, Errc::invalid_sender);
  expect_accepted(genuine);
  EXPECT_TRUE(agree(*pat, joined->group));
}

// Section 11.2: a committed ReInit is applied (the epoch agrees), and the
// group is then used no more: neither to send nor to process a Commit.
TEST_F(PartialClientMustTest, ReInitEndsTheGroup) {
  CommitOptions reinit;
  reinit.proposals.push_back(Proposal{ReInit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(), {}}});
  auto sent = commit_by(alice, reinit);
  const auto annotated = annotate(alice, sent, me);
  expect_accepted(annotated);
  EXPECT_TRUE(fails_with(pat->protect(as_bytes("hi"), {}, random), Errc::group_reinitialized));
  expect_rejected(annotated, Errc::group_reinitialized);
}

// Section 6: a message of another version, or of no framed content (a
// KeyPackage), is refused; an encrypted Commit comes only annotated.
TEST_F(PartialClientMustTest, MessagesOfAnotherVersionOrKindAreRefused) {
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  const auto carol_proof = *make_membership_proof(carol->tree(), carol->own_leaf());
  MlsMessage other = *message;
  other.version = static_cast<ProtocolVersion>(2);
  expect_rejected(other, carol_proof, Errc::invalid_value);
  const MlsMessage key_package_message{ProtocolVersion::mls10, MessageBody{key_package("kim").key_package}};
  expect_rejected(key_package_message, carol_proof, Errc::content_not_allowed);
  CommitOptions encrypted;
  encrypted.encrypt = true;
  auto sent = commit_by(*bob, encrypted);
  expect_rejected(sent.commit, sent.annotation->sender_before, Errc::partial_unsupported);
}

// Section 6.1: a message of the epoch before is refused as such.
TEST_F(PartialClientMustTest, MessageOfThePreviousEpochIsRefused) {
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  const auto carol_proof = *make_membership_proof(carol->tree(), carol->own_leaf());
  auto sent = bob_commits();
  expect_accepted(annotate(*bob, sent, me));
  expect_rejected(*message, carol_proof, Errc::wrong_epoch);
}

// The application's policy for proposals from outside the group: any but
// a new member's Add of "mallory".
Status refuse_mallory(const GroupContext&, const Sender&, const Proposal& proposal) {
  const auto* add = proposal.get_if<Add>();
  const auto* basic = add != nullptr ? add->key_package.leaf_node.credential.get_if<BasicCredential>() : nullptr;
  const bool mallory = basic != nullptr && basic->identity == test::copy_of(as_bytes("mallory"));
  return mallory ? Status(Errc::proposal_rejected) : Status();
}

class PartialOutsidersTest : public PartialClientMustTest {
 protected:
  PartialOutsidersTest() { member_config.external_proposals = refuse_mallory; }

  MlsMessage new_member_add(const KeyPackageBundle& bundle) {
    return *external_proposal(pat->context(), Sender{NewMemberProposalSender{}}, Proposal{Add{bundle.key_package}},
                              bundle.keys.signature_private_key);
  }
};

// Section 12.1.8: the application authorizes each proposal from outside
// the group: mallory's Add it refuses, dave's it takes.
TEST_F(PartialOutsidersTest, NewMembersProposalsGoToThePolicy) {
  expect_rejected(new_member_add(key_package("mallory")), std::nullopt, Errc::proposal_rejected);
  auto received = pat->process(new_member_add(key_package("dave")), std::nullopt);
  ASSERT_TRUE(is_ok(received));
  EXPECT_EQ(received->kind, Received::Kind::proposal);
  EXPECT_TRUE(received->sender == (Sender{NewMemberProposalSender{}}));
}

// Section 12.1.8: a proposal from outside the group is authorized by the
// application; without a policy a new member's Add is refused.
TEST_F(PartialClientMustTest, NewMembersProposalWithoutAPolicyIsRefused) {
  auto dave = key_package("dave");
  auto proposal = external_proposal(pat->context(), Sender{NewMemberProposalSender{}},
                                    Proposal{Add{dave.key_package}}, dave.keys.signature_private_key);
  ASSERT_TRUE(is_ok(proposal));
  expect_rejected(*proposal, std::nullopt, Errc::proposal_rejected);
}

// "Sender-Authenticated Messages": an application message of a member
// comes with a proof of its sender.
TEST_F(PartialClientMustTest, ApplicationMessageWithoutProofIsRejected) {
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  expect_rejected(*message, std::nullopt, Errc::invalid_sender);
  EXPECT_TRUE(is_ok(pat->process(*message, *make_membership_proof(carol->tree(), carol->own_leaf()))));
}

// Section 5.3.1: the application judges each proven sender's credential
// (here: a policy that refuses carol's).
TEST_F(PartialClientTest, ProvenSenderWithARefusedCredentialIsRejected) {
  member_config.credentials = [](const Credential& credential, BytesView) -> Status {
    const auto* basic = credential.get_if<BasicCredential>();
    if (basic != nullptr && basic->identity == test::copy_of(as_bytes("carol"))) return Errc::credential_rejected;
    return {};
  };
  PartialGroup pat = join_pat();
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  const PartialSnapshot before = snapshot(pat);
  EXPECT_TRUE(fails_with(pat.process(*message, *make_membership_proof(carol->tree(), carol->own_leaf())),
                         Errc::credential_rejected));
  EXPECT_TRUE(unchanged(pat, before));
  auto from_bob = bob->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(from_bob));
  EXPECT_TRUE(is_ok(pat.process(*from_bob, *make_membership_proof(bob->tree(), bob->own_leaf()))));
}

// The decrypted sender leaf is the proof's (here: bob's proof for carol's
// message).
TEST_F(PartialClientMustTest, ApplicationMessageWithAnotherLeafsProofIsRejected) {
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  expect_rejected(*message, *make_membership_proof(carol->tree(), bob->own_leaf()), Errc::invalid_sender);
  EXPECT_TRUE(is_ok(pat->process(*message, *make_membership_proof(carol->tree(), carol->own_leaf()))));
}

// The sender proof is valid relative to the tree hash of the message's
// epoch (here: carol's proof from the epoch before).
TEST_F(PartialClientMustTest, ApplicationMessageWithProofOfAnotherTreeIsRejected) {
  auto old_proof = *make_membership_proof(carol->tree(), carol->own_leaf());
  auto sent = bob_commits();
  expect_accepted(annotate(*bob, sent, me));
  auto message = carol->protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  expect_rejected(*message, old_proof, Errc::membership_proof_invalid);
  EXPECT_TRUE(is_ok(pat->process(*message, *make_membership_proof(carol->tree(), carol->own_leaf()))));
}

// A member's proposal comes with its sender's proof; with it, a Commit may
// reference it.
TEST_F(PartialClientMustTest, ProposalWithoutProofIsRejected) {
  auto proposal = bob->propose(Proposal{Remove{carol->own_leaf().value}});
  ASSERT_TRUE(is_ok(proposal));
  for (auto* member : {&alice, &*carol}) ASSERT_TRUE(is_ok(member->process(*proposal)));
  expect_rejected(*proposal, std::nullopt, Errc::invalid_sender);
  ASSERT_TRUE(is_ok(pat->process(*proposal, *make_membership_proof(bob->tree(), bob->own_leaf()))));
  auto sent = commit_by(alice, CommitOptions{});
  expect_accepted(annotate(alice, sent, me));
}

// "Joining via Annotated Welcome", each with the joiner's exact error.
class PartialJoinMustTest : public PartialClientTest {
 protected:
  void expect_join_rejected(const std::function<void(AnnotatedWelcome&)>& mutate, Errc expected) {
    auto bundle = key_package("pat");
    const auto sender_before = *make_membership_proof(alice.tree(), alice.own_leaf());
    const auto added = alice_adds(bundle.key_package, false);
    const auto welcome = welcome_for(alice, added.welcome(), added.leaf);
    before_commit = sender_before;
    auto bad = welcome;
    mutate(bad);
    const auto& keys = bundle.keys;
    KeyPackageKeys copy{keys.init_private_key.clone(), keys.encryption_private_key.clone(),
                        keys.signature_private_key.clone()};
    EXPECT_TRUE(fails_with(PartialGroup::join(bad, bundle.key_package, std::move(copy), member_config), expected));
    EXPECT_TRUE(is_ok(PartialGroup::join(welcome, bundle.key_package, std::move(bundle.keys), member_config)));
  }
  // alice's proof in the tree before the Commit that adds pat.
  MembershipProof before_commit;
};

// Step 1: the two proofs reference the same tree (here: the sender's from
// the tree before the Commit).
TEST_F(PartialJoinMustTest, ProofsOfDifferentTreesAreRejected) {
  expect_join_rejected([&](AnnotatedWelcome& w) { w.welcome.sender_membership_proof = before_commit; },
                       Errc::membership_proof_invalid);
}

// Step 2: the GroupInfo's tree hash is the proofs' root tree hash (here:
// both proofs of the tree before the Commit).
TEST_F(PartialJoinMustTest, ProofsOfAnotherTreeThanTheGroupInfosAreRejected) {
  expect_join_rejected(
      [&](AnnotatedWelcome& w) {
        w.welcome.sender_membership_proof = before_commit;
        w.joiner_membership_proof = before_commit;
      },
      Errc::membership_proof_invalid);
}

// Step 2: the GroupInfo's signer equals the sender proof's leaf_index
// (here: bob's proof, of the same tree, for alice's GroupInfo).
TEST_F(PartialJoinMustTest, SenderProofOfAnotherLeafIsRejected) {
  expect_join_rejected(
      [&](AnnotatedWelcome& w) { w.welcome.sender_membership_proof = *make_membership_proof(alice.tree(), bob->own_leaf()); },
      Errc::invalid_sender);
}

// Step 2: my_leaf is the joiner proof's, whose leaf must be the
// KeyPackage's (here: carol's leaf).
TEST_F(PartialJoinMustTest, JoinerProofOfAnotherLeafIsRejected) {
  expect_join_rejected(
      [&](AnnotatedWelcome& w) { w.joiner_membership_proof = *make_membership_proof(alice.tree(), carol->own_leaf()); },
      Errc::not_in_group);
}

}  // namespace
}  // namespace conclave::mls
