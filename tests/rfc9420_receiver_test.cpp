// RFC 9420: receiver checks that spec-notes/rfc9420-musts.md names and that
// no other test proved with a bad input. Each test gives the input that
// breaks one requirement and expects its exact error; a member that rejects
// it is left unchanged (group_validation_fixtures.hpp).

#include <gtest/gtest.h>

#include <limits>

#include "conclave/mls/leaf_validation.hpp"
#include "group_validation_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto x509 = CredentialType::x509;
constexpr auto grease = static_cast<ExtensionType>(0x0a0a);
constexpr auto unlisted = static_cast<ExtensionType>(0xff10);

Credential x509_credential() { return Credential{X509Credential{{Certificate{Bytes{1}}}}}; }

CredentialPolicy accept_all() {
  return [](const Credential&, BytesView) { return Status(); };
}

class Rfc9420ReceiverTest : public GroupValidationTest {
 protected:
  // The external joiner's view of the group: alice's GroupInfo.
  GroupInfo group_info(bool with_tree = true) {
    return *group(alice).group_info(with_tree)->body.get_if<GroupInfo>();
  }

  // Alice's GroupInfo signed again by alice after a change.
  void resign(GroupInfo& info) {
    info.signature = *suite.sign_with_label(bundle(alice).keys.signature_private_key, "GroupInfoTBS",
                                            group_info_tbs(info));
  }

  // Frank's external join of alice's GroupInfo.
  Result<Group::ExternalJoin> join_external(const GroupInfo& info,
                                            const std::optional<RatchetTreeNodes>& tree = std::nullopt) {
    return Group::join_external(info, key_package("frank"), tree, config_for(erin), random);
  }

  // Frank's genuine external Commit and its signature key.
  struct ExternalCommit {
    PublicMessage message;
    crypto::Secret signature_key;
  };
  ExternalCommit external_commit() {
    auto frank = key_package("frank");
    crypto::Secret key = frank.keys.signature_private_key.clone();
    auto joined = Group::join_external(group_info(), std::move(frank), std::nullopt, config_for(erin), random);
    return {public_of(joined->commit), std::move(key)};
  }

  // `content` from outside the group (no membership tag), signed with `key`
  // in `context`; a Commit keeps its `confirmation_tag`.
  MlsMessage signed_outside(FramedContent content, const crypto::Secret& key, const GroupContext& context,
                            std::optional<Bytes> confirmation_tag = std::nullopt) {
    auto signature = suite.sign_with_label(key, "FramedContentTBS",
                                           framed_content_tbs(WireFormat::public_message, content, context));
    return message_of(MessageBody{
        PublicMessage{std::move(content), {std::move(*signature), std::move(confirmation_tag)}, std::nullopt}});
  }

  // A group of its owner alone, with an external sender at index 0 whose
  // key pair is `signer` (section 12.1.8).
  struct WithExternalSender {
    Group group;
    crypto::SignatureKeyPair signer;
  };
  WithExternalSender group_with_external_sender() {
    auto signer = suite.signature().generate_key_pair(random);
    const ExternalSender sender{signer.public_key, Credential{BasicCredential{Bytes{'d', 's'}}}};
    auto created = Group::create(suite, Bytes{'e'}, key_package("owner"), {make_extension(ExternalSenders{{sender}})},
                                 config_for(alice), random);
    EXPECT_TRUE(is_ok(created));
    return {std::move(*created), std::move(signer)};
  }

  // `content` from that external sender, signed with its key.
  MlsMessage from_external_sender(const WithExternalSender& owned, Content content,
                                  std::optional<Bytes> confirmation_tag = std::nullopt) {
    const GroupContext& context = owned.group.context();
    return signed_outside({context.group_id, context.epoch, Sender{ExternalSenderIndex{0}}, {}, std::move(content)},
                          owned.signer.private_key, context, std::move(confirmation_tag));
  }

  // An external Commit signed again with `key`.
  MlsMessage signed_by(PublicMessage message, const crypto::Secret& key) {
    return signed_outside(std::move(message.content), key, group(dave).context(),
                          std::move(message.auth.confirmation_tag));
  }

  // Frank's KeyPackage with `change` applied and signed again.
  KeyPackageBundle frank_with(const std::function<void(KeyPackage&)>& change) {
    auto frank = key_package("frank");
    change(frank.key_package);
    resign(frank);
    return frank;
  }

  using GroupValidationTest::resign;

  // Joiners of x509_group() support both credential types.
  const KeyPackageOptions both{.capabilities = {.credentials = {CredentialType::basic, x509}}};

