// RFC 9420 section 12.4.3.1: what a client joining from a Welcome checks of
// the group it is given: each leaf of the tree as section 7.3 says (required
// capabilities, credential types, its own extensions), one extension per
// type in every list and support for the GroupContext's extensions (section
// 13), the credential policy for basic credentials too, and for a resumed
// group its single resumption PSK and the parameters of the group it
// resumes.
//
// A Welcome's GroupInfo is signed by a member and encrypted under the
// joiner_secret, so the tests forge one white-box (WelcomeForger): they open
// the genuine Welcome with the joiner's init key, change the GroupInfo or
// GroupSecrets, and sign, tag and encrypt them again as the committer would.
// The *Joins tests show that a Welcome resealed unchanged, or with a
// harmless change, is accepted, so each rejection is the change's doing. A
// refused join creates no state; the resumed-from group is const.

#include <gtest/gtest.h>

#include <functional>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "mls/group_state.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::fails_with;
using conclave::test::is_ok;

constexpr auto joiner_type = static_cast<ExtensionType>(0xff04);
constexpr auto unknown_type = static_cast<ExtensionType>(0xff05);

KeyPackageBundle copy(const KeyPackageBundle& bundle) {
  return {bundle.key_package,
          {bundle.keys.init_private_key.clone(), bundle.keys.encryption_private_key.clone(),
           bundle.keys.signature_private_key.clone()}};
}

Credential basic(std::string_view identity) {
  return Credential{BasicCredential{Bytes(identity.begin(), identity.end())}};
}

// A Welcome opened with the joiner's keys: what the committer encrypted.
struct OpenedWelcome {
  GroupSecrets secrets;
  GroupInfo info;
};

class WelcomeForger {
 public:
  WelcomeForger(const CipherSuite& suite, crypto::RandomSource& random) : suite_(suite), random_(random) {}

  OpenedWelcome open(const Welcome& welcome, const KeyPackageBundle& joiner, const PskLookup& psks) const {
    const crypto::KemKeyPair init{joiner.keys.init_private_key.clone(), joiner.key_package.init_key};
    auto plaintext = suite_.decrypt_with_label(init, "Welcome", welcome.encrypted_group_info,
                                               welcome.secrets.at(0).encrypted_group_secrets);
    auto secrets = codec::decode<GroupSecrets>(*plaintext);
    const auto key = welcome_key(*secrets, psks);
    auto info = suite_.aead().open(key.key.view(), key.nonce.view(), {}, welcome.encrypted_group_info);
    return {std::move(*secrets), *codec::decode<GroupInfo>(*info)};
  }

  // Tagged, signed (by `signer`) and encrypted to `joiner` again.
  Welcome seal(const OpenedWelcome& opened, const KeyPackageBundle& joiner, const crypto::Secret& signer,
               const PskLookup& psks) const {
    GroupInfo info = opened.info;
    auto psk = looked_up_psk_secret(suite_, opened.secrets.psks, psks);
    auto epoch = derive_epoch_from_joiner(suite_, opened.secrets.joiner_secret.view(), psk->view(),
                                          info.group_context);
    info.confirmation_tag = confirmation_tag(suite_, epoch->confirmation_key.view(),
                                             info.group_context.confirmed_transcript_hash);
    info.signature = *suite_.sign_with_label(signer, "GroupInfoTBS", group_info_tbs(info));
    const auto key = welcome_key(opened.secrets, psks);
    Welcome welcome{suite_.id(), {}, *suite_.aead().seal(key.key.view(), key.nonce.view(), {}, codec::encode(info))};
    auto secrets = suite_.encrypt_with_label(joiner.key_package.init_key, "Welcome", welcome.encrypted_group_info,
                                             codec::encode(opened.secrets), random_);
    welcome.secrets.push_back({key_package_ref(suite_, joiner.key_package), std::move(*secrets)});
    return welcome;
  }

  // Changes one leaf of the GroupInfo's tree (signed again by `signer`) and
  // the tree hash. The trees here have no parent node set, so no parent
  // hash depends on the leaf.
  void change_leaf(GroupInfo& info, LeafIndex index, const crypto::Secret& signer,
                   const std::function<void(LeafNode&)>& change) const {
    auto& extension = *std::find_if(info.extensions.begin(), info.extensions.end(), [](const Extension& e) {
      return e.extension_type == ExtensionType::ratchet_tree;
    });
    auto tree = *parse_extension<RatchetTreeExtension>(extension);
    auto& leaf = *tree.nodes.at(2 * index.value)->get_if<LeafNode>();
    change(leaf);
    test::sign_leaf(suite_, leaf, signer, {}, {});
    info.group_context.tree_hash = RatchetTree::from_nodes(suite_, tree.nodes)->tree_hash();
    extension = make_extension(tree);
  }

