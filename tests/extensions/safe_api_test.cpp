// draft-ietf-mls-extensions, "The Safe Application Interface": labels,
// safe HPKE and signatures, the Exporter Tree and application PSKs. Expected
// values are computed here from the RFC 9420 steps, not by the functions
// under test.

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "conclave/mls/exporter_tree.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/safe_api.hpp"
#include "../group_snapshot.hpp"
#include "../group_validation_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::mls::validation;

constexpr auto chat = ComponentId{0x8001};
constexpr auto files = ComponentId{0x8002};

// ComponentOperationLabel written out: opaque base_label<V> ("MLS
// Component", 13 bytes), uint16 component_id, opaque label<V>.
Bytes label_by_hand(std::uint16_t component, std::string_view label) {
  const Bytes base_length{13};
  const Bytes id_and_length{static_cast<std::uint8_t>(component >> 8), static_cast<std::uint8_t>(component & 0xff),
                            static_cast<std::uint8_t>(label.size())};
  return concat({base_length, as_bytes("MLS Component"), id_and_length, as_bytes(label)});
}

std::string text(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

// RFC 9420 section 9 by hand: from the root of 2^16 leaves down to leaf
// `component`, one ExpandWithLabel(secret, "tree", "left"/"right", Nh) per
// bit of the component ID, most significant first.
crypto::Secret exporter_leaf_by_hand(const CipherSuite& suite, const crypto::Secret& root,
                                     std::uint16_t component) {
  crypto::Secret secret = root.clone();
  for (int bit = 15; bit >= 0; --bit) {
    const std::string_view side = ((component >> bit) & 1) != 0 ? "right" : "left";
    secret = *suite.expand_with_label(secret.view(), "tree", as_bytes(side), suite.secret_size());
  }
  return secret;
}

class SafeApiTest : public ::testing::Test {
 protected:
  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("safe api test")};
  const crypto::Secret root{Bytes(32, 0x42)};
};

TEST_F(SafeApiTest, ComponentOperationLabelEncoding) {
  EXPECT_EQ(component_operation_label(ComponentId{0x1234}, as_bytes("op")), label_by_hand(0x1234, "op"));
}

// The Safe* functions are the RFC 9420 labeled operations with the encoded
// ComponentOperationLabel as Label, so "MLS 1.0 " still comes first: the
// plain EncryptWithLabel under that label opens what SafeEncryptWithLabel
// sealed.
TEST_F(SafeApiTest, SafeEncryptIsEncryptWithLabelOfTheComponentLabel) {
  const auto keys = suite.hpke().kem().generate_key_pair(random);
  auto sealed = safe_encrypt_with_label(suite, keys.public_key, chat, as_bytes("key"), as_bytes("ctx"),
                                        as_bytes("hello"), random);
  ASSERT_TRUE(is_ok(sealed));
  auto opened = suite.decrypt_with_label(keys, text(label_by_hand(0x8001, "key")), as_bytes("ctx"), *sealed);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, test::copy_of(as_bytes("hello")));
  auto safe_opened = safe_decrypt_with_label(suite, keys, chat, as_bytes("key"), as_bytes("ctx"), *sealed);
  ASSERT_TRUE(is_ok(safe_opened));
  EXPECT_EQ(*safe_opened, *opened);
}

