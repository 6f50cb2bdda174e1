#pragma once

#include <cstddef>
#include <memory>

#include "conclave/bytes.hpp"

namespace conclave::crypto {

// Key material. Zeroized on destruction, compared in constant time, never
// copied implicitly: use clone() where a second copy is really wanted.
class Secret {
 public:
  Secret() = default;
  explicit Secret(std::size_t size);
  explicit Secret(BytesView bytes);
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  ~Secret();

  Secret clone() const { return Secret(view()); }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  BytesView view() const noexcept { return {data_.get(), size_}; }
  MutableBytesView mutable_view() noexcept { return {data_.get(), size_}; }

  // Constant time in the contents; the sizes are not secret.
  friend bool operator==(const Secret& a, const Secret& b) noexcept;

 private:
  void wipe() noexcept;

  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t size_ = 0;
};

// Constant-time equality of two byte strings (lengths are public).
bool constant_time_equal(BytesView a, BytesView b) noexcept;

// Overwrites memory in a way the compiler may not elide.
void secure_zero(MutableBytesView bytes) noexcept;

}  // namespace conclave::crypto
