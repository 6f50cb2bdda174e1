// External Commits (RFC 9420 sections 12.2 and 12.4.3.2) and external
// senders (section 12.1.8), as members receive them: a resync replaces a
// member only with an acceptable successor, an external Commit's proposals
// are all by value and its PSKs valid, and every credential the group
// meets, external senders' and joiners' too, goes to the application's
// policy. Each refusal gives its error and leaves the group unchanged.

#include <gtest/gtest.h>

#include "conclave/mls/extension_types.hpp"
#include "group_fixtures.hpp"
#include "group_snapshot.hpp"
#include "mls/group_state.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

const Bytes shared_psk_id{'s', 'h', 'a', 'r', 'e', 'd'};

std::optional<crypto::Secret> shared_psk(const PreSharedKeyId& id) {
  const auto* external = id.psk.get_if<ExternalPskId>();
  if (external == nullptr || external->psk_id != shared_psk_id) return std::nullopt;
  return crypto::Secret(Bytes(32, 0x5a));
}

Bytes bytes_of(std::string_view text) { return Bytes(text.begin(), text.end()); }

// Accepts every credential but the X.509 one of `refused`.
CredentialPolicy refusing(std::string_view refused) {
  return [refused = x509_credential(refused)](const Credential& credential, BytesView) {
    return credential == refused ? Status(Errc::credential_rejected) : Status();
  };
}

const CredentialPolicy accept_all = [](const Credential&, BytesView) { return Status(); };

class ExternalCommitTest : public GroupTest {
 protected:
  ExternalCommitTest() { member_config.psks = shared_psk; }

  // Alice's group with bob, and carol who joined by external Commit.
  struct ThreeMembers {
    Group alice;
    Group bob;
    Group carol;
  };
  ThreeMembers three_members() {
    auto alice = create("alice");
    auto joined = add(alice, {"bob"});
    auto carol = join_externally(alice, key_package("carol"));
    EXPECT_TRUE(is_ok(alice.process(carol.commit)));
    EXPECT_TRUE(is_ok(joined[0].process(carol.commit)));
    return {std::move(alice), std::move(joined[0]), std::move(carol.group)};
  }

  Group::ExternalJoin join_externally(const Group& group, KeyPackageBundle joiner,
                                      const ExternalJoinOptions& options = {}) {
    auto joined = try_join_externally(group, std::move(joiner), options, member_config);
    EXPECT_TRUE(is_ok(joined));
    return std::move(*joined);
  }

  Result<Group::ExternalJoin> try_join_externally(const Group& group, KeyPackageBundle joiner,
                                                  const ExternalJoinOptions& options, GroupConfig joiner_config) {
    auto info = group.group_info(true);
    EXPECT_TRUE(is_ok(info));
    return Group::join_external(*info->body.get_if<GroupInfo>(), std::move(joiner), std::nullopt,
                                std::move(joiner_config), random, options);
  }

  ExternalSender x509_sender(std::string_view name) {
    return {suite.signature().generate_key_pair(random).public_key, x509_credential(name)};
  }
};

void expect_refused(Group& group, const MlsMessage& message, Errc expected) {
  const Snapshot before = snapshot(group);
  EXPECT_TRUE(fails_with(group.process(message), expected));
  EXPECT_TRUE(unchanged(group, before));
}

// ---- Section 12.2: a resync replaces a member by an acceptable successor ----

// By default the joiner's credential must be the removed member's: mallory
// may not replace carol or bob.
TEST_F(ExternalCommitTest, AResyncByAnotherIdentityIsRefused) {
  auto [alice, bob, carol] = three_members();
  for (const auto leaf : {carol.own_leaf(), bob.own_leaf()}) {
    auto mallory = join_externally(alice, key_package("mallory"), {.replacing = leaf});
    expect_refused(alice, mallory.commit, Errc::credential_rejected);
  }
}

// Carol's resync with her own credential is accepted by every member.
TEST_F(ExternalCommitTest, AGenuineResyncIsAccepted) {
  auto [alice, bob, carol] = three_members();
  auto again = join_externally(alice, key_package("carol"), {.replacing = carol.own_leaf()});
  ASSERT_TRUE(is_ok(alice.process(again.commit)));
  ASSERT_TRUE(is_ok(bob.process(again.commit)));
  expect_same_epoch(alice, again.group);
  expect_same_epoch(bob, again.group);
  EXPECT_EQ(alice.tree().member_count(), 3u);
}