  // A config whose policy accepts every credential.
  GroupConfig accepting() {
    GroupConfig config = config_for(alice);
    config.credentials = accept_all();
    return config;
  }

  // A group whose creator holds an X.509 credential, which its config
  // accepts.
  Result<Group> x509_group() {
    auto owner = *create_key_package(suite, x509_credential(), suite.signature().generate_key_pair(random), both,
                                     random);
    return Group::create(suite, Bytes{'x'}, std::move(owner), {}, accepting(), random);
  }

  // Alice's commit adding frank, and its Welcome.
  Welcome welcome_of(const KeyPackageBundle& frank, bool with_path = false) {
    auto added = group(alice).commit({.proposals = {Proposal{Add{frank.key_package}}},
                                      .include_received = false,
                                      .force_path = with_path},
                                     random);
    return *added->welcome->body.get_if<Welcome>();
  }

  // The Welcome (with no PSKs, for the joiner alone) opened with the
  // joiner's init key, changed, and sealed again with its GroupInfo signed
  // by alice: what a committer could send.
  using WelcomeChange = std::function<void(GroupInfo&, GroupSecrets&)>;
  Welcome rewritten(const Welcome& welcome, const KeyPackageBundle& joiner, const WelcomeChange& change) {
    const crypto::KemKeyPair init{joiner.keys.init_private_key.clone(), joiner.key_package.init_key};
    Welcome out = welcome;
    auto& entry = out.secrets.at(0);
    auto secrets = *codec::decode<GroupSecrets>(
        *suite.decrypt_with_label(init, "Welcome", welcome.encrypted_group_info, entry.encrypted_group_secrets));
    const auto secret = *welcome_secret(suite, secrets.joiner_secret.view(), Bytes(suite.secret_size(), 0));
    const auto key = *welcome_key_nonce(suite, secret.view());
    auto info = *codec::decode<GroupInfo>(
        *suite.aead().open(key.key.view(), key.nonce.view(), {}, welcome.encrypted_group_info));
    change(info, secrets);
    resign(info);
    out.encrypted_group_info = *suite.aead().seal(key.key.view(), key.nonce.view(), {}, codec::encode(info));
    entry.encrypted_group_secrets = *suite.encrypt_with_label(
        joiner.key_package.init_key, "Welcome", out.encrypted_group_info, codec::encode(secrets), random);
    return out;
  }

  // Frank's Welcome with his leaf in the tree changed by `change` (which
  // signs it again), the GroupContext's tree hash made to fit.
  Welcome joiner_leaf_changed(const KeyPackageBundle& frank, const std::function<void(LeafNode&)>& change) {
    return rewritten(welcome_of(frank), frank, [&](GroupInfo& info, GroupSecrets&) {
      for (auto& extension : info.extensions) {
        if (extension.extension_type != ExtensionType::ratchet_tree) continue;
        auto tree = *parse_extension<RatchetTreeExtension>(extension);
        for (auto& node : tree.nodes) {
          auto* leaf = node ? node->get_if<LeafNode>() : nullptr;
          if (leaf != nullptr && leaf->signature_key == frank.key_package.leaf_node.signature_key) change(*leaf);
        }
        info.group_context.tree_hash = RatchetTree::from_nodes(suite, tree.nodes)->tree_hash();
        extension = make_extension(tree);
      }
    });
  }

  // Frank refuses his Welcome with its GroupInfo's context changed by
  // `change`, and joins with the genuine one.
  void expect_welcome_context_refused(const std::function<void(GroupContext&)>& change) {
    const auto frank = key_package("frank");
    const Welcome genuine = welcome_of(frank);
    const Welcome changed =
        rewritten(genuine, frank, [&](GroupInfo& info, GroupSecrets&) { change(info.group_context); });
    EXPECT_TRUE(fails_with(join(changed, frank), Errc::invalid_argument));
    EXPECT_TRUE(is_ok(join(genuine, frank)));
  }

  Result<Group> join(const Welcome& welcome, const KeyPackageBundle& joiner) {
    return Group::join(welcome, joiner.key_package, clone(joiner.keys), std::nullopt, config_for(bob));
  }
};

// ---- Section 5.3 and 5.3.1: credentials go to the application's AS ----

