// The C API's stores (include/conclave.h): groups persisted in an SQLite
// file, freed, loaded and continued; joins from a kept KeyPackage; bad
// input at the boundary.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "mls_fixtures.hpp"

namespace {

using namespace capi_test;

const std::uint8_t some_bytes[4] = {1, 2, 3, 4};

// A fresh directory, removed with everything in it at the end of the test.
class CApiStorage : public ::testing::Test {
 protected:
  CApiStorage() {
    std::string pattern = (std::filesystem::temp_directory_path() / "conclave-capi-XXXXXX").string();
    directory_ = mkdtemp(pattern.data());
  }
  ~CApiStorage() override { std::filesystem::remove_all(directory_); }
  std::string path(const std::string& name) const { return (directory_ / name).string(); }

 private:
  std::filesystem::path directory_;
};

conclave_store* open_sqlite(const std::string& path) {
  conclave_store* store = nullptr;
  EXPECT_EQ(conclave_store_open_sqlite(path.c_str(), &store), CONCLAVE_OK);
  return store;
}

conclave_group* load(conclave_store* store) {
  conclave_group* group = nullptr;
  EXPECT_EQ(conclave_group_load(store, group_id().data(), group_id().size(), nullptr, &group), CONCLAVE_OK);
  return group;
}

void expect_talk(conclave_group* a, conclave_group* b) {
  EXPECT_EQ(snapshot_of(a), snapshot_of(b));
  EXPECT_EQ(process(b, protect(a, "ping")).application_data, bytes_of("ping"));
  EXPECT_EQ(process(a, protect(b, "pong")).application_data, bytes_of("pong"));
}

// A group persisted, its handles and store freed, loaded from the file:
// it is in the epoch it was, with the ratchets it had, and goes on.
TEST_F(CApiStorage, PersistFreeLoadFromSqliteAndContinue) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  {
    Store store(open_sqlite(path("alice.db")));
    ASSERT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_OK);
    expect_talk(alice.get(), bob.get());
  }
  const Snapshot persisted = snapshot_of(alice.get());
  const Bytes late = protect(bob.get(), "while away");
  alice.free();
  Store store(open_sqlite(path("alice.db")));
  Group loaded(load(store.get()));
  EXPECT_EQ(snapshot_of(loaded.get()), persisted);
  EXPECT_EQ(process(loaded.get(), late).application_data, bytes_of("while away"));
  expect_talk(loaded.get(), bob.get());
  const Committed commit = commit_and_merge(loaded.get(), nullptr);
  process(bob.get(), commit.commit);
  expect_talk(loaded.get(), bob.get());
}

// Section 12.4.3.1: a KeyPackage kept in the store, its handle freed; the
// Welcome for it joins from the store, which then keeps the group and no
// longer the KeyPackage's keys.
TEST_F(CApiStorage, JoinFromStoreAndReload) {
  Group alice(new_group("alice"));
  Bytes published;
  Store store(open_sqlite(path("bob.db")));
  {
    KeyPackage bob_package(new_key_package("bob"));
    ASSERT_EQ(conclave_store_save_key_package(store.get(), bob_package.get()), CONCLAVE_OK);
    published = public_of(bob_package.get());
  }
  const Bytes welcome = add_member(alice.get(), published);
  Group bob;
  ASSERT_EQ(conclave_group_join_from_store(welcome.data(), welcome.size(), store.get(), nullptr, 0, nullptr,
                                           bob.out()),
            CONCLAVE_OK);
  expect_talk(alice.get(), bob.get());
  conclave_group* again = nullptr;
  EXPECT_EQ(conclave_group_join_from_store(welcome.data(), welcome.size(), store.get(), nullptr, 0, nullptr, &again),
            CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(again, nullptr);
  bob.free();
  store.free();
  Store reopened(open_sqlite(path("bob.db")));
  Group loaded(load(reopened.get()));
  expect_talk(alice.get(), loaded.get());
}

// Every value sealed under the application's key: another key cannot load
// the group.
TEST_F(CApiStorage, EncryptedSqliteStoreNeedsItsKey) {
  const Bytes key(32, 0x11), other_key(32, 0x22);
  const std::string file = path("sealed.db");
  conclave_store* refused = nullptr;
  EXPECT_EQ(conclave_store_open_sqlite_encrypted(file.c_str(), key.data(), 31, &refused), CONCLAVE_E_INVALID_LENGTH);
  EXPECT_FALSE(std::filesystem::exists(file));
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  {
    Store store;
    ASSERT_EQ(conclave_store_open_sqlite_encrypted(file.c_str(), key.data(), key.size(), store.out()), CONCLAVE_OK);
    ASSERT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_OK);
  }
  alice.free();
  Store wrong;
  ASSERT_EQ(conclave_store_open_sqlite_encrypted(file.c_str(), other_key.data(), other_key.size(), wrong.out()),
            CONCLAVE_OK);
  conclave_group* group = nullptr;
  EXPECT_EQ(conclave_group_load(wrong.get(), group_id().data(), group_id().size(), nullptr, &group),
            CONCLAVE_E_STORAGE_CORRUPT);
  EXPECT_EQ(group, nullptr);
  wrong.free();
  Store right;
  ASSERT_EQ(conclave_store_open_sqlite_encrypted(file.c_str(), key.data(), key.size(), right.out()), CONCLAVE_OK);
  Group loaded(load(right.get()));
  expect_talk(loaded.get(), bob.get());
}

