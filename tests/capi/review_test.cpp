// The review of the C boundary (issue 23): what a hostile caller or peer
// tried, through the C API only. Each test names the finding it proves.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <memory>
#include <new>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "mls_fixtures.hpp"
#include "conclave.h"

namespace {

using namespace capi_test;

constexpr std::uint64_t generations = std::uint64_t{1} << 24;

// A handle value as a C caller might forge it.
template <class T>
T* forged(std::uint64_t value) {
  return reinterpret_cast<T*>(static_cast<std::uintptr_t>(value));
}

// Handles are slot index, generation and kind: no value that is not the
// live handle itself passes, whatever its bits.
TEST(CApiReview, ForgedHandleValuesAreRefused) {
  Group alice(new_group("alice"));
  const auto live = reinterpret_cast<std::uintptr_t>(alice.get());
  std::mt19937_64 random(23);
  std::vector<std::uint64_t> values = {
      0,
      live & ~std::uint64_t{0xFFFFFFFF},                        // index 0
      (live & ~std::uint64_t{0xFFFFFFFF}) | 0xFFFFFFFF,         // an index beyond the table
      (live & ~std::uint64_t{0xFFFFFFFF}) | (4096u << 10),      // the first index past the last chunk
      live + (std::uint64_t{1} << 32),                          // the next generation
      live - (std::uint64_t{1} << 32),                          // the previous one
      (live & ~(std::uint64_t{0xFF} << 56)) | (std::uint64_t{1} << 56),  // the kind byte of a KeyPackage
      (live & ~(std::uint64_t{0xFF} << 56)) | (std::uint64_t{0xFF} << 56),  // an unknown kind
      live + 1,
      ~std::uint64_t{0},
  };
  for (int i = 0; i < 1000; ++i) values.push_back(random());
  for (const auto value : values) {
    if (value == live) continue;
    std::uint64_t epoch = 0;
    EXPECT_EQ(conclave_group_epoch(forged<conclave_group>(value), &epoch), CONCLAVE_E_INVALID_HANDLE) << value;
    conclave_group_free(forged<conclave_group>(value));
  }
  std::uint64_t epoch = 7;
  EXPECT_EQ(conclave_group_epoch(alice.get(), &epoch), CONCLAVE_OK);
  EXPECT_EQ(epoch, 0u);
}

// Finding: a slot's generation has 24 bits and wraps. The free list reuses
// the slot freed last, so 2^24 create/free cycles bring a freed handle's
// exact value back, naming another object: the freed handle is accepted.
TEST(CApiReview, AFreedHandleStaysRefusedAfterItsSlotWasReused2To24Times) {
  conclave_store* stale = nullptr;
  ASSERT_EQ(conclave_store_open_memory(&stale), CONCLAVE_OK);
  conclave_store_free(stale);
  for (std::uint64_t cycle = 1; cycle < generations; ++cycle) {
    conclave_store* store = nullptr;
    ASSERT_EQ(conclave_store_open_memory(&store), CONCLAVE_OK);
    conclave_store_free(store);
  }
  Store current;
  ASSERT_EQ(conclave_store_open_memory(current.out()), CONCLAVE_OK);
  EXPECT_NE(current.get(), stale);
  EXPECT_EQ(conclave_group_erase(stale, group_id().data(), group_id().size()), CONCLAVE_E_INVALID_HANDLE);
  EXPECT_EQ(conclave_group_erase(current.get(), group_id().data(), group_id().size()), CONCLAVE_OK);
}

}  // namespace

namespace {

// A fresh directory for SQLite files, removed at the end of the test.
class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "conclave-review-XXXXXX").string();
    directory_ = mkdtemp(pattern.data());
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;
  ~TempDirectory() { std::filesystem::remove_all(directory_); }
  std::string path(const std::string& name) const { return (directory_ / name).string(); }

 private:
  std::filesystem::path directory_;
};

