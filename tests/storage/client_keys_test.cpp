// KeyPackage private keys and external PSKs kept in a Store: a Welcome
// uses a kept KeyPackage once (a last-resort one stays), and a group finds
// its external PSKs there.

#include <gtest/gtest.h>

#include "conclave/mls/extension_types.hpp"
#include "conclave/storage/external_psks.hpp"
#include "conclave/storage/key_packages.hpp"
#include "conclave/storage/memory_store.hpp"
#include "../group_fixtures.hpp"

namespace conclave::mls {
namespace {

using storage::MemoryStore;
using storage::Table;

class ClientKeysTest : public GroupTest {
 protected:
  // Alice's Commit adding the KeyPackage, merged; its Welcome.
  Welcome welcome_for(Group& alice, const KeyPackage& key_package) {
    CommitOptions options;
    options.proposals.push_back(Proposal{Add{key_package}});
    auto output = alice.commit(options, random);
    EXPECT_TRUE(test::is_ok(alice.merge_pending_commit()));
    return *output->welcome->body.get_if<Welcome>();
  }

  std::size_t kept_key_packages() { return store.list(Table::key_package, {})->size(); }

  MemoryStore store;
};

TEST_F(ClientKeysTest, AWelcomeUsesAKeptKeyPackageOnce) {
  Group alice = create("alice");
  const KeyPackageBundle bob = key_package("bob");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bob)));
  const Welcome welcome = welcome_for(alice, bob.key_package);
  auto joined = Group::join(welcome, store, std::nullopt, member_config);
  ASSERT_TRUE(test::is_ok(joined));
  expect_same_epoch(*joined, alice);
  EXPECT_EQ(kept_key_packages(), 0u);
  // The group is in the store, and the keys are gone: the same Welcome
  // joins no second time.
  auto loaded = Group::load(store, alice.context().group_id, member_config);
  ASSERT_TRUE(test::is_ok(loaded));
  expect_same_epoch(*loaded, alice);
  EXPECT_TRUE(test::fails_with(Group::join(welcome, store, std::nullopt, member_config), Errc::not_in_group));
}

TEST_F(ClientKeysTest, ALastResortKeyPackageIsKeptAfterUse) {
  Group alice = create("alice");
  KeyPackageOptions options;
  options.extensions.push_back(make_extension(LastResort{}));
  const KeyPackageBundle bob = *create_key_package(
      suite, Credential{BasicCredential{Bytes{'b'}}}, suite.signature().generate_key_pair(random), options, random);
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bob)));
  ASSERT_TRUE(test::is_ok(Group::join(welcome_for(alice, bob.key_package), store, std::nullopt, member_config)));
  EXPECT_EQ(kept_key_packages(), 1u);
}

TEST_F(ClientKeysTest, AWelcomeForAnotherKeyPackageChangesNothing) {
  Group alice = create("alice");
  const KeyPackageBundle bob = key_package("bob");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, key_package("carol"))));
  EXPECT_TRUE(test::fails_with(Group::join(welcome_for(alice, bob.key_package), store, std::nullopt, member_config),
                               Errc::not_in_group));
  EXPECT_EQ(kept_key_packages(), 1u);
  EXPECT_TRUE(store.list(Table::group, {})->empty());
}

TEST_F(ClientKeysTest, AFailedWriteKeepsTheKeyPackage) {
  Group alice = create("alice");
  const KeyPackageBundle bob = key_package("bob");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bob)));
  const Welcome welcome = welcome_for(alice, bob.key_package);
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(Group::join(welcome, store, std::nullopt, member_config), Errc::storage_failure));
  EXPECT_EQ(kept_key_packages(), 1u);
  ASSERT_TRUE(test::is_ok(Group::join(welcome, store, std::nullopt, member_config)));
}

TEST_F(ClientKeysTest, ACorruptKeyPackageRecordIsCorrupt) {
  Group alice = create("alice");
  const KeyPackageBundle bob = key_package("bob");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bob)));
  const Bytes ref = key_package_ref(suite, bob.key_package);
  storage::Batch batch;
  batch.put(Table::key_package, ref, crypto::Secret(as_bytes("not a key package")));
  ASSERT_TRUE(test::is_ok(store.apply(batch)));
  EXPECT_TRUE(test::fails_with(Group::join(welcome_for(alice, bob.key_package), store, std::nullopt, member_config),
                               Errc::storage_corrupt));
}

