#pragma once

/// @file
/// The variable-length integers that prefix every vector in the MLS encoding.

#include <cstddef>
#include <cstdint>

namespace conclave::codec {

/// RFC 9420 section 2.1.2: vector lengths are QUIC-style variable-length
/// integers of 1, 2 or 4 bytes; the largest encodable length is 2^30 - 1.
inline constexpr std::uint64_t max_varint = (std::uint64_t{1} << 30) - 1;

/// The size in bytes (1, 2 or 4) of the minimal varint encoding of `value`
/// (RFC 9420 section 2.1.2). Values above max_varint also give 4, although
/// they cannot be encoded.
constexpr std::size_t varint_size(std::uint64_t value) noexcept {
  if (value < (1u << 6)) return 1;
  if (value < (1u << 14)) return 2;
  return 4;
}

}  // namespace conclave::codec
