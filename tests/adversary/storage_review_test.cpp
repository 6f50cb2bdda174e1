// Issue 20 review, as an attacker: past epochs and persisted groups against
// tampered, rolled-back, shared and failing stores. A test named as a
// finding fails on the code it was written against; the others are attacks
// the library refused, kept as regression tests.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <limits>
#include <optional>
#include <string>

#include "conclave/codec/writer.hpp"
#include "conclave/storage/encrypted_store.hpp"
#include "conclave/storage/key_packages.hpp"
#include "conclave/storage/memory_store.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "../storage/persisted_pair.hpp"
#include "../storage/storage_fixtures.hpp"
#include "mls/group_state.hpp"
#include "mls/group_storage.hpp"

namespace conclave::mls {
namespace {

using storage::Batch;
using storage::MemoryStore;
using storage::Table;

// Alice and Bob in one group; Bob is kept in `store` (or another store a
// test persists him to).
class StorageReview : public PersistedPairTest {
 protected:
  void persist_bob(storage::Store& where) { ASSERT_TRUE(test::is_ok(bob->persist(where))); }

  // The key prefix of Bob's group: its ID as a length-prefixed vector.
  Bytes group_prefix() const {
    Bytes key;
    codec::Writer(key).write_vector(bob->context().group_id);
    return key;
  }

  Bytes with_epoch(std::uint64_t epoch) const {
    Bytes key = group_prefix();
    codec::Writer(key).write_u64(epoch);
    return key;
  }

  Bytes secret_tree_key(std::uint64_t epoch, std::uint32_t slot) const {
    Bytes key = with_epoch(epoch);
    codec::Writer(key).write_u32(slot);
    return key;
  }

  MemoryStore store;
};

std::size_t count_of(storage::Store& store, Table table) { return store.list(table, {})->size(); }

void put_raw(storage::Store& store, Table table, const Bytes& key, BytesView value) {
  Batch batch;
  batch.put(table, key, crypto::Secret(value));
  ASSERT_TRUE(test::is_ok(store.apply(batch)));
}

// Finding: Group::load() trims the past epochs to the config's count but
// keeps the trimmed epochs' records; they are never erased, and once the
// group moves on they make its past epochs non-contiguous, so the next
// load fails: the member loses its group, and deleted secrets stay at rest.
TEST_F(StorageReview, AKeepCountLoweredAtLoadErasesTheDroppedEpochsAndTheGroupReloads) {
  persist_bob(store);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  ASSERT_EQ(count_of(store, Table::past_epoch), 3u);
  GroupConfig fewer = member_config;
  fewer.past_epochs = 1;
  Group reloaded = load_bob(store, fewer);
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  EXPECT_EQ(count_of(store, Table::past_epoch), 1u);
  auto again = Group::load(store, bob->context().group_id, fewer);
  ASSERT_TRUE(test::is_ok(again));
  expect_same_epoch(*again, *alice);
}

// Finding (fixed): two Group objects loaded from one store both sent on the
// same ratchet generation (the same key and nonce for two plaintexts). The
// later load takes the group over; the earlier object's next change fails.
TEST_F(StorageReview, TwoGroupsLoadedFromOneStoreNeverSendOnOneGeneration) {
  persist_bob(store);
  Group first = load_bob(store, member_config);
  Group second = load_bob(store, member_config);
  EXPECT_TRUE(test::fails_with(first.protect(as_bytes("one"), {}, random), Errc::storage_failure));
  EXPECT_TRUE(test::fails_with(bob->protect(as_bytes("zero"), {}, random), Errc::storage_failure));
  auto two = second.protect(as_bytes("two"), {}, random);
  ASSERT_TRUE(test::is_ok(two));
  EXPECT_TRUE(test::is_ok(alice->process(*two)));
}

// Refused: a past epoch's record put under another epoch's key.
TEST_F(StorageReview, APastEpochRecordUnderAnotherEpochIsCorrupt) {
  persist_bob(store);
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  const std::uint64_t older = bob->epoch() - 2;
  const Bytes value = test::copy_of((*store.get(Table::past_epoch, with_epoch(older)))->view());
  put_raw(store, Table::past_epoch, with_epoch(older + 1), value);
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config), Errc::storage_corrupt));
}

