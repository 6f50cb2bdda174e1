#pragma once

// The fixture of the tests of RFC 9420 sections 12.2 and 12.4.2 (every check
// a member makes on a Commit it is asked to create or to process, each with
// an input that breaks it) and of the other receiver MUSTs. Every rejection gives its typed error and leaves the group exactly as it
// was (epoch, GroupContext, epoch_authenticator, tree hash, tree nodes and
// the serialization of the whole state), and the group then goes on: it
// accepts the genuine commit, or the next one.
//
// Receivers only see commits that are signed and MACed by a member, which
// the public API does not let a test do with arbitrary content. The tests
// use a white-box twin of bob instead (Forger): a second GroupState joined
// from bob's Welcome with bob's keys, holding bob's signature key and the
// epoch's membership key. ForgerIsFaithful shows that a commit it re-signs
// unchanged is accepted, so each rejection below is the mutation's doing.

#include <gtest/gtest.h>

#include <functional>
#include <string_view>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/group.hpp"
#include "group_snapshot.hpp"
#include "mls/group_state.hpp"
#include "test_support.hpp"
#include "tree_fixtures.hpp"

namespace conclave::mls::validation {

using conclave::test::fails_with;
using conclave::test::is_ok;

// The group: alice created it and added the others in one commit (epoch 1).
// Leaves 5 to 7 of its 8 are blank.
constexpr std::uint32_t alice = 0;
constexpr std::uint32_t bob = 1;
constexpr std::uint32_t carol = 2;
constexpr std::uint32_t dave = 3;
constexpr std::uint32_t erin = 4;
constexpr std::uint32_t blank_leaf = 5;

constexpr std::uint64_t now = 1'700'000'000;
inline const Bytes group_id{'g', 'i', 'd'};
inline const Bytes shared_psk_id{'s', 'h', 'a', 'r', 'e', 'd'};

// Everyone but dave holds the external PSK "shared".
inline GroupConfig config_for(std::uint32_t leaf) {
  GroupConfig config;
  config.now = now;
  if (leaf != dave) {
    config.psks = [](const PreSharedKeyId& id) -> std::optional<crypto::Secret> {
      const auto* external = id.psk.get_if<ExternalPskId>();
      if (external == nullptr || external->psk_id != shared_psk_id) return std::nullopt;
      return crypto::Secret(Bytes(32, 0x5a));
    };
  }
  return config;
}

inline KeyPackageKeys clone(const KeyPackageKeys& keys) {
  return {keys.init_private_key.clone(), keys.encryption_private_key.clone(),
          keys.signature_private_key.clone()};
}

inline PreSharedKeyId external_psk(Bytes id, std::size_t nonce_size = 32) {
  return {{ExternalPskId{std::move(id)}}, Bytes(nonce_size, 0x11)};
}

inline PreSharedKeyId resumption_psk(ResumptionPskUsage usage) {
  return {{ResumptionPskId{usage, group_id, 1}}, Bytes(32, 0x22)};
}

inline Proposal required_capabilities(RequiredCapabilities required) {
  return Proposal{GroupContextExtensions{{make_extension(required)}}};
}

inline void expect_same_epoch(const Group& a, const Group& b) {
  EXPECT_EQ(a.epoch(), b.epoch());
  EXPECT_TRUE(std::equal(a.epoch_authenticator().begin(), a.epoch_authenticator().end(),
                         b.epoch_authenticator().begin(), b.epoch_authenticator().end()));
  EXPECT_EQ(a.tree().tree_hash(), b.tree().tree_hash());
}

inline MlsMessage message_of(MessageBody body) { return {ProtocolVersion::mls10, std::move(body)}; }

inline PublicMessage public_of(const MlsMessage& message) { return *message.body.get_if<PublicMessage>(); }

inline Commit commit_of(const PublicMessage& message) { return *message.content.content.get_if<Commit>(); }

inline AuthenticatedContent authenticated(const PublicMessage& message) {
  return {WireFormat::public_message, message.content, message.auth};
}

// A white-box twin of one member (see the top of the file), good for the
// epoch it joined in: each test forges at most one commit with it.
class Forger {
 public:
  explicit Forger(std::unique_ptr<GroupState> state) : state_(std::move(state)) {}

