// The C API's MLS functions (include/conclave.h) end to end, through the C
// API only but for one cross-check against the C++ API.

#include <gtest/gtest.h>

#include <string>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/message.hpp"
#include "mls_fixtures.hpp"

namespace {

using namespace capi_test;

std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

Bytes exported(const conclave_group* group) {
  Bytes secret(32);
  const Bytes context = bytes_of("context");
  EXPECT_EQ(conclave_group_export_secret(group, "label", context.data(), context.size(), secret.data(), secret.size()),
            CONCLAVE_OK);
  return secret;
}

void expect_agree(const conclave_group* a, const conclave_group* b) {
  EXPECT_EQ(snapshot_of(a), snapshot_of(b));
  EXPECT_EQ(exported(a), exported(b));
}

Bytes identity_at(const conclave_group* group, std::uint32_t leaf) {
  conclave_buffer identity = {nullptr, 0};
  EXPECT_EQ(conclave_group_member_identity(group, leaf, &identity), CONCLAVE_OK);
  return taken(identity);
}

// RFC 9420 sections 11 to 12.4.3: two members made, joined and talking
// through the C API; each side reads what the other sent and both derive one
// epoch authenticator and exporter secret.
TEST(CApiMls, TwoMembersCreateJoinAndExchangeMessages) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  expect_agree(alice.get(), bob.get());
  EXPECT_EQ(snapshot_of(bob.get()).epoch, 1u);
  EXPECT_EQ(snapshot_of(bob.get()).members, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(text_of(identity_at(bob.get(), 0)), "alice");
  EXPECT_EQ(text_of(identity_at(alice.get(), 1)), "bob");

  const Read at_bob = process(bob.get(), protect(alice.get(), "hello, Bob", bytes_of("aad")));
  EXPECT_EQ(at_bob.kind, CONCLAVE_RECEIVED_APPLICATION);
  EXPECT_EQ(at_bob.sender_type, CONCLAVE_SENDER_MEMBER);
  EXPECT_EQ(at_bob.sender_index, 0u);
  EXPECT_EQ(at_bob.epoch, 1u);
  EXPECT_EQ(text_of(at_bob.application_data), "hello, Bob");
  EXPECT_EQ(text_of(at_bob.authenticated_data), "aad");
  const Read at_alice = process(alice.get(), protect(bob.get(), "hello, Alice"));
  EXPECT_EQ(at_alice.sender_index, 1u);
  EXPECT_EQ(text_of(at_alice.application_data), "hello, Alice");

  std::uint32_t leaf = 9;
  std::uint16_t group_suite = 0;
  EXPECT_EQ(conclave_group_own_leaf(bob.get(), &leaf), CONCLAVE_OK);
  EXPECT_EQ(leaf, 1u);
  EXPECT_EQ(conclave_group_cipher_suite(bob.get(), &group_suite), CONCLAVE_OK);
  EXPECT_EQ(group_suite, suite);
  conclave_buffer id = {nullptr, 0};
  EXPECT_EQ(conclave_group_id(bob.get(), &id), CONCLAVE_OK);
  EXPECT_EQ(taken(id), group_id());
}

// Section 12.4.3.2: a joiner by external Commit from a GroupInfo; then a
// Commit removes it, and it learns it was removed.
TEST(CApiMls, ExternalJoinThenRemove) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  conclave_buffer info = {nullptr, 0};
  ASSERT_EQ(conclave_group_info(alice.get(), 1, &info), CONCLAVE_OK);
  const Bytes group_info = taken(info);
  KeyPackage carol_package(new_key_package("carol"));
  Group carol;
  conclave_buffer commit = {nullptr, 0};
  ASSERT_EQ(conclave_group_join_external(group_info.data(), group_info.size(), carol_package.get(), nullptr, 0,
                                         nullptr, carol.out(), &commit),
            CONCLAVE_OK);
  const Bytes external_commit = taken(commit);
  const Read at_alice = process(alice.get(), external_commit);
  EXPECT_EQ(at_alice.kind, CONCLAVE_RECEIVED_COMMIT);
  EXPECT_EQ(at_alice.sender_type, CONCLAVE_SENDER_NEW_MEMBER_COMMIT);
  process(bob.get(), external_commit);
  expect_agree(alice.get(), carol.get());
  expect_agree(bob.get(), carol.get());