// Finding: two group handles are "different handles" that conclave.h lets
// two threads use at once, but two groups persisted in one store both
// write to it on every change, and a Store is used by one thread at a time
// (storage/store.hpp): the threads race on one SQLite connection, and a
// write that fails stops its group for good.
TEST(CApiReview, TwoGroupsKeptInOneStoreWorkFromTwoThreadsAtOnce) {
  TempDirectory directory;
  Store store;
  ASSERT_EQ(conclave_store_open_sqlite(directory.path("shared.db").c_str(), store.out()), CONCLAVE_OK);
  Group alice(new_group("alice"));
  const Bytes other_id = bytes_of("another group");
  KeyPackage creator(new_key_package("bob"));
  Group bob;
  ASSERT_EQ(conclave_group_create(suite, other_id.data(), other_id.size(), creator.get(), nullptr, bob.out()),
            CONCLAVE_OK);
  ASSERT_EQ(conclave_group_persist(alice.get(), store.get()), CONCLAVE_OK);
  ASSERT_EQ(conclave_group_persist(bob.get(), store.get()), CONCLAVE_OK);
  // Each thread protects messages (each a write of its group's ratchet) and
  // keeps every status other than CONCLAVE_OK.
  const auto send = [](conclave_group* group, std::vector<conclave_status>& refused) {
    const std::uint8_t data[] = {1, 2, 3};
    for (int i = 0; i < 100; ++i) {
      conclave_buffer message = {nullptr, 0};
      const auto status = conclave_group_protect(group, data, sizeof data, nullptr, 0, &message);
      if (status != CONCLAVE_OK) refused.push_back(status);
      conclave_buffer_free(&message);
    }
  };
  std::vector<conclave_status> refused_alice;
  std::vector<conclave_status> refused_bob;
  std::thread first(send, alice.get(), std::ref(refused_alice));
  std::thread second(send, bob.get(), std::ref(refused_bob));
  first.join();
  second.join();
  EXPECT_EQ(refused_alice, std::vector<conclave_status>{});
  EXPECT_EQ(refused_bob, std::vector<conclave_status>{});
}

}  // namespace

namespace {

// A hosted meeting and a guest that joined it by its Welcome.
class CApiReviewMeeting : public ::testing::Test {
 protected:
  conclave_meeting_server* server = nullptr;
  conclave_meeting_link* link = nullptr;
  conclave_buffer password = {nullptr, 0};
  conclave_participant* host = nullptr;
  conclave_guest* guest = nullptr;
  conclave_participant* member = nullptr;

  void SetUp() override {
    ASSERT_EQ(conclave_meeting_server_create(nullptr, &server), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &link), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_link_password(link, nullptr, &password), CONCLAVE_OK);
    ASSERT_EQ(conclave_meeting_host(server, link, password.data, password.size, "Host", "Review", nullptr, &host),
              CONCLAVE_OK);
    ASSERT_EQ(conclave_guest_log_in(server, link, password.data, password.size, "Guest", nullptr, &guest),
              CONCLAVE_OK);
    ASSERT_EQ(conclave_guest_request_welcome(guest, server, 0), CONCLAVE_OK);
    std::size_t admitted = 0;
    ASSERT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_OK);
    ASSERT_EQ(conclave_guest_join(guest, server, &member), CONCLAVE_OK);
    conclave_sync_report report{};
    ASSERT_EQ(conclave_participant_sync(host, server, &report), CONCLAVE_OK);
    ASSERT_EQ(conclave_participant_sync(member, server, &report), CONCLAVE_OK);
  }

  void TearDown() override {
    conclave_participant_free(member);
    conclave_guest_free(guest);
    conclave_participant_free(host);
    conclave_buffer_free(&password);
    conclave_meeting_link_free(link);
    conclave_meeting_server_free(server);
  }

  // The host's next frame of `media`, opened by the member: its counter.
  std::uint64_t next_counter(const Bytes& media) {
    Bytes frame(media.size() + 64);
    std::size_t written = 0;
    EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, media.data(), media.size(), frame.data(),
                                                 frame.size(), &written),
              CONCLAVE_OK);
    frame.resize(written);
    Bytes out(frame.size());
    conclave_sframe_frame_info info{};
    EXPECT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, frame.data(), frame.size(), out.data(),
                                                   out.size(), &written, &info),
              CONCLAVE_OK);
    out.resize(written);
    EXPECT_EQ(out, media);
    return info.ctr;
  }
};

