// TreeKEM per commit (suite 1) at 1,000 to 100,000 members in a full tree:
// creating an UpdatePath from one leaf, and merging and decrypting it at
// another (the sender's sibling, which decrypts with its leaf key).

#include <benchmark/benchmark.h>

#include "conclave/mls/treekem.hpp"
#include "tree_fixtures.hpp"
#include "tree_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;

struct PathFixture {
  CipherSuite suite;
  crypto::DeterministicRandom random;
  RatchetTree tree;
  test::Member sender_member;
  test::Member receiver_member;
  LeafIndex sender;
  LeafIndex receiver;
  Bytes group_id{'g', 'i', 'd'};

  PathFixture(const CipherSuite& s, std::uint32_t members)
      : suite(s),
        random(as_bytes("treekem bench")),
        tree(bench::synthetic_tree(s, members, random)),
        sender_member(test::make_member(s, random, members)),
        receiver_member(test::make_member(s, random, members + 1)),
        sender{(members / 2) & ~std::uint32_t{1}},
        receiver{sender.value + 1} {
    (void)tree.replace_leaf(sender, sender_member.leaf);
    (void)tree.replace_leaf(receiver, receiver_member.leaf);
    (void)tree.tree_hash();
  }

  Result<SentPath> send(RatchetTree& on) {
    auto prepared = PreparedPath::prepare(on, sender, next_leaf(*on.leaf(sender), random.secret(32)),
                                          sender_member.signer.private_key, group_id, random);
    const GroupContext provisional{ProtocolVersion::mls10, suite.id(), group_id, 8, on.tree_hash(),
                                   Bytes(32, 4), {}};
    return std::move(*prepared).encrypt(on, provisional, {}, random);
  }
};

const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

void update_path_create(benchmark::State& state) {
  PathFixture f(suite(), static_cast<std::uint32_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(f.send(f.tree));
}

void update_path_process(benchmark::State& state) {
  PathFixture f(suite(), static_cast<std::uint32_t>(state.range(0)));
  RatchetTree receiver_tree = f.tree;
  auto keys = *TreePrivateKeys::create(suite(), f.receiver, f.receiver_member.encryption.private_key.clone());
  for (auto _ : state) {
    state.PauseTiming();
    auto sent = f.send(f.tree);
    state.ResumeTiming();
    benchmark::DoNotOptimize(merge_update_path(receiver_tree, f.sender, sent->path));
    const GroupContext provisional{ProtocolVersion::mls10, suite().id(), f.group_id, 8,
                                   receiver_tree.tree_hash(), Bytes(32, 4), {}};
    benchmark::DoNotOptimize(keys.decrypt_path(receiver_tree, f.sender, sent->path, provisional, {}));
  }
}

BENCHMARK(update_path_create)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(update_path_process)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace
