// SqliteStore beyond the Store contract: persistence, the schema version and
// its migration, files that are not a Conclave store, locks, checkpoints,
// and forward secrecy at rest (an erased value is gone from the files).

#include <gtest/gtest.h>

#include <filesystem>
#include <ostream>

#include "conclave/crypto/random.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "storage_fixtures.hpp"
#include "../test_support.hpp"

namespace conclave::storage {
namespace {

using test::fails_with;
using test::is_ok;
using test::secret_of;

class SqliteStoreTest : public ::testing::Test {
 protected:
  SqliteStore open(SqliteOptions options = {}) {
    auto store = SqliteStore::open(path_, options);
    EXPECT_TRUE(is_ok(store));
    return std::move(*store);
  }
  void put(Store& store, const Bytes& key, std::string_view value) {
    Batch batch;
    batch.put(Table::group, key, secret_of(value));
    ASSERT_TRUE(is_ok(store.apply(batch)));
  }
  // Opening fails with `expected` and leaves the file's bytes as they were.
  void expect_refused(Errc expected) {
    const Bytes before = test::file_bytes(path_);
    EXPECT_TRUE(fails_with(SqliteStore::open(path_), expected));
    EXPECT_EQ(test::file_bytes(path_), before);
    EXPECT_FALSE(std::filesystem::exists(path_ + "-wal"));
  }