// "HPKE Keys": a component cannot decrypt data meant for another.
TEST_F(SafeApiTest, SafeDecryptForAnotherComponentFails) {
  const auto keys = suite.hpke().kem().generate_key_pair(random);
  auto sealed = safe_encrypt_with_label(suite, keys.public_key, chat, as_bytes("key"), {}, as_bytes("x"), random);
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_TRUE(fails_with(safe_decrypt_with_label(suite, keys, files, as_bytes("key"), {}, *sealed),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(safe_decrypt_with_label(suite, keys, chat, as_bytes("other"), {}, *sealed),
                         Errc::aead_failure));
}

TEST_F(SafeApiTest, SafeSignIsSignWithLabelOfTheComponentLabel) {
  const auto keys = suite.signature().generate_key_pair(random);
  auto signature = safe_sign_with_label(suite, keys.private_key, chat, as_bytes("sig"), as_bytes("content"));
  ASSERT_TRUE(is_ok(signature));
  EXPECT_TRUE(is_ok(suite.verify_with_label(keys.public_key, text(label_by_hand(0x8001, "sig")),
                                            as_bytes("content"), *signature)));
  EXPECT_TRUE(is_ok(safe_verify_with_label(suite, keys.public_key, chat, as_bytes("sig"), as_bytes("content"),
                                           *signature)));
}

// "Signature Keys": a signature of one component does not verify as
// another's (nor as the plain MLS label's).
TEST_F(SafeApiTest, SafeVerifyAsAnotherComponentFails) {
  const auto keys = suite.signature().generate_key_pair(random);
  auto signature = safe_sign_with_label(suite, keys.private_key, chat, as_bytes("sig"), as_bytes("content"));
  ASSERT_TRUE(is_ok(signature));
  EXPECT_TRUE(fails_with(safe_verify_with_label(suite, keys.public_key, files, as_bytes("sig"),
                                                as_bytes("content"), *signature),
                         Errc::signature_invalid));
  EXPECT_TRUE(fails_with(suite.verify_with_label(keys.public_key, "sig", as_bytes("content"), *signature),
                         Errc::signature_invalid));
}

// "Exported Secrets": application_export_secret = DeriveSecret(epoch_secret,
// "application_export"), i.e. ExpandWithLabel(epoch_secret,
// "application_export", "", Nh).
TEST_F(SafeApiTest, ApplicationExportSecretFromEpochSecret) {
  const auto secrets = derive_epoch_from_epoch_secret(suite, root.view());
  auto expected = suite.expand_with_label(root.view(), "application_export", {}, suite.secret_size());
  ASSERT_TRUE(is_ok(expected));
  EXPECT_EQ(secrets.application_export_secret, *expected);
  EXPECT_FALSE(secrets.application_export_secret == secrets.exporter_secret);
}

TEST_F(SafeApiTest, ExporterTreeLeafIsTheTreeNodeSecret) {
  for (const std::uint16_t component : std::initializer_list<std::uint16_t>{0x0000, 0x0001, 0x8001, 0xffff}) {
    ExporterTree tree(root.clone());
    auto secret = tree.take(suite, ComponentId{component});
    ASSERT_TRUE(is_ok(secret));
    EXPECT_EQ(*secret, exporter_leaf_by_hand(suite, root, component)) << component;
  }
}

// "Exported Secrets": a taken secret is consumed; a second request fails
// and changes nothing, while the other components' secrets stay available
// (their siblings were kept) and equal to the hand computation.
TEST_F(SafeApiTest, ExporterTreeSecretIsConsumed) {
  ExporterTree tree(root.clone());
  ASSERT_TRUE(is_ok(tree.take(suite, chat)));
  const auto before = tree.store();
  EXPECT_TRUE(fails_with(tree.take(suite, chat), Errc::generation_consumed));
  const auto after = tree.store();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].node, before[i].node);
    EXPECT_EQ(after[i].secret, before[i].secret);
  }
  for (const std::uint16_t other : std::initializer_list<std::uint16_t>{0x8000, 0x8003, 0x0001}) {
    auto secret = tree.take(suite, ComponentId{other});
    ASSERT_TRUE(is_ok(secret));
    EXPECT_EQ(*secret, exporter_leaf_by_hand(suite, root, other));
  }
}

// Section 9.2: no secret the consumed one came from is kept: the tree holds
// only the path's siblings, none an ancestor of the consumed leaf.
TEST_F(SafeApiTest, ExporterTreeDeletesTheConsumedPath) {
  ExporterTree tree(root.clone());
  ASSERT_TRUE(is_ok(tree.take(suite, chat)));
  const auto kept = tree.store();
  EXPECT_EQ(kept.size(), 16u);
  const NodeIndex leaf = tree_math::node_of(LeafIndex{0x8001});
  for (const auto& node : kept) EXPECT_FALSE(tree_math::is_ancestor(NodeIndex{node.node}, leaf)) << node.node;
}

TEST_F(SafeApiTest, ExporterTreeRestoreRejectsOverlappingNodes) {
  ExporterTree tree(root.clone());
  ASSERT_TRUE(is_ok(tree.take(suite, chat)));
  auto stored = tree.store();
  auto restored = ExporterTree::restore(suite, tree.store());
  ASSERT_TRUE(is_ok(restored));
  EXPECT_TRUE(fails_with(restored->take(suite, chat), Errc::generation_consumed));
  // The root with the kept nodes would hand the consumed secret out again.
  stored.push_back({(1u << 16) - 1, root.clone()});
  EXPECT_TRUE(fails_with(ExporterTree::restore(suite, std::move(stored)), Errc::invalid_value));
  std::vector<StoredNodeSecret> outside;
  outside.push_back({1u << 17, root.clone()});
  EXPECT_TRUE(fails_with(ExporterTree::restore(suite, std::move(outside)), Errc::invalid_value));
}

