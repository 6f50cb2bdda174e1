// The designated-committer schedule (spec-notes/meeting-profile.md,
// "Continuity").

#include "conclave/meeting/committer_schedule.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/hash.hpp"

namespace conclave::meeting {

namespace {

using RankKey = std::array<std::uint8_t, 32>;

// SHA-256(seed || uint32(leaf)): a member's place in the epoch's shuffle.
RankKey rank_key(BytesView seed, std::uint32_t leaf) {
  Bytes input(seed.begin(), seed.end());
  const Bytes index = codec::encode(leaf);
  input.insert(input.end(), index.begin(), index.end());
  const Bytes digest = crypto::hash(crypto::HashId::sha256, input);
  RankKey key{};
  std::copy_n(digest.begin(), key.size(), key.begin());
  return key;
}

}  // namespace

CommitterSchedule::CommitterSchedule(BytesView seed, std::vector<std::uint32_t> leaves,
                                     std::chrono::milliseconds step)
    : step_(step) {
  std::sort(leaves.begin(), leaves.end());
  leaves.erase(std::unique(leaves.begin(), leaves.end()), leaves.end());
  std::vector<std::pair<RankKey, std::uint32_t>> keyed;
  keyed.reserve(leaves.size());
  for (const auto leaf : leaves) keyed.emplace_back(rank_key(seed, leaf), leaf);
  std::sort(keyed.begin(), keyed.end());
  order_.reserve(keyed.size());
  for (const auto& entry : keyed) order_.push_back(entry.second);
}

Result<CommitterSchedule> CommitterSchedule::of(const mls::Group& group, std::chrono::milliseconds step) {
  auto seed = committer_seed(group);
  if (!seed) return seed.error();
  std::vector<std::uint32_t> leaves;
  const auto& tree = group.tree();
  for (std::uint32_t leaf = 0; leaf < tree.leaf_count().value(); ++leaf) {
    if (tree.is_member(mls::LeafIndex{leaf})) leaves.push_back(leaf);
  }
  return CommitterSchedule(*seed, std::move(leaves), step);
}

std::optional<std::size_t> CommitterSchedule::rank(std::uint32_t leaf) const {
  const auto found = std::find(order_.begin(), order_.end(), leaf);
  if (found == order_.end()) return std::nullopt;
  return static_cast<std::size_t>(found - order_.begin());
}

std::optional<std::chrono::milliseconds> CommitterSchedule::wait(std::uint32_t leaf) const {
  const auto position = rank(leaf);
  if (!position) return std::nullopt;
  return step_ * static_cast<std::int64_t>(*position);
}

Result<Bytes> committer_seed(const mls::Group& group) {
  auto secret = group.export_secret(committer_schedule_label, {}, committer_seed_size);
  if (!secret) return secret.error();
  return Bytes(secret->view().begin(), secret->view().end());
}

}  // namespace conclave::meeting
