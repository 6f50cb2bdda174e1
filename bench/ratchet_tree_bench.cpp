// Ratchet tree work per commit and per join (suite 1): the tree hash after
// one path changes, at 1,000 to 100,000 members; a joiner's validation of a
// whole 1,000-member tree against 1,000 Ed25519 verifications; and the
// structure checks of a hostile tree (issue 18, finding 2: every parent
// listing every leaf below it as unmerged) at 1,000 to 100,000 leaves, from
// decoded nodes and from the ratchet_tree extension's bytes.

#include <benchmark/benchmark.h>

#include <map>

#include "conclave/mls/ratchet_tree.hpp"
#include "tree_fixtures.hpp"
#include "tree_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;

const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

// New keys along one member's path, then the root tree hash: the work the
// cache limits to the changed path.
void tree_hash_after_path_change(benchmark::State& state) {
  crypto::DeterministicRandom random(as_bytes("tree hash bench"));
  auto tree = bench::synthetic_tree(suite(), static_cast<std::uint32_t>(state.range(0)), random);
  (void)tree.tree_hash();
  const LeafIndex sender{static_cast<std::uint32_t>(state.range(0) / 2)};
  const std::size_t path_length = tree.filtered_direct_path(sender).size();
  std::vector<Bytes> keys(path_length);
  for (auto _ : state) {
    for (auto& key : keys) key = bench::random_bytes(random, 32);
    benchmark::DoNotOptimize(tree.merge_path_keys(sender, keys));
    benchmark::DoNotOptimize(tree.tree_hash());
  }
}

struct JoinerInput {
  RatchetTreeNodes nodes;
  Bytes group_id{'g', 'i', 'd'};
};

const JoinerInput& joiner_input() {
  static const JoinerInput input = [] {
    crypto::DeterministicRandom random(as_bytes("joiner bench"));
    JoinerInput made;
    made.nodes = test::full_tree(suite(), 1000, made.group_id, random).tree.to_nodes();
    return made;
  }();
  return input;
}

// Section 12.4.3.1 on a received tree: structure and key indexes, tree hash,
// parent hashes and every leaf signature, on one thread.
void joiner_validates_1000_member_tree(benchmark::State& state) {
  const auto& input = joiner_input();
  for (auto _ : state) {
    auto tree = RatchetTree::from_nodes(suite(), input.nodes);
    benchmark::DoNotOptimize(tree->tree_hash());
    benchmark::DoNotOptimize(tree->verify_parent_hashes());
    benchmark::DoNotOptimize(tree->verify_leaf_signatures(input.group_id, static_cast<unsigned>(state.range(0))));
  }
}

void ed25519_verify_1000(benchmark::State& state) {
  const auto& input = joiner_input();
  std::vector<std::pair<const LeafNode*, Bytes>> signed_leaves;
  for (std::uint32_t i = 0; i < 1000; ++i) {
    const auto* leaf = input.nodes[2 * i]->get_if<LeafNode>();
    signed_leaves.emplace_back(leaf, leaf_node_tbs(*leaf, input.group_id, LeafIndex{i}));
  }
  for (auto _ : state) {
    for (const auto& [leaf, tbs] : signed_leaves) {
      benchmark::DoNotOptimize(suite().signature().verify(leaf->signature_key, tbs, leaf->signature));
    }
  }
}

// A hostile tree of `leaves` leaves, decoded and encoded (test::unmerged_everywhere_tree).
struct HostileTree {
  RatchetTreeNodes nodes;
  Bytes encoded;
};

const HostileTree& hostile_tree(std::int64_t leaves) {
  static std::map<std::int64_t, HostileTree> trees;
  auto& tree = trees[leaves];
  if (tree.nodes.empty()) {
    tree.nodes = test::unmerged_everywhere_tree(static_cast<std::uint32_t>(leaves));
    tree.encoded = codec::encode(tree.nodes);
  }
  return tree;
}

void from_nodes_hostile_tree(benchmark::State& state) {
  const auto& input = hostile_tree(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(RatchetTree::from_nodes(suite(), input.nodes));
  state.counters["MB"] = static_cast<double>(input.encoded.size()) / 1e6;
}

void from_encoded_hostile_tree(benchmark::State& state) {
  const auto& input = hostile_tree(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(RatchetTree::from_encoded(suite(), input.encoded));
  state.counters["MB"] = static_cast<double>(input.encoded.size()) / 1e6;
}

BENCHMARK(tree_hash_after_path_change)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(joiner_validates_1000_member_tree)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond);
BENCHMARK(ed25519_verify_1000)->Unit(benchmark::kMillisecond);
BENCHMARK(from_nodes_hostile_tree)->Arg(1000)->Arg(10000)->Arg(100000)->ArgName("leaves")->Unit(benchmark::kMillisecond);
BENCHMARK(from_encoded_hostile_tree)->Arg(1000)->Arg(10000)->Arg(100000)->ArgName("leaves")->Unit(benchmark::kMillisecond);

}  // namespace