// Section 5.3: an X.509 end-entity key must be the leaf's signature key;
// the library cannot read certificates, so the policy gets both, and
// without a policy no X.509 credential is accepted.
TEST(Rfc9420Receiver, X509CredentialGoesToThePolicyWithTheLeafKey) {
  const Bytes leaf_key{1, 2, 3};
  const CredentialPolicy key_must_match = [&](const Credential&, BytesView key) {
    return Bytes(key.begin(), key.end()) == leaf_key ? Status() : Status(Errc::credential_rejected);
  };
  EXPECT_TRUE(fails_with(validate_credential(x509_credential(), leaf_key, nullptr), Errc::credential_rejected));
  EXPECT_TRUE(fails_with(validate_credential(x509_credential(), Bytes{9}, &key_must_match),
                         Errc::credential_rejected));
  EXPECT_TRUE(is_ok(validate_credential(x509_credential(), leaf_key, &key_must_match)));
}

// Section 5.3.1: a KeyPackage's credential is validated before its Add is
// committed, by the committer and by every receiver.
TEST_F(Rfc9420ReceiverTest, AddWithUnacceptedCredential) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.leaf_node.credential = x509_credential();
    key_package.leaf_node.capabilities.credentials.push_back(x509);
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::credential_rejected);
}

// Section 5.3.1: an Update's new credential is validated.
TEST_F(Rfc9420ReceiverTest, UpdateWithUnacceptedCredential) {
  const ProposalRef update = carol_update([](LeafNode& leaf) {
    leaf.credential = x509_credential();
    leaf.capabilities.credentials.push_back(x509);
  });
  expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), Errc::credential_rejected);
}

// Section 5.3.1: a Commit path's new credential is validated.
TEST_F(Rfc9420ReceiverTest, PathLeafWithUnacceptedCredential) {
  expect_tampered_rejected(with_path_leaf([](LeafNode& leaf) {
                             leaf.credential = x509_credential();
                             leaf.capabilities.credentials.push_back(x509);
                           }),
                           Errc::credential_rejected);
}

// Section 5.3.1: a joiner validates every credential of the tree the
// GroupInfo of its Welcome describes: a joiner without a policy that
// accepts X.509 refuses the Welcome into x509_group().
TEST_F(Rfc9420ReceiverTest, WelcomeTreeWithUnacceptedCredential) {
  auto created = x509_group();
  ASSERT_TRUE(is_ok(created));
  const auto frank = key_package("frank", both);
  auto added = created->commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(added));
  const Welcome& welcome = *added->welcome->body.get_if<Welcome>();
  EXPECT_TRUE(fails_with(Group::join(welcome, frank.key_package, clone(frank.keys), std::nullopt, config_for(bob)),
                         Errc::credential_rejected));
  EXPECT_TRUE(is_ok(Group::join(welcome, frank.key_package, clone(frank.keys), std::nullopt, accepting())));
}

// Section 5.3.1: an external joiner validates every credential of the
// GroupInfo's tree, as a joiner by Welcome does.
TEST_F(Rfc9420ReceiverTest, ExternalJoinTreeWithUnacceptedCredential) {
  auto created = x509_group();
  ASSERT_TRUE(is_ok(created));
  const GroupInfo info = *created->group_info(true)->body.get_if<GroupInfo>();
  EXPECT_TRUE(fails_with(Group::join_external(info, key_package("frank", both), std::nullopt, config_for(bob),
                                              random),
                         Errc::credential_rejected));
  EXPECT_TRUE(is_ok(Group::join_external(info, key_package("frank", both), std::nullopt, accepting(), random)));
}

// ---- Section 7.3 and 10: leaves and KeyPackages ----

// Section 7.3: an Update's leaf supports the credential types in use.
TEST_F(Rfc9420ReceiverTest, UpdateWithoutMembersCredentialType) {
  const ProposalRef update = carol_update([](LeafNode& leaf) { leaf.capabilities.credentials = {x509}; });
  expect_tampered_rejected(with_proposals({ProposalOrRef{update}}), Errc::capability_mismatch);
}

// Section 7.3: a leaf's extensions are listed in its capabilities.
TEST_F(Rfc9420ReceiverTest, AddWithLeafExtensionNotInCapabilities) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.leaf_node.extensions.push_back({unlisted, Bytes{1}});
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

// Section 10: so are the KeyPackage's own extensions.
TEST_F(Rfc9420ReceiverTest, AddWithKeyPackageExtensionNotInCapabilities) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.extensions.push_back({unlisted, Bytes{1}});
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::capability_mismatch);
}

