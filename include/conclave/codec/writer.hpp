#pragma once

/// @file
/// The encoder side of the TLS presentation language: a byte appender.

#include <cstdint>

#include "conclave/bytes.hpp"

namespace conclave::codec {

/// Appends TLS presentation-language encodings to a buffer. Callers size the
/// buffer first (see encode() in codec.hpp), so writes do not reallocate.
class Writer {
 public:
  /// A writer that appends to `out`, which must outlive it; existing contents are kept.
  explicit Writer(Bytes& out) noexcept : out_(out) {}

  /// Appends one byte.
  void write_u8(std::uint8_t value);
  /// Appends a 16-bit integer, big-endian.
  void write_u16(std::uint16_t value);
  /// Appends a 32-bit integer, big-endian.
  void write_u32(std::uint32_t value);
  /// Appends a 64-bit integer, big-endian.
  void write_u64(std::uint64_t value);
  /// RFC 9420 section 2.1.2; the value must be at most max_varint. Writes the
  /// minimal encoding of 1, 2 or 4 bytes.
  ///
  /// @throws std::length_error if `value` is above max_varint.
  void write_varint(std::uint64_t value);
  /// Appends the bytes as they are, with no length prefix (a fixed-size `opaque x[N]`).
  void write_bytes(BytesView bytes);
  /// A varint length prefix then the bytes (an `opaque x<V>`).
  ///
  /// @throws std::length_error if `bytes` is longer than max_varint.
  void write_vector(BytesView bytes);

 private:
  Bytes& out_;
};

}  // namespace conclave::codec
