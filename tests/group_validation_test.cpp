// RFC 9420 sections 12.2 and 12.4.2: every check a member makes on a Commit
// it is asked to create or to process, each with an input that breaks it
// (the fixture, GroupValidationTest, is described in
// group_validation_fixtures.hpp).

#include <gtest/gtest.h>

#include "group_validation_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

// The twin's re-signing changes nothing: bob's commit, signed and MACed
// again by the twin, is bob's byte for byte (Ed25519 is deterministic), and
// dave accepts it.
TEST_F(GroupValidationTest, ForgerIsFaithful) {
  auto genuine = group(bob).commit({.force_path = true}, random);
  ASSERT_TRUE(is_ok(genuine));
  const MlsMessage forged = with_commit([](Commit&) {})(genuine->commit);
  EXPECT_TRUE(forged == genuine->commit);
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), forged, group(bob));
}

// ---- Section 12.4.2: epoch, membership tag, signature, sender ----

// The FramedContent's epoch is the current one: a commit already applied
// (a replay), the loser of two commits for one epoch, and a commit from an
// epoch not reached yet are refused, and each is accepted in its epoch.
TEST_F(GroupValidationTest, CommitForAnotherEpoch) {
  auto from_alice = group(alice).commit({}, random);
  auto from_bob = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(from_alice));
  ASSERT_TRUE(is_ok(from_bob));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  group(bob).discard_pending_commit();
  expect_accepted(group(dave), from_alice->commit, group(alice));
  expect_rejected(group(dave), from_alice->commit, Errc::wrong_epoch);
  expect_rejected(group(dave), from_bob->commit, Errc::wrong_epoch);

  expect_accepted(group(carol), from_alice->commit, group(alice));
  auto from_carol = group(carol).commit({}, random);
  ASSERT_TRUE(is_ok(from_carol));
  ASSERT_TRUE(is_ok(group(carol).merge_pending_commit()));
  expect_rejected(group(erin), from_carol->commit, Errc::wrong_epoch);
  expect_accepted(group(erin), from_alice->commit, group(alice));
  expect_accepted(group(erin), from_carol->commit, group(carol));
}

// Section 6.2: the membership MAC over the content and its auth data.
TEST_F(GroupValidationTest, TamperedMembershipTag) {
  expect_tampered_rejected(
      [](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        message.membership_tag = flipped(*message.membership_tag);
        return message_of(MessageBody{message});
      },
      Errc::membership_tag_invalid);
}

// The membership tag covers the signature, so a flipped signature fails
// the tag before the signature is looked at.
TEST_F(GroupValidationTest, TamperedSignatureFailsMembershipTagFirst) {
  expect_tampered_rejected(with_signature_flipped, Errc::membership_tag_invalid);
}

// Section 6.1: MACed again over the flipped signature, the signature check
// itself rejects it.
TEST_F(GroupValidationTest, TamperedSignature) {
  expect_tampered_rejected(
      [this](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        message.auth.signature = flipped(message.auth.signature);
        return forger().seal_public(message.content, message.auth);
      },
      Errc::signature_invalid);
}

// The committer is another member: a member's own commit, discarded and
// then received, is refused.
TEST_F(GroupValidationTest, CommitFromOwnLeaf) {
  auto own = group(dave).commit({}, random);
  ASSERT_TRUE(is_ok(own));
  group(dave).discard_pending_commit();
  expect_rejected(group(dave), own->commit, Errc::invalid_sender);
  expect_still_works(group(dave));
}

// Section 6.1: a blank sender leaf has no signature key.
TEST_F(GroupValidationTest, CommitFromBlankLeaf) {
  expect_tampered_rejected(
      [this](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        message.content.sender = Sender{MemberSender{blank_leaf}};
        return forger().sign_public(message.content, *message.auth.confirmation_tag);
      },
      Errc::invalid_sender);
}

// ---- Section 12.4.2: confirmation tag ----

// The last check: the confirmation tag computed with the new epoch's
// confirmation_key is the one sent.
TEST_F(GroupValidationTest, WrongConfirmationTag) {
  expect_tampered_rejected(
      [this](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        message.auth.confirmation_tag = flipped(*message.auth.confirmation_tag);
        return forger().seal_public(message.content, message.auth);
      },
      Errc::confirmation_tag_invalid);
}

// The same in a PrivateMessage. Both messages use generation 0 of bob's
// handshake ratchet: the rejected one must not consume the key (section
// 9.2), or the genuine commit could not be read.
TEST_F(GroupValidationTest, WrongConfirmationTagInPrivateMessage) {
  expect_tampered_rejected(
      [this](const MlsMessage& genuine) {
        auto content = forger().open(genuine);
        content.auth.confirmation_tag = flipped(*content.auth.confirmation_tag);
        return forger().seal_private(content.content, content.auth, random);
      },
      Errc::confirmation_tag_invalid,
      {.include_received = false, .force_path = true, .encrypt = true});
}

// Section 6.3: a PrivateMessage commit whose ciphertext was changed does
// not decrypt (the sender data key is sampled from the ciphertext).
TEST_F(GroupValidationTest, TamperedPrivateCommit) {
  expect_tampered_rejected(
      [](const MlsMessage& genuine) {
        auto message = *genuine.body.get_if<PrivateMessage>();
        message.ciphertext = flipped(message.ciphertext);
        return message_of(MessageBody{message});
      },
      Errc::aead_failure, {.include_received = false, .force_path = true, .encrypt = true});
}

// ---- Section 12.4.2: the path ----

// A path is required for an empty commit and for update, remove,
// external_init and group_context_extensions proposals (section 12.4).
// Stripped and signed again, each commit fails path_required: the list is
// valid, and the check comes before the path and the confirmation tag.
TEST_F(GroupValidationTest, EmptyCommitWithoutPath) {
  expect_tampered_rejected(with_commit(strip_path), Errc::path_required);
}

TEST_F(GroupValidationTest, RemoveWithoutPath) {
  expect_tampered_rejected(with_commit(strip_path), Errc::path_required,
                           {.proposals = {Proposal{Remove{erin}}}, .include_received = false});
}

TEST_F(GroupValidationTest, UpdateWithoutPath) {
  deliver(*group(carol).propose_update(random));
  expect_tampered_rejected(with_commit(strip_path), Errc::path_required);
}

TEST_F(GroupValidationTest, GroupContextExtensionsWithoutPath) {
  expect_tampered_rejected(with_commit(strip_path), Errc::path_required,
                           {.proposals = {Proposal{GroupContextExtensions{}}}, .include_received = false});
}

// Stripped but not signed again, the commit fails the membership tag,
// which covers the content and comes first.
TEST_F(GroupValidationTest, StrippedPathFailsMembershipTagFirst) {
  expect_tampered_rejected(
      [](const MlsMessage& genuine) {
        auto message = public_of(genuine);
        Commit commit = commit_of(message);
        strip_path(commit);
        message.content.content = Content{std::move(commit)};
        return message_of(MessageBody{message});
      },
      Errc::membership_tag_invalid);
}

// Section 12.4.2: the path's LeafNode has leaf_node_source commit.
TEST_F(GroupValidationTest, PathLeafNotFromCommit) {
  expect_tampered_rejected(
      with_path_leaf([](LeafNode& leaf) { leaf.source = LeafNodeSourceData{UpdateSource{}}; }),
      Errc::invalid_value);
}

// Section 7.3: the LeafNode's signature verifies.
TEST_F(GroupValidationTest, PathLeafSignatureInvalid) {
  expect_tampered_rejected(with_commit([](Commit& commit) {
                             auto& leaf = commit.path->leaf_node;
                             leaf.signature = flipped(leaf.signature);
                           }),
                           Errc::signature_invalid);
}

// Section 7.3: the LeafNode's capabilities cover the credential types the
// members use (basic).
TEST_F(GroupValidationTest, PathLeafWithoutMembersCredentialType) {
  expect_tampered_rejected(with_path_leaf([](LeafNode& leaf) {
                             leaf.capabilities.credentials = {CredentialType::x509};
                           }),
                           Errc::capability_mismatch);
}

// Section 7.3: signature keys are unique among the leaves: bob's path
// leaf may not take carol's (signed with carol's key, so that only this
// check refuses it).
TEST_F(GroupValidationTest, PathLeafWithAnotherMembersSignatureKey) {
  expect_tampered_rejected(with_commit([this](Commit& commit) {
    auto& leaf = commit.path->leaf_node;
    leaf.signature_key = bundle(carol).key_package.leaf_node.signature_key;
    test::sign_leaf(suite, leaf, bundle(carol).keys.signature_private_key, group_id, LeafIndex{bob});
  }), Errc::duplicate_key);
}