// Refused: a leaf's secret tree record moved to another leaf's slot.
TEST_F(StorageReview, ASecretTreeLeafRecordInAnotherSlotIsCorrupt) {
  persist_bob(store);
  ASSERT_TRUE(test::is_ok(bob->process(from_alice("uses leaf 0"))));
  const Bytes value = test::copy_of((*store.get(Table::secret_tree, secret_tree_key(bob->epoch(), 0)))->view());
  put_raw(store, Table::secret_tree, secret_tree_key(bob->epoch(), 1), value);
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config), Errc::storage_corrupt));
}

// Refused: a secret tree record for a leaf beyond the epoch's leaf count.
TEST_F(StorageReview, ASecretTreeRecordBeyondTheLeafCountIsCorrupt) {
  persist_bob(store);
  StoredLeafRatchets beyond;
  beyond.leaf = 1000;
  put_raw(store, Table::secret_tree, secret_tree_key(bob->epoch(), 1000), codec::encode(beyond));
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config), Errc::storage_corrupt));
}

// Refused: a tree node record at the largest index a key can carry is
// corrupt, without an allocation of that many nodes.
TEST_F(StorageReview, ATreeNodeAtAHugeIndexIsCorrupt) {
  persist_bob(store);
  Bytes key = group_prefix();
  codec::Writer(key).write_u32(0xfffffffe);
  put_raw(store, Table::tree_node, key, as_bytes("node"));
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config), Errc::storage_corrupt));
}

// Refused: a record of another group whose ID extends this one's is not
// read as this group's.
TEST_F(StorageReview, AGroupWhoseIdExtendsAnotherIsNotReadAsIt) {
  persist_bob(store);
  Bytes longer = bob->context().group_id;
  longer.push_back('x');
  EXPECT_TRUE(test::fails_with(Group::load(store, longer, member_config), Errc::not_in_group));
  Group reloaded = load_bob(store, member_config);
  expect_same_epoch(reloaded, *bob);
}

// Refused: a protect() whose write fails hands out nothing, and after a
// reload the member never sends on the generation it may have spent.
TEST_F(StorageReview, AFailedWriteAtProtectNeverReusesAGenerationAfterReload) {
  persist_bob(store);
  auto first = bob->protect(as_bytes("first"), {}, random);
  ASSERT_TRUE(test::is_ok(first));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->protect(as_bytes("lost"), {}, random), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  auto second = reloaded.protect(as_bytes("second"), {}, random);
  ASSERT_TRUE(test::is_ok(second));
  ASSERT_TRUE(test::is_ok(alice->process(*first)));
  EXPECT_TRUE(test::is_ok(alice->process(*second)));
}

// Refused: a late message whose write fails is not consumed in the store:
// after a reload it opens (once).
TEST_F(StorageReview, AFailedWriteAtALateMessageConsumesNothing) {
  persist_bob(store);
  const MlsMessage late = from_alice("late");
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->process(late), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.process(late)));
  EXPECT_TRUE(test::fails_with(reloaded.process(late), Errc::generation_consumed));
}

// Refused: a merge whose write fails leaves the staged Commit in the
// store; after a reload it merges and the member is at Alice's epoch.
TEST_F(StorageReview, AFailedWriteAtMergeKeepsTheStagedCommit) {
  persist_bob(store);
  CommitOptions options;
  options.force_path = true;
  auto output = bob->commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->merge_pending_commit(), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(reloaded.has_pending_commit());
  ASSERT_TRUE(test::is_ok(alice->process(output->commit)));
  ASSERT_TRUE(test::is_ok(reloaded.merge_pending_commit()));
  expect_same_epoch(reloaded, *alice);
}

