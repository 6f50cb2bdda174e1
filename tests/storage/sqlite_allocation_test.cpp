// SqliteStore with each of SQLite's memory allocations failing in turn
// (SQLITE_CONFIG_MALLOC): opening a new or an existing file, applying a
// batch and reading give Errc::storage_failure or succeed, and the records
// are those before the operation or (for a batch that succeeded) after it.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

#include "conclave/storage/sqlite_store.hpp"
#include "storage_fixtures.hpp"
#include "../test_support.hpp"

namespace conclave::storage {
namespace {

using test::PlainRecord;

// SQLite's allocator while the test runs: the default one, but the
// allocation `armed` (counting from 0 at arm()) fails. SQLite takes a new
// allocator only while shut down, which it may be between tests: no
// connection is open then.
class FailingAllocator {
 public:
  FailingAllocator() {
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &original_);
    sqlite3_mem_methods methods = original_;
    methods.xMalloc = &allocate;
    methods.xRealloc = &reallocate;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
    // No lookaside memory, so that statements allocate through the allocator.
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0);
    sqlite3_initialize();
  }
  FailingAllocator(const FailingAllocator&) = delete;
  FailingAllocator& operator=(const FailingAllocator&) = delete;
  ~FailingAllocator() {
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_MALLOC, &original_);
    sqlite3_config(SQLITE_CONFIG_LOOKASIDE, default_lookaside_size, default_lookaside_slots);
    sqlite3_initialize();
  }

  static void arm(std::size_t index) {
    armed_ = index;
    count_ = 0;
  }
  // Disarms; true when the armed allocation came.
  static bool disarm() {
    const bool reached = armed_ && count_ > *armed_;
    armed_.reset();
    return reached;
  }

 private:
  static bool fails() { return armed_ && count_++ == *armed_; }
  static void* allocate(int size) { return fails() ? nullptr : original_.xMalloc(size); }
  static void* reallocate(void* block, int size) { return fails() ? nullptr : original_.xRealloc(block, size); }

  // SQLite's compiled-in lookaside default (SQLITE_DEFAULT_LOOKASIDE).
  static constexpr int default_lookaside_size = 1200;
  static constexpr int default_lookaside_slots = 100;
  static inline sqlite3_mem_methods original_{};
  static inline std::optional<std::size_t> armed_;
  static inline std::size_t count_ = 0;
};

// Runs `operation` with SQLite's allocation 0 failing, then 1, 2, ... until
// one run does not reach the armed allocation, and passes each outcome to
// `check`; the last run must succeed. Returns the number of failed runs.
template <class Operation, class Check>
std::size_t with_each_allocation_failing(Operation&& operation, Check&& check) {
  for (std::size_t index = 0;; ++index) {
    FailingAllocator::arm(index);
    auto outcome = operation();
    if (!FailingAllocator::disarm()) {
      EXPECT_TRUE(test::is_ok(outcome));
      return index;
    }
    SCOPED_TRACE("allocation " + std::to_string(index) + " failing");
    check(outcome);
    if (::testing::Test::HasFatalFailure()) return index;
  }
}

// An outcome of a run with an allocation failing: success (SQLite recovers
// from some), or Errc::storage_failure.
template <class R>
::testing::AssertionResult succeeded_or_failed_storage(const R& outcome) {
  if (outcome.ok()) return ::testing::AssertionSuccess();
  return test::fails_with(outcome, Errc::storage_failure);
}

// Where the loops' files go: a memory-backed file system when there is one,
// so that their many fsyncs cost no disk write.
std::filesystem::path scratch_base() {
  const std::filesystem::path memory = "/dev/shm";
  return std::filesystem::is_directory(memory) ? memory : std::filesystem::temp_directory_path();
}

class SqliteAllocationTest : public ::testing::Test {
 protected:
  static Batch two_puts_and_an_erase() {
    Batch batch;
    batch.put(Table::group, {1}, test::secret_of("one"));
    batch.put(Table::tree_node, {2, 0}, test::secret_of("two"));
    batch.erase_prefix(Table::secret_tree, {3});
    return batch;
  }