// Section 12.4.2: the LeafNode's encryption_key differs from the
// committer's current leaf's.
TEST_F(GroupValidationTest, PathLeafKeepsEncryptionKey) {
  const Bytes current = group(dave).tree().leaf(LeafIndex{bob})->encryption_key;
  expect_tampered_rejected(with_path_leaf([current](LeafNode& leaf) { leaf.encryption_key = current; }),
                           Errc::duplicate_key);
}

// Section 12.4.2: no public key of the UpdatePath is in the tree. Carol's
// leaf key goes on bob's path, and the parent hashes are computed for the
// changed path, so that the key is the only fault.
TEST_F(GroupValidationTest, PathNodeKeyAlreadyInTree) {
  expect_tampered_rejected(with_commit([this](Commit& commit) {
                             auto& path = *commit.path;
                             path.nodes.back().encryption_key =
                                 group(dave).tree().leaf(LeafIndex{carol})->encryption_key;
                             std::vector<Bytes> keys;
                             for (const auto& node : path.nodes) keys.push_back(node.encryption_key);
                             const auto hashes = group(dave).tree().path_parent_hashes(LeafIndex{bob}, keys);
                             path.leaf_node.source = LeafNodeSourceData{CommitSource{hashes->leaf}};
                             test::sign_leaf(suite, path.leaf_node, bundle(bob).keys.signature_private_key,
                                             group_id, LeafIndex{bob});
                           }),
                           Errc::duplicate_key);
}

// Section 7.9.2, merging the path: the leaf's parent hash is the one the
// path's nodes give.
TEST_F(GroupValidationTest, PathParentHashWrong) {
  expect_tampered_rejected(with_path_leaf([](LeafNode& leaf) {
                             auto& source = *leaf.source.get_if<CommitSource>();
                             source.parent_hash = flipped(source.parent_hash);
                           }),
                           Errc::parent_hash_invalid);
}

// Section 7.6: one node per node of the committer's filtered direct path.
TEST_F(GroupValidationTest, PathTooShort) {
  expect_tampered_rejected(with_commit([](Commit& commit) { commit.path->nodes.pop_back(); }),
                           Errc::invalid_length);
}

// Section 12.4.2: the path secret decrypts (section 7.6).
TEST_F(GroupValidationTest, PathSecretUndecryptable) {
  expect_tampered_rejected(with_commit([](Commit& commit) {
                             for (auto& node : commit.path->nodes) {
                               for (auto& sealed : node.encrypted_path_secret) {
                                 sealed.ciphertext = flipped(sealed.ciphertext);
                               }
                             }
                           }),
                           Errc::aead_failure);
}