  test::ScratchDirectory directory_;
  std::string path_ = directory_.file("store.db");
};

TEST_F(SqliteStoreTest, RecordsSurviveReopening) {
  {
    auto store = open();
    put(store, {1}, "epoch 7");
  }
  EXPECT_FALSE(std::filesystem::exists(path_ + "-wal")) << "closing checkpoints and removes the WAL";
  auto store = open();
  const auto value = store.get(Table::group, Bytes{1});
  ASSERT_TRUE(is_ok(value));
  ASSERT_TRUE(value->has_value());
  EXPECT_EQ((*value)->text(), "epoch 7");
}

TEST_F(SqliteStoreTest, ANewFileIsAtTheCurrentVersionInWalMode) {
  { auto store = open(); }
  EXPECT_EQ(test::query_integer(path_, "PRAGMA user_version"), SqliteStore::schema_version);
  EXPECT_EQ(test::query_integer(path_, "PRAGMA application_id"), 0x434e4356);
  EXPECT_EQ(test::query_integer(path_, "PRAGMA page_size"), 512);
  EXPECT_EQ(test::query_integer(path_, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
}

TEST_F(SqliteStoreTest, AnEmptyFileIsMigratedToTheCurrentVersion) {
  test::write_file(path_, {});
  auto store = open();
  put(store, {1}, "v");
  EXPECT_EQ(test::query_integer(path_, "PRAGMA user_version"), SqliteStore::schema_version);
}

TEST_F(SqliteStoreTest, APageSizeAppliesToANewFileOnly) {
  { auto store = open({.page_size = 2048}); }
  EXPECT_EQ(test::query_integer(path_, "PRAGMA page_size"), 2048);
  { auto store = open({.page_size = 8192}); }
  EXPECT_EQ(test::query_integer(path_, "PRAGMA page_size"), 2048);
}

TEST_F(SqliteStoreTest, ANewerSchemaVersionIsRefusedAndTheFileUntouched) {
  { auto store = open(); }
  test::run_sql(path_, "PRAGMA user_version = " + std::to_string(SqliteStore::schema_version + 1));
  expect_refused(Errc::storage_corrupt);
}

TEST_F(SqliteStoreTest, AnotherApplicationsDatabaseIsRefused) {
  test::run_sql(path_, "CREATE TABLE note (text TEXT)");
  expect_refused(Errc::storage_corrupt);
  test::run_sql(path_, "PRAGMA user_version = 1");
  expect_refused(Errc::storage_corrupt);
}

TEST_F(SqliteStoreTest, AFileThatIsNotADatabaseIsRefused) {
  test::write_file(path_, as_bytes(std::string(4096, 'x')));
  expect_refused(Errc::storage_corrupt);
  test::write_file(path_, as_bytes("not a database"));
  expect_refused(Errc::storage_corrupt);
}

TEST_F(SqliteStoreTest, ADamagedPageIsStorageCorrupt) {
  {
    auto store = open();
    put(store, {1}, "v");
  }
  // Page 2 is the record table's root (page 1 holds the header and schema).
  Bytes bytes = test::file_bytes(path_);
  ASSERT_GE(bytes.size(), 1024u);
  std::fill(bytes.begin() + 512, bytes.begin() + 1024, std::uint8_t{0xaa});
  test::write_file(path_, bytes);
  auto store = open();
  EXPECT_TRUE(fails_with(store.get(Table::group, Bytes{1}), Errc::storage_corrupt));
  EXPECT_TRUE(fails_with(store.list(Table::group, {}), Errc::storage_corrupt));
}

TEST_F(SqliteStoreTest, AMissingDirectoryIsAStorageFailure) {
  EXPECT_TRUE(fails_with(SqliteStore::open(directory_.file("absent/store.db")), Errc::storage_failure));
}

TEST_F(SqliteStoreTest, OptionsOutOfRangeAreRefused) {
  EXPECT_TRUE(fails_with(SqliteStore::open(path_, {.checkpoint_every = 0}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(SqliteStore::open(path_, {.page_size = 1000}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(SqliteStore::open(path_, {.page_size = 256}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(SqliteStore::open(path_, {.page_size = 131072}), Errc::invalid_argument));
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(SqliteStoreTest, ADatabaseLockedByAnotherWriterRefusesTheBatch) {
  auto store = open();
  put(store, {1}, "kept");
  test::OtherConnection other(path_);
  ASSERT_TRUE(other.run("BEGIN IMMEDIATE"));
  Batch batch;
  batch.put(Table::group, {1}, secret_of("changed"));
  EXPECT_TRUE(fails_with(store.apply(batch), Errc::storage_failure));
  ASSERT_TRUE(other.run("ROLLBACK"));
  const auto value = store.get(Table::group, Bytes{1});
  ASSERT_TRUE(is_ok(value));
  EXPECT_EQ((*value)->text(), "kept");
  EXPECT_TRUE(is_ok(store.apply(batch)));
}

TEST_F(SqliteStoreTest, AStoreMovedFromFails) {
  auto store = open();
  const SqliteStore taken = std::move(store);
  EXPECT_TRUE(fails_with(store.get(Table::group, Bytes{1}), Errc::storage_failure));
  EXPECT_TRUE(fails_with(store.list(Table::group, {}), Errc::storage_failure));
  EXPECT_TRUE(fails_with(store.apply(Batch{}), Errc::storage_failure));
  EXPECT_TRUE(fails_with(store.checkpoint(), Errc::storage_failure));
}

TEST_F(SqliteStoreTest, TheWalIsEmptyAfterEachCheckpoint) {
  auto store = open({.checkpoint_every = 3});
  put(store, {1}, "one");
  put(store, {2}, "two");
  EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), 0u);
  put(store, {3}, "three");
  EXPECT_EQ(std::filesystem::file_size(path_ + "-wal"), 0u);
  put(store, {4}, "four");
  EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), 0u);
  ASSERT_TRUE(is_ok(store.checkpoint()));
  EXPECT_EQ(std::filesystem::file_size(path_ + "-wal"), 0u);
}

TEST_F(SqliteStoreTest, ACheckpointAReaderBlocksIsRetriedAtTheNextApply) {
  auto store = open();
  put(store, {1}, "one");
  test::OtherConnection reader(path_);
  ASSERT_TRUE(reader.run("BEGIN; SELECT count(*) FROM record"));
  put(store, {2}, "two");
  EXPECT_GT(std::filesystem::file_size(path_ + "-wal"), 0u);
  EXPECT_TRUE(fails_with(store.checkpoint(), Errc::storage_failure));
  ASSERT_TRUE(reader.run("COMMIT"));
  put(store, {3}, "three");
  EXPECT_EQ(std::filesystem::file_size(path_ + "-wal"), 0u);
}

// How a record holding a marker leaves the store.
enum class Removal { erase, overwrite, erase_prefix };

struct ForwardSecrecyCase {
  const char* name;
  Removal removal;
  std::size_t value_size;  // beyond a page, the value spills to overflow pages
};

void PrintTo(const ForwardSecrecyCase& removal, std::ostream* os) { *os << removal.name; }

class SqliteForwardSecrecy : public ::testing::TestWithParam<ForwardSecrecyCase> {
 protected:
  // A value of the case's size with a random 32-byte marker at its end.
  crypto::Secret value_with_marker() {
    crypto::Secret value(GetParam().value_size);
    std::copy(marker_.begin(), marker_.end(), value.mutable_view().end() - 32);
    return value;
  }
  void remove(Store& store) {
    Batch batch;
    switch (GetParam().removal) {
      case Removal::erase: batch.erase(Table::secret_tree, key_); break;
      case Removal::overwrite: batch.put(Table::secret_tree, key_, secret_of("next generation")); break;
      case Removal::erase_prefix: batch.erase_prefix(Table::secret_tree, {key_[0]}); break;
    }
    ASSERT_TRUE(is_ok(store.apply(batch)));
  }
  // Records around the marked one, so that its page stays in use.
  static void add_neighbours(Batch& batch) {
    for (std::uint8_t i = 0; i < 40; ++i) {
      batch.put(Table::secret_tree, {0x10, i}, crypto::Secret(Bytes(200, i)));
    }
  }

  test::ScratchDirectory directory_;
  std::string path_ = directory_.file("store.db");
  Bytes marker_ = [] {
    Bytes marker(32);
    crypto::system_random().fill(marker);
    return marker;
  }();
  Bytes key_{0x20, 0x01};
};

TEST_P(SqliteForwardSecrecy, TheRemovedValueIsGoneFromTheFilesAtTheNextCheckpoint) {
  auto store = std::move(*SqliteStore::open(path_, {.checkpoint_every = 4}));
  Batch batch;
  add_neighbours(batch);
  batch.put(Table::secret_tree, key_, value_with_marker());
  ASSERT_TRUE(is_ok(store.apply(batch)));
  EXPECT_TRUE(test::database_files_hold(path_, marker_));
  ASSERT_TRUE(is_ok(store.checkpoint()));
  EXPECT_TRUE(test::database_files_hold(path_, marker_));
  remove(store);
  EXPECT_TRUE(test::database_files_hold(path_, marker_)) << "before the checkpoint, the old page remains";
  ASSERT_TRUE(is_ok(store.checkpoint()));
  EXPECT_FALSE(test::database_files_hold(path_, marker_));
}

TEST_P(SqliteForwardSecrecy, TheRemovedValueIsGoneFromTheFilesWhenApplyReturns) {
  auto store = std::move(*SqliteStore::open(path_));
  Batch batch;
  add_neighbours(batch);
  batch.put(Table::secret_tree, key_, value_with_marker());
  ASSERT_TRUE(is_ok(store.apply(batch)));
  EXPECT_TRUE(test::database_files_hold(path_, marker_));
  remove(store);
  EXPECT_FALSE(test::database_files_hold(path_, marker_));
}

INSTANTIATE_TEST_SUITE_P(
    Removals, SqliteForwardSecrecy,
    ::testing::Values(ForwardSecrecyCase{"Erase", Removal::erase, 200},
                      ForwardSecrecyCase{"Overwrite", Removal::overwrite, 200},
                      ForwardSecrecyCase{"ErasePrefix", Removal::erase_prefix, 200},
                      ForwardSecrecyCase{"EraseOverflowing", Removal::erase, 10000},
                      ForwardSecrecyCase{"OverwriteOverflowing", Removal::overwrite, 10000}),
    [](const auto& test) { return std::string(test.param.name); });

}  // namespace
}  // namespace conclave::storage
