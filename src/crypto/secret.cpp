#include "conclave/crypto/secret.hpp"

#include <sodium.h>

#include <algorithm>

#include "ct.hpp"

namespace conclave::crypto {

Secret::Secret(std::size_t size)
    : data_(size ? std::make_unique<std::uint8_t[]>(size) : nullptr), size_(size) {}

Secret::Secret(BytesView bytes) : Secret(bytes.size()) {
  std::copy(bytes.begin(), bytes.end(), data_.get());
}

Secret::Secret(Secret&& other) noexcept
    : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    wipe();
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

Secret::~Secret() { wipe(); }

void Secret::wipe() noexcept {
  if (data_) secure_zero(mutable_view());
  data_.reset();
  size_ = 0;
}

bool operator==(const Secret& a, const Secret& b) noexcept {
  return constant_time_equal(a.view(), b.view());
}

bool constant_time_equal(BytesView a, BytesView b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  // The verdict is public: the caller accepts or rejects on it, in the open.
  return ct::declassify(sodium_memcmp(a.data(), b.data(), a.size()) == 0);
}

void secure_zero(MutableBytesView bytes) noexcept { sodium_memzero(bytes.data(), bytes.size()); }

}  // namespace conclave::crypto