// While bob's Commit is pending (until he merges or discards it), he
// makes no other Commit, processes nothing, gives out no GroupInfo and is
// not serialized; once it is discarded there is nothing to merge, and he
// reads the message he could not before and goes on.
TEST_F(GroupValidationTest, APendingCommitHoldsTheGroup) {
  ASSERT_TRUE(is_ok(group(bob).commit({.include_received = false}, random)));
  auto message = group(carol).protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  EXPECT_TRUE(fails_with(group(bob).commit({.include_received = false}, random), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(group(bob).process(*message), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(group(bob).group_info(true), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(group(bob).serialize(), Errc::invalid_argument));
  group(bob).discard_pending_commit();
  EXPECT_TRUE(fails_with(group(bob).merge_pending_commit(), Errc::invalid_argument));
  auto read = group(bob).process(*message);
  ASSERT_TRUE(is_ok(read));
  EXPECT_EQ(read->application_data, test::copy_of(as_bytes("hi")));
  expect_still_works(group(bob));
}

// ---- Section 12.2: the proposal list, on both sides ----

// Multiple Adds of one client: the same KeyPackage twice.
TEST_F(GroupValidationTest, DuplicateAdd) {
  const auto frank = key_package("frank");
  expect_invalid_list({Proposal{Add{frank.key_package}}, Proposal{Add{frank.key_package}}},
                      Errc::invalid_proposal);
}

// Multiple Adds of one client: two KeyPackages with one signature key.
TEST_F(GroupValidationTest, TwoAddsOfOneClient) {
  const auto signer = suite.signature().generate_key_pair(random);
  const auto first = key_package_signed_by("frank", {signer.private_key.clone(), signer.public_key});
  const auto second = key_package_signed_by("frank", {signer.private_key.clone(), signer.public_key});
  expect_invalid_list({Proposal{Add{first.key_package}}, Proposal{Add{second.key_package}}},
                      Errc::invalid_proposal);
}

// An Add of a client already in the group (carol's signature key)...
TEST_F(GroupValidationTest, AddOfMember) {
  expect_invalid_list({Proposal{Add{key_package_of_member(carol).key_package}}}, Errc::invalid_proposal);
}

// ...is valid when the list also removes that member.
TEST_F(GroupValidationTest, AddOfMemberRemovedInSameCommit) {
  auto commit = group(bob).commit(
      {.proposals = {Proposal{Remove{carol}}, Proposal{Add{key_package_of_member(carol).key_package}}}},
      random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
  EXPECT_EQ(group(dave).tree().member_count(), 5u);
}

// An Update generated by the committer: given by value it makes the list
// invalid; its own cached one is left out of the committer's list
// (section 12.4), and a reference to it is refused by receivers.
TEST_F(GroupValidationTest, UpdateByCommitter) {
  auto proposal = group(bob).propose_update(random);
  ASSERT_TRUE(is_ok(proposal));
  ASSERT_TRUE(is_ok(group(dave).process(*proposal)));
  const ProposalRef own_ref = proposal_ref(suite, authenticated(public_of(*proposal)));
  auto without = group(bob).commit({}, random);
  ASSERT_TRUE(is_ok(without));
  EXPECT_TRUE(public_of(without->commit).content.content.get_if<Commit>()->proposals.empty());
  group(bob).discard_pending_commit();
  expect_tampered_rejected(with_proposals({ProposalOrRef{own_ref}}), Errc::invalid_proposal);
  twin_bob_again();
  expect_invalid_list({*public_of(*proposal).content.content.get_if<Proposal>()}, Errc::invalid_proposal);
}

// A Remove of the committer.
TEST_F(GroupValidationTest, RemoveOfCommitter) {
  expect_invalid_list({Proposal{Remove{bob}}}, Errc::invalid_proposal);
}

// Two Removes of one leaf.
TEST_F(GroupValidationTest, TwoRemovesOfOneLeaf) {
  expect_invalid_list({Proposal{Remove{erin}}, Proposal{Remove{erin}}}, Errc::invalid_proposal);
}

// Section 12.1.3: a Remove of a blank leaf...
TEST_F(GroupValidationTest, RemoveOfBlankLeaf) {
  expect_invalid_list({Proposal{Remove{blank_leaf}}}, Errc::invalid_proposal);
}

// ...or of a leaf outside the tree.
TEST_F(GroupValidationTest, RemoveOutsideTree) {
  expect_invalid_list({Proposal{Remove{100}}}, Errc::invalid_proposal);
}

// An Update and a Remove for one leaf (carol's Update, by reference).
TEST_F(GroupValidationTest, UpdateAndRemoveOfOneLeaf) {
  const ProposalRef update = deliver(*group(carol).propose_update(random));
  expect_tampered_rejected(with_proposals({ProposalOrRef{update}, ProposalOrRef{Proposal{Remove{carol}}}}),
                           Errc::invalid_proposal);
}

// Two Updates for one leaf (both of carol's, by reference).
TEST_F(GroupValidationTest, TwoUpdatesOfOneLeaf) {
  const ProposalRef first = deliver(*group(carol).propose_update(random));
  const ProposalRef second = deliver(*group(carol).propose_update(random));
  expect_tampered_rejected(with_proposals({ProposalOrRef{first}, ProposalOrRef{second}}),
                           Errc::invalid_proposal);
}

// Two PreSharedKey proposals with one PreSharedKeyID.
TEST_F(GroupValidationTest, DuplicatePsk) {
  const Proposal psk{PreSharedKey{external_psk(shared_psk_id)}};
  expect_invalid_list({psk, psk}, Errc::invalid_proposal);
}

// Section 12.1.4: a psk_nonce that is not KDF.Nh bytes.
TEST_F(GroupValidationTest, PskNonceWrongLength) {
  expect_invalid_list({Proposal{PreSharedKey{external_psk(shared_psk_id, 31)}}}, Errc::invalid_proposal);
}

// Section 12.1.4: a resumption PSK of usage reinit outside a reinit...
TEST_F(GroupValidationTest, ResumptionPskForReinit) {
  expect_invalid_list({Proposal{PreSharedKey{resumption_psk(ResumptionPskUsage::reinit)}}},
                      Errc::invalid_proposal);
}

// ...or of usage branch outside a branch.
TEST_F(GroupValidationTest, ResumptionPskForBranch) {
  expect_invalid_list({Proposal{PreSharedKey{resumption_psk(ResumptionPskUsage::branch)}}},
                      Errc::invalid_proposal);
}

// Two GroupContextExtensions proposals.
TEST_F(GroupValidationTest, GroupContextExtensionsTwice) {
  expect_invalid_list({Proposal{GroupContextExtensions{}}, Proposal{GroupContextExtensions{}}},
                      Errc::invalid_proposal);
}

// A ReInit with any other proposal, before or after it.
TEST_F(GroupValidationTest, ReInitWithAnotherProposal) {
  const Proposal reinit{ReInit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(), {}}};
  expect_invalid_list({reinit, Proposal{Add{key_package("frank").key_package}}}, Errc::invalid_proposal);
  twin_bob_again();
  expect_invalid_list({Proposal{Remove{erin}}, reinit}, Errc::invalid_proposal);
}

// Section 12.4.1: received proposals are gathered removals first and a
// ReInit last; as a ReInit must be alone, bob's Commit takes carol's
// Remove and leaves her ReInit out.
TEST_F(GroupValidationTest, AReceivedReInitIsLeftOutAfterARemove) {
  deliver(*group(carol).propose(Proposal{ReInit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(), {}}}));
  deliver(*group(carol).propose(Proposal{Remove{erin}}));
  expect_bob_commit_listing({}, 1);
  EXPECT_EQ(group(dave).tree().member_count(), 4u);
}

// An ExternalInit in a member's commit.
TEST_F(GroupValidationTest, ExternalInitInMemberCommit) {
  expect_invalid_list({Proposal{ExternalInit{Bytes(32, 9)}}}, Errc::invalid_proposal);
}

// A proposal type that members do not support.
TEST_F(GroupValidationTest, UnsupportedProposalType) {
  expect_invalid_list({Proposal{CustomProposal{static_cast<ProposalType>(0xff01), Bytes{1}}}},
                      Errc::invalid_proposal);
}

// ---- Section 12.2: individual proposals (12.1), and the tree after them (7.3) ----

// Section 10.1: the KeyPackage's signature verifies.
TEST_F(GroupValidationTest, AddWithBadKeyPackageSignature) {
  auto frank = key_package("frank");
  frank.key_package.signature = flipped(frank.key_package.signature);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::signature_invalid);
}

// Section 10.1: the KeyPackage's cipher suite is the group's.
TEST_F(GroupValidationTest, AddWithWrongCipherSuite) {
  const auto other = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519);
  const auto frank = key_package_signed_by("frank", other.signature().generate_key_pair(random), {}, &other);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
}

