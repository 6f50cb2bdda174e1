// Group::persist() and Group::load(): a member's group continues from its
// store after a restart, each call's changes written in one batch, and a
// store that fails or holds bad records never yields a half-changed group.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "conclave/storage/memory_store.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "persisted_pair.hpp"
#include "storage_fixtures.hpp"

namespace conclave::mls {
namespace {

using storage::Batch;
using storage::MemoryStore;
using storage::Table;

// A store that counts what each batch writes.
class CountingStore final : public storage::Store {
 public:
  Result<std::optional<crypto::Secret>> get(Table table, BytesView key) override { return inner.get(table, key); }
  Result<std::vector<storage::Record>> list(Table table, BytesView prefix) override {
    return inner.list(table, prefix);
  }
  Status apply(const Batch& batch) override {
    last_puts.clear();
    for (const auto& operation : batch.operations()) {
      if (operation.kind == Batch::Operation::Kind::put) last_puts.push_back(operation.table);
    }
    return inner.apply(batch);
  }
  std::size_t last_puts_in(Table table) const {
    return static_cast<std::size_t>(std::count(last_puts.begin(), last_puts.end(), table));
  }

  MemoryStore inner;
  std::vector<Table> last_puts;
};

class GroupPersistenceTest : public PersistedPairTest {
 protected:
  void SetUp() override {
    PersistedPairTest::SetUp();
    ASSERT_TRUE(test::is_ok(bob->persist(store)));
  }

  Group reload_bob() { return load_bob(store, member_config); }

  MemoryStore store;
};

TEST_F(GroupPersistenceTest, AReloadedMemberGoesOnAtTheSameEpoch) {
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  Group reloaded = reload_bob();
  expect_same_epoch(reloaded, *alice);
  auto received = reloaded.process(from_alice("after restart"));
  ASSERT_TRUE(test::is_ok(received));
  EXPECT_EQ(received->application_data, test::copy_of(as_bytes("after restart")));
}

TEST_F(GroupPersistenceTest, AConsumedGenerationStaysConsumedAfterAReload) {
  const MlsMessage message = from_alice("once");
  ASSERT_TRUE(test::is_ok(bob->process(message)));
  Group reloaded = reload_bob();
  EXPECT_TRUE(test::fails_with(reloaded.process(message), Errc::generation_consumed));
}

TEST_F(GroupPersistenceTest, ASentGenerationIsNeverReusedAfterAReload) {
  ASSERT_TRUE(test::is_ok(alice->process(*bob->protect(as_bytes("first"), {}, random))));
  Group reloaded = reload_bob();
  // Generation 0's key is spent: a reused one would fail at Alice.
  auto second = alice->process(*reloaded.protect(as_bytes("second"), {}, random));
  ASSERT_TRUE(test::is_ok(second));
  EXPECT_EQ(second->application_data, test::copy_of(as_bytes("second")));
}

TEST_F(GroupPersistenceTest, AStagedCommitSurvivesAReloadAndMerges) {
  CommitOptions options;
  options.force_path = true;
  auto output = bob->commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  Group reloaded = reload_bob();
  ASSERT_TRUE(reloaded.has_pending_commit());
  ASSERT_TRUE(test::is_ok(alice->process(output->commit)));
  ASSERT_TRUE(test::is_ok(reloaded.merge_pending_commit()));
  expect_same_epoch(reloaded, *alice);
  Group again = reload_bob();
  expect_same_epoch(again, *alice);
}

TEST_F(GroupPersistenceTest, AStagedCommitDiscardedAfterAReloadLeavesTheEpoch) {
  const Bytes tree_hash = bob->tree().tree_hash();
  CommitOptions options;
  options.proposals.push_back(Proposal{Add{key_package("carol").key_package}});
  ASSERT_TRUE(test::is_ok(bob->commit(options, random)));
  Group reloaded = reload_bob();
  reloaded.discard_pending_commit();
  EXPECT_EQ(reloaded.tree().tree_hash(), tree_hash);
  Group again = reload_bob();
  EXPECT_FALSE(again.has_pending_commit());
  EXPECT_EQ(again.tree().tree_hash(), tree_hash);
  ASSERT_TRUE(test::is_ok(again.process(alice_commits())));
  expect_same_epoch(again, *alice);
}

TEST_F(GroupPersistenceTest, AFailedWriteLeavesTheStoreAtTheEpochBefore) {
  const MlsMessage commit = alice_commits();
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->process(commit), Errc::storage_failure));
  // The group in memory may be ahead of its store: it refuses to go on.
  EXPECT_TRUE(test::fails_with(bob->protect(as_bytes("x"), {}, random), Errc::storage_failure));
  Group reloaded = reload_bob();
  EXPECT_EQ(reloaded.epoch(), alice->epoch() - 1);
  ASSERT_TRUE(test::is_ok(reloaded.process(commit)));
  expect_same_epoch(reloaded, *alice);
}

