// What a Commit-sized batch costs the SQLite store: bytes written to the
// files and the time of apply(), by page size, synchronous mode and
// checkpoint interval. Issue 20's target is at most 64 KiB written per Commit
// at 1,000 members; a Commit writes some 15 to 30 records of 100 to 300 bytes
// and erases a few.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "conclave/crypto/random.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "storage_fixtures.hpp"
#include "../test_support.hpp"

namespace conclave::storage {
namespace {

using test::is_ok;

// Bytes this process has passed to write(2) and its kin so far.
std::uint64_t bytes_written_so_far() {
  std::ifstream io("/proc/self/io");
  std::string field;
  std::uint64_t value = 0;
  while (io >> field >> value) {
    if (field == "wchar:") return value;
  }
  return 0;
}

Bytes node_key(std::uint32_t index) {
  Bytes key(16, 0x47);  // a group ID
  for (int shift = 24; shift >= 0; shift -= 8) key.push_back(static_cast<std::uint8_t>(index >> shift));
  return key;
}

constexpr std::uint32_t stored_nodes = 3000;  // a 1,000-member group's tree and more
constexpr int measured_batches = 20;
constexpr std::size_t value_size = 200;

// 20 records of value_size bytes (half replacing nodes, half new) and 3 erases.
Batch commit_like_batch(std::uint32_t round) {
  Batch batch;
  for (std::uint32_t i = 0; i < 20; ++i) {
    const std::uint32_t index = i % 2 == 0 ? (round * 97 + i * 131) % stored_nodes : stored_nodes + round * 20 + i;
    batch.put(Table::tree_node, node_key(index), crypto::system_random().secret(value_size));
  }
  for (std::uint32_t i = 0; i < 3; ++i) batch.erase(Table::tree_node, node_key((round * 53 + i * 977 + 1) % stored_nodes));
  return batch;
}

struct Cost {
  double bytes_per_batch;
  double milliseconds_per_batch;
  std::uintmax_t file_size;  // after the stored records, checkpointed
};

Cost measure(const SqliteOptions& options) {
  const test::ScratchDirectory directory;
  auto store = std::move(*SqliteStore::open(directory.file("cost.db"), options));
  Batch fill;
  for (std::uint32_t i = 0; i < stored_nodes; ++i) {
    fill.put(Table::tree_node, node_key(i), crypto::system_random().secret(value_size));
  }
  EXPECT_TRUE(is_ok(store.apply(fill)));
  EXPECT_TRUE(is_ok(store.checkpoint()));
  const auto file_size = std::filesystem::file_size(directory.file("cost.db"));
  std::vector<Batch> batches;
  for (int round = 0; round < measured_batches; ++round) batches.push_back(commit_like_batch(static_cast<std::uint32_t>(round)));
  const auto bytes_before = bytes_written_so_far();
  const auto start = std::chrono::steady_clock::now();
  for (const auto& batch : batches) EXPECT_TRUE(is_ok(store.apply(batch)));
  const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  const auto bytes = static_cast<double>(bytes_written_so_far() - bytes_before);
  return {bytes / measured_batches, elapsed.count() / measured_batches, file_size};
}

void print(const char* label, const SqliteOptions& options, const Cost& cost) {
  std::printf("  %-8s page %5u, checkpoint every %2u: %8.0f bytes, %7.2f ms per batch; file %ju bytes\n",
              label, options.page_size, options.checkpoint_every, cost.bytes_per_batch,
              cost.milliseconds_per_batch, cost.file_size);
}

TEST(SqliteStoreCost, ACommitSizedBatchWritesAtMost64KiB) {
  std::printf("SQLite store, a batch of 20 puts of %zu bytes and 3 erases over %u records:\n",
              value_size, stored_nodes);
  // The bytes written do not depend on the synchronous mode, only the time.
  for (const std::uint32_t every : {1u, 16u}) {
    for (const std::uint32_t page_size : {512u, 1024u, 2048u, 4096u}) {
      const SqliteOptions options{Synchronous::full, every, page_size};
      print("FULL", options, measure(options));
    }
  }
  for (const std::uint32_t every : {1u, 16u}) {
    const SqliteOptions options{Synchronous::normal, every};
    print("NORMAL", options, measure(options));
  }
  const Cost defaults = measure({});
  print("default", {}, defaults);
  EXPECT_LE(defaults.bytes_per_batch, 64.0 * 1024);
}

}  // namespace
}  // namespace conclave::storage
