// The Store contract (include/conclave/storage/store.hpp), run against every
// implementation: MemoryStore, SqliteStore, and EncryptedStore over each.

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "conclave/storage/encrypted_store.hpp"
#include "conclave/storage/memory_store.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "storage_fixtures.hpp"
#include "../test_support.hpp"

namespace conclave::storage {
namespace {

using test::fails_with;
using test::is_ok;
using test::PlainRecord;
using test::plain;
using test::secret_of;

// The key whose put fails once arrange_failure() was called.
const Bytes poisoned_key{0x70, 0x6f, 0x69, 0x73, 0x6f, 0x6e};

class MemoryHarness {
 public:
  Store& store() { return store_; }
  // The next apply fails before it changes anything.
  void arrange_failure() { store_.fail_next_apply(); }

 private:
  MemoryStore store_;
};

class SqliteHarness {
 public:
  Store& store() { return store_; }
  // A trigger refuses the put at poisoned_key: the batch fails midway, after
  // its earlier changes were made inside the transaction.
  void arrange_failure() {
    test::run_sql(path_, "CREATE TRIGGER poison BEFORE INSERT ON record WHEN NEW.key = x'" +
                             to_hex(poisoned_key) + "' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
  }

 private:
  test::ScratchDirectory directory_;
  std::string path_ = directory_.file("store.db");
  SqliteStore store_ = std::move(*SqliteStore::open(path_));
};

template <class Inner>
class EncryptedHarness {
 public:
  Store& store() { return store_; }
  void arrange_failure() { inner_.arrange_failure(); }

 private:
  Inner inner_;
  EncryptedStore store_ =
      std::move(*EncryptedStore::create(inner_.store(), crypto::system_random().secret(32)));
};

template <class Harness>
class StoreContract : public ::testing::Test {
 protected:
  Store& store() { return harness_.store(); }

  void apply(const Batch& batch) { ASSERT_TRUE(is_ok(store().apply(batch))); }
  void put(Table table, const Bytes& key, std::string_view value) {
    Batch batch;
    batch.put(table, key, secret_of(value));
    apply(batch);
  }
  std::optional<std::string> value_at(Table table, const Bytes& key) {
    auto value = store().get(table, key);
    EXPECT_TRUE(is_ok(value));
    if (!value || !*value) return std::nullopt;
    return std::string((*value)->text());
  }
  std::vector<Bytes> keys_under(Table table, const Bytes& prefix) {
    auto records = store().list(table, prefix);
    EXPECT_TRUE(is_ok(records));
    std::vector<Bytes> keys;
    if (records) {
      for (const auto& record : *records) keys.push_back(record.key);
    }
    return keys;
  }
  std::vector<PlainRecord> everything() {
    std::vector<PlainRecord> out;
    for (const Table table : {Table::group, Table::tree_node, Table::psk}) {
      auto records = store().list(table, {});
      EXPECT_TRUE(is_ok(records));
      for (auto& record : plain(*records)) out.push_back(std::move(record));
    }
    return out;
  }

