#include "conclave/codec/writer.hpp"

#include <stdexcept>

#include "conclave/codec/varint.hpp"

namespace conclave::codec {

void Writer::write_u8(std::uint8_t value) { out_.push_back(value); }

void Writer::write_u16(std::uint16_t value) {
  write_u8(static_cast<std::uint8_t>(value >> 8));
  write_u8(static_cast<std::uint8_t>(value));
}

void Writer::write_u32(std::uint32_t value) {
  write_u16(static_cast<std::uint16_t>(value >> 16));
  write_u16(static_cast<std::uint16_t>(value));
}

void Writer::write_u64(std::uint64_t value) {
  write_u32(static_cast<std::uint32_t>(value >> 32));
  write_u32(static_cast<std::uint32_t>(value));
}

void Writer::write_varint(std::uint64_t value) {
  if (value > max_varint) throw std::length_error("vector longer than 2^30 - 1 bytes");
  switch (varint_size(value)) {
    case 1:
      write_u8(static_cast<std::uint8_t>(value));
      break;
    case 2:
      write_u16(static_cast<std::uint16_t>(0x4000 | value));
      break;
    default:
      write_u32(static_cast<std::uint32_t>(0x80000000u | value));
      break;
  }
}

void Writer::write_bytes(BytesView bytes) { out_.insert(out_.end(), bytes.begin(), bytes.end()); }

void Writer::write_vector(BytesView bytes) {
  write_varint(bytes.size());
  write_bytes(bytes);
}

}  // namespace conclave::codec
