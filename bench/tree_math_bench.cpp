// Direct paths and copaths at 1,000 to 100,000 members and at the largest
// tree: the per-commit index work of TreeKEM.

#include <benchmark/benchmark.h>

#include "conclave/mls/tree_math.hpp"

namespace {

using namespace conclave::mls;

LeafCount leaves_for(std::int64_t members) {
  return *LeafCount::of(std::bit_ceil(static_cast<std::uint32_t>(members)));
}

void direct_path(benchmark::State& state) {
  const auto n = leaves_for(state.range(0));
  std::uint32_t leaf = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tree_math::direct_path(tree_math::node_of(LeafIndex{leaf}), n));
    leaf = (leaf + 7919) % n.value();
  }
}

void copath(benchmark::State& state) {
  const auto n = leaves_for(state.range(0));
  std::uint32_t leaf = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(tree_math::copath(tree_math::node_of(LeafIndex{leaf}), n));
    leaf = (leaf + 7919) % n.value();
  }
}

BENCHMARK(direct_path)->Arg(1000)->Arg(100000)->Arg(std::int64_t{1} << 31);
BENCHMARK(copath)->Arg(1000)->Arg(100000)->Arg(std::int64_t{1} << 31);

}  // namespace