  // Signed with the member's key, MACed with the membership key.
  MlsMessage sign_public(FramedContent content, Bytes confirmation_tag) const {
    auto signature = protection().sign(WireFormat::public_message, content, state_->signature_key);
    return seal_public(std::move(content), {std::move(*signature), std::move(confirmation_tag)});
  }

  // MACed over the auth data as given.
  MlsMessage seal_public(FramedContent content, FramedContentAuthData auth) const {
    return message_of(MessageBody{protection().seal_public(std::move(content), std::move(auth))});
  }

  // Signed with the member's key, as a PrivateMessage.
  MlsMessage sign_private(const FramedContent& content, crypto::RandomSource& random) {
    auto signature = protection().sign(WireFormat::private_message, content, state_->signature_key);
    return seal_private(content, {std::move(*signature), std::nullopt}, random);
  }

  MlsMessage seal_private(const FramedContent& content, FramedContentAuthData auth,
                          crypto::RandomSource& random) {
    return message_of(MessageBody{*protection().seal_private(content, std::move(auth), 0, random)});
  }

  AuthenticatedContent open(const MlsMessage& message) const {
    return protection().open(*message.body.get_if<PrivateMessage>())->content;
  }

 private:
  MessageProtection& protection() const { return *state_->epoch.protection; }
  std::unique_ptr<GroupState> state_;
};

// Turns bob's genuine commit into the variant a receiver must reject.
using Tamper = std::function<MlsMessage(const MlsMessage& genuine)>;

class GroupValidationTest : public ::testing::Test {
 protected:
  // What a derived fixture may change: the members' KeyPackage options, the
  // group's first GroupContext extensions, and each member's settings.
  virtual KeyPackageOptions member_options() const { return {}; }
  virtual ExtensionList group_extensions() const { return {}; }
  virtual GroupConfig member_config(std::uint32_t leaf) const { return config_for(leaf); }

  void SetUp() override {
    for (const auto* name : {"alice", "bob", "carol", "dave", "erin"}) {
      bundles_.push_back(key_package(name, member_options()));
    }
    members_.push_back(std::move(*Group::create(suite, group_id, copy(bundles_[alice]), group_extensions(),
                                                member_config(alice), random)));
    CommitOptions options;
    for (std::uint32_t leaf = bob; leaf <= erin; ++leaf) {
      options.proposals.push_back(Proposal{Add{bundles_[leaf].key_package}});
    }
    auto output = group(alice).commit(options, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
    welcome_ = *output->welcome->body.get_if<Welcome>();
    for (std::uint32_t leaf = bob; leaf <= erin; ++leaf) {
      members_.push_back(std::move(*Group::join(welcome_, bundles_[leaf].key_package,
                                                clone(bundles_[leaf].keys), std::nullopt,
                                                member_config(leaf))));
    }
    forger_.emplace(std::move(*join_group(welcome_, bundles_[bob].key_package,
                                          clone(bundles_[bob].keys), std::nullopt, member_config(bob))));
  }

  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("group validation test")};

  Group& group(std::uint32_t leaf) { return members_.at(leaf); }
  const KeyPackageBundle& bundle(std::uint32_t leaf) const { return bundles_.at(leaf); }
  Forger& forger() { return *forger_; }
  // A new twin of bob, for the epoch bob is in now.
  void twin_bob_again() {
    auto stored = group(bob).serialize();
    ASSERT_TRUE(is_ok(stored));
    auto state = load_group_state(stored->view(), member_config(bob));
    ASSERT_TRUE(is_ok(state));
    forger_.emplace(std::move(*state));
  }