// Handles may be freed in any order: a group keeps its store open.
TEST_F(CApiStorage, AGroupKeepsItsStoreOpen) {
  Group alice(new_group("alice"));
  Group bob(join_member(alice.get(), "bob"));
  Store store;
  ASSERT_EQ(conclave_store_open_memory(store.out()), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_OK);
  store.free();
  expect_talk(alice.get(), bob.get());
  process(bob.get(), commit_and_merge(alice.get(), nullptr).commit);
  expect_talk(alice.get(), bob.get());
}

// An erased group is gone from the store, and the handle that kept it
// there stops rather than write on.
TEST_F(CApiStorage, EraseRemovesTheGroupAndStopsItsWriter) {
  Group alice(new_group("alice"));
  Store store(open_sqlite(path("erase.db")));
  ASSERT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_erase(store.get(), group_id().data(), group_id().size()), CONCLAVE_OK);
  conclave_group* group = nullptr;
  EXPECT_EQ(conclave_group_load(store.get(), group_id().data(), group_id().size(), nullptr, &group),
            CONCLAVE_E_NOT_IN_GROUP);
  conclave_buffer message = {nullptr, 0};
  EXPECT_EQ(conclave_group_protect(alice.get(), some_bytes, 4, nullptr, 0, &message), CONCLAVE_E_STORAGE_FAILURE);
  EXPECT_EQ(message.data, nullptr);
  EXPECT_EQ(conclave_group_erase(store.get(), group_id().data(), group_id().size()), CONCLAVE_OK);
}