 private:
  AeadKeyNonce welcome_key(const GroupSecrets& secrets, const PskLookup& psks) const {
    auto psk = looked_up_psk_secret(suite_, secrets.psks, psks);
    auto secret = welcome_secret(suite_, secrets.joiner_secret.view(), psk->view());
    return std::move(*welcome_key_nonce(suite_, secret->view()));
  }

  const CipherSuite& suite_;
  crypto::RandomSource& random_;
};

class JoinValidationTest : public ::testing::Test {
 protected:
  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("join validation test")};
  WelcomeForger forger{suite, random};

  KeyPackageBundle key_package(std::string_view name, const KeyPackageOptions& options = {}) {
    return *create_key_package(suite, basic(name), suite.signature().generate_key_pair(random), options, random);
  }

  // Alice creates the group and adds bob (a Commit without a path, so that
  // the tree has no parent node set); `bob` keeps his keys for joining.
  struct Invitation {
    KeyPackageBundle alice;
    KeyPackageBundle bob;
    Group group;
    Welcome welcome;
  };
  Invitation invite(const KeyPackageOptions& bob_options = {}) {
    auto alice = key_package("alice");
    auto bob = key_package("bob", bob_options);
    auto group = std::move(*Group::create(suite, Bytes{'g'}, copy(alice), {}, {}, random));
    auto output = group.commit({.proposals = {Proposal{Add{bob.key_package}}}}, random);
    EXPECT_TRUE(is_ok(group.merge_pending_commit()));
    return {std::move(alice), std::move(bob), std::move(group), *output->welcome->body.get_if<Welcome>()};
  }

  // Bob's Welcome with `change` made to what it carries, signed by alice.
  Welcome forged(const Invitation& invitation, const std::function<void(OpenedWelcome&)>& change) {
    auto opened = forger.open(invitation.welcome, invitation.bob, {});
    change(opened);
    return forger.seal(opened, invitation.bob, invitation.alice.keys.signature_private_key, {});
  }

  Result<Group> join(const Welcome& welcome, const KeyPackageBundle& joiner, GroupConfig config = {}) {
    return Group::join(welcome, joiner.key_package, copy(joiner).keys, std::nullopt, std::move(config));
  }

  void change_alice_leaf(const Invitation& invitation, OpenedWelcome& opened,
                         const std::function<void(LeafNode&)>& change) {
    forger.change_leaf(opened.info, LeafIndex{0}, invitation.alice.keys.signature_private_key, change);
  }
};

// ---- The forger is faithful ----

TEST_F(JoinValidationTest, ResealedWelcomeJoins) {
  const auto invitation = invite();
  EXPECT_TRUE(is_ok(join(forged(invitation, [](OpenedWelcome&) {}), invitation.bob)));
}

TEST_F(JoinValidationTest, TreeWithHarmlessLeafChangeJoins) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [&](OpenedWelcome& opened) {
    change_alice_leaf(invitation, opened, [](LeafNode& leaf) { leaf.capabilities.extensions.push_back(unknown_type); });
  });
  EXPECT_TRUE(is_ok(join(welcome, invitation.bob)));
}

// ---- Section 12.4.3.1: each leaf of the tree validated as section 7.3 says ----

// The GroupContext requires 0xff04, which bob lists and alice's leaf lacks.
TEST_F(JoinValidationTest, TreeLeafLacksRequiredCapability) {
  KeyPackageOptions options;
  options.capabilities.extensions = {joiner_type};
  const auto invitation = invite(options);
  const auto welcome = forged(invitation, [](OpenedWelcome& opened) {
    opened.info.group_context.extensions.push_back(make_extension(RequiredCapabilities{{joiner_type}, {}, {}}));
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::capability_mismatch));
}

// Alice's leaf supports x509 only, while bob uses basic.
TEST_F(JoinValidationTest, TreeLeafLacksCredentialTypeInUse) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [&](OpenedWelcome& opened) {
    change_alice_leaf(invitation, opened, [](LeafNode& leaf) { leaf.capabilities.credentials = {CredentialType::x509}; });
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::capability_mismatch));
}

TEST_F(JoinValidationTest, TreeLeafExtensionNotInCapabilities) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [&](OpenedWelcome& opened) {
    change_alice_leaf(invitation, opened, [](LeafNode& leaf) { leaf.extensions = {Extension{unknown_type, {}}}; });
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::capability_mismatch));
}