// Finding: conclave_sframe_max_protected_size() refuses a size whose sum
// overflows; the participant's bound wraps around and gives a few bytes
// with CONCLAVE_OK, a buffer size no frame of that plaintext fits.
TEST_F(CApiReviewMeeting, MaxProtectedSizeRefusesAPlaintextSizeThatOverflows) {
  std::size_t size = 7;
  EXPECT_EQ(conclave_participant_max_protected_size(host, SIZE_MAX - 4, &size), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(size, 7u);
  EXPECT_EQ(conclave_participant_max_protected_size(host, 10, &size), CONCLAVE_OK);
  EXPECT_GT(size, 10u);
}

// Finding: the SFrame calls refuse an `out` that overlaps the input (the
// C++ API's precondition); the participant's frame calls pass it through,
// so an overlapping buffer gets a frame encrypted from bytes the header
// already overwrote, with CONCLAVE_OK.
TEST_F(CApiReviewMeeting, FrameCallsRefuseAnOutputOverlappingTheInput) {
  const Bytes media = {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
  Bytes shared(200);
  std::copy(media.begin(), media.end(), shared.begin() + 4);
  std::size_t written = 0;
  EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, shared.data() + 4, media.size(), shared.data(),
                                               shared.size(), &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  // The refused call used no counter.
  EXPECT_EQ(next_counter(media), 0u);

  Bytes frame(media.size() + 64);
  ASSERT_EQ(conclave_participant_protect_frame(host, nullptr, 0, media.data(), media.size(), frame.data(),
                                               frame.size(), &written),
            CONCLAVE_OK);
  frame.resize(written);
  Bytes in_place = frame;
  EXPECT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, in_place.data(), in_place.size(), in_place.data(),
                                                 in_place.size(), &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(in_place, frame);
  // The refused call left the replay window as it was: the frame still opens.
  Bytes out(frame.size());
  EXPECT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, frame.data(), frame.size(), out.data(),
                                                 out.size(), &written, nullptr),
            CONCLAVE_OK);
}

}  // namespace

// Allocation failures on demand: operator new (which the library's calls
// resolve to this definition) fails once, at the allocation armed. Not
// under AddressSanitizer, whose own operator new and delete must pair.
#if defined(__SANITIZE_ADDRESS__)
#define CONCLAVE_REVIEW_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONCLAVE_REVIEW_SANITIZED 1
#endif
#endif

namespace {
std::atomic<long> allocations_before_failure{-1};
std::atomic<bool> failed{false};

void fail_allocation(long after) { allocations_before_failure = after; }
// Whether the armed failure happened; disarms it.
bool allocation_failed() {
  allocations_before_failure = -1;
  return failed.exchange(false);
}
}  // namespace