// Refused: a discard whose write fails leaves the group failed and the
// staged Commit in the store; the reloaded member still discards it.
TEST_F(StorageReview, AFailedWriteAtDiscardLeavesTheStagedCommitToDiscardAgain) {
  persist_bob(store);
  CommitOptions options;
  options.force_path = true;
  ASSERT_TRUE(test::is_ok(bob->commit(options, random)));
  store.fail_next_apply();
  bob->discard_pending_commit();
  EXPECT_TRUE(test::fails_with(bob->protect(as_bytes("x"), {}, random), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(reloaded.has_pending_commit());
  reloaded.discard_pending_commit();
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  expect_same_epoch(reloaded, *alice);
}

// Refused: with the default SQLite options the epoch a Commit left (its
// group record: init, exporter, external secrets...) is gone from the
// database file and its WAL once process() returns; the epoch authenticator,
// in the same record, stands for them.
TEST_F(StorageReview, AnOverwrittenGroupRecordLeavesTheSqliteFiles) {
  test::ScratchDirectory directory;
  const std::string path = directory.file("review.db");
  auto sqlite = storage::SqliteStore::open(path);
  ASSERT_TRUE(test::is_ok(sqlite));
  persist_bob(*sqlite);
  const Bytes authenticator = test::copy_of(bob->epoch_authenticator());
  ASSERT_TRUE(test::database_files_hold(path, authenticator));
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  EXPECT_FALSE(test::database_files_hold(path, authenticator));
}



// Finding: Group::join(welcome, store) erases every record under the new
// group's ID before it writes it. Group IDs are the creator's choice and
// travel in the clear, so anyone who fetches one of Bob's published
// KeyPackages can create a group with the ID of a group Bob is in and
// Welcome him: Bob's real group is then overwritten in his store (its
// epoch, tree, past epochs gone), which the application cannot prevent,
// as it learns the group ID only from join(). join() must refuse a group
// ID the store already holds (its state left as it was).
TEST_F(StorageReview, AWelcomeIntoAGroupIdTheStoreHoldsLeavesThatGroupAlone) {
  persist_bob(store);
  Group mallory = create("mallory");
  ASSERT_EQ(mallory.context().group_id, bob->context().group_id);
  KeyPackageBundle bundle = key_package("bob again");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bundle)));
  CommitOptions options;
  options.proposals.push_back(Proposal{Add{bundle.key_package}});
  auto output = mallory.commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  ASSERT_TRUE(test::is_ok(mallory.merge_pending_commit()));
  static_cast<void>(Group::join(*output->welcome->body.get_if<Welcome>(), store, std::nullopt, member_config));
  auto reloaded = Group::load(store, bob->context().group_id, member_config);
  ASSERT_TRUE(test::is_ok(reloaded));
  expect_same_epoch(*reloaded, *bob);
  auto received = reloaded->process(from_alice("still here"));
  EXPECT_TRUE(test::is_ok(received)) << "Bob's group was replaced by Mallory's";
}

// Refused: joining deletes the used KeyPackage's private keys in the same
// batch, and the init key is then in neither SQLite file.
TEST_F(StorageReview, AJoinLeavesNoInitKeyInTheSqliteFiles) {
  test::ScratchDirectory directory;
  const std::string path = directory.file("review.db");
  auto sqlite = storage::SqliteStore::open(path);
  ASSERT_TRUE(test::is_ok(sqlite));
  KeyPackageBundle bundle = key_package("carol");
  const Bytes init_key = test::copy_of(bundle.keys.init_private_key.view());
  ASSERT_TRUE(test::is_ok(storage::save_key_package(*sqlite, bundle)));
  ASSERT_TRUE(test::database_files_hold(path, init_key));
  CommitOptions options;
  options.proposals.push_back(Proposal{Add{bundle.key_package}});
  auto output = alice->commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  ASSERT_TRUE(test::is_ok(alice->merge_pending_commit()));
  auto carol = Group::join(*output->welcome->body.get_if<Welcome>(), *sqlite, std::nullopt, member_config);
  ASSERT_TRUE(test::is_ok(carol));
  EXPECT_EQ(count_of(*sqlite, Table::key_package), 0u);
  EXPECT_FALSE(test::database_files_hold(path, init_key));
}

// Refused: a join whose write fails keeps the KeyPackage, and the Welcome
// can be joined again.
TEST_F(StorageReview, AFailedWriteAtJoinKeepsTheKeyPackage) {
  KeyPackageBundle bundle = key_package("carol");
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bundle)));
  const Welcome welcome = alice_welcomes(bundle.key_package);
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(Group::join(welcome, store, std::nullopt, member_config), Errc::storage_failure));
  EXPECT_EQ(count_of(store, Table::key_package), 1u);
  auto carol = Group::join(welcome, store, std::nullopt, member_config);
  ASSERT_TRUE(test::is_ok(carol));
  expect_same_epoch(*carol, *alice);
}

// Refused: a reloaded staged Commit that removes Charlie keeps his key for
// the epoch he was in, so his late message of that epoch still verifies
// after the merge.
TEST_F(StorageReview, ALateMessageOfAMemberAReloadedCommitRemovedStillVerifies) {
  auto joined = add(*alice, {"charlie"}, {&*bob});
  Group charlie = std::move(joined[0]);
  persist_bob(store);
  auto late = charlie.protect(as_bytes("before removal"), {}, random);
  ASSERT_TRUE(test::is_ok(late));
  CommitOptions options;
  options.proposals.push_back(Proposal{Remove{charlie.own_leaf().value}});
  ASSERT_TRUE(test::is_ok(bob->commit(options, random)));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.merge_pending_commit()));
  auto received = reloaded.process(*late);
  ASSERT_TRUE(test::is_ok(received));
  EXPECT_EQ(received->application_data, test::copy_of(as_bytes("before removal")));
}

