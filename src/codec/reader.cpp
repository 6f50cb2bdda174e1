#include "conclave/codec/reader.hpp"

#include "conclave/codec/varint.hpp"

namespace conclave::codec {

bool Reader::fail(Errc code) noexcept {
  if (!failed_) {
    failed_ = true;
    error_ = code;
  }
  return false;
}

template <class Int>
bool Reader::read_big_endian(Int& out) noexcept {
  if (failed_) return false;
  if (remaining() < sizeof(Int)) return fail(Errc::truncated);
  Int value = 0;
  for (std::size_t i = 0; i < sizeof(Int); ++i) {
    value = static_cast<Int>((value << 8) | data_[position_ + i]);
  }
  position_ += sizeof(Int);
  out = value;
  return true;
}

bool Reader::read_u8(std::uint8_t& out) noexcept { return read_big_endian(out); }
bool Reader::read_u16(std::uint16_t& out) noexcept { return read_big_endian(out); }
bool Reader::read_u32(std::uint32_t& out) noexcept { return read_big_endian(out); }
bool Reader::read_u64(std::uint64_t& out) noexcept { return read_big_endian(out); }

// RFC 9420 section 2.1.2: the top two bits of the first byte give the
// length (00: 1, 01: 2, 10: 4 bytes); 11 is invalid, and a value that fits a
// shorter form MUST NOT use a longer one.
bool Reader::read_varint(std::uint64_t& out) noexcept {
  if (failed_) return false;
  if (remaining() < 1) return fail(Errc::truncated);
  const std::uint8_t prefix = data_[position_] >> 6;
  if (prefix == 3) return fail(Errc::invalid_varint);
  const std::size_t size = std::size_t{1} << prefix;
  if (remaining() < size) return fail(Errc::truncated);
  std::uint64_t value = data_[position_] & 0x3f;
  for (std::size_t i = 1; i < size; ++i) value = (value << 8) | data_[position_ + i];
  if (varint_size(value) != size) return fail(Errc::non_minimal_varint);
  position_ += size;
  out = value;
  return true;
}

bool Reader::read_bytes(std::size_t size, BytesView& out) noexcept {
  if (failed_) return false;
  if (remaining() < size) return fail(Errc::truncated);
  out = data_.subspan(position_, size);
  position_ += size;
  return true;
}

bool Reader::read_vector(BytesView& out) noexcept {
  std::uint64_t length = 0;
  if (!read_varint(length)) return false;
  if (length > limits_.max_vector_length) return fail(Errc::length_limit);
  return read_bytes(static_cast<std::size_t>(length), out);
}

bool Reader::read_vector(Reader& out) noexcept {
  BytesView contents;
  if (!read_vector(contents)) return false;
  out = Reader(contents, limits_);
  out.shared_budget_ = &budget_left();
  return true;
}

bool Reader::charge(std::size_t bytes) noexcept {
  if (failed_) return false;
  std::size_t& left = budget_left();
  if (bytes > left || allocation_overhead > left - bytes) return fail(Errc::decode_limit);
  left -= bytes + allocation_overhead;
  return true;
}

void Reader::refund(std::size_t bytes) noexcept {
  budget_left() += bytes + allocation_overhead;
}

}  // namespace conclave::codec