#ifndef CONCLAVE_REVIEW_SANITIZED
// It allocates with malloc, as the default one, whose operator delete frees.
void* operator new(std::size_t size) {
  if (allocations_before_failure.load(std::memory_order_relaxed) >= 0 &&
      allocations_before_failure.fetch_sub(1) == 0) {
    failed = true;
    throw std::bad_alloc();
  }
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
#endif

namespace {

// The slot the next handle takes: the same before and after a call unless
// the call left a handle behind (freed slots are reused last in, first out).
std::uint64_t next_slot() {
  Store probe;
  EXPECT_EQ(conclave_store_open_memory(probe.out()), CONCLAVE_OK);
  return reinterpret_cast<std::uintptr_t>(probe.get()) & 0xFFFFFFFF;
}

// Runs `call` with its `n`th allocation failing, for every n until one
// call allocates no more than n times; `check(status)` runs after each.
// Whether a call's exception made the group's handle dead (its object
// possibly half changed: ChangeScope), so that nothing reads it again.
bool is_dead(const conclave_group* group) {
  std::uint64_t epoch = 0;
  return conclave_group_epoch(group, &epoch) == CONCLAVE_E_INVALID_HANDLE;
}

template <class Setup>
void with_each_allocation_failing(Setup&& setup) {
#ifdef CONCLAVE_REVIEW_SANITIZED
  GTEST_SKIP() << "allocation failures are not injected under AddressSanitizer";
#endif
  for (long n = 0;; ++n) {
    auto attempt = setup();
    const std::uint64_t slot = next_slot();
    fail_allocation(n);
    const conclave_status status = attempt->call();
    if (!allocation_failed()) {
      EXPECT_EQ(status, CONCLAVE_OK);
      return;
    }
    // A nothrow allocation may fail and be handled (std::stable_sort falls
    // back to sorting in place): the call then succeeds whole.
    if (status == CONCLAVE_OK) continue;
    EXPECT_EQ(status, CONCLAVE_E_NO_MEMORY) << "allocation " << n;
    EXPECT_EQ(next_slot(), slot) << "a handle left behind at allocation " << n;
    attempt->expect_unchanged(n);
  }
}

// An external join by Bob from Alice's GroupInfo.
struct ExternalJoin {
  Group alice{new_group("alice")};
  KeyPackage bob{new_key_package("bob")};
  Bytes group_info;
  Group joined;
  conclave_buffer commit = {nullptr, 0};

  ExternalJoin() {
    conclave_buffer info = {nullptr, 0};
    EXPECT_EQ(conclave_group_info(alice.get(), 1, &info), CONCLAVE_OK);
    group_info = taken(info);
  }
  ~ExternalJoin() { conclave_buffer_free(&commit); }
  conclave_status call() {
    return conclave_group_join_external(group_info.data(), group_info.size(), bob.get(), nullptr, 0, nullptr,
                                        joined.out(), &commit);
  }
  void expect_unchanged(long n) {
    EXPECT_EQ(joined.get(), nullptr) << n;
    EXPECT_EQ(commit.data, nullptr) << n;
    Bytes unspent = public_of(bob.get());
    EXPECT_FALSE(unspent.empty()) << n;
  }
};

// A Commit of Alice's adding Bob, staged; `whole_state` checks the tree
// too, not only that nothing is staged or handed out.
struct StagedCommit {
  explicit StagedCommit(bool whole) : whole_state(whole) {}
  bool whole_state;
  Group alice{new_group("alice")};
  Bytes bob = public_of(KeyPackage(new_key_package("bob")).get());
  Snapshot before = snapshot_of(alice.get());
  conclave_commit_output output = {{nullptr, 0}, {nullptr, 0}, {nullptr, 0}};

  ~StagedCommit() { conclave_commit_output_free(&output); }
  conclave_status call() {
    const conclave_bytes added[] = {{bob.data(), bob.size()}};
    conclave_commit_options options;
    conclave_commit_options_default(&options);
    options.add_key_packages = added;
    options.add_count = 1;
    return conclave_group_commit(alice.get(), &options, &output);
  }
  void expect_unchanged(long n) {
    const auto after = snapshot_of(alice.get());
    EXPECT_EQ(after.pending, 0) << n;
    EXPECT_EQ(output.commit.data, nullptr) << n;
    if (!whole_state) return;
    EXPECT_EQ(after.members, before.members) << n;
  }
};

// Bob processes Alice's Commit that adds Carol.
struct ProcessedCommit {
  Group alice{new_group("alice")};
  Group bob{join_member(alice.get(), "bob")};
  Bytes commit = commit_adding_carol();
  Snapshot before = snapshot_of(bob.get());
  conclave_received received = {};

  Bytes commit_adding_carol() {
    KeyPackage carol(new_key_package("carol"));
    const Bytes added = public_of(carol.get());
    const conclave_bytes key_packages[] = {{added.data(), added.size()}};
    conclave_commit_options options;
    conclave_commit_options_default(&options);
    options.add_key_packages = key_packages;
    options.add_count = 1;
    return commit_and_merge(alice.get(), &options).commit;
  }
  ~ProcessedCommit() { conclave_received_free(&received); }
  conclave_status call() { return conclave_group_process(bob.get(), commit.data(), commit.size(), &received); }
  void expect_unchanged(long n) {
    // A group the exception may have left half changed is dead (ChangeScope).
    if (is_dead(bob.get())) return;
    const auto after = snapshot_of(bob.get());
    EXPECT_EQ(after.epoch, before.epoch) << n;
    EXPECT_EQ(after.members, before.members) << n;
    EXPECT_EQ(after.authenticator, before.authenticator) << n;
  }
};

TEST(CApiReviewAllocation, AFailedExternalJoinLeavesNoHandleAndTheKeyPackageUnspent) {
  with_each_allocation_failing([] { return std::make_unique<ExternalJoin>(); });
}

// Alice proposes to remove Bob, who never receives the proposal when the
// call fails, and must be able to follow her next Commit.
struct SentProposal {
  Group alice{new_group("alice")};
  Group bob{join_member(alice.get(), "bob")};
  conclave_buffer proposal = {nullptr, 0};

  ~SentProposal() { conclave_buffer_free(&proposal); }
  conclave_status call() { return conclave_group_propose_remove(alice.get(), 1, 0, &proposal); }
  void expect_unchanged(long n) {
    EXPECT_EQ(proposal.data, nullptr) << n;
    // Alice's group, which the exception may have left with the proposal
    // cached, is dead (ChangeScope): it commits nothing Bob cannot follow.
    if (is_dead(alice.get())) return;
    const Committed next = commit_and_merge(alice.get(), nullptr);
    conclave_received received = {};
    EXPECT_EQ(conclave_group_process(bob.get(), next.commit.data(), next.commit.size(), &received), CONCLAVE_OK)
        << n;
    conclave_received_free(&received);
  }
};

// Bob joins from a Welcome for a KeyPackage his store keeps; `whole_state`
// checks the store too, not only that no handle is given.
struct JoinedFromStore {
  explicit JoinedFromStore(bool whole) : whole_state(whole) {}
  bool whole_state;
  Group alice{new_group("alice")};
  Store store{memory_store()};
  Bytes welcome = welcome_for_kept_key_package();
  Group joined;

  static conclave_store* memory_store() {
    conclave_store* store = nullptr;
    EXPECT_EQ(conclave_store_open_memory(&store), CONCLAVE_OK);
    return store;
  }
  Bytes welcome_for_kept_key_package() {
    KeyPackage bob(new_key_package("bob"));
    EXPECT_EQ(conclave_store_save_key_package(store.get(), bob.get()), CONCLAVE_OK);
    return add_member(alice.get(), public_of(bob.get()));
  }
  conclave_status call() {
    return conclave_group_join_from_store(welcome.data(), welcome.size(), store.get(), nullptr, 0, nullptr,
                                          joined.out());
  }
  void expect_unchanged(long n) {
    EXPECT_EQ(joined.get(), nullptr) << n;
    if (!whole_state) return;
    Group loaded;
    EXPECT_EQ(conclave_group_load(store.get(), group_id().data(), group_id().size(), nullptr, loaded.out()),
              CONCLAVE_E_NOT_IN_GROUP)
        << n;
  }
};

// Finding: claim_writer() (storage/group_records.cpp) deletes a flag it
// failed to make while it holds the lock the flag's deleter takes: a
// failed allocation there deadlocks the call.
TEST(CApiReviewAllocation, AFailedJoinFromAStoreReturnsAndGivesNoHandle) {
  with_each_allocation_failing([] { return std::make_unique<JoinedFromStore>(false); });
}

// Finding (not fixed): a join from a store that fails after the group was
// written leaves it there (conclave_group_load() gets it) though the call
// gives CONCLAVE_E_NO_MEMORY; one failing inside a memory store's write
// leaves half the batch (CONCLAVE_E_STORAGE_CORRUPT on load).
TEST(CApiReviewAllocation, DISABLED_AFailedJoinFromAStoreKeepsNoGroupThere) {
  with_each_allocation_failing([] { return std::make_unique<JoinedFromStore>(true); });
}

// Finding: a Commit whose messages fail to encode stays staged although
// the call gives CONCLAVE_E_NO_MEMORY.
TEST(CApiReviewAllocation, AFailedCommitLeavesNothingStagedAndGivesNothing) {
  with_each_allocation_failing([] { return std::make_unique<StagedCommit>(false); });
}

// Finding: a proposal whose message fails to encode stays in the sender's
// cache, and its next Commit would name it by reference: the other members,
// which never received it, could not process that Commit
// (CONCLAVE_E_UNKNOWN_PROPOSAL). The C++ API cannot drop a cached proposal,
// so the C API makes the sender's group dead instead (ChangeScope).
TEST(CApiReviewAllocation, AProposalNotHandedOutIsNeverCommitted) {
  with_each_allocation_failing([] { return std::make_unique<SentProposal>(); });
}

// Finding: an allocation failing while the Commit is made leaves the tree
// staged with the Add (its leaf count ahead of its nodes when growing
// failed: later reads go out of bounds), though the call gives
// CONCLAVE_E_NO_MEMORY and nothing is pending.
TEST(CApiReviewAllocation, AFailedCommitLeavesTheTreeAsItWas) {
  with_each_allocation_failing([] { return std::make_unique<StagedCommit>(true); });
}

// Finding: the C++ API's Group is not exception-safe: an allocation failing
// while a Commit is applied leaves its Add in the tree at the old epoch, or
// the group half in the new epoch, though the call gives
// CONCLAVE_E_NO_MEMORY. The C API makes such a group dead (ChangeScope), so
// nothing reads or changes it again.
TEST(CApiReviewAllocation, AFailedProcessLeavesTheGroupAsItWasOrDead) {
  with_each_allocation_failing([] { return std::make_unique<ProcessedCommit>(); });
}

}  // namespace

namespace {

using SFrame = Owned<conclave_sframe, conclave_sframe_free>;
using LiveKit = Owned<conclave_livekit, conclave_livekit_free>;

conclave_status sframe_with(void (*change)(conclave_sframe_options&), SFrame& sframe) {
  conclave_sframe_options options;
  conclave_sframe_options_default(&options);
  change(options);
  return conclave_sframe_create(&options, sframe.out());
}

// The SFrame options a caller may get wrong give their documented status
// and no handle.
TEST(CApiReviewFrames, SFrameOptionsOutOfRangeAreRefused) {
  const std::vector<std::pair<void (*)(conclave_sframe_options&), conclave_status>> cases = {
      {[](conclave_sframe_options& o) { o.epoch_bits = 33; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.index_bits = 32; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.index_bits = -2; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.index_bits = INT32_MIN; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.max_epochs = 0; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.max_contexts = 0; }, CONCLAVE_E_INVALID_ARGUMENT},
      {[](conclave_sframe_options& o) { o.suite = 0; }, CONCLAVE_E_UNSUPPORTED_ALGORITHM},
      {[](conclave_sframe_options& o) { o.suite = 9; }, CONCLAVE_E_UNSUPPORTED_ALGORITHM},
      {[](conclave_sframe_options& o) { o.suite = 0xFFFF; }, CONCLAVE_E_UNSUPPORTED_ALGORITHM},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    SFrame sframe;
    EXPECT_EQ(sframe_with(cases[i].first, sframe), cases[i].second) << i;
    EXPECT_EQ(sframe.get(), nullptr) << i;
  }
  EXPECT_EQ(conclave_sframe_create(nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
}

TEST(CApiReviewFrames, SFrameCallsRefuseBadSizesAndBuffers) {
  SFrame sframe;
  ASSERT_EQ(conclave_sframe_create(nullptr, sframe.out()), CONCLAVE_OK);
  std::size_t size = 7;
  EXPECT_EQ(conclave_sframe_max_protected_size(sframe.get(), SIZE_MAX, &size), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(size, 7u);
  const std::uint8_t key[16] = {1};
  const std::uint8_t members[2] = {1, 1};
  EXPECT_EQ(conclave_sframe_add_epoch_key(sframe.get(), 1, key, 15, 0, members, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(sframe.get(), 1, key, 16, 2, members, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(sframe.get(), 1, nullptr, 16, 0, members, 2), CONCLAVE_E_INVALID_ARGUMENT);
  std::uint8_t buffer[64] = {};
  std::size_t written = 99;
  EXPECT_EQ(conclave_sframe_protect(sframe.get(), nullptr, 0, buffer, 8, buffer + 32, 32, &written, 0),
            CONCLAVE_E_WRONG_EPOCH);
  ASSERT_EQ(conclave_sframe_add_epoch_key(sframe.get(), 1, key, 16, 0, members, 2), CONCLAVE_OK);
  EXPECT_EQ(conclave_sframe_add_epoch_key(sframe.get(), 1, key, 16, 0, members, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(sframe.get(), nullptr, 0, buffer, 8, buffer + 4, 32, &written, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(sframe.get(), nullptr, 0, buffer, 8, buffer + 32, 32, nullptr, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(sframe.get(), nullptr, 0, buffer, 8, buffer + 32, 32, &written, 16),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(written, 99u);
  EXPECT_EQ(conclave_sframe_protect(sframe.get(), nullptr, 0, buffer, 8, buffer + 32, 4, &written, 0),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_GE(written, 8u);
  EXPECT_EQ(conclave_sframe_unprotect(sframe.get(), nullptr, 0, buffer, 0, buffer + 32, 32, &written, nullptr),
            CONCLAVE_E_TRUNCATED);
}

TEST(CApiReviewFrames, LiveKitCallsRefuseBadFlagsCodecsAndKeys) {
  LiveKit livekit;
  EXPECT_EQ(conclave_livekit_create(2, 0, livekit.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_create(-1, 0, livekit.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(livekit.get(), nullptr);
  ASSERT_EQ(conclave_livekit_create(0, 0, livekit.out()), CONCLAVE_OK);
  const std::uint8_t material[32] = {1};
  EXPECT_EQ(conclave_livekit_set_key(livekit.get(), 1, material, 31), CONCLAVE_E_INVALID_LENGTH);
  EXPECT_EQ(conclave_livekit_set_key(livekit.get(), 1, nullptr, 32), CONCLAVE_E_INVALID_ARGUMENT);
  std::uint8_t frame[64] = {};
  std::uint8_t out[160] = {};
  std::size_t written = 99;
  conclave_livekit_frame_info info = {CONCLAVE_LIVEKIT_AUDIO, 0, 1, 2};
  EXPECT_EQ(conclave_livekit_protect(livekit.get(), &info, frame, sizeof frame, out, sizeof out, &written),
            CONCLAVE_E_UNKNOWN_KEY);
  ASSERT_EQ(conclave_livekit_set_key(livekit.get(), 1, material, 32), CONCLAVE_OK);
  EXPECT_EQ(conclave_livekit_set_key(livekit.get(), 1, material, 32), CONCLAVE_E_INVALID_ARGUMENT);
  info.codec = CONCLAVE_LIVEKIT_H265 + 1;
  EXPECT_EQ(conclave_livekit_protect(livekit.get(), &info, frame, sizeof frame, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  info.codec = CONCLAVE_LIVEKIT_VP8;
  info.key_frame = 2;
  EXPECT_EQ(conclave_livekit_protect(livekit.get(), &info, frame, sizeof frame, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  info.key_frame = 0;
  EXPECT_EQ(conclave_livekit_protect(livekit.get(), nullptr, frame, sizeof frame, out, sizeof out, &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(written, 99u);
  EXPECT_EQ(conclave_livekit_protect(livekit.get(), &info, frame, 2, out, sizeof out, &written),
            CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(conclave_livekit_max_protected_size(SIZE_MAX), SIZE_MAX);
  EXPECT_EQ(conclave_livekit_max_protected_size(SIZE_MAX / 3 * 2), SIZE_MAX);
  // Too short for a tag, under the key slot set (epoch 1).
  const std::uint8_t short_frame[3] = {0, 12, 1};
  EXPECT_EQ(conclave_livekit_unprotect(livekit.get(), &info, short_frame, sizeof short_frame, out, sizeof out,
                                       &written, nullptr),
            CONCLAVE_E_TRUNCATED);
}

TEST(CApiReview, EveryStatusHasAName) {
  for (int status = -1000; status <= 1000; ++status) {
    const char* name = conclave_status_name(status);
    ASSERT_NE(name, nullptr) << status;
    EXPECT_NE(std::string(name), "") << status;
  }
  EXPECT_STREQ(conclave_status_name(INT32_MIN), "unknown status");
  EXPECT_STREQ(conclave_status_name(INT32_MAX), "unknown status");
  EXPECT_STREQ(conclave_status_name(CONCLAVE_E_INTERNAL + 1), "unknown status");
}

}  // namespace
