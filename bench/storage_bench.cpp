// Issue 20's storage costs (suite 1, one thread) at N = 10, 100, 1,000 and
// 10,000 members, in the steady-state groups of bench/steady_group.hpp. A
// copy of the receiver (the member the committer's path secret reaches at
// the root) processes a Commit with a path: kept in memory, or kept in a
// SqliteStore with synchronous=FULL or NORMAL (default options: a checkpoint
// after every write), or FULL with a checkpoint every 16 writes, its
// durable write (one transaction and any checkpoint) inside process().
// Counted per Commit: written_KiB, the bytes the process handed to write(2)
// and pwrite(2) meanwhile (/proc/self/io wchar: WAL frames, then the same
// pages copied into the database file by the checkpoint). Also: the
// database file of one member's state and its records by table, and one
// fsync(2) of a 4 KiB page on the same file system (the target's unit).

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "conclave/codec/writer.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "steady_group.hpp"
#include "storage/scratch_files.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::bench;
using storage::SqliteOptions;
using storage::SqliteStore;
using storage::Synchronous;
using test::bytes_written_so_far;

// The benchmark's files, in a directory removed at exit.
const test::ScratchDirectory& scratch() {
  static const test::ScratchDirectory files;
  return files;
}

// Where the timed member keeps its state: in memory, or in SQLite with
// synchronous=FULL or NORMAL and a checkpoint after every write (the
// default), or FULL with a checkpoint every 16 writes.
enum class Keeping : std::uint8_t { memory, full, normal, full_checkpoint_16 };

SqliteOptions options_for(Keeping keeping) {
  if (keeping == Keeping::normal) return {.synchronous = Synchronous::normal};
  return {.synchronous = Synchronous::full, .checkpoint_every = keeping == Keeping::full_checkpoint_16 ? 16u : 1u};
}

struct Kept {
  std::unique_ptr<SqliteStore> store;
  std::size_t member = 0;  // in World::members
};

std::string database_path(std::int64_t size, const std::string& name) {
  return scratch().file(name + "-" + std::to_string(size) + ".db");
}

// A copy of the receiver, kept as `keeping` says; it follows every Commit
// from now on, as one of the world's members.
Group& kept_member(benchmark::State& state, World& w, Keeping keeping) {
  static std::map<std::pair<std::int64_t, Keeping>, Kept> kept;
  auto [slot, made] = kept.try_emplace({state.range(0), keeping});
  if (made) {
    auto copy = *must(Group::deserialize(must(w.receiver().serialize())->view(), {}));
    if (keeping != Keeping::memory) {
      const auto path = database_path(state.range(0), std::to_string(static_cast<int>(keeping)));
      slot->second.store = std::make_unique<SqliteStore>(*must(SqliteStore::open(path, options_for(keeping))));
      must(copy.persist(*slot->second.store));
    }
    w.members.push_back(std::move(copy));
    slot->second.member = w.members.size() - 1;
  }
  return w.members[slot->second.member];
}

// Section 12.4.2: the kept member processes a Commit with a path, its
// durable write included.
void process_commit_kept(benchmark::State& state, Keeping keeping) {
  auto& w = world(state);
  Group& member = kept_member(state, w, keeping);
  std::uint64_t written = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto output = must(w.committer().commit(with_path, w.random));
    must(w.committer().merge_pending_commit());
    w.deliver(output->commit, w.committer(), &member);
    const auto before = bytes_written_so_far();
    state.ResumeTiming();
    must(member.process(output->commit));
    state.PauseTiming();
    written += bytes_written_so_far() - before;
    state.ResumeTiming();
  }
  state.counters["written_KiB"] =
      static_cast<double>(written) / static_cast<double>(state.iterations()) / 1024.0;
}

// The bytes of the records of `table` under the bench's group.
double table_kib(storage::Store& store, storage::Table table) {
  Bytes prefix;
  codec::Writer(prefix).write_vector(group_id);
  std::size_t bytes = 0;
  const auto records = *must(store.list(table, prefix));
  for (const auto& record : records) bytes += record.key.size() + record.value.size();
  return static_cast<double>(bytes) / 1024.0;
}

// One member's state in a database of its own: the file once persist()
// has written it and checkpointed, and its records by table.
void database_per_member(benchmark::State& state) {
  auto& w = world(state);
  const auto path = database_path(state.range(0), "size");
  for (auto _ : state) {
    auto store = *must(SqliteStore::open(path, {}));
    auto copy = *must(Group::deserialize(must(w.receiver().serialize())->view(), {}));
    must(copy.persist(store));
    state.counters["database_KiB"] = static_cast<double>(std::filesystem::file_size(path)) / 1024.0;
    state.counters["group_record_KiB"] = table_kib(store, storage::Table::group);
    state.counters["tree_nodes_KiB"] = table_kib(store, storage::Table::tree_node);
    state.counters["secret_tree_KiB"] = table_kib(store, storage::Table::secret_tree);
  }
}

// One fsync(2) after writing a 4 KiB page to a file beside the databases:
// rewriting its first page (only data to flush, within one timestamp tick),
// or appending one (the file's size changes, so the file system's journal
// commits too, as for SQLite's WAL file, which grows from empty after each
// truncating checkpoint).
void fsync_page(benchmark::State& state, bool append) {
  const auto path = scratch().file(append ? "fsync-append" : "fsync-rewrite");
  const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY, 0600);
  const Bytes page(4096, 0x5a);
  off_t offset = 0;
  for (auto _ : state) {
    if (append) offset += static_cast<off_t>(page.size());
    if (::pwrite(fd, page.data(), page.size(), offset) != static_cast<ssize_t>(page.size()) || ::fsync(fd) != 0) {
      state.SkipWithError("the write failed");
      break;
    }
  }
  ::close(fd);
}

BENCHMARK_CAPTURE(process_commit_kept, in_memory, Keeping::memory)->Apply(sizes);
BENCHMARK_CAPTURE(process_commit_kept, sqlite_full, Keeping::full)->Apply(sizes);
BENCHMARK_CAPTURE(process_commit_kept, sqlite_normal, Keeping::normal)->Apply(sizes);
BENCHMARK_CAPTURE(process_commit_kept, sqlite_full_checkpoint_16, Keeping::full_checkpoint_16)->Apply(sizes);
BENCHMARK(database_per_member)->Apply(sizes)->Iterations(1);
BENCHMARK_CAPTURE(fsync_page, rewrite, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(fsync_page, append, true)->Unit(benchmark::kMillisecond);

}  // namespace