// Sections 10 and 13.4: unknown extensions and capability values are
// ignored, GREASE ones (section 13.5) like any other; such a KeyPackage is
// added and every member follows.
TEST_F(Rfc9420ReceiverTest, AddWithUnknownExtensionsAndGreaseIsAccepted) {
  const auto frank = key_package(
      "frank", {.extensions = {{grease, Bytes{7}}},
                .leaf_extensions = {{static_cast<ExtensionType>(0x1a1a), Bytes{}}},
                .capabilities = {.cipher_suites = {static_cast<CipherSuiteId>(0x2a2a)},
                                 .extensions = {grease, static_cast<ExtensionType>(0xff30)},
                                 .proposals = {static_cast<ProposalType>(0x3a3a)},
                                 .credentials = {static_cast<CredentialType>(0x4a4a)}}});
  auto commit = group(bob).commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(dave), commit->commit, group(bob));
}

// Section 10: the KeyPackage's version is the MLSMessage's (mls10, the only
// one a member processes) and the group's.
TEST_F(Rfc9420ReceiverTest, AddOfKeyPackageWithAnotherVersion) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.version = static_cast<ProtocolVersion>(2);
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
}

// Sections 7.3 and 10: a KeyPackage's leaf comes from a KeyPackage.
TEST_F(Rfc9420ReceiverTest, AddOfKeyPackageWhoseLeafIsFromAnUpdate) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.leaf_node.source = LeafNodeSourceData{UpdateSource{}};
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_value);
}

// Section 10: init_key is a public key of the suite's KEM...
TEST_F(Rfc9420ReceiverTest, AddWithInvalidInitKey) {
  const auto frank = frank_with([](KeyPackage& key_package) { key_package.init_key.pop_back(); });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_public_key);
}

// ...and so is the leaf's encryption_key.
TEST_F(Rfc9420ReceiverTest, AddWithInvalidEncryptionKey) {
  const auto frank = frank_with([](KeyPackage& key_package) {
    key_package.leaf_node.encryption_key.push_back(0);
  });
  expect_invalid_list({Proposal{Add{frank.key_package}}}, Errc::invalid_public_key);
}

// ...and so is an Update's: carol's, received with an invalid one, is left
// out of bob's next Commit.
TEST_F(Rfc9420ReceiverTest, ReceivedUpdateWithInvalidEncryptionKeyIsLeftOut) {
  carol_update([](LeafNode& leaf) { leaf.encryption_key.push_back(0); });
  expect_bob_commit_listing({}, 0);
}

// ---- Section 12.1: proposals ----

// Section 12.1.7: a GroupContextExtensions proposal with an extension some
// member does not support is invalid, for the committer and the receivers.
TEST_F(Rfc9420ReceiverTest, GroupContextExtensionMembersLack) {
  expect_invalid_list({Proposal{GroupContextExtensions{{{unlisted, Bytes{1}}}}}}, Errc::capability_mismatch);
}

// Section 12.1.8: an external sender may not propose an Update; a member
// receiving one rejects the message as malformed.
TEST_F(Rfc9420ReceiverTest, ExternalSenderProposalOfAForbiddenType) {
  auto owned = group_with_external_sender();
  const Proposal update{Update{*owned.group.tree().leaf(LeafIndex{0})}};
  expect_rejected(owned.group, from_external_sender(owned, Content{update}), Errc::invalid_proposal);
}

// Section 12.1.8: a new_member_proposal sender may propose only an Add of
// itself; for anything else there is no key it could have signed with.
TEST_F(Rfc9420ReceiverTest, NewMemberProposalOfAForbiddenType) {
  const auto frank = key_package("frank");
  const GroupContext& context = group(dave).context();
  const FramedContent content{context.group_id, context.epoch, Sender{NewMemberProposalSender{}}, {},
                              Content{Proposal{Remove{erin}}}};
  expect_rejected(group(dave), signed_outside(content, frank.keys.signature_private_key, context),
                  Errc::invalid_sender);
}

// ---- Section 12.3: GroupContextExtensions first ----

// The new extensions are those the Commit's Adds are checked against: an
// Add that lacks a capability the same Commit starts to require is refused.
TEST_F(Rfc9420ReceiverTest, AddMustMeetRequiredCapabilitiesOfTheSameCommit) {
  constexpr auto needed = static_cast<ExtensionType>(0xff20);
  const KeyPackageOptions supports{.capabilities = {.extensions = {needed}}};
  auto created = Group::create(suite, Bytes{'r'}, key_package("owner", supports), {}, config_for(alice), random);
  ASSERT_TRUE(is_ok(created));
  const Proposal require = required_capabilities({{needed}, {}, {}});
  const Snapshot before = snapshot(*created);
  EXPECT_TRUE(fails_with(created->commit({.proposals = {require, Proposal{Add{key_package("frank").key_package}}}},
                                         random),
                         Errc::capability_mismatch));
  EXPECT_TRUE(unchanged(*created, before));
  EXPECT_TRUE(is_ok(created->commit(
      {.proposals = {require, Proposal{Add{key_package("frank", supports).key_package}}}}, random)));
}