  // The records of the tables the batch touches, read with no allocation
  // failing.
  static std::vector<PlainRecord> records(Store& store) {
    std::vector<PlainRecord> all;
    for (const Table table : {Table::group, Table::tree_node, Table::secret_tree}) {
      const auto listed = test::plain(*store.list(table, {}));
      all.insert(all.end(), listed.begin(), listed.end());
    }
    return all;
  }

  FailingAllocator allocator;
  test::ScratchDirectory directory{scratch_base()};
  SqliteOptions options{Synchronous::normal, 1, 512};
};

TEST_F(SqliteAllocationTest, OpeningANewFileFailsAsAStorageFailureOrMakesTheStore) {
  std::size_t opened = 0;
  const auto runs = with_each_allocation_failing(
      [&] { return SqliteStore::open(directory.file("new" + std::to_string(opened++) + ".db"), options); },
      [](const auto& outcome) { EXPECT_TRUE(succeeded_or_failed_storage(outcome)); });
  EXPECT_GT(runs, 10u);
}

TEST_F(SqliteAllocationTest, ABatchAppliesWholeOrNotAtAllAndReadsFailAsAStorageFailure) {
  const std::string path = directory.file("store.db");
  auto store = SqliteStore::open(path, options);
  ASSERT_TRUE(test::is_ok(store));
  Batch first;
  first.put(Table::secret_tree, {3, 1}, test::secret_of("erased"));
  first.put(Table::secret_tree, {4}, test::secret_of("kept"));
  ASSERT_TRUE(test::is_ok(store->apply(first)));
  const auto before = records(*store);
  ASSERT_TRUE(test::is_ok(store->apply(two_puts_and_an_erase())));
  const auto after = records(*store);
  Batch undo;
  undo.erase(Table::group, {1});
  undo.erase(Table::tree_node, {2, 0});
  ASSERT_TRUE(test::is_ok(store->apply(undo)));
  ASSERT_TRUE(test::is_ok(store->apply(first)));
  ASSERT_EQ(records(*store), before);

  const auto applies = with_each_allocation_failing(
      [&] { return store->apply(two_puts_and_an_erase()); },
      [&](const Status& outcome) {
        EXPECT_TRUE(succeeded_or_failed_storage(outcome));
        EXPECT_EQ(records(*store), outcome.ok() ? after : before);
        ASSERT_TRUE(test::is_ok(store->apply(undo)));
        ASSERT_TRUE(test::is_ok(store->apply(first)));
      });
  EXPECT_GT(applies, 0u);
  const auto gets =
      with_each_allocation_failing([&] { return store->get(Table::group, Bytes{1}); },
                                   [](const auto& outcome) { EXPECT_TRUE(succeeded_or_failed_storage(outcome)); });
  const auto lists =
      with_each_allocation_failing([&] { return store->list(Table::tree_node, Bytes{2}); },
                                   [](const auto& outcome) { EXPECT_TRUE(succeeded_or_failed_storage(outcome)); });
  EXPECT_GT(gets, 0u);
  EXPECT_GT(lists, 0u);
}

TEST_F(SqliteAllocationTest, OpeningAFileWithRecordsFailsAsAStorageFailureAndKeepsThem) {
  const std::string path = directory.file("store.db");
  {
    auto store = SqliteStore::open(path, options);
    ASSERT_TRUE(test::is_ok(store));
    ASSERT_TRUE(test::is_ok(store->apply(two_puts_and_an_erase())));
  }
  std::vector<PlainRecord> kept;
  {
    auto store = SqliteStore::open(path, options);
    ASSERT_TRUE(test::is_ok(store));
    kept = records(*store);
  }
  const auto runs =
      with_each_allocation_failing([&] { return SqliteStore::open(path, options); },
                                   [](const auto& outcome) { EXPECT_TRUE(succeeded_or_failed_storage(outcome)); });
  EXPECT_GT(runs, 10u);
  auto store = SqliteStore::open(path, options);
  ASSERT_TRUE(test::is_ok(store));
  EXPECT_EQ(records(*store), kept);
}

}  // namespace
}  // namespace conclave::storage
