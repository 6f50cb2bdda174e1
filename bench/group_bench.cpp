// The MLS group (suite 1, one thread) at N = 10, 100, 1,000 and 10,000
// members, in a steady-state tree: every node of every member's filtered
// direct path is set and has no unmerged leaves, so each copath resolution
// is one node (checked before any benchmark runs). Measured: a commit with
// a path (the committer's commit and merge; another member processing it;
// a follower of the public state processing it),
// an Add of one member (adder, existing member, joiner from a Welcome with
// the full tree), a Remove (remover, existing member), an N-member group
// created in one commit, and one member's group state on the heap.
//
// The steady state is built without N real members. A puppet, the
// library's internal GroupState, creates the group with everyone added in
// one commit, then commits in turn as every even leaf, signing with that
// leaf's key: each is a genuine commit of that member (fresh path secrets,
// HPKE-encrypted), and together their paths set every parent node. The
// leaves are taken in bit-reversed order, so high nodes are set first and
// the copath resolutions shrink quickly (about N log N encryptions in all).
// The puppet's last commit removes the leaves of the three members the
// benchmarks drive and adds them back as new clients; they join from that
// Welcome and each commits once, which sets their paths again.
//
// The driven members: the committer (in the left half of the tree); the
// receiver (the first leaf of the right half: the committer's path secret
// reaches it at the root, as it does half of all members, the common case);
// the committer's neighbour (its sibling leaf: the secret reaches it at the
// lowest node and it derives the whole path, a receiver's most work); and
// the last member (leaf N-1). An Add fills leaf N, and the last member's
// Remove of it (the nearest member, so its path resets every node the Add
// touched) puts the tree back in its steady state. Every driven member
// follows every commit.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <bit>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conclave/mls/group.hpp"
#include "conclave/mls/public_group.hpp"
#include "mls/group_state.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;

const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

const Bytes group_id{'b', 'e', 'n', 'c', 'h'};

// A step that must succeed: a failure here is a bug, and stops the run.
template <class R>
decltype(auto) must(R&& result) {
  if (!result) {
    std::fprintf(stderr, "group_bench: failed with %s\n", std::string(to_string(result.error())).c_str());
    std::abort();
  }
  return std::forward<R>(result);
}

KeyPackageBundle key_package(std::uint32_t identity, crypto::RandomSource& random) {
  return *create_key_package(suite(), Credential{BasicCredential{codec::encode(identity)}},
                             suite().signature().generate_key_pair(random), {}, random);
}

std::uint32_t bit_reversed(std::uint32_t value, int bits) {
  std::uint32_t out = 0;
  for (int i = 0; i < bits; ++i) out |= ((value >> i) & 1u) << (bits - 1 - i);
  return out;
}

// Every node of every member's filtered direct path is set, with no
// unmerged leaves.
bool steady(const RatchetTree& tree) {
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    if (!tree.is_member(LeafIndex{i})) continue;
    for (const auto node : tree.filtered_direct_path(LeafIndex{i})) {
      if (tree.is_blank(node) || !tree.unmerged_leaves(node).empty()) return false;
    }
  }
  return true;
}

// An empty commit with a path.
const CommitOptions with_path{.include_received = false, .force_path = true};

// See the top of the file.
class Puppet {
 public:
  Puppet(std::uint32_t size, crypto::RandomSource& random) : random_(random) {
    std::vector<KeyPackageBundle> members;
    for (std::uint32_t i = 0; i < size; ++i) {
      members.push_back(key_package(i, random));
      signature_keys_.push_back(members.back().keys.signature_private_key.clone());
    }
    CommitOptions everyone{.include_received = false, .force_path = true};
    for (std::uint32_t i = 1; i < size; ++i) everyone.proposals.push_back(Proposal{Add{members[i].key_package}});
    state_ = *must(create_group(suite(), group_id, std::move(members[0]), {}, {}, random));
    commit_as(0, everyone);
  }

  // Commits from every even leaf, high nodes first.
  void set_every_parent() {
    const auto pairs = state_->tree.leaf_count().value() / 2;
    const int bits = std::countr_zero(pairs);
    for (std::uint32_t j = 0; j < pairs; ++j) {
      const std::uint32_t leaf = 2 * bit_reversed(j, bits);
      if (leaf < signature_keys_.size()) commit_as(leaf, with_path);
    }
  }