// Section 12.1.7: members the same Commit removes need not support a new
// required capability. Carol lacks it and is removed along with it.
TEST_F(Rfc9420ReceiverTest, RequiredCapabilitiesExcludeRemovedMembers) {
  constexpr auto needed = static_cast<ExtensionType>(0xff40);
  const KeyPackageOptions supports{.capabilities = {.extensions = {needed}}};
  auto created = Group::create(suite, Bytes{'r'}, key_package("owner", supports), {}, config_for(alice), random);
  ASSERT_TRUE(is_ok(created));
  auto added = created->commit({.proposals = {Proposal{Add{key_package("bob", supports).key_package}},
                                              Proposal{Add{key_package("carol").key_package}}}},
                               random);
  ASSERT_TRUE(is_ok(added));
  ASSERT_TRUE(is_ok(created->merge_pending_commit()));
  EXPECT_TRUE(is_ok(created->commit({.proposals = {required_capabilities({{needed}, {}, {}}), Proposal{Remove{2}}}},
                                    random)));
}

// ---- Section 12.4.3: GroupInfo, Welcome and external Commits ----

// Section 12.4.3: the GroupInfo's signature verifies under the signer's
// leaf key...
TEST_F(Rfc9420ReceiverTest, GroupInfoWithBadSignature) {
  GroupInfo info = group_info();
  info.signature = flipped(info.signature);
  EXPECT_TRUE(fails_with(join_external(info), Errc::signature_invalid));
}

// ...and a signer at a blank leaf has no key (section 12.4.3.1).
TEST_F(Rfc9420ReceiverTest, GroupInfoSignedForABlankLeaf) {
  GroupInfo info = group_info();
  info.signer = blank_leaf;
  resign(info);
  EXPECT_TRUE(fails_with(join_external(info), Errc::invalid_sender));
}

// Section 12.4.3: an external joiner, like one joining by Welcome, supports
// every GroupContext extension, or does not join.
TEST_F(Rfc9420ReceiverTest, ExternalJoinerLacksGroupContextExtension) {
  constexpr auto in_use = static_cast<ExtensionType>(0xff41);
  const KeyPackageOptions supports{.capabilities = {.extensions = {in_use}}};
  auto created = Group::create(suite, Bytes{'x'}, key_package("owner", supports), {Extension{in_use, Bytes{1}}},
                               config_for(alice), random);
  ASSERT_TRUE(is_ok(created));
  const GroupInfo info = *created->group_info(true)->body.get_if<GroupInfo>();
  EXPECT_TRUE(fails_with(Group::join_external(info, key_package("frank"), std::nullopt, config_for(erin), random),
                         Errc::capability_mismatch));
  EXPECT_TRUE(
      is_ok(Group::join_external(info, key_package("frank", supports), std::nullopt, config_for(erin), random)));
}

// Section 12.4.3.2: an external joiner checks the GroupInfo's version as a
// joiner by Welcome does.
TEST_F(Rfc9420ReceiverTest, ExternalJoinToAnotherVersion) {
  GroupInfo info = group_info();
  info.group_context.version = static_cast<ProtocolVersion>(2);
  resign(info);
  EXPECT_TRUE(fails_with(join_external(info), Errc::invalid_argument));
}

// Section 12.4.3.2: the joiner's KeyPackage is of the group's cipher suite.
TEST_F(Rfc9420ReceiverTest, ExternalJoinWithAKeyPackageOfAnotherSuite) {
  const auto other = *CipherSuite::find(CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256);
  auto frank = key_package_signed_by("frank", other.signature().generate_key_pair(random), {}, &other);
  EXPECT_TRUE(fails_with(Group::join_external(group_info(), std::move(frank), std::nullopt, config_for(erin), random),
                         Errc::invalid_argument));
}

// Section 6: the epoch is a uint64; the last one has no successor to join.
TEST_F(Rfc9420ReceiverTest, ExternalJoinAtTheLastEpoch) {
  GroupInfo info = group_info();
  info.group_context.epoch = std::numeric_limits<std::uint64_t>::max();
  resign(info);
  EXPECT_TRUE(fails_with(join_external(info), Errc::message_limit));
}