  Harness harness_;
};

class HarnessNames {
 public:
  template <class T>
  static std::string GetName(int index) {
    static const char* const names[] = {"Memory", "Sqlite", "EncryptedMemory", "EncryptedSqlite"};
    return names[index];
  }
};

using Harnesses = ::testing::Types<MemoryHarness, SqliteHarness, EncryptedHarness<MemoryHarness>,
                                   EncryptedHarness<SqliteHarness>>;
TYPED_TEST_SUITE(StoreContract, Harnesses, HarnessNames);

TYPED_TEST(StoreContract, AMissingKeyHasNoRecord) {
  EXPECT_EQ(this->value_at(Table::group, {1}), std::nullopt);
}

TYPED_TEST(StoreContract, APutIsReadBack) {
  this->put(Table::group, {1, 2}, "epoch 7");
  EXPECT_EQ(this->value_at(Table::group, {1, 2}), "epoch 7");
  EXPECT_EQ(this->value_at(Table::group, {1}), std::nullopt);
}

TYPED_TEST(StoreContract, AnEmptyKeyAndAnEmptyValueAreRecords) {
  this->put(Table::group, {}, "");
  EXPECT_EQ(this->value_at(Table::group, {}), "");
  EXPECT_EQ(this->keys_under(Table::group, {}), std::vector<Bytes>{Bytes{}});
}

TYPED_TEST(StoreContract, APutOverwrites) {
  this->put(Table::group, {1}, "old");
  this->put(Table::group, {1}, "new");
  EXPECT_EQ(this->value_at(Table::group, {1}), "new");
}

TYPED_TEST(StoreContract, AnEraseRemovesOnlyItsRecord) {
  this->put(Table::group, {1}, "one");
  this->put(Table::group, {1, 0}, "one zero");
  Batch batch;
  batch.erase(Table::group, {1});
  batch.erase(Table::group, {9});  // no such record: nothing to do
  this->apply(batch);
  EXPECT_EQ(this->value_at(Table::group, {1}), std::nullopt);
  EXPECT_EQ(this->value_at(Table::group, {1, 0}), "one zero");
}

TYPED_TEST(StoreContract, TablesAreSeparate) {
  this->put(Table::group, {1}, "group");
  this->put(Table::psk, {1}, "psk");
  Batch batch;
  batch.erase_prefix(Table::group, {});
  this->apply(batch);
  EXPECT_EQ(this->value_at(Table::group, {1}), std::nullopt);
  EXPECT_EQ(this->value_at(Table::psk, {1}), "psk");
}

TYPED_TEST(StoreContract, ABatchAppliesInOrder) {
  this->put(Table::tree_node, {5, 1}, "stale");
  Batch batch;
  batch.put(Table::group, {1}, secret_of("first"));
  batch.erase(Table::group, {1});
  batch.put(Table::group, {2}, secret_of("first"));
  batch.put(Table::group, {2}, secret_of("second"));
  batch.erase_prefix(Table::tree_node, {5});
  batch.put(Table::tree_node, {5, 2}, secret_of("fresh"));
  this->apply(batch);
  EXPECT_EQ(this->value_at(Table::group, {1}), std::nullopt);
  EXPECT_EQ(this->value_at(Table::group, {2}), "second");
  EXPECT_EQ(this->keys_under(Table::tree_node, {5}), (std::vector<Bytes>{{5, 2}}));
}

// Keys in byte order, 0x80 and 0xff above 0x7f (unsigned), a prefix before
// its extensions.
const std::vector<Bytes> ordered_keys = {{},     {0x00}, {0x01},       {0x01, 0x00}, {0x01, 0xff},
                                         {0x02}, {0x7f}, {0x80},       {0xff},       {0xff, 0x00},
                                         {0xff, 0xff},   {0xff, 0xff, 0xff}};

TYPED_TEST(StoreContract, ListIsByPrefixInByteOrder) {
  Batch batch;
  for (auto it = ordered_keys.rbegin(); it != ordered_keys.rend(); ++it) {
    batch.put(Table::tree_node, *it, secret_of("v"));
  }
  batch.put(Table::group, {0x01, 0x01}, secret_of("another table"));
  this->apply(batch);
  EXPECT_EQ(this->keys_under(Table::tree_node, {}), ordered_keys);
  EXPECT_EQ(this->keys_under(Table::tree_node, {0x01}),
            (std::vector<Bytes>{{0x01}, {0x01, 0x00}, {0x01, 0xff}}));
  EXPECT_EQ(this->keys_under(Table::tree_node, {0x7f}), (std::vector<Bytes>{{0x7f}}));
  EXPECT_EQ(this->keys_under(Table::tree_node, {0xff}),
            (std::vector<Bytes>{{0xff}, {0xff, 0x00}, {0xff, 0xff}, {0xff, 0xff, 0xff}}));
  EXPECT_EQ(this->keys_under(Table::tree_node, {0xff, 0xff}),
            (std::vector<Bytes>{{0xff, 0xff}, {0xff, 0xff, 0xff}}));
  EXPECT_EQ(this->keys_under(Table::tree_node, {0x03}), std::vector<Bytes>{});
  EXPECT_EQ(this->keys_under(Table::psk, {}), std::vector<Bytes>{});
}

TYPED_TEST(StoreContract, ListReturnsTheValues) {
  this->put(Table::psk, {1, 1}, "a");
  this->put(Table::psk, {1, 2}, "b");
  auto records = this->store().list(Table::psk, Bytes{1});
  ASSERT_TRUE(is_ok(records));
  EXPECT_EQ(plain(*records), (std::vector<PlainRecord>{{{1, 1}, {'a'}}, {{1, 2}, {'b'}}}));
}

TYPED_TEST(StoreContract, EraseByPrefixKeepsTheRest) {
  Batch batch;
  for (const auto& key : ordered_keys) batch.put(Table::tree_node, key, secret_of("v"));
  batch.erase_prefix(Table::tree_node, {0xff, 0xff});
  batch.erase_prefix(Table::tree_node, {0x01});
  this->apply(batch);
  EXPECT_EQ(this->keys_under(Table::tree_node, {}),
            (std::vector<Bytes>{{}, {0x00}, {0x02}, {0x7f}, {0x80}, {0xff}, {0xff, 0x00}}));
  Batch all;
  all.erase_prefix(Table::tree_node, {});
  this->apply(all);
  EXPECT_EQ(this->keys_under(Table::tree_node, {}), std::vector<Bytes>{});
}

TYPED_TEST(StoreContract, AnEmptyBatchSucceeds) { this->apply(Batch{}); }

TYPED_TEST(StoreContract, AFailedBatchChangesNothing) {
  this->put(Table::group, {1}, "kept");
  this->put(Table::tree_node, {2, 1}, "kept too");
  const auto before = this->everything();
  this->harness_.arrange_failure();
  Batch batch;
  batch.put(Table::group, {1}, secret_of("overwritten"));
  batch.put(Table::psk, {3}, secret_of("added"));
  batch.erase_prefix(Table::tree_node, {2});
  batch.put(Table::group, poisoned_key, secret_of("fails"));
  EXPECT_TRUE(fails_with(this->store().apply(batch), Errc::storage_failure));
  EXPECT_EQ(this->everything(), before);
}

}  // namespace
}  // namespace conclave::storage
