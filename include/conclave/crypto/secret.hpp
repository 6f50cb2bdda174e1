#pragma once

/// @file
/// Zeroizing storage for key material, and constant-time comparison.

#include <cstddef>
#include <memory>
#include <string_view>

#include "conclave/bytes.hpp"

namespace conclave::crypto {

/// Key material. Zeroized on destruction, compared in constant time, never
/// copied implicitly: use clone() where a second copy is really wanted.
class Secret {
 public:
  /// An empty secret.
  Secret() = default;
  /// `size` zero bytes, to be filled through mutable_view().
  explicit Secret(std::size_t size);
  /// A copy of `bytes`. The caller remains responsible for wiping the source.
  explicit Secret(BytesView bytes);
  /// Takes the bytes of `other`, which is left empty.
  Secret(Secret&& other) noexcept;
  /// Zeroizes this secret's bytes, then takes those of `other`, which is left empty.
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;             ///< Not copyable: use clone().
  Secret& operator=(const Secret&) = delete;  ///< Not copyable: use clone().
  /// Zeroizes the bytes.
  ~Secret();

  /// An explicit copy with its own storage.
  Secret clone() const { return Secret(view()); }

  /// The number of bytes.
  std::size_t size() const noexcept { return size_; }
  /// True when the secret holds no bytes.
  bool empty() const noexcept { return size_ == 0; }
  /// A read-only view of the bytes, valid until the secret is changed, moved or destroyed.
  BytesView view() const noexcept { return {data_.get(), size_}; }
  /// A writable view of the bytes, valid until the secret is changed, moved or destroyed.
  MutableBytesView mutable_view() noexcept { return {data_.get(), size_}; }
  /// The bytes as text (a password, a link), valid as view() is.
  std::string_view text() const noexcept { return {reinterpret_cast<const char*>(data_.get()), size_}; }

  /// Constant time in the contents; the sizes are not secret.
  friend bool operator==(const Secret& a, const Secret& b) noexcept;

 private:
  void wipe() noexcept;

  std::unique_ptr<std::uint8_t[]> data_;
  std::size_t size_ = 0;
};

/// Constant-time equality of two byte strings (lengths are public).
///
/// @return false at once for different lengths; otherwise whether the
/// contents are equal, in time independent of where they differ.
bool constant_time_equal(BytesView a, BytesView b) noexcept;

/// Overwrites memory with zeros in a way the compiler may not elide.
void secure_zero(MutableBytesView bytes) noexcept;

}  // namespace conclave::crypto