// Section 12.4.3.2: the joiner encrypts to the GroupInfo's external_pub;
// one that does not parse, or none, leaves it nothing to join with.
TEST_F(Rfc9420ReceiverTest, ExternalJoinWithoutAUsableExternalPub) {
  GroupInfo info = group_info();
  const auto external_pub = std::find_if(info.extensions.begin(), info.extensions.end(), [](const Extension& e) {
    return e.extension_type == ExtensionType::external_pub;
  });
  ASSERT_NE(external_pub, info.extensions.end());
  external_pub->extension_data = Bytes{0x04, 0x00};
  resign(info);
  EXPECT_TRUE(fails_with(join_external(info), Errc::truncated));
  info.extensions.erase(external_pub);
  resign(info);
  EXPECT_TRUE(fails_with(join_external(info), Errc::invalid_argument));
}

// Section 13.4: unknown GroupInfo extensions (here a GREASE one) are
// ignored; the join succeeds and the members accept it.
TEST_F(Rfc9420ReceiverTest, GroupInfoWithAnUnknownExtensionIsJoined) {
  GroupInfo info = group_info();
  info.extensions.push_back({grease, Bytes{1, 2, 3}});
  resign(info);
  auto joined = join_external(info);
  ASSERT_TRUE(is_ok(joined));
  expect_accepted(group(dave), joined->commit, joined->group);
}

// Section 12.4.3.1: without a ratchet_tree extension or a tree from the
// application there is nothing to join.
TEST_F(Rfc9420ReceiverTest, JoinWithoutTheTree) {
  EXPECT_TRUE(fails_with(join_external(group_info(false)), Errc::invalid_tree));
}

// Sections 12.4.3.1 and 12.4.3.3: the tree's root hash is the GroupContext's
// tree_hash.
TEST_F(Rfc9420ReceiverTest, JoinWithATreeOfAnotherHash) {
  RatchetTreeNodes nodes = group(alice).tree().to_nodes();
  nodes.at(2 * erin)->get_if<LeafNode>()->encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  EXPECT_TRUE(fails_with(join_external(group_info(false), nodes), Errc::invalid_tree));
  EXPECT_TRUE(is_ok(join_external(group_info(false), group(alice).tree().to_nodes())));
}

// Section 12.4.3.1: a Welcome with no entry for this KeyPackage...
TEST_F(Rfc9420ReceiverTest, WelcomeForAnotherKeyPackage) {
  const auto frank = key_package("frank");
  const auto gina = key_package("gina");
  auto added = group(alice).commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(added));
  const Welcome& welcome = *added->welcome->body.get_if<Welcome>();
  EXPECT_TRUE(fails_with(Group::join(welcome, gina.key_package, clone(gina.keys), std::nullopt, config_for(bob)),
                         Errc::not_in_group));
}

// ...or for another cipher suite than the KeyPackage's is refused.
TEST_F(Rfc9420ReceiverTest, WelcomeForAnotherCipherSuite) {
  const auto frank = key_package("frank");
  auto added = group(alice).commit({.proposals = {Proposal{Add{frank.key_package}}}}, random);
  ASSERT_TRUE(is_ok(added));
  Welcome welcome = *added->welcome->body.get_if<Welcome>();
  welcome.cipher_suite = CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519;
  EXPECT_TRUE(fails_with(Group::join(welcome, frank.key_package, clone(frank.keys), std::nullopt, config_for(bob)),
                         Errc::invalid_argument));
}

// Section 12.4.3.1: a joiner without a PSK the Welcome names cannot join.
TEST_F(Rfc9420ReceiverTest, WelcomeWithAnUnknownPsk) {
  const auto frank = key_package("frank");
  auto added = group(alice).commit(
      {.proposals = {Proposal{Add{frank.key_package}}, Proposal{PreSharedKey{external_psk(shared_psk_id)}}}},
      random);
  ASSERT_TRUE(is_ok(added));
  const Welcome& welcome = *added->welcome->body.get_if<Welcome>();
  EXPECT_TRUE(fails_with(Group::join(welcome, frank.key_package, clone(frank.keys), std::nullopt, config_for(dave)),
                         Errc::unknown_psk));
  EXPECT_TRUE(is_ok(Group::join(welcome, frank.key_package, clone(frank.keys), std::nullopt, config_for(bob))));
}

// The Welcome rewritten unchanged is joined: each rejection below is the
// change's doing.
TEST_F(Rfc9420ReceiverTest, WelcomeRewriterIsFaithful) {
  const auto frank = key_package("frank");
  EXPECT_TRUE(is_ok(join(rewritten(welcome_of(frank, true), frank, [](GroupInfo&, GroupSecrets&) {}), frank)));
}

// Section 12.4.3.1: the GroupInfo's cipher suite is the KeyPackage's.
TEST_F(Rfc9420ReceiverTest, WelcomeGroupInfoForAnotherCipherSuite) {
  expect_welcome_context_refused([](GroupContext& context) {
    context.cipher_suite = CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519;
  });
}

