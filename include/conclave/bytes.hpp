#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/error.hpp"

namespace conclave {

using Bytes = std::vector<std::uint8_t>;
using BytesView = std::span<const std::uint8_t>;
using MutableBytesView = std::span<std::uint8_t>;

// The bytes of a string, without a terminator.
inline BytesView as_bytes(std::string_view text) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// The concatenation of byte strings.
inline Bytes concat(std::initializer_list<BytesView> parts) {
  std::size_t total = 0;
  for (const auto part : parts) total += part.size();
  Bytes out;
  out.reserve(total);
  for (const auto part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

std::string to_hex(BytesView data);
Result<Bytes> from_hex(std::string_view hex);

}  // namespace conclave
