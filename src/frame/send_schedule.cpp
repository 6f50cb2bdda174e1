#include "conclave/frame/send_schedule.hpp"

#include <utility>

namespace conclave::frame {

FrameClock::time_point steady_now() noexcept { return FrameClock::now(); }

void SendSchedule::offer(std::uint64_t epoch) noexcept {
  if (!current_ || delay_.count() <= 0) {
    current_ = epoch;
    pending_.reset();
    return;
  }
  const auto now = clock_();
  if (pending_ && now >= due_) current_ = pending_;  // a due key is not passed over
  pending_ = epoch;
  due_ = now + delay_;
}

void SendSchedule::withdraw(std::uint64_t epoch) noexcept {
  if (pending_ == epoch) pending_.reset();
  if (current_ == epoch) current_ = std::exchange(pending_, std::nullopt);
}

std::optional<std::uint64_t> SendSchedule::current() noexcept {
  if (pending_ && clock_() >= due_) current_ = std::exchange(pending_, std::nullopt);
  return current_;
}

}  // namespace conclave::frame