TEST_F(ClientKeysTest, AKeptExternalPskIsFoundByItsId) {
  const crypto::Secret psk(as_bytes("a pre-shared key of 32 bytes...."));
  ASSERT_TRUE(test::is_ok(storage::save_external_psk(store, as_bytes("psk id"), psk)));
  const PskLookup lookup = storage::stored_external_psks(store);
  auto found = lookup(PreSharedKeyId{{ExternalPskId{test::copy_of(as_bytes("psk id"))}}, Bytes(32)});
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(*found == psk);
  EXPECT_FALSE(lookup(PreSharedKeyId{{ExternalPskId{test::copy_of(as_bytes("other"))}}, Bytes(32)}).has_value());
  ASSERT_TRUE(test::is_ok(storage::erase_external_psk(store, as_bytes("psk id"))));
  EXPECT_FALSE(lookup(PreSharedKeyId{{ExternalPskId{test::copy_of(as_bytes("psk id"))}}, Bytes(32)}).has_value());
}

TEST_F(ClientKeysTest, AKeptKeyPackageIsErasedOnlyByAWriteThatSucceeds) {
  const KeyPackageBundle bob = key_package("bob");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bob)));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(storage::erase_key_package(store, bob.key_package), Errc::storage_failure));
  EXPECT_EQ(kept_key_packages(), 1u);
  ASSERT_TRUE(test::is_ok(storage::erase_key_package(store, bob.key_package)));
  EXPECT_EQ(kept_key_packages(), 0u);
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(storage::save_key_package(store, bob), Errc::storage_failure));
  EXPECT_EQ(kept_key_packages(), 0u);
}

TEST_F(ClientKeysTest, AKeyPackageOfAnUnknownSuiteIsNeitherKeptNorErased) {
  KeyPackageBundle unknown = key_package("bob");
  unknown.key_package.cipher_suite = static_cast<CipherSuiteId>(0xfe00);
  EXPECT_TRUE(test::fails_with(storage::save_key_package(store, unknown), Errc::unsupported_algorithm));
  EXPECT_TRUE(test::fails_with(storage::erase_key_package(store, unknown.key_package), Errc::unsupported_algorithm));
  EXPECT_EQ(kept_key_packages(), 0u);
}

TEST_F(ClientKeysTest, AnExternalPskChangesOnlyByAWriteThatSucceeds) {
  const crypto::Secret psk(as_bytes("a pre-shared key of 32 bytes...."));
  const PskLookup lookup = storage::stored_external_psks(store);
  const PreSharedKeyId id{{ExternalPskId{test::copy_of(as_bytes("psk id"))}}, Bytes(32)};
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(storage::save_external_psk(store, as_bytes("psk id"), psk), Errc::storage_failure));
  EXPECT_FALSE(lookup(id).has_value());
  ASSERT_TRUE(test::is_ok(storage::save_external_psk(store, as_bytes("psk id"), psk)));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(storage::erase_external_psk(store, as_bytes("psk id")), Errc::storage_failure));
  EXPECT_TRUE(lookup(id).has_value());
}

// Only external PSKs are kept in the store: a resumption PSK whose group ID
// is a kept external PSK's ID finds none.
TEST_F(ClientKeysTest, AResumptionPskIsNotLookedUpInTheStore) {
  ASSERT_TRUE(test::is_ok(storage::save_external_psk(store, as_bytes("psk id"), crypto::Secret(Bytes(32, 1)))));
  const PskLookup lookup = storage::stored_external_psks(store);
  EXPECT_FALSE(lookup(PreSharedKeyId{{ResumptionPskId{ResumptionPskUsage::application, test::copy_of(as_bytes("psk id")), 0}}, Bytes(32)})
                   .has_value());
}

}  // namespace
}  // namespace conclave::mls