// A resync policy sees the removed leaf and the joiner's new one, and its
// error refuses the Commit.
TEST_F(ExternalCommitTest, TheResyncPolicySeesBothLeaves) {
  std::vector<std::pair<LeafNode, LeafNode>> seen;
  member_config.resync = [&seen](const LeafNode& removed, const LeafNode& joiner) {
    seen.emplace_back(removed, joiner);
    return Status(Errc::not_permitted);
  };
  auto [alice, bob, carol] = three_members();
  const LeafNode old_leaf = *alice.tree().leaf(carol.own_leaf());
  auto again = join_externally(alice, key_package("carol"), {.replacing = carol.own_leaf()});
  expect_refused(alice, again.commit, Errc::not_permitted);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, old_leaf);
  const auto& commit = *again.commit.body.get_if<PublicMessage>()->content.content.get_if<Commit>();
  EXPECT_EQ(seen[0].second, commit.path->leaf_node);
}

// Without a resync policy, the credential successor policy decides: here
// carol may come back as "carol 2".
TEST_F(ExternalCommitTest, WithoutAResyncPolicyTheSuccessorPolicyDecides) {
  member_config.credential_successor = [](const Credential& previous, const Credential& next) {
    const bool renamed = previous == Credential{BasicCredential{bytes_of("carol")}} &&
                         next == Credential{BasicCredential{bytes_of("carol 2")}};
    return renamed ? Status() : Status(Errc::credential_rejected);
  };
  auto [alice, bob, carol] = three_members();
  auto renamed = join_externally(alice, key_package("carol 2"), {.replacing = carol.own_leaf()});
  ASSERT_TRUE(is_ok(alice.process(renamed.commit)));
  expect_same_epoch(alice, renamed.group);
}

// ---- Sections 12.4.3.2 and 12.1.4: an external Commit's proposals ----

// An external Commit carries no proposal by reference, even to one the
// receiver holds (here bob's PSK proposal).
TEST_F(ExternalCommitTest, AProposalByReferenceIsRefused) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  auto psk = joined[0].propose(Proposal{PreSharedKey{{{ExternalPskId{shared_psk_id}}, Bytes(32, 1)}}});
  ASSERT_TRUE(is_ok(psk));
  ASSERT_TRUE(is_ok(alice.process(*psk)));
  const auto& proposal = *psk->body.get_if<PublicMessage>();
  const ProposalRef ref = proposal_ref(suite, {WireFormat::public_message, proposal.content, proposal.auth});
  auto frank = key_package("frank");
  const crypto::Secret frank_key = frank.keys.signature_private_key.clone();
  auto joined_frank = join_externally(alice, std::move(frank));
  PublicMessage message = *joined_frank.commit.body.get_if<PublicMessage>();
  Commit commit = *message.content.content.get_if<Commit>();
  commit.proposals.push_back(ProposalOrRef{ref});
  message.content.content = Content{std::move(commit)};
  message.auth.signature = *suite.sign_with_label(
      frank_key, "FramedContentTBS", framed_content_tbs(WireFormat::public_message, message.content, alice.context()));
  expect_refused(alice, MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(message)}}, Errc::invalid_proposal);
}

// A PSK in an external Commit has a KDF.Nh-byte nonce, a resumption PSK
// has usage application, and no PSK comes twice; a valid one is accepted.
TEST_F(ExternalCommitTest, ItsPskProposalsAreChecked) {
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  const PreSharedKeyId shared{{ExternalPskId{shared_psk_id}}, Bytes(32, 1)};
  const PreSharedKeyId short_nonce{{ExternalPskId{shared_psk_id}}, Bytes(31, 1)};
  const PreSharedKeyId reinit{{ResumptionPskId{ResumptionPskUsage::reinit, alice.context().group_id, alice.epoch()}},
                              Bytes(32, 2)};
  GroupConfig joiner;
  joiner.psks = [own = alice.resumption_psks()](const PreSharedKeyId& id) {
    auto found = own(id);
    return found ? std::move(found) : shared_psk(id);
  };
  for (const auto& psks : std::vector<std::vector<PreSharedKeyId>>{{short_nonce}, {reinit}, {shared, shared}}) {
    auto frank = try_join_externally(alice, key_package("frank"), {.psks = psks}, joiner);
    ASSERT_TRUE(is_ok(frank));
    expect_refused(alice, frank->commit, Errc::invalid_proposal);
  }
  auto frank = try_join_externally(alice, key_package("frank"), {.psks = {shared}}, joiner);
  ASSERT_TRUE(is_ok(frank));
  ASSERT_TRUE(is_ok(alice.process(frank->commit)));
  expect_same_epoch(alice, frank->group);
}