// Refused: a member removed by a Commit reads a late message of the epoch
// it was removed in after a reload, once, and sends nothing.
TEST_F(StorageReview, ARemovedMemberReadsItsLastEpochOnceAcrossAReload) {
  persist_bob(store);
  const MlsMessage late = from_alice("last words");
  CommitOptions options;
  options.proposals.push_back(Proposal{Remove{bob->own_leaf().value}});
  auto output = alice->commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  ASSERT_TRUE(test::is_ok(alice->merge_pending_commit()));
  ASSERT_TRUE(test::is_ok(bob->process(output->commit)));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.process(late)));
  EXPECT_TRUE(test::fails_with(reloaded.process(late), Errc::generation_consumed));
  EXPECT_TRUE(test::fails_with(reloaded.protect(as_bytes("x"), {}, random), Errc::not_in_group));
}


// Refused: a staged Commit's record of an earlier epoch put back after the
// group moved on does not load as this epoch's staged Commit.
TEST_F(StorageReview, AStagedCommitRecordOfAnEarlierEpochIsCorrupt) {
  persist_bob(store);
  CommitOptions options;
  options.force_path = true;
  ASSERT_TRUE(test::is_ok(bob->commit(options, random)));
  const Bytes stale = test::copy_of((*store.get(Table::pending, group_prefix()))->view());
  bob->discard_pending_commit();
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits())));
  put_raw(store, Table::pending, group_prefix(), stale);
  EXPECT_TRUE(test::fails_with(Group::load(store, bob->context().group_id, member_config), Errc::storage_corrupt));
}

// Refused: an Update's private key survives a reload, so the Commit that
// applies the Update is processed by the reloaded member.
TEST_F(StorageReview, AnUpdateProposedBeforeAReloadIsCommittedAfterIt) {
  persist_bob(store);
  auto update = bob->propose_update(random);
  ASSERT_TRUE(test::is_ok(update));
  ASSERT_TRUE(test::is_ok(alice->process(*update)));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  expect_same_epoch(reloaded, *alice);
  ASSERT_TRUE(test::is_ok(reloaded.process(from_alice("after update"))));
}

// Refused: a received proposal whose write fails is not kept; reloaded,
// the member processes it again and then the Commit that covers it.
TEST_F(StorageReview, AFailedWriteAtAProposalLetsItBeProcessedAgain) {
  persist_bob(store);
  auto proposal = alice->propose(Proposal{Add{key_package("carol").key_package}});
  ASSERT_TRUE(test::is_ok(proposal));
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->process(*proposal), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.process(*proposal)));
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  expect_same_epoch(reloaded, *alice);
}

// Refused: a commit() whose write fails returns no Commit and stages
// nothing in the store; the reloaded member follows Alice's Commit.
TEST_F(StorageReview, AFailedWriteAtCommitStagesNothing) {
  persist_bob(store);
  CommitOptions options;
  options.force_path = true;
  store.fail_next_apply();
  EXPECT_TRUE(test::fails_with(bob->commit(options, random), Errc::storage_failure));
  Group reloaded = load_bob(store, member_config);
  EXPECT_FALSE(reloaded.has_pending_commit());
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  expect_same_epoch(reloaded, *alice);
}


// Refused: a Commit that truncates the tree (the rightmost member removed)
// leaves no node record beyond the new width, so the group reloads; also
// when the truncating Commit was staged, reloaded and merged.
TEST_F(StorageReview, ATreeTruncatedByARemoveReloads) {
  const LeafIndex charlie = add(*alice, {"charlie"}, {&*bob})[0].own_leaf();
  persist_bob(store);
  ASSERT_TRUE(test::is_ok(bob->process(alice_commits_with({Proposal{Remove{charlie.value}}}))));
  ASSERT_LT(bob->tree().leaf_count().value(), 4u);
  Group reloaded = load_bob(store, member_config);
  expect_same_epoch(reloaded, *alice);
}

