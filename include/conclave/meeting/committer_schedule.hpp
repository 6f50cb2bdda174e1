#pragma once

/// @file
/// The designated-committer schedule (spec-notes/meeting-profile.md,
/// "Continuity"): each epoch, every member ranks the members alike from a
/// secret of the epoch, and a member of rank r waits r * step before it
/// commits the pending proposals, so that someone commits them within a
/// bounded time even when the first-ranked members are gone.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::meeting {

/// The MLS-Exporter label (RFC 9420 section 8.5) of the schedule's seed.
inline constexpr std::string_view committer_schedule_label = "conclave committer schedule";
/// The seed's length in bytes.
inline constexpr std::size_t committer_seed_size = 32;
/// How much longer each rank waits than the one before (Conclave's default).
inline constexpr std::chrono::milliseconds default_commit_step{1000};

/// One epoch's ranking of the members.
class CommitterSchedule {
 public:
  /// Ranks `leaves` by SHA-256(seed || uint32(leaf)), ascending, ties by
  /// leaf index; repeated leaves count once.
  /// @param seed The epoch's seed (committer_seed()).
  /// @param leaves The members' leaf indices, in any order.
  /// @param step The wait added by each rank.
  CommitterSchedule(BytesView seed, std::vector<std::uint32_t> leaves, std::chrono::milliseconds step);

  /// The schedule of `group`'s current epoch: its seed, every occupied leaf.
  /// @param group A full member's group.
  /// @param step The wait added by each rank.
  /// @errors the errors of mls::Group::export_secret.
  static Result<CommitterSchedule> of(const mls::Group& group, std::chrono::milliseconds step = default_commit_step);

  /// The leaves by rank: order()[r] has rank r.
  const std::vector<std::uint32_t>& order() const noexcept { return order_; }
  /// The rank of `leaf`; none for a leaf the schedule does not hold.
  std::optional<std::size_t> rank(std::uint32_t leaf) const;
  /// How long `leaf` waits, from when it first saw the oldest pending
  /// proposal, before it commits: rank * step; none for a leaf the
  /// schedule does not hold.
  std::optional<std::chrono::milliseconds> wait(std::uint32_t leaf) const;
  /// The wait of the member that commits when the members for which
  /// `absent` is true do not: the wait of the first-ranked present one;
  /// none when every member is absent. It is at most
  /// (number absent) * step.
  /// @param absent Whether a leaf is gone (offline, leaving, or unable to commit).
  template <typename Absent>
  std::optional<std::chrono::milliseconds> first_commit(Absent&& absent) const {
    for (std::size_t rank = 0; rank < order_.size(); ++rank) {
      if (!absent(order_[rank])) return step_ * static_cast<std::int64_t>(rank);
    }
    return std::nullopt;
  }

 private:
  std::vector<std::uint32_t> order_;
  std::chrono::milliseconds step_;
};

/// The schedule's seed of `group`'s current epoch:
/// MLS-Exporter("conclave committer schedule", "", 32), a secret of the
/// epoch that an outsider (the server among them) cannot predict.
/// @errors the errors of mls::Group::export_secret.
Result<Bytes> committer_seed(const mls::Group& group);

}  // namespace conclave::meeting