TEST_F(GroupPersistenceTest, AnErasedGroupLeavesNoRecordAndItsWriterStops) {
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  ASSERT_TRUE(test::is_ok(Group::erase(store, bob->context().group_id)));
  for (const Table table : {Table::group, Table::tree_node, Table::past_epoch, Table::secret_tree, Table::pending}) {
    EXPECT_TRUE(store.list(table, {})->empty());
  }
  EXPECT_TRUE(test::fails_with(bob->protect(as_bytes("x"), {}, random), Errc::storage_failure));
  EXPECT_TRUE(store.list(Table::secret_tree, {})->empty());
  EXPECT_TRUE(test::fails_with(Group::load(store, alice->context().group_id, member_config), Errc::not_in_group));
}

TEST_F(GroupPersistenceTest, AnUnknownGroupIsNotInTheStore) {
  EXPECT_TRUE(test::fails_with(Group::load(store, as_bytes("other"), member_config), Errc::not_in_group));
}

TEST_F(GroupPersistenceTest, AMissingTreeNodeIsCorrupt) {
  auto nodes = store.list(Table::tree_node, {});
  ASSERT_TRUE(test::is_ok(nodes));
  ASSERT_FALSE(nodes->empty());
  Batch batch;
  batch.erase(Table::tree_node, nodes->back().key);
  ASSERT_TRUE(test::is_ok(store.apply(batch)));
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config),
                               Errc::storage_corrupt));
}

TEST_F(GroupPersistenceTest, EveryTruncatedGroupRecordIsCorrupt) {
  const Bytes id = bob->context().group_id;
  auto records = store.list(Table::group, {});
  ASSERT_TRUE(test::is_ok(records));
  ASSERT_EQ(records->size(), 1u);
  const Bytes key = records->front().key;
  const Bytes value = test::copy_of(records->front().value.view());
  for (std::size_t length = 0; length < value.size(); length += 7) {
    Batch batch;
    batch.put(Table::group, key, crypto::Secret(BytesView(value).first(length)));
    ASSERT_TRUE(test::is_ok(store.apply(batch)));
    EXPECT_TRUE(test::fails_with(Group::load(store, id, member_config), Errc::storage_corrupt)) << length;
  }
}

// The group record leaves the ratchet tree out: its nodes are records of
// their own, so that a Commit writes the nodes it changed, not the tree.
TEST_F(GroupPersistenceTest, TheGroupRecordLeavesTheTreeOut) {
  const BytesView alice_leaf = bob->tree().node_encoding(NodeIndex{0});
  ASSERT_FALSE(alice_leaf.empty());
  auto records = store.list(Table::group, {});
  ASSERT_TRUE(test::is_ok(records));
  ASSERT_EQ(records->size(), 1u);
  const BytesView group_record = records->front().value.view();
  EXPECT_EQ(std::search(group_record.begin(), group_record.end(), alice_leaf.begin(), alice_leaf.end()),
            group_record.end());
  auto nodes = store.list(Table::tree_node, {});
  ASSERT_TRUE(test::is_ok(nodes));
  ASSERT_FALSE(nodes->empty());
  EXPECT_EQ(test::copy_of(nodes->front().value.view()), test::copy_of(alice_leaf));
}

TEST_F(GroupPersistenceTest, ALateMessageOpensOnceAcrossAReload) {
  const MlsMessage late = from_alice("late");
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  Group reloaded = reload_bob();
  auto received = reloaded.process(late);
  ASSERT_TRUE(test::is_ok(received));
  EXPECT_EQ(received->epoch, alice->epoch() - 1);
  Group again = reload_bob();
  EXPECT_TRUE(test::fails_with(again.process(late), Errc::generation_consumed));
}

TEST_F(GroupPersistenceTest, AnEpochDeletedInMemoryIsDeletedInTheStore) {
  const MlsMessage late = from_alice("too late");
  for (std::size_t i = 0; i <= member_config.past_epochs; ++i) ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  EXPECT_EQ(store.list(Table::past_epoch, {})->size(), member_config.past_epochs);
  Group reloaded = reload_bob();
  EXPECT_TRUE(test::fails_with(reloaded.process(late), Errc::epoch_expired));
}

