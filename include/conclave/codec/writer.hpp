#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"

namespace conclave::codec {

// Appends TLS presentation-language encodings to a buffer. Callers size the
// buffer first (see encode() in codec.hpp), so writes do not reallocate.
class Writer {
 public:
  explicit Writer(Bytes& out) noexcept : out_(out) {}

  void write_u8(std::uint8_t value);
  void write_u16(std::uint16_t value);
  void write_u32(std::uint32_t value);
  void write_u64(std::uint64_t value);
  // RFC 9420 section 2.1.2; the value must be at most max_varint.
  void write_varint(std::uint64_t value);
  void write_bytes(BytesView bytes);
  // A varint length prefix then the bytes.
  void write_vector(BytesView bytes);

 private:
  Bytes& out_;
};

}  // namespace conclave::codec
