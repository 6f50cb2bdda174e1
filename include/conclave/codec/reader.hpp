#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/limits.hpp"
#include "conclave/error.hpp"

namespace conclave::codec {

// A bounds-checked cursor over borrowed bytes. Reads never copy: byte
// strings come back as views into the input. The first failure is sticky:
// every later read fails too, and error() names the first cause.
class Reader {
 public:
  explicit Reader(BytesView data, Limits limits = {}) noexcept
      : data_(data), limits_(limits) {}

  bool read_u8(std::uint8_t& out) noexcept;
  bool read_u16(std::uint16_t& out) noexcept;
  bool read_u32(std::uint32_t& out) noexcept;
  bool read_u64(std::uint64_t& out) noexcept;

  // RFC 9420 section 2.1.2 variable-length integer, minimal encoding only.
  bool read_varint(std::uint64_t& out) noexcept;
  // Exactly `size` bytes.
  bool read_bytes(std::size_t size, BytesView& out) noexcept;
  // A varint length then that many bytes, checked against the limits.
  bool read_vector(BytesView& out) noexcept;
  // The same, as a reader over the vector's contents.
  bool read_vector(Reader& out) noexcept;

  // Records a failure (keeping the first) and returns false.
  bool fail(Errc code) noexcept;

  bool ok() const noexcept { return !failed_; }
  Errc error() const noexcept { return error_; }
  bool empty() const noexcept { return position_ == data_.size(); }
  std::size_t remaining() const noexcept { return data_.size() - position_; }
  const Limits& limits() const noexcept { return limits_; }

 private:
  template <class Int>
  bool read_big_endian(Int& out) noexcept;

  BytesView data_;
  std::size_t position_ = 0;
  Limits limits_;
  bool failed_ = false;
  Errc error_ = Errc::internal;
};

}  // namespace conclave::codec