// ---- Section 13: one extension of each type in every list ----

TEST_F(JoinValidationTest, TreeLeafWithRepeatedExtension) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [&](OpenedWelcome& opened) {
    change_alice_leaf(invitation, opened, [](LeafNode& leaf) {
      leaf.capabilities.extensions.push_back(unknown_type);
      leaf.extensions = {Extension{unknown_type, Bytes{1}}, Extension{unknown_type, Bytes{2}}};
    });
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::duplicate_extension));
}

TEST_F(JoinValidationTest, GroupInfoWithRepeatedExtension) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [](OpenedWelcome& opened) {
    opened.info.extensions.push_back(Extension{unknown_type, Bytes{1}});
    opened.info.extensions.push_back(Extension{unknown_type, Bytes{2}});
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::duplicate_extension));
}

TEST_F(JoinValidationTest, GroupContextWithRepeatedExtension) {
  const auto invitation = invite();
  const auto welcome = forged(invitation, [](OpenedWelcome& opened) {
    opened.info.group_context.extensions = {Extension{ExtensionType::application_id, Bytes{1}},
                                            Extension{ExtensionType::application_id, Bytes{2}}};
  });
  EXPECT_TRUE(fails_with(join(welcome, invitation.bob), Errc::duplicate_extension));
}

// ---- Section 13: the joiner supports every GroupContext extension ----

// The GroupContext carries 0xff04: bob, who does not list it, refuses the
// group; bob listing it joins (alice's leaf need not list it).
TEST_F(JoinValidationTest, JoinerLacksGroupContextExtension) {
  const auto add_extension = [](OpenedWelcome& opened) {
    opened.info.group_context.extensions.push_back(Extension{joiner_type, Bytes{1}});
  };
  const auto lacking = invite();
  EXPECT_TRUE(fails_with(join(forged(lacking, add_extension), lacking.bob), Errc::capability_mismatch));
  KeyPackageOptions options;
  options.capabilities.extensions = {joiner_type};
  const auto supporting = invite(options);
  EXPECT_TRUE(is_ok(join(forged(supporting, add_extension), supporting.bob)));
}

// ---- Section 5.3.1: the credential policy sees basic credentials ----

TEST_F(JoinValidationTest, PolicyRefusesBasicCredentialInTree) {
  const auto invitation = invite();
  GroupConfig config;
  config.credentials = [](const Credential& credential, BytesView) {
    return credential == basic("alice") ? Status(Errc::credential_rejected) : Status();
  };
  EXPECT_TRUE(fails_with(join(invitation.welcome, invitation.bob, std::move(config)), Errc::credential_rejected));
}

// ---- Section 12.4.3.1: a resumed group's Welcome ----

// Alice and bob's group; alice branches it into a subgroup with bob's new
// KeyPackage.
class ResumedJoinTest : public JoinValidationTest {
 protected:
  void SetUp() override {
    auto output = old_group.commit({.proposals = {Proposal{Add{old_bob.key_package}}}}, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(old_group.merge_pending_commit()));
    bob_old_group.emplace(std::move(*join(*output->welcome->body.get_if<Welcome>(), old_bob)));
  }

  Group::Resumed branch() {
    return std::move(*old_group.branch(Bytes{'s', 'u', 'b'}, {}, {copy(new_alice), {new_bob.key_package}, {}, {}},
                                       random));
  }

  // Bob's config for joining a group resumed from the old one.
  GroupConfig resumed_config() const {
    GroupConfig config;
    config.psks = bob_old_group->resumption_psks();
    config.resumed = resumed_group(*bob_old_group);
    return config;
  }

  // Alice and bob commit a ReInit to `reinit` in the old group; alice
  // creates the new group.
  Group::Resumed reinitialize(const ReInit& reinit) {
    auto commit = old_group.commit({.proposals = {Proposal{reinit}}}, random);
    EXPECT_TRUE(is_ok(old_group.merge_pending_commit()));
    EXPECT_TRUE(is_ok(bob_old_group->process(commit->commit)));
    return std::move(*old_group.reinitialize({copy(new_alice), {new_bob.key_package}, {}, {}}, random));
  }

  KeyPackageBundle old_alice = key_package("alice");
  KeyPackageBundle old_bob = key_package("bob");
  KeyPackageBundle new_alice = key_package("alice, resumed");
  KeyPackageBundle new_bob = key_package("bob, resumed");
  Group old_group = std::move(*Group::create(suite, Bytes{'o', 'l', 'd'}, copy(old_alice), {}, {}, random));
  std::optional<Group> bob_old_group;
};