// Section 10.1: init_key and the leaf's encryption_key differ.
TEST_F(GroupValidationTest, AddWithInitKeyEqualToEncryptionKey) {
  auto frank = key_package("frank");
  frank.key_package.init_key = frank.key_package.leaf_node.encryption_key;
  resign(frank);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
}

// Section 7.3: the leaf's lifetime contains the current time.
TEST_F(GroupValidationTest, AddOfExpiredKeyPackage) {
  const auto frank = key_package("frank", {.lifetime = {0, now - 1}});
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::lifetime_invalid);
}

TEST_F(GroupValidationTest, AddOfKeyPackageNotYetValid) {
  const auto frank = key_package("frank", {.lifetime = {now + 1, ~std::uint64_t{0}}});
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::lifetime_invalid);
}

// Section 7.3: the leaf's encryption_key is unique in the tree.
TEST_F(GroupValidationTest, AddWithEncryptionKeyInTree) {
  auto frank = key_package("frank");
  frank.key_package.leaf_node.encryption_key = group(dave).tree().leaf(LeafIndex{carol})->encryption_key;
  resign(frank);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::duplicate_key);
}

// Section 7.3: the new leaf supports the credential types members use
// (its capabilities list x509 only, while everyone uses basic).
TEST_F(GroupValidationTest, AddWithoutMembersCredentialType) {
  auto frank = key_package("frank");
  frank.key_package.leaf_node.capabilities.credentials = {CredentialType::x509};
  resign(frank);
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

// Section 12.1.2 and 7.3: an Update's leaf comes from an update (carol
// proposes her unchanged leaf, whose source is key_package).
TEST_F(GroupValidationTest, UpdateWithLeafNotFromUpdate) {
  const LeafNode current = *group(dave).tree().leaf(LeafIndex{carol});
  const ProposalRef update = deliver(*group(carol).propose(Proposal{Update{current}}));
  expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), Errc::invalid_value);
}