  std::uint32_t carol_leaf = 0;
  ASSERT_EQ(conclave_group_own_leaf(carol.get(), &carol_leaf), CONCLAVE_OK);
  conclave_commit_options options;
  conclave_commit_options_default(&options);
  options.remove_leaves = &carol_leaf;
  options.remove_count = 1;
  const Committed removal = commit_and_merge(alice.get(), &options);
  EXPECT_EQ(process(bob.get(), removal.commit).removed, 0);
  EXPECT_EQ(process(carol.get(), removal.commit).removed, 1);
  expect_agree(alice.get(), bob.get());
  EXPECT_EQ(snapshot_of(alice.get()).members, (std::vector<std::uint32_t>{0, 1}));
}

// Section 12.1: proposals by each of the C API's kinds, committed by
// reference by the other member.
TEST(CApiMls, ProposalsCommittedByReference) {
  const Bytes psk_id = bytes_of("psk"), psk = Bytes(32, 7);
  conclave_external_psk external = {psk_id.data(), psk_id.size(), psk.data(), psk.size()};
  conclave_group_config config;
  conclave_group_config_default(&config);
  config.external_psks = &external;
  config.external_psk_count = 1;
  Group alice(new_group("alice"));
  ASSERT_EQ(conclave_group_set_external_psk(alice.get(), psk_id.data(), psk_id.size(), psk.data(), psk.size()),
            CONCLAVE_OK);
  KeyPackage bob_package(new_key_package("bob"));
  const Bytes welcome = add_member(alice.get(), public_of(bob_package.get()));
  Group bob;
  ASSERT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nullptr, 0, &config, bob.out()),
            CONCLAVE_OK);
  KeyPackage carol_package(new_key_package("carol"));
  const Bytes carol_public = public_of(carol_package.get());
  conclave_buffer update = {nullptr, 0}, psk_proposal = {nullptr, 0}, add = {nullptr, 0};
  ASSERT_EQ(conclave_group_propose_update(bob.get(), 1, &update), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_propose_external_psk(bob.get(), psk_id.data(), psk_id.size(), 0, &psk_proposal),
            CONCLAVE_OK);
  ASSERT_EQ(conclave_group_propose_add(bob.get(), carol_public.data(), carol_public.size(), 1, &add), CONCLAVE_OK);
  for (auto* proposal : {&update, &psk_proposal, &add}) {
    const Read read = process(alice.get(), taken(*proposal));
    EXPECT_EQ(read.kind, CONCLAVE_RECEIVED_PROPOSAL);
    EXPECT_EQ(read.sender_index, 1u);
  }
  const Committed committed = commit_and_merge(alice.get(), nullptr);
  EXPECT_FALSE(committed.welcome.empty());
  EXPECT_EQ(process(bob.get(), committed.commit).kind, CONCLAVE_RECEIVED_COMMIT);
  expect_agree(alice.get(), bob.get());
  EXPECT_EQ(snapshot_of(bob.get()).members, (std::vector<std::uint32_t>{0, 1, 2}));
  Group carol;
  ASSERT_EQ(conclave_group_join(committed.welcome.data(), committed.welcome.size(), carol_package.get(), nullptr, 0,
                                &config, carol.out()),
            CONCLAVE_OK);
  expect_agree(alice.get(), carol.get());

  conclave_buffer self_remove = {nullptr, 0}, remove = {nullptr, 0};
  ASSERT_EQ(conclave_group_propose_self_remove(carol.get(), &self_remove), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_propose_remove(bob.get(), 0, 0, &remove), CONCLAVE_OK);
  const Bytes self_removal = taken(self_remove), removal = taken(remove);
  EXPECT_EQ(process(bob.get(), self_removal).kind, CONCLAVE_RECEIVED_PROPOSAL);
  EXPECT_EQ(process(carol.get(), removal).kind, CONCLAVE_RECEIVED_PROPOSAL);
  const Committed removals = commit_and_merge(bob.get(), nullptr);
  EXPECT_EQ(process(carol.get(), removals.commit).removed, 1);
  EXPECT_EQ(snapshot_of(bob.get()).members, (std::vector<std::uint32_t>{1}));
}