// ---- Section 5.3.1: every credential goes to the application's policy ----

// The members' policy judges the external joiner's credential: frank's
// X.509 credential is refused, gina's accepted.
TEST_F(ExternalCommitTest, TheCredentialPolicyJudgesTheJoiner) {
  const std::vector<CredentialType> both{CredentialType::basic, CredentialType::x509};
  member_config.credentials = refusing("frank");
  auto alice = std::move(*Group::create(suite, bytes_of("gid"), key_package_with(Credential{BasicCredential{bytes_of("alice")}}, both),
                                        {}, member_config, random));
  auto frank = join_externally(alice, key_package_with(x509_credential("frank"), both));
  expect_refused(alice, frank.commit, Errc::credential_rejected);
  auto gina = join_externally(alice, key_package_with(x509_credential("gina"), both));
  ASSERT_TRUE(is_ok(alice.process(gina.commit)));
  expect_same_epoch(alice, gina.group);
}

// Section 12.4.3.2, joiner's side: one joining by external Commit judges
// the members' credentials (here an X.509 one, which no policy accepts).
TEST_F(ExternalCommitTest, AnExternalJoinerJudgesTheMembers) {
  const std::vector<CredentialType> both{CredentialType::basic, CredentialType::x509};
  member_config.credentials = accept_all;
  auto alice = std::move(*Group::create(suite, bytes_of("gid"), key_package_with(x509_credential("alice"), both), {}, member_config,
                                        random));
  EXPECT_TRUE(fails_with(try_join_externally(alice, key_package_with(x509_credential("frank"), both), {}, {}),
                         Errc::credential_rejected));
  EXPECT_TRUE(is_ok(try_join_externally(alice, key_package_with(x509_credential("frank"), both), {}, member_config)));
}

// A group is not created with an external sender whose credential the
// policy refuses (without one: any but a basic credential).
TEST_F(ExternalCommitTest, AGroupIsNotCreatedWithARefusedExternalSender) {
  const ExtensionList extensions{make_extension(ExternalSenders{{x509_sender("ds")}})};
  EXPECT_TRUE(fails_with(Group::create(suite, bytes_of("gid"), key_package("alice"), extensions, {}, random),
                         Errc::credential_rejected));
  GroupConfig trusting;
  trusting.credentials = accept_all;
  EXPECT_TRUE(is_ok(Group::create(suite, bytes_of("gid"), key_package("alice"), extensions, trusting, random)));
}

// A GroupContextExtensions that names an external sender the policy
// refuses: its committer refuses to commit it, and a member whose policy
// refuses it rejects another's Commit of it.
TEST_F(ExternalCommitTest, AGroupContextExtensionsWithARefusedExternalSender) {
  const Proposal senders{GroupContextExtensions{{make_extension(ExternalSenders{{x509_sender("ds")}})}}};
  auto alice = create("alice");
  auto joined = add(alice, {"bob"});
  const Snapshot before = snapshot(alice);
  EXPECT_TRUE(fails_with(alice.commit({.proposals = {senders}}, random), Errc::credential_rejected));
  EXPECT_TRUE(unchanged(alice, before));

  member_config.credentials = accept_all;
  auto trusting = create("trusting");
  member_config.credentials = nullptr;
  auto members = add(trusting, {"bob"});
  auto commit = trusting.commit({.proposals = {senders}}, random);
  ASSERT_TRUE(is_ok(commit));
  expect_refused(members[0], commit->commit, Errc::credential_rejected);
}

// One joining a group whose GroupContext names an external sender its
// policy refuses does not join, by Welcome or by external Commit.
TEST_F(ExternalCommitTest, NoOneJoinsAGroupWithARefusedExternalSender) {
  GroupConfig trusting;
  trusting.credentials = accept_all;
  auto alice = std::move(*Group::create(suite, bytes_of("gid"), key_package("alice"),
                                        {make_extension(ExternalSenders{{x509_sender("ds")}})}, trusting, random));
  auto bob = key_package("bob");
  auto output = alice.commit({.proposals = {Proposal{Add{bob.key_package}}}}, random);
  ASSERT_TRUE(is_ok(output));
  ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
  EXPECT_TRUE(fails_with(Group::join(*output->welcome->body.get_if<Welcome>(), bob.key_package,
                                     std::move(bob.keys), std::nullopt, {}),
                         Errc::credential_rejected));
  EXPECT_TRUE(fails_with(try_join_externally(alice, key_package("frank"), {}, {}), Errc::credential_rejected));
}

}  // namespace