// A branch PSK must be the only resumption PSK: the Welcome also names an
// application resumption PSK of the old group (which bob holds).
TEST_F(ResumedJoinTest, BranchPskWithAnotherResumptionPsk) {
  const auto resumed = branch();
  const auto& welcome = *resumed.welcome.body.get_if<Welcome>();
  const auto psks = resumed_config().psks;
  auto opened = forger.open(welcome, new_bob, psks);
  auto resealed = forger.seal(opened, new_bob, new_alice.keys.signature_private_key, psks);
  EXPECT_TRUE(is_ok(join(resealed, new_bob, resumed_config())));
  auto second = opened.secrets.psks.at(0);
  second.psk.get_if<ResumptionPskId>()->usage = ResumptionPskUsage::application;
  opened.secrets.psks.push_back(second);
  const auto forged = forger.seal(opened, new_bob, new_alice.keys.signature_private_key, psks);
  EXPECT_TRUE(fails_with(join(forged, new_bob, resumed_config()), Errc::invalid_argument));
}

// A group resumed by a branch starts at epoch 1: the GroupInfo of a forged
// Welcome says epoch 2.
TEST_F(ResumedJoinTest, BranchGroupInfoAtAnotherEpoch) {
  const auto resumed = branch();
  const auto psks = resumed_config().psks;
  auto opened = forger.open(*resumed.welcome.body.get_if<Welcome>(), new_bob, psks);
  ASSERT_EQ(opened.info.group_context.epoch, 1u);
  opened.info.group_context.epoch = 2;
  const auto forged = forger.seal(opened, new_bob, new_alice.keys.signature_private_key, psks);
  EXPECT_TRUE(fails_with(join(forged, new_bob, resumed_config()), Errc::invalid_argument));
}

// Without what it knows of the old group, a joiner cannot check a branch.
TEST_F(ResumedJoinTest, BranchWithoutResumedGroup) {
  const auto resumed = branch();
  auto config = resumed_config();
  config.resumed.reset();
  EXPECT_TRUE(fails_with(join(*resumed.welcome.body.get_if<Welcome>(), new_bob, std::move(config)),
                         Errc::invalid_argument));
}

// A branch keeps the old group's version and suite: told that the old
// group had another suite or version, bob refuses the subgroup.
TEST_F(ResumedJoinTest, BranchWithAnotherSuiteOrVersion) {
  const auto resumed = branch();
  const auto& welcome = *resumed.welcome.body.get_if<Welcome>();
  auto other_suite = resumed_config();
  other_suite.resumed->cipher_suite = CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256;
  EXPECT_TRUE(fails_with(join(welcome, new_bob, std::move(other_suite)), Errc::invalid_argument));
  auto other_version = resumed_config();
  other_version.resumed->version = static_cast<ProtocolVersion>(2);
  EXPECT_TRUE(fails_with(join(welcome, new_bob, std::move(other_version)), Errc::invalid_argument));
  EXPECT_TRUE(is_ok(join(welcome, new_bob, resumed_config())));
}

// A reinitialized group's group_id, version, suite and extensions are the
// committed ReInit's: a ReInit that differs in any of them is refused.
TEST_F(ResumedJoinTest, ReinitNotMatchingTheReInit) {
  const ReInit reinit{Bytes{'n', 'e', 'w'}, ProtocolVersion::mls10, suite.id(), {}};
  const auto resumed = reinitialize(reinit);
  const auto& welcome = *resumed.welcome.body.get_if<Welcome>();
  const std::vector<std::function<void(ReInit&)>> changes = {
      [](ReInit& r) { r.group_id = Bytes{'o', 't', 'h', 'e', 'r'}; },
      [](ReInit& r) { r.version = static_cast<ProtocolVersion>(2); },
      [](ReInit& r) { r.cipher_suite = CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256; },
      [](ReInit& r) { r.extensions.push_back(Extension{unknown_type, {}}); },
  };
  for (const auto& change : changes) {
    auto config = resumed_config();
    change(*config.resumed->reinit);
    EXPECT_TRUE(fails_with(join(welcome, new_bob, std::move(config)), Errc::invalid_argument));
  }
  auto without = resumed_config();
  without.resumed->reinit.reset();
  EXPECT_TRUE(fails_with(join(welcome, new_bob, std::move(without)), Errc::invalid_argument));
  EXPECT_TRUE(is_ok(join(welcome, new_bob, resumed_config())));
}

}  // namespace