// Section 12.4.1: a staged Commit changes nothing until merged; discarded,
// the group is as it was; merged, the other member follows.
TEST(CApiMls, StagedCommitDiscardThenMerge) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  const Snapshot before = snapshot_of(alice.get());
  conclave_commit_options options;
  conclave_commit_options_default(&options);
  options.force_path = 1;
  options.group_info = 1;
  conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
  ASSERT_EQ(conclave_group_commit(alice.get(), &options, &output), CONCLAVE_OK);
  EXPECT_NE(output.group_info.size, 0u);
  EXPECT_EQ(output.welcome.size, 0u);
  EXPECT_EQ(snapshot_of(alice.get()).pending, 1);
  conclave_commit_output_free(&output);
  ASSERT_EQ(conclave_group_discard_pending_commit(alice.get()), CONCLAVE_OK);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  EXPECT_EQ(conclave_group_merge_pending_commit(alice.get()), CONCLAVE_E_INVALID_ARGUMENT);

  ASSERT_EQ(conclave_group_commit(alice.get(), &options, &output), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_merge_pending_commit(alice.get()), CONCLAVE_OK);
  process(bob.get(), taken(output.commit));
  conclave_commit_output_free(&output);
  EXPECT_EQ(snapshot_of(alice.get()).epoch, before.epoch + 1);
  expect_agree(alice.get(), bob.get());
}

// A serialized group, reloaded, goes on in the same epoch with its keys.
TEST(CApiMls, SerializeDeserializeAndContinue) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  conclave_buffer state = {nullptr, 0};
  ASSERT_EQ(conclave_group_serialize(bob.get(), &state), CONCLAVE_OK);
  const Bytes stored = taken(state);
  bob.free();
  Group reloaded;
  ASSERT_EQ(conclave_group_deserialize(stored.data(), stored.size(), nullptr, reloaded.out()), CONCLAVE_OK);
  expect_agree(alice.get(), reloaded.get());
  EXPECT_EQ(text_of(process(reloaded.get(), protect(alice.get(), "still here")).application_data), "still here");
  EXPECT_EQ(text_of(process(alice.get(), protect(reloaded.get(), "me too")).application_data), "me too");
}

// Section 8.7: a member made with the C++ API and one with the C API agree
// on the epoch authenticator and follow each other's Commits.
TEST(CApiMls, CppAndCMembersAgreeOnTheEpochAuthenticator) {
  using namespace conclave;
  auto& random = crypto::system_random();
  const auto cipher_suite = *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  const mls::Credential credential{mls::BasicCredential{bytes_of("alice")}};
  auto creator = *mls::create_key_package(cipher_suite, credential,
                                          cipher_suite.signature().generate_key_pair(random), {}, random);
  auto alice = std::move(*mls::Group::create(cipher_suite, group_id(), std::move(creator), {}, {}, random));
  KeyPackage bob_package(new_key_package("bob"));
  auto message = *codec::decode<mls::MlsMessage>(public_of(bob_package.get()));
  const auto added = alice.commit(
      {.proposals = {mls::Proposal{mls::Add{*message.body.get_if<mls::KeyPackage>()}}}}, random);
  ASSERT_TRUE(added.ok());
  ASSERT_TRUE(alice.merge_pending_commit().ok());
  const Bytes welcome = codec::encode(*added->welcome);
  Group bob;
  ASSERT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nullptr, 0, nullptr, bob.out()),
            CONCLAVE_OK);
  const auto expected = alice.epoch_authenticator();
  EXPECT_EQ(authenticator_of(bob.get()), Bytes(expected.begin(), expected.end()));

  const Committed update = commit_and_merge(bob.get(), nullptr);
  ASSERT_TRUE(alice.process(*codec::decode<mls::MlsMessage>(update.commit)).ok());
  const auto after = alice.epoch_authenticator();
  EXPECT_EQ(authenticator_of(bob.get()), Bytes(after.begin(), after.end()));
  EXPECT_EQ(alice.epoch(), 2u);
}