  KeyPackageBundle key_package(std::string_view name, const KeyPackageOptions& options = {}) {
    return key_package_signed_by(name, suite.signature().generate_key_pair(random), options);
  }

  KeyPackageBundle key_package_signed_by(std::string_view name, crypto::SignatureKeyPair signer,
                                         const KeyPackageOptions& options = {},
                                         const CipherSuite* in_suite = nullptr) {
    return *create_key_package(in_suite ? *in_suite : suite,
                               Credential{BasicCredential{Bytes(name.begin(), name.end())}},
                               std::move(signer), options, random);
  }

  // A KeyPackage with a member's signature key: the same client (section 12.2).
  KeyPackageBundle key_package_of_member(std::uint32_t leaf) {
    return key_package_signed_by("again", {bundles_[leaf].keys.signature_private_key.clone(),
                                           bundles_[leaf].key_package.leaf_node.signature_key});
  }

  // Signs a KeyPackage's leaf and the KeyPackage again after a change.
  void resign(KeyPackageBundle& bundle) { test::resign_key_package(suite, bundle); }


  KeyPackageBundle copy(const KeyPackageBundle& bundle) { return {bundle.key_package, clone(bundle.keys)}; }

  // Section 12.4.2, receiver side: `message` fails with `expected` and the
  // receiver is unchanged.
  void expect_rejected(Group& receiver, const MlsMessage& message, Errc expected) {
    const Snapshot before = snapshot(receiver);
    EXPECT_TRUE(fails_with(receiver.process(message), expected));
    EXPECT_TRUE(unchanged(receiver, before));
  }

  // Section 12.4.1, sender side: the committer refuses the list and stays
  // as it was, with no commit pending.
  void expect_refused(Group& committer, const CommitOptions& options, Errc expected) {
    const Snapshot before = snapshot(committer);
    EXPECT_TRUE(fails_with(committer.commit(options, random), expected));
    EXPECT_TRUE(unchanged(committer, before));
  }

  void expect_accepted(Group& receiver, const MlsMessage& commit, const Group& committer) {
    ASSERT_TRUE(is_ok(receiver.process(commit)));
    expect_same_epoch(receiver, committer);
  }

  // The member goes on: it follows alice's next commit into the next epoch,
  // agreeing with her, and alice reads its application message.
  void expect_still_works(Group& member) {
    auto next = group(alice).commit({.include_received = false}, random);
    ASSERT_TRUE(is_ok(next));
    ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
    expect_accepted(member, next->commit, group(alice));
    auto message = member.protect(as_bytes("still here"), {}, random);
    ASSERT_TRUE(is_ok(message));
    auto read = group(alice).process(*message);
    ASSERT_TRUE(is_ok(read));
    EXPECT_EQ(read->application_data, test::copy_of(as_bytes("still here")));
  }

  // Bob commits (staged); dave rejects tamper(commit) with `expected` and
  // is unchanged; then bob merges and dave accepts the genuine commit.
  void expect_tampered_rejected(const Tamper& tamper, Errc expected,
                                const CommitOptions& options = {.include_received = false,
                                                                .force_path = true}) {
    auto genuine = group(bob).commit(options, random);
    ASSERT_TRUE(is_ok(genuine));
    expect_rejected(group(dave), tamper(genuine->commit), expected);
    ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
    expect_accepted(group(dave), genuine->commit, group(bob));
  }

  // Bob commits `own` and the proposals he received, which he judges on
  // receipt; his list holds `listed` proposals, and dave accepts it.
  void expect_bob_commit_listing(std::vector<Proposal> own, std::size_t listed) {
    auto output = group(bob).commit({.proposals = std::move(own), .force_path = true}, random);
    ASSERT_TRUE(is_ok(output));
    EXPECT_EQ(commit_of(public_of(output->commit)).proposals.size(), listed);
    ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
    expect_accepted(group(dave), output->commit, group(bob));
  }

