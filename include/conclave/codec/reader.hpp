#pragma once

/// @file
/// The decoder side of the TLS presentation language: a bounds-checked cursor.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/limits.hpp"
#include "conclave/error.hpp"

namespace conclave::codec {

/// A bounds-checked cursor over borrowed bytes. Reads never copy: byte
/// strings come back as views into the input. The first failure is sticky:
/// every later read fails too, and error() names the first cause.
///
/// Each read returns true and advances on success; on failure it returns
/// false, leaves `out` unchanged, and records the code that error() returns.
/// A read after a failure returns false at once and records nothing new.
///
/// A reader carries the memory budget of its decode (Limits::memory_budget()
/// of its input's size), which the readers it makes for nested vectors share,
/// so that nesting cannot multiply it: codecs charge() it for every
/// allocation a decoded value makes.
class Reader {
 public:
  /// A reader over `data`, which must outlive the reader and every view it
  /// returns; `limits` bound the vector lengths it accepts and give its
  /// memory budget.
  explicit Reader(BytesView data, Limits limits = {}) noexcept
      : data_(data), limits_(limits), own_budget_(limits.memory_budget(data.size())) {}

  /// Reads one byte. @errors `Errc::truncated` at the end of the input.
  bool read_u8(std::uint8_t& out) noexcept;
  /// Reads a big-endian 16-bit integer. @errors `Errc::truncated` when fewer than 2 bytes remain.
  bool read_u16(std::uint16_t& out) noexcept;
  /// Reads a big-endian 32-bit integer. @errors `Errc::truncated` when fewer than 4 bytes remain.
  bool read_u32(std::uint32_t& out) noexcept;
  /// Reads a big-endian 64-bit integer. @errors `Errc::truncated` when fewer than 8 bytes remain.
  bool read_u64(std::uint64_t& out) noexcept;

  /// RFC 9420 section 2.1.2 variable-length integer, minimal encoding only.
  ///
  /// @errors `Errc::truncated` when the input ends inside the integer;
  /// `Errc::invalid_varint` for the reserved `0b11` length prefix;
  /// `Errc::non_minimal_varint` when a shorter encoding of the value exists.
  bool read_varint(std::uint64_t& out) noexcept;
  /// Exactly `size` bytes, as a view into the input.
  ///
  /// @errors `Errc::truncated` when fewer than `size` bytes remain.
  bool read_bytes(std::size_t size, BytesView& out) noexcept;
  /// A varint length then that many bytes, checked against the limits; `out`
  /// views the bytes in the input.
  ///
  /// @errors those of read_varint() for the length; `Errc::length_limit` when
  /// the length exceeds Limits::max_vector_length; `Errc::truncated` when
  /// fewer bytes remain than the length declares.
  bool read_vector(BytesView& out) noexcept;
  /// The same, as a reader over the vector's contents. `out` is replaced by a
  /// fresh reader with this reader's limits that shares this reader's memory
  /// budget (so it must not outlive this reader); a failure inside it is not
  /// recorded here until the caller passes it to fail().
  ///
  /// @errors those of read_vector(BytesView&).
  bool read_vector(Reader& out) noexcept;

  /// Takes an allocation of `bytes` (plus allocation_overhead, the
  /// allocator's own cost of a block) from the memory budget.
  ///
  /// @errors `Errc::decode_limit` when the budget left is smaller.
  bool charge(std::size_t bytes) noexcept;
  /// Gives back to the memory budget an allocation of `bytes` that charge()
  /// took and the decoded value no longer holds.
  void refund(std::size_t bytes) noexcept;
  /// What charge() adds to each allocation: the allocator's header and
  /// rounding of a block (32 bytes, glibc's smallest chunk).
  static constexpr std::size_t allocation_overhead = 32;
  /// The memory budget left, in bytes.
  std::size_t budget() const noexcept { return shared_budget_ ? *shared_budget_ : own_budget_; }

  /// Records a failure (keeping the first) and returns false.
  ///
  /// Codecs call it to report a value the wire format forbids, such as
  /// `Errc::invalid_value` or `Errc::unknown_variant`.
  ///
  /// @return always false, so a codec can `return r.fail(code);`.
  bool fail(Errc code) noexcept;

  /// True while no read has failed.
  bool ok() const noexcept { return !failed_; }
  /// The code of the first failure; `Errc::internal` while ok().
  Errc error() const noexcept { return error_; }
  /// True when every byte has been read.
  bool empty() const noexcept { return position_ == data_.size(); }
  /// The number of bytes not yet read.
  std::size_t remaining() const noexcept { return data_.size() - position_; }
  /// The limits this reader checks.
  const Limits& limits() const noexcept { return limits_; }

 private:
  template <class Int>
  bool read_big_endian(Int& out) noexcept;
  // The budget this reader charges: its own, or its decode's when it reads
  // a nested vector.
  std::size_t& budget_left() noexcept { return shared_budget_ ? *shared_budget_ : own_budget_; }

  BytesView data_;
  std::size_t position_ = 0;
  Limits limits_;
  std::size_t own_budget_;
  std::size_t* shared_budget_ = nullptr;
  bool failed_ = false;
  Errc error_ = Errc::internal;
};

}  // namespace conclave::codec