// A KeyPackage's keys go into one group only: once a group took them, every
// use of the KeyPackage is refused; a failed create leaves it unspent.
TEST(CApiMls, SpentKeyPackageRefused) {
  KeyPackage package(new_key_package("alice"));
  Group refused;
  EXPECT_EQ(conclave_group_create(0x7777, group_id().data(), group_id().size(), package.get(), nullptr,
                                  refused.out()),
            CONCLAVE_E_UNSUPPORTED_ALGORITHM);
  EXPECT_EQ(conclave_group_create(CONCLAVE_SUITE_P256_AES128GCM_SHA256_P256, group_id().data(), group_id().size(),
                                  package.get(), nullptr, refused.out()),
            CONCLAVE_E_INVALID_VALUE);
  EXPECT_EQ(refused.get(), nullptr);
  Group alice;
  ASSERT_EQ(conclave_group_create(suite, group_id().data(), group_id().size(), package.get(), nullptr, alice.out()),
            CONCLAVE_OK);
  EXPECT_EQ(conclave_group_create(suite, group_id().data(), group_id().size(), package.get(), nullptr,
                                  refused.out()),
            CONCLAVE_E_INVALID_ARGUMENT);
  conclave_buffer out = {nullptr, 0};
  EXPECT_EQ(conclave_key_package_public(package.get(), &out), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_key_package_ref(package.get(), &out), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(out.data, nullptr);

  KeyPackage bob_package(new_key_package("bob"));
  const Bytes welcome = add_member(alice.get(), public_of(bob_package.get()));
  Group bob;
  ASSERT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nullptr, 0, nullptr, bob.out()),
            CONCLAVE_OK);
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nullptr, 0, nullptr,
                                refused.out()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(refused.get(), nullptr);
}

// The ratchet tree given out of band when the Welcome lacks it
// (section 12.4.3.3), and the KeyPackageRef (section 5.2).
TEST(CApiMls, JoinWithTheTreeOutOfBand) {
  Group alice(new_group("alice"));
  KeyPackage bob_package(new_key_package("bob"));
  conclave_buffer ref = {nullptr, 0};
  ASSERT_EQ(conclave_key_package_ref(bob_package.get(), &ref), CONCLAVE_OK);
  EXPECT_EQ(taken(ref).size(), 32u);
  const Bytes added = public_of(bob_package.get());
  const conclave_bytes key_packages[] = {{added.data(), added.size()}};
  conclave_commit_options options;
  conclave_commit_options_default(&options);
  options.add_key_packages = key_packages;
  options.add_count = 1;
  options.ratchet_tree_in_welcome = 0;
  const Bytes welcome = commit_and_merge(alice.get(), &options).welcome;
  Group bob;
  EXPECT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nullptr, 0, nullptr, bob.out()),
            CONCLAVE_E_INVALID_TREE);
  conclave_buffer tree = {nullptr, 0};
  ASSERT_EQ(conclave_group_ratchet_tree(alice.get(), &tree), CONCLAVE_OK);
  const Bytes nodes = taken(tree);
  ASSERT_EQ(conclave_group_join(welcome.data(), welcome.size(), bob_package.get(), nodes.data(), nodes.size(),
                                nullptr, bob.out()),
            CONCLAVE_OK);
  expect_agree(alice.get(), bob.get());
}

}  // namespace
