// Group::load() against a store whose reads fail and against records that
// are damaged one at a time: every read's failure and every record's damage
// gives its typed error and no group, and the store is left as it was.

#include <gtest/gtest.h>

#include <cstddef>
#include <optional>

#include "conclave/storage/encrypted_store.hpp"
#include "conclave/storage/memory_store.hpp"
#include "persisted_pair.hpp"
#include "storage_fixtures.hpp"

namespace conclave::mls {
namespace {

using storage::Batch;
using storage::MemoryStore;
using storage::Table;

// A store whose read number `failing` (counting from 0) fails.
class FailingReads final : public storage::Store {
 public:
  Result<std::optional<crypto::Secret>> get(Table table, BytesView key) override {
    if (fails_now()) return Errc::storage_failure;
    return inner.get(table, key);
  }
  Result<std::vector<storage::Record>> list(Table table, BytesView prefix) override {
    if (fails_now()) return Errc::storage_failure;
    return inner.list(table, prefix);
  }
  Status apply(const Batch& batch) override { return inner.apply(batch); }

  // Read number `index` fails; the count starts again.
  void fail_read(std::size_t index) {
    failing = index;
    reads = 0;
  }
  bool reached_failure() const { return failing && reads > *failing; }

  MemoryStore inner;

 private:
  bool fails_now() { return failing && reads++ == *failing; }

  std::optional<std::size_t> failing;
  std::size_t reads = 0;
};

constexpr Table group_tables[] = {Table::group, Table::tree_node, Table::past_epoch, Table::secret_tree,
                                  Table::pending};

// Every record of every group table, as plain bytes.
std::vector<std::pair<Table, test::PlainRecord>> all_records(storage::Store& store) {
  std::vector<std::pair<Table, test::PlainRecord>> out;
  for (const Table table : group_tables) {
    for (auto& record : test::plain(*store.list(table, {}))) out.emplace_back(table, std::move(record));
  }
  return out;
}

void put_raw(storage::Store& store, Table table, Bytes key, BytesView value) {
  Batch batch;
  batch.put(table, std::move(key), crypto::Secret(value));
  ASSERT_TRUE(test::is_ok(store.apply(batch)));
}

void erase_raw(storage::Store& store, Table table, Bytes key) {
  Batch batch;
  batch.erase(table, std::move(key));
  ASSERT_TRUE(test::is_ok(store.apply(batch)));
}

// Bob persisted with every kind of record: a past epoch whose secret tree
// has a used leaf, a current epoch with one, and a staged Commit.
class LoadFailureTest : public PersistedPairTest {
 protected:
  void persist_with_every_record(storage::Store& store) {
    ASSERT_TRUE(test::is_ok(bob->persist(store)));
    const MlsMessage late = from_alice("late");
    ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
    ASSERT_TRUE(test::is_ok(bob->process(late)));
    ASSERT_TRUE(test::is_ok(bob->process(from_alice("now"))));
    CommitOptions options;
    options.force_path = true;
    ASSERT_TRUE(test::is_ok(bob->commit(options, random)));
    for (const Table table : group_tables) ASSERT_FALSE(store.list(table, {})->empty());
  }

  Result<Group> load(storage::Store& store) { return Group::load(store, bob->context().group_id, member_config); }
};

// Each read load() makes fails in turn, through an EncryptedStore: the load
// gives Errc::storage_failure (not storage_corrupt) and writes nothing, until
// one with no read failing loads Bob with his staged Commit.
TEST_F(LoadFailureTest, EachFailedReadGivesAStorageFailureAndWritesNothing) {
  FailingReads failing;
  crypto::DeterministicRandom seal_random{as_bytes("seal")};
  auto encrypted = storage::EncryptedStore::create(failing, crypto::Secret(Bytes(32, 7)), seal_random);
  ASSERT_TRUE(test::is_ok(encrypted));
  persist_with_every_record(*encrypted);
  const auto before = all_records(failing.inner);
  std::size_t index = 0;
  for (;; ++index) {
    failing.fail_read(index);
    auto loaded = load(*encrypted);
    if (!failing.reached_failure()) {
      ASSERT_TRUE(test::is_ok(loaded));
      EXPECT_TRUE(loaded->has_pending_commit());
      break;
    }
    EXPECT_TRUE(test::fails_with(loaded, Errc::storage_failure)) << "read " << index;
    EXPECT_EQ(all_records(failing.inner), before) << "read " << index;
  }
  // The group record, the tree nodes, two secret trees, the past epochs and
  // the staged Commit.
  EXPECT_GE(index, 6u);
}

// Each record of the group, one byte short, makes load() give
// Errc::storage_corrupt; with the record back, Bob loads again.
TEST_F(LoadFailureTest, EveryRecordCutShortIsCorrupt) {
  MemoryStore store;
  persist_with_every_record(store);
  for (const auto& [table, record] : all_records(store)) {
    const auto& [key, value] = record;
    put_raw(store, table, key, BytesView(value).first(value.size() - 1));
    EXPECT_TRUE(test::fails_with(load(store), Errc::storage_corrupt))
        << "table " << static_cast<int>(table) << " key " << to_hex(key);
    put_raw(store, table, key, value);
  }
  EXPECT_TRUE(test::is_ok(load(store)));
}

// A record of a table read by its group's prefix whose key has a byte more
// than a node index, an epoch or a secret tree slot makes load() give
// Errc::storage_corrupt.
TEST_F(LoadFailureTest, EveryRecordUnderALongerKeyIsCorrupt) {
  MemoryStore store;
  persist_with_every_record(store);
  for (const Table table : {Table::tree_node, Table::past_epoch, Table::secret_tree}) {
    for (const auto& [key, value] : test::plain(*store.list(table, {}))) {
      Bytes longer = key;
      longer.push_back(0);
      put_raw(store, table, longer, value);
      EXPECT_TRUE(test::fails_with(load(store), Errc::storage_corrupt))
          << "table " << static_cast<int>(table) << " key " << to_hex(key);
      erase_raw(store, table, longer);
    }
  }
  EXPECT_TRUE(test::is_ok(load(store)));
}

}  // namespace
}  // namespace conclave::mls
