#pragma once

/// @file
/// A receiver's anti-replay window over one key's frame counters, in the
/// manner of RFC 3711 section 3.3.2 (RFC 9605 section 9.3 leaves anti-replay
/// to the application): the highest counter accepted and a bitmap of the
/// 64 counters at and below it.

#include <cstdint>

#include "conclave/error.hpp"

namespace conclave::frame {

/// The anti-replay state of one decryption key: check() a frame's counter
/// before opening it, accept() it once the frame authenticated. Starts
/// empty, accepting any counter.
class ReplayWindow {
 public:
  /// The number of counters the window covers: the highest accepted and the
  /// 63 below it.
  static constexpr std::uint64_t size = 64;

  /// Whether `ctr` may still be accepted: any counter above the highest
  /// accepted one is, and one in the window that has not been seen.
  /// @errors `Errc::replayed_counter` when `ctr` was accepted before or is
  /// below the window.
  Status check(std::uint64_t ctr) const noexcept;
  /// Records `ctr` as received; call only after the frame authenticated. A
  /// counter below the window is already refused by check() and is ignored.
  /// A counter above the highest slides the window up to it.
  void accept(std::uint64_t ctr) noexcept;

 private:
  bool any_ = false;
  std::uint64_t highest_ = 0;
  std::uint64_t seen_ = 0;  // bit i: highest_ - i was accepted
};

}  // namespace conclave::frame