// Section 7.3: an Update's leaf has a new encryption key.
TEST_F(GroupValidationTest, UpdateKeepingEncryptionKey) {
  LeafNode leaf = *group(dave).tree().leaf(LeafIndex{carol});
  leaf.source = LeafNodeSourceData{UpdateSource{}};
  test::sign_leaf(suite, leaf, bundle(carol).keys.signature_private_key, group_id, LeafIndex{carol});
  const ProposalRef update = deliver(*group(carol).propose(Proposal{Update{leaf}}));
  expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), Errc::duplicate_key);
}

// Section 12.1.7: a required_capabilities extension some member does not
// support makes the GroupContextExtensions proposal invalid.
TEST_F(GroupValidationTest, RequiredCapabilitiesMembersLack) {
  expect_invalid_list({required_capabilities({{static_cast<ExtensionType>(0xff00)}, {}, {}})},
                      Errc::capability_mismatch);
}

// Section 12.1.7: likewise a required credential type some member does not
// support; one every member supports is committed.
TEST_F(GroupValidationTest, RequiredCredentialTypeMembersLack) {
  expect_invalid_list({required_capabilities({{}, {}, {CredentialType::x509}})}, Errc::capability_mismatch);
  auto commit = group(bob).commit(
      {.proposals = {required_capabilities({{}, {}, {CredentialType::basic}})}, .include_received = false}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
}

// Section 12.1.7: a received GroupContextExtensions proposal whose
// required_capabilities do not parse is invalid: bob leaves it out of his
// Commit, which dave accepts.
TEST_F(GroupValidationTest, ReceivedGroupContextExtensionsWithUnparsableRequiredCapabilities) {
  const Extension unparsable{ExtensionType::required_capabilities, Bytes{0x04, 0x00}};
  deliver(*group(carol).propose(Proposal{GroupContextExtensions{{unparsable}}}));
  expect_bob_commit_listing({}, 0);
}

// Section 12.1.2: a member whose Update is committed takes the private key
// it made for it. An Update in bob's name that bob never sent (his twin's,
// signed with his key) leaves him no key for his new leaf: he refuses
// alice's Commit of it.
TEST_F(GroupValidationTest, CommittedUpdateTheMemberNeverSent) {
  LeafNode leaf = *group(alice).tree().leaf(LeafIndex{bob});
  leaf.source = LeafNodeSourceData{UpdateSource{}};
  leaf.encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  test::sign_leaf(suite, leaf, bundle(bob).keys.signature_private_key, group_id, LeafIndex{bob});
  const FramedContent content{group_id, group(alice).epoch(), Sender{MemberSender{bob}}, {},
                              Content{Proposal{Update{leaf}}}};
  const MlsMessage forged = forger().sign_public(content, {});
  for (const auto member : {alice, bob, dave}) ASSERT_TRUE(is_ok(group(member).process(forged)));
  auto commit = group(alice).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  expect_rejected(group(bob), commit->commit, Errc::invalid_proposal);
  expect_accepted(group(dave), commit->commit, group(alice));
}

// ---- Section 12.4.2: proposals by reference and PSKs ----

// Every proposal by reference was received this epoch. Dave missed bob's
// proposal: alice's commit of it is refused until dave receives it.
TEST_F(GroupValidationTest, UnknownProposalReference) {
  auto proposal = group(bob).propose(Proposal{Remove{erin}});
  ASSERT_TRUE(is_ok(proposal));
  ASSERT_TRUE(is_ok(group(alice).process(*proposal)));
  auto commit = group(alice).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  expect_rejected(group(dave), commit->commit, Errc::unknown_proposal);
  ASSERT_TRUE(is_ok(group(dave).process(*proposal)));
  expect_accepted(group(dave), commit->commit, group(alice));
}

// Proposals are cached for their epoch only: a reference to one received
// in the previous epoch is unknown in this one.
TEST_F(GroupValidationTest, ProposalReferenceFromThePreviousEpoch) {
  auto proposal = group(carol).propose(Proposal{Remove{erin}});
  ASSERT_TRUE(is_ok(proposal));
  const ProposalRef old_ref = deliver(*proposal);
  auto next = group(alice).commit({.include_received = false}, random);
  ASSERT_TRUE(is_ok(next));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  expect_accepted(group(bob), next->commit, group(alice));
  expect_accepted(group(dave), next->commit, group(alice));
  twin_bob_again();
  expect_tampered_rejected(with_proposals({ProposalOrRef{old_ref}}), Errc::unknown_proposal);
}

// Every PreSharedKey proposal's PSK is available. Dave has no value for
// the external PSK "shared": he can neither commit it nor process bob's
// commit of it, which erin, who has it, accepts.
TEST_F(GroupValidationTest, UnknownExternalPsk) {
  const Proposal psk{PreSharedKey{external_psk(shared_psk_id)}};
  expect_refused(group(dave), {.proposals = {psk}}, Errc::unknown_psk);
  auto commit = group(bob).commit({.proposals = {psk}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_rejected(group(dave), commit->commit, Errc::unknown_psk);
  expect_accepted(group(erin), commit->commit, group(bob));
  expect_still_works(group(dave));
}

// A resumption PSK of an epoch the group never had.
TEST_F(GroupValidationTest, UnknownResumptionPsk) {
  const PreSharedKeyId id{{ResumptionPskId{ResumptionPskUsage::application, group_id, 99}}, Bytes(32, 3)};
  expect_invalid_list({Proposal{PreSharedKey{id}}}, Errc::unknown_psk);
}

// ---- Section 12.2: external commits ----

// Exactly one ExternalInit, at most one Remove, PreSharedKeys, SelfRemoves
// by reference only (draft-ietf-mls-extensions), nothing else. Frank's external commit with its list changed, signed again with
// frank's key (an external commit carries no membership tag), is refused
// each time; the genuine one is accepted.
TEST_F(GroupValidationTest, ExternalCommitWithForbiddenProposals) {
  auto info = group(alice).group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto frank = key_package("frank");
  const crypto::Secret frank_key = frank.keys.signature_private_key.clone();
  auto joined = Group::join_external(*info->body.get_if<GroupInfo>(), std::move(frank), std::nullopt,
                                     config_for(erin), random);
  ASSERT_TRUE(is_ok(joined));
  const PublicMessage genuine = public_of(joined->commit);
  const ProposalOrRef init = commit_of(genuine).proposals.at(0);
  const std::vector<std::vector<ProposalOrRef>> forbidden = {
      {init, ProposalOrRef{Proposal{Add{key_package("gina").key_package}}}},
      {init, ProposalOrRef{Proposal{GroupContextExtensions{}}}},
      {init, init},
      {},
      {init, ProposalOrRef{Proposal{Remove{carol}}}, ProposalOrRef{Proposal{Remove{erin}}}},
      {init, ProposalOrRef{Proposal{SelfRemove{}}}},
  };
  for (const auto& proposals : forbidden) {
    PublicMessage message = genuine;
    Commit commit = commit_of(message);
    commit.proposals = proposals;
    message.content.content = Content{std::move(commit)};
    message.auth.signature = *suite.sign_with_label(
        frank_key, "FramedContentTBS",
        framed_content_tbs(WireFormat::public_message, message.content, group(dave).context()));
    expect_rejected(group(dave), message_of(MessageBody{message}), Errc::invalid_proposal);
  }
  expect_accepted(group(dave), joined->commit, joined->group);
}

}  // namespace