// Section 12.4.3.1: the GroupInfo's version is the joiner's (mls10).
TEST_F(Rfc9420ReceiverTest, WelcomeGroupInfoOfAnotherVersion) {
  expect_welcome_context_refused([](GroupContext& context) { context.version = static_cast<ProtocolVersion>(2); });
}

// Section 12.4.3.1: the tree has a leaf identical to the joiner's
// KeyPackage's. Frank's leaf is changed (and signed again by frank, the
// tree hash made to fit): frank finds his key but not his leaf.
TEST_F(Rfc9420ReceiverTest, WelcomeTreeWithoutTheJoinersLeaf) {
  const auto frank = key_package("frank");
  const Welcome welcome = joiner_leaf_changed(frank, [&](LeafNode& leaf) {
    leaf.capabilities.cipher_suites.push_back(static_cast<CipherSuiteId>(0x0a0a));
    test::sign_leaf(suite, leaf, frank.keys.signature_private_key, {}, {});
  });
  EXPECT_TRUE(fails_with(join(welcome, frank), Errc::not_in_group));
}

// Nor does he find his key where his leaf has another one.
TEST_F(Rfc9420ReceiverTest, WelcomeTreeWithoutTheJoinersKey) {
  const auto frank = key_package("frank");
  const auto other = suite.signature().generate_key_pair(random);
  const Welcome welcome = joiner_leaf_changed(frank, [&](LeafNode& leaf) {
    leaf.signature_key = other.public_key;
    test::sign_leaf(suite, leaf, other.private_key, {}, {});
  });
  EXPECT_TRUE(fails_with(join(welcome, frank), Errc::not_in_group));
}

// Section 12.4.3.1: the keys a path secret derives are those in the tree.
TEST_F(Rfc9420ReceiverTest, WelcomeWithAPathSecretForOtherKeys) {
  const auto frank = key_package("frank");
  const Welcome welcome = rewritten(welcome_of(frank, true), frank, [this](GroupInfo&, GroupSecrets& secrets) {
    secrets.path_secret->path_secret = crypto::Secret(Bytes(suite.secret_size(), 7));
  });
  EXPECT_TRUE(fails_with(join(welcome, frank), Errc::invalid_value));
}

// Section 12.4.3.1: the GroupInfo's confirmation tag verifies.
TEST_F(Rfc9420ReceiverTest, WelcomeWithWrongConfirmationTag) {
  const auto frank = key_package("frank");
  const Welcome welcome = rewritten(welcome_of(frank), frank, [](GroupInfo& info, GroupSecrets&) {
    info.confirmation_tag = flipped(info.confirmation_tag);
  });
  EXPECT_TRUE(fails_with(join(welcome, frank), Errc::confirmation_tag_invalid));
}

// Section 12.4.3.2: an external Commit has a path. Without one it names no
// signature key (the path's leaf is the signer), so it is refused as from
// no sender.
TEST_F(Rfc9420ReceiverTest, ExternalCommitWithoutPath) {
  auto [message, key] = external_commit();
  Commit commit = commit_of(message);
  strip_path(commit);
  message.content.content = Content{std::move(commit)};
  expect_rejected(group(dave), signed_by(std::move(message), key), Errc::invalid_sender);
}

// Section 12.4.3.2: an external Commit is signed with the key of its path's
// leaf.
TEST_F(Rfc9420ReceiverTest, ExternalCommitSignedByAnotherKey) {
  auto [message, key] = external_commit();
  const auto other = suite.signature().generate_key_pair(random);
  expect_rejected(group(dave), signed_by(std::move(message), other.private_key), Errc::signature_invalid);
}

// Section 12.4.3.2: the members take the init secret from the
// ExternalInit's kem_output, decapsulated with the epoch's external key: a
// kem_output for another key gives another epoch, whose confirmation tag is
// not the Commit's.
TEST_F(Rfc9420ReceiverTest, ExternalCommitWithAKemOutputForAnotherKey) {
  auto [message, key] = external_commit();
  Commit commit = commit_of(message);
  const auto other = suite.hpke().kem().generate_key_pair(random);
  auto encapsulated = suite.hpke().kem().encap(other.public_key, random);
  commit.proposals.at(0) = ProposalOrRef{Proposal{ExternalInit{encapsulated->enc}}};
  message.content.content = Content{std::move(commit)};
  expect_rejected(group(dave), signed_by(std::move(message), key), Errc::confirmation_tag_invalid);
}