  // A genuine commit of `leaf`'s, merged.
  CommitOutput commit_as(std::uint32_t leaf, const CommitOptions& options) {
    state_->own_leaf = LeafIndex{leaf};
    state_->signature_key = signature_keys_[leaf].clone();
    auto output = *must(create_commit(*state_, options, random_));
    auto next = std::move(*state_->pending);
    state_->pending.reset();
    state_->tree.keep_staged();
    must(enter_next_epoch(*state_, std::move(next)));
    return output;
  }

 private:
  crypto::RandomSource& random_;
  std::vector<crypto::Secret> signature_keys_;
  std::unique_ptr<GroupState> state_;
};

// The members the benchmarks drive, in one epoch of an N-member group in
// its steady state (see the top of the file).
struct World {
  explicit World(std::uint32_t group_size) : size(group_size) {
    const std::uint32_t half = std::bit_ceil(size) / 2;
    const std::uint32_t leaves[] = {half / 2, half / 2 + 1, half, size - 1};
    Puppet puppet(size, random);
    puppet.set_every_parent();
    CommitOptions rejoin{.include_received = false, .force_path = true};
    std::vector<KeyPackageBundle> bundles;
    for (const auto leaf : leaves) rejoin.proposals.push_back(Proposal{Remove{leaf}});
    for (const auto leaf : leaves) {
      bundles.push_back(key_package(size + leaf, random));
      rejoin.proposals.push_back(Proposal{Add{bundles.back().key_package}});
    }
    const auto output = puppet.commit_as(1, rejoin);
    for (auto& bundle : bundles) {
      members.push_back(*must(Group::join(*output.welcome->body.get_if<Welcome>(), bundle.key_package,
                                          std::move(bundle.keys), std::nullopt, {})));
    }
    const auto info = must(committer().group_info(true));
    follower.emplace(*must(PublicGroup::from_group_info(*info->body.get_if<GroupInfo>(), std::nullopt, {})));
    for (auto& member : members) commit_and_deliver(member, with_path);
  }

  Group& committer() { return members[0]; }
  Group& neighbour() { return members[1]; }
  Group& receiver() { return members[2]; }
  Group& last() { return members[3]; }

  // Every driven member but `from` and `later` processes `commit`.
  void deliver_to_members(const MlsMessage& commit, const Group& from, const Group* later = nullptr) {
    for (auto& member : members) {
      if (&member != &from && &member != later) must(member.process(commit));
    }
  }

  // The same, and the follower.
  void deliver(const MlsMessage& commit, const Group& from, const Group* later = nullptr) {
    deliver_to_members(commit, from, later);
    must(follower->process(commit));
  }

  CommitOutput commit_and_deliver(Group& from, const CommitOptions& options) {
    auto output = *must(from.commit(options, random));
    must(from.merge_pending_commit());
    deliver(output.commit, from);
    return output;
  }

  // A Remove of the member an Add put at leaf N.
  CommitOptions removing_added() const {
    return {.proposals = {Proposal{Remove{size}}}, .include_received = false};
  }

  // The last member removes it.
  void remove_added() { commit_and_deliver(last(), removing_added()); }

  std::uint32_t size;
  crypto::DeterministicRandom random{as_bytes("group bench")};
  std::vector<Group> members;
  // A follower of the public state (a server's PublicGroup): it follows
  // every commit.
  std::optional<PublicGroup> follower;
};

World& world(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<World>> worlds;
  auto& slot = worlds[state.range(0)];
  if (!slot) slot = std::make_unique<World>(static_cast<std::uint32_t>(state.range(0)));
  if (!steady(slot->committer().tree())) state.SkipWithError("the tree is not in its steady state");
  return *slot;
}

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

void sizes_up_to(benchmark::internal::Benchmark* b, int largest) {
  for (const int members : {10, 100, 1000, 10000}) {
    if (members <= largest) b->Arg(members);
  }
  b->ArgName("members")->Unit(benchmark::kMillisecond);
}

void sizes(benchmark::internal::Benchmark* b) { sizes_up_to(b, 10000); }
void sizes_to_1000(benchmark::internal::Benchmark* b) { sizes_up_to(b, 1000); }

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