TEST_F(StorageReview, ATreeTruncatedByAReloadedStagedCommitReloads) {
  auto joined = add(*alice, {"charlie"}, {&*bob});
  persist_bob(store);
  CommitOptions options;
  options.proposals.push_back(Proposal{Remove{joined[0].own_leaf().value}});
  options.force_path = true;
  auto output = bob->commit(options, random);
  ASSERT_TRUE(test::is_ok(output));
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.merge_pending_commit()));
  ASSERT_TRUE(test::is_ok(alice->process(output->commit)));
  Group again = load_bob(store, member_config);
  expect_same_epoch(again, *alice);
  ASSERT_TRUE(test::is_ok(again.process(from_alice("after truncation"))));
}

// Refused: a sealed group record moved under another group's key does not
// open (EncryptedStore binds the key).
TEST_F(StorageReview, AnEncryptedGroupRecordUnderAnotherGroupIdIsCorrupt) {
  MemoryStore disk;
  auto sealed = storage::EncryptedStore::create(disk, crypto::Secret(Bytes(32, 7)));
  ASSERT_TRUE(test::is_ok(sealed));
  persist_bob(*sealed);
  const Bytes value = test::copy_of((*disk.get(Table::group, group_prefix()))->view());
  Bytes other;
  codec::Writer(other).write_vector(as_bytes("other"));
  put_raw(disk, Table::group, other, value);
  EXPECT_TRUE(test::fails_with(Group::load(*sealed, as_bytes("other"), member_config), Errc::storage_corrupt));
}


// Finding (same cause as AWelcomeIntoAGroupIdTheStoreHoldsLeavesThatGroupAlone):
// a last-resort KeyPackage is kept after use, so a server that replays the
// Welcome that added Carol rolls her stored group back to the epoch she
// joined at. join() must refuse it and leave her stored group as it was.
TEST_F(StorageReview, AReplayedLastResortWelcomeDoesNotRollTheStoredGroupBack) {
  KeyPackageOptions last_resort;
  last_resort.extensions.push_back(make_extension(LastResort{}));
  const KeyPackageBundle bundle = *create_key_package(
      suite, Credential{BasicCredential{Bytes{'c'}}}, suite.signature().generate_key_pair(random), last_resort, random);
  ASSERT_TRUE(test::is_ok(storage::save_key_package(store, bundle)));
  const Welcome welcome = alice_welcomes(bundle.key_package);
  auto carol = Group::join(welcome, store, std::nullopt, member_config);
  ASSERT_TRUE(test::is_ok(carol));
  ASSERT_TRUE(test::is_ok(carol->process(alice_commits())));
  static_cast<void>(Group::join(welcome, store, std::nullopt, member_config));
  auto reloaded = Group::load(store, alice->context().group_id, member_config);
  ASSERT_TRUE(test::is_ok(reloaded));
  EXPECT_EQ(reloaded->epoch(), alice->epoch()) << "the replayed Welcome rolled Carol's group back";
}


// Refused: Dave and a new member at Carol's old leaf collude. Carol was
// removed (her leaf blank for an epoch), then a new member was added at her
// leaf; Dave, who holds the blank epoch's secret tree, forges a message of
// that epoch from her leaf, signed with the new member's key. A reloaded
// Bob finds that the leaf had no signer in that epoch (invalid_sender).
TEST_F(StorageReview, ALateMessageFromALeafBlankInItsEpochIsRefusedAfterAReload) {
  auto joined = add(*alice, {"carol", "dave"}, {&*bob});
  Group& dave = joined[1];
  const std::uint32_t carol_leaf = joined[0].own_leaf().value;
  persist_bob(store);
  CommitOptions remove;
  remove.proposals.push_back(Proposal{Remove{carol_leaf}});
  auto removal = alice->commit(remove, random);
  ASSERT_TRUE(test::is_ok(alice->merge_pending_commit()));
  ASSERT_TRUE(test::is_ok(bob->process(removal->commit)));
  ASSERT_TRUE(test::is_ok(dave.process(removal->commit)));
  const std::uint64_t blank_epoch = dave.epoch();
  auto dave_then = load_group_state(dave.serialize()->view(), member_config);
  ASSERT_TRUE(test::is_ok(dave_then));
  KeyPackageBundle newcomer = key_package("newcomer");
  CommitOptions add_newcomer;
  add_newcomer.proposals.push_back(Proposal{Add{newcomer.key_package}});
  auto addition = alice->commit(add_newcomer, random);
  ASSERT_TRUE(test::is_ok(alice->merge_pending_commit()));
  ASSERT_TRUE(test::is_ok(bob->process(addition->commit)));
  ASSERT_TRUE(bob->tree().is_member(LeafIndex{carol_leaf}));
  const FramedContent content{bob->context().group_id, blank_epoch, Sender{MemberSender{carol_leaf}}, {},
                              Content{ApplicationData{Bytes{'f'}}}};
  auto forged = (*dave_then)->epoch.protection->protect_private(content, newcomer.keys.signature_private_key, {},
                                                                random);
  ASSERT_TRUE(test::is_ok(forged));
  Group reloaded = load_bob(store, member_config);
  EXPECT_TRUE(test::fails_with(reloaded.process({ProtocolVersion::mls10, MessageBody{std::move(*forged)}}),
                               Errc::invalid_sender));
}

