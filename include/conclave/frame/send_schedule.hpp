#pragma once

/// @file
/// RFC 9605 section 4.4.1: a new key is usable for decryption at once, and a
/// sender moves to it only after a delay, so that receivers have it before
/// the first frame under it arrives. Shared by the SFrame-over-MLS and the
/// LiveKit keyings; keys are named by their MLS epoch.

#include <chrono>
#include <cstdint>
#include <optional>

namespace conclave::frame {

/// The clock that times key changes: monotonic, unaffected by wall-clock changes.
using FrameClock = std::chrono::steady_clock;
/// The time source, replaceable in tests.
using ClockSource = FrameClock::time_point (*)();
/// The default time source: FrameClock::now().
FrameClock::time_point steady_now() noexcept;

/// Which key a sender encrypts with: the current one, and at most one
/// pending key that takes over once its delay has passed.
class SendSchedule {
 public:
  /// A schedule with no key yet.
  /// @param delay How long an offered key waits before it becomes current
  /// (zero or less: no wait).
  /// @param clock The time source; must not be null.
  SendSchedule(std::chrono::milliseconds delay, ClockSource clock) noexcept
      : delay_(delay), clock_(clock) {}

  /// A key became available. It is the sending key at once when there is
  /// none yet or the delay is zero, else once the delay has passed. A
  /// pending key already due becomes current first; one not yet due is
  /// replaced by this one, whose delay starts now.
  void offer(std::uint64_t epoch) noexcept;
  /// A key was removed; a pending key takes over from a removed current one
  /// at once. Unknown epochs are ignored.
  void withdraw(std::uint64_t epoch) noexcept;
  /// The key to encrypt with now, if any; promotes a pending key whose delay
  /// has passed.
  std::optional<std::uint64_t> current() noexcept;

 private:
  std::chrono::milliseconds delay_;
  ClockSource clock_;
  std::optional<std::uint64_t> current_;
  std::optional<std::uint64_t> pending_;
  FrameClock::time_point due_{};
};

}  // namespace conclave::frame