TEST_F(CApiStorage, OpenRefusesBadArguments) {
  conclave_store* store = nullptr;
  EXPECT_EQ(conclave_store_open_memory(nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_store_open_sqlite(nullptr, &store), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_store_open_sqlite(path("a.db").c_str(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_store_open_sqlite(path("missing/a.db").c_str(), &store), CONCLAVE_E_STORAGE_FAILURE);
  std::ofstream(path("not.db")) << "this is not an SQLite database, and it is long enough to tell";
  EXPECT_EQ(conclave_store_open_sqlite(path("not.db").c_str(), &store), CONCLAVE_E_STORAGE_CORRUPT);
  const Bytes key(32, 1);
  EXPECT_EQ(conclave_store_open_sqlite_encrypted(nullptr, key.data(), key.size(), &store),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_store_open_sqlite_encrypted(path("b.db").c_str(), nullptr, 32, &store),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_store_open_sqlite_encrypted(path("b.db").c_str(), key.data(), key.size(), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(store, nullptr);
  conclave_store_free(nullptr);
}

TEST_F(CApiStorage, EveryStoreFunctionRefusesBadHandles) {
  Group alice(new_group("alice"));
  KeyPackage package(new_key_package("bob"));
  Store freed;
  ASSERT_EQ(conclave_store_open_memory(freed.out()), CONCLAVE_OK);
  freed.free();
  const Snapshot before = snapshot_of(alice.get());
  const Bytes welcome = add_member(alice.get(), public_of(package.get()));
  const Snapshot after_add = snapshot_of(alice.get());
  conclave_group* group = nullptr;
  for (conclave_store* store :
       {static_cast<conclave_store*>(nullptr), freed.get(), wrong_kind<conclave_store>(alice.get())}) {
    EXPECT_EQ(conclave_store_save_key_package(store, package.get()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_group_join_from_store(welcome.data(), welcome.size(), store, nullptr, 0, nullptr, &group),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_group_persist(alice.get(), store), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_group_load(store, group_id().data(), group_id().size(), nullptr, &group),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_group_erase(store, group_id().data(), group_id().size()), CONCLAVE_E_INVALID_HANDLE);
  }
  Store store;
  ASSERT_EQ(conclave_store_open_memory(store.out()), CONCLAVE_OK);
  Group freed_group(new_group("freed"));
  freed_group.free();
  EXPECT_EQ(conclave_store_save_key_package(store.get(), wrong_kind<conclave_key_package>(alice.get())),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_store_save_key_package(store.get(), nullptr), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_group_persist(freed_group.get(), store.get()), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_group_persist(wrong_kind<conclave_group>(package.get()), store.get()), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(group, nullptr);
  EXPECT_NE(before, after_add);
  EXPECT_EQ(snapshot_of(alice.get()), after_add);
  conclave_store_free(freed.get());
}

TEST_F(CApiStorage, StoreFunctionsRefuseBadArguments) {
  Group alice(new_group("alice"));
  Store store;
  ASSERT_EQ(conclave_store_open_memory(store.out()), CONCLAVE_OK);
  KeyPackage kept(new_key_package("bob"));
  ASSERT_EQ(conclave_store_save_key_package(store.get(), kept.get()), CONCLAVE_OK);
  const Bytes welcome = add_member(alice.get(), public_of(kept.get()));
  const Snapshot before = snapshot_of(alice.get());
  conclave_group_config bad_list;
  conclave_group_config_default(&bad_list);
  bad_list.external_psk_count = 1;
  conclave_group* group = nullptr;

  KeyPackage spent(new_key_package("carol"));
  Group carol;
  ASSERT_EQ(conclave_group_create(suite, some_bytes, 4, spent.get(), nullptr, carol.out()), CONCLAVE_OK);
  EXPECT_EQ(conclave_store_save_key_package(store.get(), spent.get()), CONCLAVE_E_INVALID_ARGUMENT);

  Bytes trailing = welcome;
  trailing.push_back(0);
  const Bytes truncated(welcome.begin(), welcome.begin() + 20);
  const auto join = [&](const std::uint8_t* data, std::size_t size, const std::uint8_t* tree, std::size_t tree_size,
                        const conclave_group_config* config, conclave_group** out) {
    return conclave_group_join_from_store(data, size, store.get(), tree, tree_size, config, out);
  };
  EXPECT_EQ(join(trailing.data(), trailing.size(), nullptr, 0, nullptr, &group), CONCLAVE_E_TRAILING_DATA);
  EXPECT_EQ(join(truncated.data(), truncated.size(), nullptr, 0, nullptr, &group), CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(join(nullptr, 1, nullptr, 0, nullptr, &group), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(join(welcome.data(), welcome.size(), nullptr, 1, nullptr, &group), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(join(welcome.data(), welcome.size(), some_bytes, 1, nullptr, &group), CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(join(welcome.data(), welcome.size(), nullptr, 0, &bad_list, &group), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(join(welcome.data(), welcome.size(), nullptr, 0, nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);

  EXPECT_EQ(conclave_group_load(store.get(), nullptr, 1, nullptr, &group), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_load(store.get(), some_bytes, 4, &bad_list, &group), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_load(store.get(), some_bytes, 4, nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_group_load(store.get(), some_bytes, 4, nullptr, &group), CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(conclave_group_erase(store.get(), nullptr, 1), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(group, nullptr);

  conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};
  ASSERT_EQ(conclave_group_commit(alice.get(), nullptr, &output), CONCLAVE_OK);
  conclave_commit_output_free(&output);
  EXPECT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_E_INVALID_ARGUMENT);
  ASSERT_EQ(conclave_group_discard_pending_commit(alice.get()), CONCLAVE_OK);
  EXPECT_EQ(conclave_group_load(store.get(), group_id().data(), group_id().size(), nullptr, &group),
            CONCLAVE_E_NOT_IN_GROUP);
  EXPECT_EQ(snapshot_of(alice.get()), before);
  // The refused joins used nothing: the kept KeyPackage still joins.
  Group bob;
  EXPECT_EQ(join(welcome.data(), welcome.size(), nullptr, 0, nullptr, bob.out()), CONCLAVE_OK);
  expect_talk(alice.get(), bob.get());
}

}  // namespace