// Finding: a group at epoch 2^64 - 1 (its creator chose the epoch of the
// GroupInfo it welcomed Bob with) takes a Commit to epoch 0: the epoch
// wraps, and Bob's stored group, whose first epoch held (2^64 - 1) is now
// after its current one, no longer loads. The Commit that would wrap the
// epoch must be refused (by the committer and the receiver), and Bob's
// stored group must load.
TEST_F(StorageReview, AnEpochNeverWrapsAndTheStoredGroupLoads) {
  constexpr std::uint64_t last = std::numeric_limits<std::uint64_t>::max();
  auto creator = load_group_state(alice->serialize()->view(), member_config);
  ASSERT_TRUE(test::is_ok(creator));
  StoredGroup late_epoch = store_group(**creator, true);
  late_epoch.epoch.context.epoch = last - 1;
  late_epoch.first_epoch = last - 1;
  late_epoch.past_epochs.clear();
  auto mallory = Group::deserialize(codec::encode(late_epoch), member_config);
  ASSERT_TRUE(test::is_ok(mallory));
  alice.emplace(std::move(*mallory));
  bob.emplace(std::move(add(*alice, {"bob"})[0]));
  ASSERT_EQ(bob->epoch(), last);
  persist_bob(store);
  CommitOptions options;
  options.force_path = true;
  auto output = alice->commit(options, random);
  if (!output) return;  // the committer refused to wrap the epoch
  auto processed = bob->process(output->commit);
  if (!processed) return;  // the receiver refused it
  EXPECT_NE(bob->epoch(), 0u) << "the epoch wrapped";
  auto reloaded = Group::load(store, bob->context().group_id, member_config);
  EXPECT_TRUE(test::is_ok(reloaded));
}

// Refused: with no past epochs kept (K = 0), a Commit erases the epoch it
// left from the store, secret tree and all, and its late message is
// epoch_expired after a reload.
TEST_F(StorageReview, KeepingNoPastEpochsLeavesNoneInTheStore) {
  member_config.past_epochs = 0;
  persist_bob(store);
  const std::uint64_t left = bob->epoch();
  const MlsMessage late = from_alice("late");
  Group reloaded = load_bob(store, member_config);
  ASSERT_TRUE(test::is_ok(reloaded.process(alice_commits())));
  EXPECT_EQ(count_of(store, Table::past_epoch), 0u);
  EXPECT_TRUE(store.list(Table::secret_tree, with_epoch(left))->empty());
  Group again = load_bob(store, member_config);
  EXPECT_TRUE(test::fails_with(again.process(late), Errc::epoch_expired));
}

// Finding (low): a crash between an apply's commit and its checkpoint
// leaves the erased value in the database file (the WAL holds the page
// that erased it), and open() does not checkpoint the WAL it recovers, so
// the value stays in the files after the restart until the next apply. The
// child below makes that state (a checkpoint every 16 applies stands for the
// crash's timing) and dies without closing; reopening with the default
// options should leave the erased value in neither file.
TEST(StorageReviewSqlite, ReopeningAfterACrashCheckpointsTheErasedValuesAway) {
  test::ScratchDirectory directory;
  const std::string path = directory.file("crash.db");
  const Bytes marker(32, 0x5a);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    storage::SqliteOptions rarely;
    rarely.checkpoint_every = 16;
    auto sqlite = storage::SqliteStore::open(path, rarely);
    Batch put;
    put.put(Table::group, Bytes{1}, crypto::Secret(marker));
    Batch erase;
    erase.erase(Table::group, Bytes{1});
    const bool made = sqlite && sqlite->apply(put) && sqlite->checkpoint() && sqlite->apply(erase);
    ::_exit(made ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  auto reopened = storage::SqliteStore::open(path);
  ASSERT_TRUE(test::is_ok(reopened));
  EXPECT_FALSE(test::database_files_hold(path, marker)) << "the erased value is still in the files";
}

}  // namespace
}  // namespace conclave::mls
