#pragma once

/// @file
/// Byte strings: owned and borrowed byte types, concatenation, and hex conversion.

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/error.hpp"

namespace conclave {

/// An owned byte string.
using Bytes = std::vector<std::uint8_t>;
/// A borrowed, read-only byte string; it must not outlive the bytes it views.
using BytesView = std::span<const std::uint8_t>;
/// A borrowed, writable byte range; it must not outlive the bytes it views.
using MutableBytesView = std::span<std::uint8_t>;

/// The bytes of a string, without a terminator.
///
/// @return a view into `text`'s storage, valid as long as that storage is.
inline BytesView as_bytes(std::string_view text) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// Whether two byte strings are equal (not in constant time: for public
/// values only; secrets use crypto::constant_time_equal).
inline bool same_bytes(BytesView a, BytesView b) noexcept {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

/// The concatenation of byte strings, in order, as one new owned string.
inline Bytes concat(std::initializer_list<BytesView> parts) {
  std::size_t total = 0;
  for (const auto part : parts) total += part.size();
  Bytes out;
  out.reserve(total);
  for (const auto part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

/// The lowercase hexadecimal form of `data`, two digits per byte, with no separators.
std::string to_hex(BytesView data);
/// Parses a hexadecimal string (upper or lower case, two digits per byte, no
/// separators or prefix) into bytes. An empty string gives an empty result.
///
/// @errors `Errc::invalid_hex` when `hex` has an odd length or a character
/// that is not a hex digit.
Result<Bytes> from_hex(std::string_view hex);

}  // namespace conclave