  // Bob's genuine commit with its content changed, then signed and MACed
  // as bob (its confirmation tag is kept, and is checked last).
  Tamper with_commit(std::function<void(Commit&)> change) {
    return [this, change](const MlsMessage& genuine) {
      auto message = public_of(genuine);
      Commit commit = commit_of(message);
      change(commit);
      message.content.content = Content{std::move(commit)};
      return forger().sign_public(std::move(message.content), *message.auth.confirmation_tag);
    };
  }

  Tamper with_proposals(std::vector<ProposalOrRef> proposals) {
    return with_commit([proposals](Commit& commit) { commit.proposals = proposals; });
  }

  // Bob's path leaf changed, signed again over LeafNodeTBS (section 7.2).
  Tamper with_path_leaf(std::function<void(LeafNode&)> change) {
    return with_commit([this, change](Commit& commit) {
      change(commit.path->leaf_node);
      test::sign_leaf(suite, commit.path->leaf_node, bundle(bob).keys.signature_private_key,
                      group_id, LeafIndex{bob});
    });
  }

  // Section 12.2 on both sides: bob refuses to commit `proposals`, and dave
  // rejects bob's commit of them by value.
  void expect_invalid_list(const std::vector<Proposal>& proposals, Errc expected) {
    expect_refused(group(bob), {.proposals = proposals, .include_received = false}, expected);
    std::vector<ProposalOrRef> by_value;
    for (const auto& proposal : proposals) by_value.push_back(ProposalOrRef{proposal});
    expect_tampered_rejected(with_proposals(std::move(by_value)), expected);
  }

  // Two external joiners from alice's GroupInfo: dave rejects `refused`'s
  // Commit with `expected` (unchanged), and accepts `accepted`'s.
  void expect_external_joiner_refused(KeyPackageBundle refused, KeyPackageBundle accepted, Errc expected) {
    auto info = group(alice).group_info(true);
    ASSERT_TRUE(is_ok(info));
    const auto& group_info = *info->body.get_if<GroupInfo>();
    auto first = Group::join_external(group_info, std::move(refused), std::nullopt, config_for(erin), random);
    ASSERT_TRUE(is_ok(first));
    expect_rejected(group(dave), first->commit, expected);
    auto second = Group::join_external(group_info, std::move(accepted), std::nullopt, config_for(erin), random);
    ASSERT_TRUE(is_ok(second));
    expect_accepted(group(dave), second->commit, second->group);
  }

  // A member's proposal, received by bob and dave; its reference.
  ProposalRef deliver(const MlsMessage& proposal) {
    EXPECT_TRUE(is_ok(group(bob).process(proposal)));
    EXPECT_TRUE(is_ok(group(dave).process(proposal)));
    return proposal_ref(suite, authenticated(public_of(proposal)));
  }

  // Carol's Update with her leaf changed (a fresh encryption key, then
  // `change`), signed again, received by bob and dave; its reference.
  ProposalRef carol_update(const std::function<void(LeafNode&)>& change) {
    LeafNode leaf = *group(dave).tree().leaf(LeafIndex{carol});
    leaf.source = LeafNodeSourceData{UpdateSource{}};
    leaf.encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
    change(leaf);
    test::sign_leaf(suite, leaf, bundle(carol).keys.signature_private_key, group_id, LeafIndex{carol});
    return deliver(*group(carol).propose(Proposal{Update{leaf}}));
  }

 private:
  std::vector<KeyPackageBundle> bundles_;
  std::vector<Group> members_;
  Welcome welcome_;
  std::optional<Forger> forger_;
};

// A commit with its UpdatePath removed.
inline void strip_path(Commit& commit) { commit.path.reset(); }

inline Bytes flipped(const Bytes& bytes) { return test::with_bit_flipped(bytes, 0); }

// A PublicMessage with its signature flipped, nothing else changed.
inline MlsMessage with_signature_flipped(const MlsMessage& genuine) {
  auto message = public_of(genuine);
  message.auth.signature = flipped(message.auth.signature);
  return message_of(MessageBody{std::move(message)});
}

}  // namespace conclave::mls::validation