// Members hold the same Exporter Tree; a Group hands each component's
// secret out once per epoch, remembers that across serialization, and a
// refused second request leaves the group unchanged.
class SafeExportGroupTest : public GroupValidationTest {};

TEST_F(SafeExportGroupTest, MembersAgreeAndSecretIsConsumed) {
  auto from_alice = group(alice).safe_export_secret(chat);
  auto from_bob = group(bob).safe_export_secret(chat);
  ASSERT_TRUE(is_ok(from_alice));
  ASSERT_TRUE(is_ok(from_bob));
  EXPECT_EQ(*from_alice, *from_bob);
  EXPECT_EQ(from_alice->size(), suite.secret_size());
  auto other = group(alice).safe_export_secret(files);
  ASSERT_TRUE(is_ok(other));
  EXPECT_FALSE(*other == *from_alice);

  const Snapshot before = snapshot(group(alice));
  EXPECT_TRUE(fails_with(group(alice).safe_export_secret(chat), Errc::generation_consumed));
  EXPECT_TRUE(unchanged(group(alice), before));

  auto stored = group(alice).serialize();
  ASSERT_TRUE(is_ok(stored));
  auto reloaded = Group::deserialize(stored->view(), member_config(alice));
  ASSERT_TRUE(is_ok(reloaded));
  EXPECT_TRUE(fails_with(reloaded->safe_export_secret(chat), Errc::generation_consumed));
}

// A new epoch has a new Exporter Tree.
TEST_F(SafeExportGroupTest, NewEpochHasFreshSecrets) {
  auto first = group(alice).safe_export_secret(chat);
  ASSERT_TRUE(is_ok(first));
  auto commit = group(alice).commit({}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(alice).merge_pending_commit()));
  auto second = group(alice).safe_export_secret(chat);
  ASSERT_TRUE(is_ok(second));
  EXPECT_FALSE(*first == *second);
}

// "Pre-Shared Keys": PSKType application(3): psktype, component_id,
// psk_id<V>, psk_nonce<V>.
TEST(ApplicationPsk, Encoding) {
  const PreSharedKeyId id{{ApplicationPskId{ComponentId{0x8001}, Bytes{'p'}}}, Bytes{0xaa, 0xbb}};
  const Bytes expected{0x03, 0x80, 0x01, 0x01, 'p', 0x02, 0xaa, 0xbb};
  EXPECT_EQ(codec::encode(id), expected);
  auto decoded = codec::decode<PreSharedKeyId>(expected);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, id);
}

const Bytes app_psk_id{'p', 'w'};

// Every member but dave holds chat's application PSK "pw"; files has none.
class ApplicationPskTest : public GroupValidationTest {
 protected:
  GroupConfig member_config(std::uint32_t leaf) const override {
    GroupConfig config = config_for(leaf);
    if (leaf == dave) return config;
    config.psks = [](const PreSharedKeyId& id) -> std::optional<crypto::Secret> {
      const auto* app = id.psk.get_if<ApplicationPskId>();
      if (app == nullptr || app->component_id != chat || app->psk_id != app_psk_id) return std::nullopt;
      return crypto::Secret(Bytes(32, 0x77));
    };
    return config;
  }

  static Proposal app_psk(ComponentId component, std::size_t nonce_size = 32) {
    return Proposal{PreSharedKey{PreSharedKeyId{{ApplicationPskId{component, app_psk_id}}, Bytes(nonce_size, 0x33)}}};
  }
};

TEST_F(ApplicationPskTest, CommittedAndAgreed) {
  auto commit = group(bob).commit({.proposals = {app_psk(chat)}}, random);
  ASSERT_TRUE(is_ok(commit));
  ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
  expect_accepted(group(carol), commit->commit, group(bob));
}

// Section 12.1.4, as for external PSKs: the nonce is KDF.Nh bytes.
TEST_F(ApplicationPskTest, NonceWrongLength) {
  expect_invalid_list({app_psk(chat, 31)}, Errc::invalid_proposal);
}

// The PSK is looked up by component and id: the same id for another
// component is another PSK, which no member has.
TEST_F(ApplicationPskTest, OtherComponentIsUnknown) {
  expect_refused(group(bob), {.proposals = {app_psk(files)}}, Errc::unknown_psk);
}

// A member without the PSK cannot process a Commit that injects it.
TEST_F(ApplicationPskTest, MemberWithoutThePskRejects) {
  auto commit = group(bob).commit({.proposals = {app_psk(chat)}}, random);
  ASSERT_TRUE(is_ok(commit));
  expect_rejected(group(dave), commit->commit, Errc::unknown_psk);
}

}  // namespace