// Section 12.2: a resync's leaf meets an Update's criteria for the removed
// leaf, so it brings a new encryption key: carol's resync keeps her old one.
TEST_F(Rfc9420ReceiverTest, ResyncKeepingTheRemovedLeafsEncryptionKey) {
  auto again = key_package("carol");
  const crypto::Secret key = again.keys.signature_private_key.clone();
  auto joined = Group::join_external(group_info(), std::move(again), std::nullopt, config_for(erin), random,
                                     {.replacing = LeafIndex{carol}});
  ASSERT_TRUE(is_ok(joined));
  PublicMessage message = public_of(joined->commit);
  Commit commit = commit_of(message);
  commit.path->leaf_node.encryption_key = group(dave).tree().leaf(LeafIndex{carol})->encryption_key;
  test::sign_leaf(suite, commit.path->leaf_node, key, group_id, LeafIndex{carol});
  message.content.content = Content{std::move(commit)};
  expect_rejected(group(dave), signed_by(std::move(message), key), Errc::duplicate_key);
}

// Section 12.4.3.2: its sender type is new_member_commit; as a
// new_member_proposal sender the Commit names no signature key.
TEST_F(Rfc9420ReceiverTest, ExternalCommitFromANewMemberProposalSender) {
  auto [message, key] = external_commit();
  message.content.sender = Sender{NewMemberProposalSender{}};
  expect_rejected(group(dave), signed_by(std::move(message), key), Errc::invalid_sender);
}

// ---- Section 6: which message, content and sender a member takes ----

// Section 6: the protocol version is mls10; carol's message marked as of
// another version is refused, then read as sent.
TEST_F(Rfc9420ReceiverTest, MessageOfAnotherVersion) {
  auto message = group(carol).protect(as_bytes("hi"), {}, random);
  ASSERT_TRUE(is_ok(message));
  MlsMessage other = *message;
  other.version = static_cast<ProtocolVersion>(2);
  expect_rejected(group(dave), other, Errc::invalid_value);
  ASSERT_TRUE(is_ok(group(dave).process(*message)));
}

// Section 6.2: application data travels only as a PrivateMessage: bob's,
// as a PublicMessage signed and MACed as bob, is refused.
TEST_F(Rfc9420ReceiverTest, ApplicationDataAsAPublicMessage) {
  const GroupContext& context = group(dave).context();
  FramedContent content{context.group_id, context.epoch, Sender{MemberSender{bob}}, {},
                        Content{ApplicationData{Bytes{'h', 'i'}}}};
  expect_rejected(group(dave), forger().sign_public(std::move(content), {}), Errc::content_not_allowed);
}

// Section 12.1.8: an external sender is an entry of the group's
// external_senders extension; in a group without one, index 0 names no one.
TEST_F(Rfc9420ReceiverTest, ExternalSenderInAGroupWithoutExternalSenders) {
  const auto signer = suite.signature().generate_key_pair(random);
  const GroupContext& context = group(dave).context();
  const FramedContent content{context.group_id, context.epoch, Sender{ExternalSenderIndex{0}}, {},
                              Content{Proposal{Remove{erin}}}};
  expect_rejected(group(dave), signed_outside(content, signer.private_key, context), Errc::invalid_sender);
}

// Section 6: a Commit comes from a member or a new member; an external
// sender's, though signed with its key, is refused.
TEST_F(Rfc9420ReceiverTest, CommitFromAnExternalSender) {
  auto owned = group_with_external_sender();
  expect_rejected(owned.group, from_external_sender(owned, Content{Commit{}}, Bytes(suite.secret_size(), 0)),
                  Errc::content_not_allowed);
}

// Section 6: a new_member_commit sender sends a Commit; with a proposal it
// names no signature key.
TEST_F(Rfc9420ReceiverTest, ProposalFromANewMemberCommitSender) {
  const auto frank = key_package("frank");
  const GroupContext& context = group(dave).context();
  const FramedContent content{context.group_id, context.epoch, Sender{NewMemberCommitSender{}}, {},
                              Content{Proposal{Add{frank.key_package}}}};
  expect_rejected(group(dave), signed_outside(content, frank.keys.signature_private_key, context),
                  Errc::invalid_sender);
}

// ---- Section 13.5: GREASE ----

// A GREASE proposal type is an unsupported one: a Commit carrying it is
// invalid.
TEST_F(Rfc9420ReceiverTest, GreaseProposalTypeIsRefused) {
  expect_invalid_list({Proposal{CustomProposal{static_cast<ProposalType>(0x0a0a), Bytes{}}}},
                      Errc::invalid_proposal);
}

}  // namespace
