#include "conclave/frame/replay_window.hpp"

namespace conclave::frame {

Status ReplayWindow::check(std::uint64_t ctr) const noexcept {
  if (!any_ || ctr > highest_) return {};
  const std::uint64_t behind = highest_ - ctr;
  if (behind >= size || (seen_ >> behind & 1) != 0) return Errc::replayed_counter;
  return {};
}

void ReplayWindow::accept(std::uint64_t ctr) noexcept {
  if (!any_) {
    any_ = true;
    highest_ = ctr;
    seen_ = 1;
  } else if (ctr > highest_) {
    const std::uint64_t ahead = ctr - highest_;
    seen_ = ahead >= size ? 1 : (seen_ << ahead) | 1;
    highest_ = ctr;
  } else if (highest_ - ctr < size) {
    seen_ |= std::uint64_t{1} << (highest_ - ctr);
  }
}

}  // namespace conclave::frame
