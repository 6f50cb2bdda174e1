// The MLS group (suite 1, one thread) at N = 10, 100, 1,000 and 10,000
// members, in a steady-state tree: every node of every member's filtered
// direct path is set and has no unmerged leaves, so each copath resolution
// is one node (checked before any benchmark runs). Measured: a commit with
// a path (the committer's commit and merge; another member processing it;
// a follower of the public state processing it),
// an Add of one member (adder, existing member, joiner from a Welcome with
// the full tree), a Remove (remover, existing member), an N-member group
// created in one commit, and one member's group state on the heap.
// bench/steady_group.hpp builds the groups.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <cstdint>

#include "steady_group.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::bench;

CommitOptions adding(const KeyPackageBundle& joiner) {
  return {.proposals = {Proposal{Add{joiner.key_package}}}, .include_received = false};
}

// Section 12.4.1: an empty commit with a path, created and merged.
void commit_with_path(benchmark::State& state) {
  auto& w = world(state);
  for (auto _ : state) {
    auto output = must(w.committer().commit(with_path, w.random));
    must(w.committer().merge_pending_commit());
    state.PauseTiming();
    w.deliver(output->commit, w.committer());
    state.ResumeTiming();
  }
}

// Section 12.4.2: a member processes it.
void process_commit(benchmark::State& state, Group& (World::*member)()) {
  auto& w = world(state);
  Group& receiver = (w.*member)();
  for (auto _ : state) {
    state.PauseTiming();
    auto output = must(w.committer().commit(with_path, w.random));
    must(w.committer().merge_pending_commit());
    w.deliver(output->commit, w.committer(), &receiver);
    state.ResumeTiming();
    must(receiver.process(output->commit));
  }
}

// Section 12.4.2 without secrets: a follower of the public state processes
// it (what process_commit/at_root costs without HPKE and the key schedule).
void public_group_process(benchmark::State& state) {
  auto& w = world(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto output = must(w.committer().commit(with_path, w.random));
    must(w.committer().merge_pending_commit());
    w.deliver_to_members(output->commit, w.committer());
    state.ResumeTiming();
    must(w.follower->process(output->commit));
  }
}

// Which part of an Add the benchmark times.
enum class AddPart : std::uint8_t { adder, existing, joiner };

// Section 12.1.1: the committer adds one member (no path: an Add does not
// need one); the tree goes back to its steady state after each iteration.
void add_member(benchmark::State& state, AddPart timed) {
  auto& w = world(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto joiner = key_package(2 * w.size + 1, w.random);
    if (timed == AddPart::adder) state.ResumeTiming();
    auto output = must(w.committer().commit(adding(joiner), w.random));
    must(w.committer().merge_pending_commit());
    if (timed == AddPart::adder) state.PauseTiming();
    w.deliver(output->commit, w.committer(), &w.receiver());
    if (timed == AddPart::existing) state.ResumeTiming();
    must(w.receiver().process(output->commit));
    if (timed == AddPart::existing) state.PauseTiming();
    if (timed == AddPart::joiner) {
      state.ResumeTiming();
      must(Group::join(*output->welcome->body.get_if<Welcome>(), joiner.key_package, std::move(joiner.keys),
                       std::nullopt, {}));
      state.PauseTiming();
    }
    w.remove_added();
    state.ResumeTiming();
  }
}

// Which part of a Remove the benchmark times.
enum class RemovePart : std::uint8_t { remover, existing };

// Section 12.1.3: the last member removes a member (added for the purpose,
// at leaf N) with a commit and its path.
void remove_member(benchmark::State& state, RemovePart timed) {
  auto& w = world(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto extra = key_package(2 * w.size + 2, w.random);
    w.commit_and_deliver(w.committer(), adding(extra));
    if (timed == RemovePart::remover) state.ResumeTiming();
    auto output = must(w.last().commit(w.removing_added(), w.random));
    must(w.last().merge_pending_commit());
    if (timed == RemovePart::remover) state.PauseTiming();
    w.deliver(output->commit, w.last(), &w.receiver());
    if (timed == RemovePart::existing) state.ResumeTiming();
    must(w.receiver().process(output->commit));
    if (timed == RemovePart::existing) state.PauseTiming();
    state.ResumeTiming();
  }
}

// Sections 11 and 12.4: a group of N created in one commit (the creator's
// Group::create, the commit adding N - 1 KeyPackages, its Welcome with the
// ratchet tree, and the merge).
void create_group_in_one_commit(benchmark::State& state) {
  const auto size = static_cast<std::uint32_t>(state.range(0));
  crypto::DeterministicRandom random(as_bytes("group creation bench"));
  CommitOptions everyone{.include_received = false};
  for (std::uint32_t i = 1; i < size; ++i) everyone.proposals.push_back(Proposal{Add{key_package(i, random).key_package}});
  for (auto _ : state) {
    state.PauseTiming();
    auto creator = key_package(0, random);
    state.ResumeTiming();
    auto group = must(Group::create(suite(), group_id, std::move(creator), {}, {}, random));
    must(group->commit(everyone, random));
    must(group->merge_pending_commit());
  }
}

std::size_t heap_in_use() {
  const auto info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// One member's group state: the heap a joiner's Group holds (the tree with
// its hash cache and key indexes, its private keys, the epoch's secrets).
void group_state_heap(benchmark::State& state) {
  auto& w = world(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto joiner = key_package(2 * w.size + 3, w.random);
    const auto output = w.commit_and_deliver(w.committer(), adding(joiner));
    const auto& welcome = *output.welcome->body.get_if<Welcome>();
    const std::size_t before = heap_in_use();
    const auto joined = must(Group::join(welcome, joiner.key_package, std::move(joiner.keys), std::nullopt, {}));
    const std::size_t held = heap_in_use() - before;
    state.counters["state_MiB"] = static_cast<double>(held) / (1024.0 * 1024.0);
    w.remove_added();
    state.ResumeTiming();
  }
}

BENCHMARK(commit_with_path)->Apply(sizes);
BENCHMARK_CAPTURE(process_commit, at_root, &World::receiver)->Apply(sizes);
BENCHMARK_CAPTURE(process_commit, neighbour, &World::neighbour)->Apply(sizes);
BENCHMARK(public_group_process)->Apply(sizes);
BENCHMARK_CAPTURE(add_member, adder, AddPart::adder)->Apply(sizes);
BENCHMARK_CAPTURE(add_member, existing, AddPart::existing)->Apply(sizes);
BENCHMARK_CAPTURE(add_member, joiner, AddPart::joiner)->Apply(sizes)->Iterations(5);
BENCHMARK_CAPTURE(remove_member, remover, RemovePart::remover)->Apply(sizes);
BENCHMARK_CAPTURE(remove_member, existing, RemovePart::existing)->Apply(sizes);
BENCHMARK(create_group_in_one_commit)->Apply(sizes_to_1000)->Iterations(3);
BENCHMARK(create_group_in_one_commit)->Arg(10000)->ArgName("members")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(group_state_heap)->Apply(sizes)->Iterations(1);

}  // namespace
