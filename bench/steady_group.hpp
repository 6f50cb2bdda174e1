#pragma once

// N-member groups (suite 1) in a steady state, for the group and storage
// benchmarks: every node of every member's filtered direct path is set and
// has no unmerged leaves, so each copath resolution is one node (checked
// before any benchmark runs).
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

namespace conclave::bench {

using namespace conclave::mls;

inline const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

inline const Bytes group_id{'b', 'e', 'n', 'c', 'h'};

// A step that must succeed: a failure here is a bug, and stops the run.
template <class R>
decltype(auto) must(R&& result) {
  if (!result) {
    std::fprintf(stderr, "bench: failed with %s\n", std::string(to_string(result.error())).c_str());
    std::abort();
  }
  return std::forward<R>(result);
}

inline KeyPackageBundle key_package(std::uint32_t identity, crypto::RandomSource& random) {
  return *create_key_package(suite(), Credential{BasicCredential{codec::encode(identity)}},
                             suite().signature().generate_key_pair(random), {}, random);
}

inline std::uint32_t bit_reversed(std::uint32_t value, int bits) {
  std::uint32_t out = 0;
  for (int i = 0; i < bits; ++i) out |= ((value >> i) & 1u) << (bits - 1 - i);
  return out;
}

// Every node of every member's filtered direct path is set, with no
// unmerged leaves.
inline bool steady(const RatchetTree& tree) {
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    if (!tree.is_member(LeafIndex{i})) continue;
    for (const auto node : tree.filtered_direct_path(LeafIndex{i})) {
      if (tree.is_blank(node) || !tree.unmerged_leaves(node).empty()) return false;
    }
  }
  return true;
}

// An empty commit with a path.
inline const CommitOptions with_path{.include_received = false, .force_path = true};

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

inline World& world(benchmark::State& state) {
  static std::map<std::int64_t, std::unique_ptr<World>> worlds;
  auto& slot = worlds[state.range(0)];
  if (!slot) slot = std::make_unique<World>(static_cast<std::uint32_t>(state.range(0)));
  if (!steady(slot->committer().tree())) state.SkipWithError("the tree is not in its steady state");
  return *slot;
}

// The group sizes the benchmarks run at, up to `largest`.
inline void sizes_up_to(benchmark::internal::Benchmark* b, int largest) {
  for (const int members : {10, 100, 1000, 10000}) {
    if (members <= largest) b->Arg(members);
  }
  b->ArgName("members")->Unit(benchmark::kMillisecond);
}

inline void sizes(benchmark::internal::Benchmark* b) { sizes_up_to(b, 10000); }
inline void sizes_to_1000(benchmark::internal::Benchmark* b) { sizes_up_to(b, 1000); }

}  // namespace conclave::bench
