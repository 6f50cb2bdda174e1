// draft-ietf-mls-partial (suite 1, one thread) at 1,000, 10,000 and
// 100,000 members, in the steady-state groups of steady_group.hpp with one
// partial member more (at leaf N) that follows every Commit by
// AnnotatedCommit, annotated by the group's server (its PublicGroup).
// Measured in one run: a partial client's join (PartialGroup::join from an
// AnnotatedWelcome) against a full joiner's (Group::join from a Welcome
// with the ratchet tree), with the bytes each receives; the partial
// member's processing of an AnnotatedCommit against a full member's
// processing of a Commit (both reached by the path at the root); and the
// server annotating one Commit for 1,000 partial members. Issue 21's
// targets: a partial join at 100,000 members under 5 ms and under 8 KB, and
// at most 2x between 1,000 and 100,000.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>

#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/partial_group.hpp"
#include "steady_group.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using namespace conclave::bench;

// A Commit sent in a PartialWorld: what its committer produced, what the
// server kept to annotate it, and the partial member's AnnotatedCommit.
struct Sent {
  CommitOutput output;
  FollowedCommit followed;
  AnnotatedCommit for_partial;
};

// A World with a partial member at leaf N: the committer adds it (a
// Welcome without the tree), and the last member's Commit sets the nodes
// above it, so the tree is in its steady state again. A joiner goes to leaf
// N + 1, and the last member's Remove of it puts the tree back.
struct PartialWorld {
  explicit PartialWorld(std::uint32_t size) : w(size), partial_leaf{size}, joiner_leaf{size + 1} {
    auto joiner = key_package(next_identity++, w.random);
    CommitOptions options{.proposals = {Proposal{Add{joiner.key_package}}}, .include_received = false,
                          .ratchet_tree_in_welcome = false};
    const auto output = *must(w.committer().commit(options, w.random));
    must(w.committer().merge_pending_commit());
    w.deliver(output.commit, w.committer());
    const auto annotated = *must(annotate_welcome(w.follower->tree(), *output.welcome->body.get_if<Welcome>(),
                                                  w.committer().own_leaf(), partial_leaf));
    partial.emplace(*must(PartialGroup::join(annotated, joiner.key_package, std::move(joiner.keys), {})));
    commit_and_deliver(w.last(), with_path);
  }

  // `from`'s Commit, merged and followed by the full members but `later`
  // and by the server, annotated for the partial member (not processed).
  Sent commit(Group& from, const CommitOptions& options, const Group* later = nullptr) {
    auto output = *must(from.commit(options, w.random));
    must(from.merge_pending_commit());
    w.deliver_to_members(output.commit, from, later);
    auto followed = *must(w.follower->follow(output.commit));
    auto annotated = *must(annotate_commit(w.follower->tree(), followed.annotation, partial_leaf));
    return {std::move(output), std::move(followed), std::move(annotated)};
  }

  Sent commit_and_deliver(Group& from, const CommitOptions& options) {
    auto sent = commit(from, options);
    must(partial->process(sent.for_partial));
    return sent;
  }

  // The last member removes the joiner at leaf N + 1.
  void remove_joiner() {
    commit_and_deliver(w.last(), {.proposals = {Proposal{Remove{joiner_leaf.value}}}, .include_received = false});
  }

  World w;
  LeafIndex partial_leaf;
  LeafIndex joiner_leaf;
  std::uint32_t next_identity = 4 * w.size;
  std::optional<PartialGroup> partial;
};

// Its own worlds: the group benchmarks' have no partial member at leaf N.
PartialWorld& partial_world(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<PartialWorld>> worlds;
  auto& slot = worlds[state.range(0)];
  if (!slot) slot = std::make_unique<PartialWorld>(static_cast<std::uint32_t>(state.range(0)));
  if (!steady(slot->w.committer().tree())) state.SkipWithError("the tree is not in its steady state");
  return *slot;
}

double bytes(const auto& message) { return static_cast<double>(codec::encode(message).size()); }

// One join per iteration: the committer adds a joiner at leaf N + 1, its
// Welcome with or without the ratchet tree; `join` records the bytes the
// joiner receives and times its join alone (resuming and pausing the
// timer), and the joined state goes, untimed, with the last member's Remove.
template <class Join>
void time_joins(benchmark::State& state, bool with_tree, Join join) {
  auto& p = partial_world(state);
  for (auto _ : state) {
    state.PauseTiming();
    auto joiner = key_package(p.next_identity++, p.w.random);
    const auto sent = p.commit_and_deliver(p.w.committer(), {.proposals = {Proposal{Add{joiner.key_package}}},
                                                             .include_received = false,
                                                             .ratchet_tree_in_welcome = with_tree});
    const auto& welcome = *sent.output.welcome->body.get_if<Welcome>();
    { const auto joined = join(state, p, sent, welcome, std::move(joiner)); }
    p.remove_joiner();
    state.ResumeTiming();
  }
}

// draft "Joining via Annotated Welcome": a partial client joins from the
// Welcome (no tree) and the two proofs the server adds.
void partial_join(benchmark::State& state) {
  time_joins(state, false, [](benchmark::State& s, PartialWorld& p, const Sent&, const Welcome& welcome,
                              KeyPackageBundle joiner) {
    const auto annotated =
        *must(annotate_welcome(p.w.follower->tree(), welcome, p.w.committer().own_leaf(), p.joiner_leaf));
    s.counters["bytes"] = bytes(annotated);
    s.ResumeTiming();
    auto joined = *must(PartialGroup::join(annotated, joiner.key_package, std::move(joiner.keys), {}));
    s.PauseTiming();
    return joined;
  });
}

// RFC 9420 section 12.4.3.1: a full client joins from a Welcome with the
// ratchet tree, which it verifies whole.
void full_join(benchmark::State& state) {
  time_joins(state, true, [](benchmark::State& s, PartialWorld&, const Sent& sent, const Welcome& welcome,
                             KeyPackageBundle joiner) {
    s.counters["bytes"] = bytes(*sent.output.welcome);
    s.ResumeTiming();
    auto joined = *must(Group::join(welcome, joiner.key_package, std::move(joiner.keys), std::nullopt, {}));
    s.PauseTiming();
    return joined;
  });
}

// draft "Annotated Commit": the partial member processes the AnnotatedCommit
// of a Commit with a path (its path secret at the root).
void partial_process_commit(benchmark::State& state) {
  auto& p = partial_world(state);
  for (auto _ : state) {
    state.PauseTiming();
    const auto sent = p.commit(p.w.committer(), with_path);
    state.counters["bytes"] = bytes(sent.for_partial);
    state.ResumeTiming();
    must(p.partial->process(sent.for_partial));
  }
}

// RFC 9420 section 12.4.2: a full member processes the same kind of Commit
// (its path secret at the root too).
void full_process_commit(benchmark::State& state) {
  auto& p = partial_world(state);
  for (auto _ : state) {
    state.PauseTiming();
    const auto sent = p.commit(p.w.committer(), with_path, &p.w.receiver());
    must(p.partial->process(sent.for_partial));
    state.counters["bytes"] = bytes(sent.output.commit);
    state.ResumeTiming();
    must(p.w.receiver().process(sent.output.commit));
  }
}

// The server annotates one Commit for 1,000 partial members spread over
// the tree (the committer excepted), from its tree after the Commit.
void annotate_for_1000(benchmark::State& state) {
  auto& p = partial_world(state);
  const std::uint32_t receivers = 1000;
  for (auto _ : state) {
    state.PauseTiming();
    const auto sent = p.commit_and_deliver(p.w.committer(), with_path);
    const auto& tree = p.w.follower->tree();
    state.ResumeTiming();
    for (std::uint32_t i = 0; i < receivers; ++i) {
      LeafIndex receiver{static_cast<std::uint32_t>(std::uint64_t{i} * p.w.size / receivers)};
      if (receiver == sent.followed.annotation.committer) receiver = p.partial_leaf;
      auto annotated = *must(annotate_commit(tree, sent.followed.annotation, receiver));
      benchmark::DoNotOptimize(annotated);
    }
  }
}

void partial_sizes(benchmark::internal::Benchmark* b) {
  for (const int members : {1000, 10000, 100000}) b->Arg(members);
  b->ArgName("members")->Unit(benchmark::kMillisecond);
}

BENCHMARK(partial_join)->Apply(partial_sizes)->Iterations(20);
BENCHMARK(full_join)->Apply(partial_sizes)->Iterations(2);
BENCHMARK(partial_process_commit)->Apply(partial_sizes)->Iterations(100);
BENCHMARK(full_process_commit)->Apply(partial_sizes)->Iterations(100);
BENCHMARK(annotate_for_1000)->Apply(partial_sizes)->Iterations(10);

}  // namespace