// The secrets a secret tree record holds: the frontier's node secrets, or a
// leaf's ratchet secrets and kept keys.
std::vector<Bytes> secrets_in(const storage::Record& record) {
  std::vector<Bytes> secrets;
  const bool frontier = std::all_of(record.key.end() - 4, record.key.end(), [](auto b) { return b == 0xff; });
  if (frontier) {
    const auto nodes = *codec::decode<std::vector<StoredNodeSecret>>(record.value.view());
    for (const auto& node : nodes) {
      secrets.push_back(test::copy_of(node.secret.view()));
    }
    return secrets;
  }
  const auto leaf = *codec::decode<StoredLeafRatchets>(record.value.view());
  for (const auto* ratchet : {&leaf.handshake, &leaf.application}) {
    secrets.push_back(test::copy_of(ratchet->secret.view()));
    for (const auto& key : ratchet->kept) secrets.push_back(test::copy_of(key.key.view()));
  }
  return secrets;
}

// Whether some 12 bytes of `secret` are in the database files: a record
// longer than a small page's local payload is split over overflow pages,
// so a secret may be too.
bool files_hold_part_of(const std::string& path, BytesView secret) {
  for (std::size_t at = 0; at + 12 <= secret.size(); ++at) {
    if (test::database_files_hold(path, secret.subspan(at, 12))) return true;
  }
  return false;
}

// Section 14: once an epoch falls out of GroupConfig::past_epochs, its
// secrets leave the database file too. The secrets of the epoch's secret
// tree records (its encryption secret's frontier, the sender's ratchet) are
// looked for in the raw bytes of the file and its WAL.
TEST_F(GroupTest, ADeletedEpochsSecretsAreGoneFromTheDatabaseFiles) {
  member_config.past_epochs = 2;
  Group alice = create("alice");
  Group bob = std::move(add(alice, {"bob"})[0]);
  test::ScratchDirectory directory;
  const std::string path = directory.file("bob.db");
  auto store = std::move(*storage::SqliteStore::open(path));
  ASSERT_TRUE(test::is_ok(bob.persist(store)));
  ASSERT_TRUE(test::is_ok(bob.process(*alice.protect(as_bytes("in the epoch"), {}, random))));
  const auto secret_tree = store.list(Table::secret_tree, {});
  ASSERT_TRUE(test::is_ok(secret_tree));
  ASSERT_GE(secret_tree->size(), 2u);
  auto commit = [&] {
    CommitOptions options;
    options.force_path = true;
    auto output = alice.commit(options, random);
    ASSERT_TRUE(test::is_ok(alice.merge_pending_commit()));
    ASSERT_TRUE(test::is_ok(bob.process(output->commit)));
  };
  for (std::size_t i = 0; i < member_config.past_epochs; ++i) commit();
  ASSERT_TRUE(test::is_ok(store.checkpoint()));
  std::vector<Bytes> secrets;
  for (const auto& record : *secret_tree) {
    for (auto& secret : secrets_in(record)) secrets.push_back(std::move(secret));
  }
  for (const auto& secret : secrets) EXPECT_TRUE(files_hold_part_of(path, secret));
  commit();
  ASSERT_TRUE(test::is_ok(store.checkpoint()));
  for (const auto& secret : secrets) EXPECT_FALSE(files_hold_part_of(path, secret));
}

// Section 12.4.2 changes the committer's direct path and its leaf: a Commit
// in a group of 64 writes those nodes, not the tree.
TEST_F(GroupTest, ACommitWritesOnlyTheNodesItChanged) {
  Group alice = create("alice");
  std::vector<std::string_view> names;
  std::vector<std::string> owned;
  for (int i = 0; i < 63; ++i) owned.push_back("member " + std::to_string(i));
  for (const auto& name : owned) names.push_back(name);
  auto members = add(alice, names);
  CountingStore store;
  ASSERT_TRUE(test::is_ok(members[10].persist(store)));
  EXPECT_GE(store.last_puts_in(Table::tree_node), 64u);
  CommitOptions options;
  options.force_path = true;
  auto output = alice.commit(options, random);
  ASSERT_TRUE(test::is_ok(alice.merge_pending_commit()));
  ASSERT_TRUE(test::is_ok(members[10].process(output->commit)));
  // The leaf and its six path nodes (64 leaves: a depth of 6).
  EXPECT_EQ(store.last_puts_in(Table::tree_node), 7u);
  EXPECT_EQ(store.last_puts_in(Table::group), 1u);
}

}  // namespace
}  // namespace conclave::mls
