#pragma once

// The interpreter capi_fuzz runs: it reads the C API's arguments from the
// input bytes and keeps what the calls made. Handles live in eight slots
// that any call may read as any kind, so freed handles, handles of another
// kind, NULL and raw values all reach every function. Outputs go into a
// pool of eight byte strings that later calls take as input (whole, or
// with one byte changed). Every call must return a status the library
// names, and a failed call must leave its outputs as they were passed.
//
// The encoding (each read gives 0 once the input is spent):
//   handle: a byte; below 0xF0 the slot (byte % 8), to 0xF7 NULL, above a
//     raw 64-bit value that follows;
//   bytes: a byte m; below 0x80 pool entry m % 8; to 0xBF that entry with
//     the byte at a following 16-bit index xored with a following byte; to
//     0xEF fresh bytes, as many as the next byte says; to 0xF7 NULL and 0;
//     above NULL with a non-zero size;
//   string: a byte; below 0xF0 a pool entry up to its first NUL; to 0xF7
//     NULL; above fresh characters, as many as the next byte says;
//   out buffer: a byte; below 0xF0 an empty buffer, to 0xF7 NULL, above a
//     buffer that is not empty (which every function must refuse);
//   a new handle: after the call, a byte: the slot it goes into.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "conclave.h"

namespace fuzz {

class CapiMachine {
 public:
  static constexpr std::size_t slot_count = 8;
  static constexpr std::size_t caller_capacity = 8192;

  CapiMachine(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  CapiMachine(const CapiMachine&) = delete;
  CapiMachine& operator=(const CapiMachine&) = delete;
  ~CapiMachine() {
    for (auto it = made_.rbegin(); it != made_.rend(); ++it) it->second(it->first);
  }

  bool done() const { return offset_ >= size_; }

  /// Starts a call: the arguments of the last one are dropped.
  void next_call() {
    arguments_.clear();
    strings_.clear();
  }

  std::uint8_t byte() { return offset_ < size_ ? data_[offset_++] : 0; }
  template <class Unsigned>
  Unsigned number() {
    Unsigned value = 0;
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i) value = static_cast<Unsigned>(value | Unsigned{byte()} << (8 * i));
    return value;
  }
  int flag() { return byte() & 1; }

  /// A handle argument of any kind.
  template <class Handle>
  Handle* handle() {
    const std::uint8_t selector = byte();
    if (selector < 0xF0) return reinterpret_cast<Handle*>(slots_[selector % slot_count]);
    if (selector < 0xF8) return nullptr;
    return reinterpret_cast<Handle*>(number<std::uintptr_t>());
  }

  /// Input bytes as a pointer and an honest size (or NULL with a size).
  std::pair<const std::uint8_t*, std::size_t> bytes() {
    const std::uint8_t mode = byte();
    if (mode >= 0xF0) return {nullptr, mode < 0xF8 ? 0 : std::size_t{byte()} + 1};
    auto& argument = arguments_.emplace_back(mode < 0xC0 ? pool_[mode % slot_count] : fresh(byte()));
    if (mode >= 0x80 && mode < 0xC0 && !argument.empty()) {
      const auto index = number<std::uint16_t>() % argument.size();
      argument[index] = static_cast<std::uint8_t>(argument[index] ^ byte());
    }
    return {argument.data(), argument.size()};
  }

  /// A NUL-terminated string argument, or NULL.
  const char* string() {
    const std::uint8_t mode = byte();
    if (mode >= 0xF0 && mode < 0xF8) return nullptr;
    const auto characters = mode < 0xF0 ? pool_[mode % slot_count] : fresh(byte());
    auto& text = strings_.emplace_back(characters.begin(), characters.end());
    text.resize(std::strlen(text.c_str()));
    return text.c_str();
  }

  /// A library-allocated output as the input picks it: empty, NULL, or not
  /// empty (which every function must refuse).
  struct Out {
    conclave_buffer buffer{nullptr, 0};
    conclave_buffer* pointer = &buffer;
    bool not_empty = false;
  };
  void out_buffer(Out& out) {
    const std::uint8_t mode = byte();
    if (mode >= 0xF0 && mode < 0xF8) out.pointer = nullptr;
    if (mode >= 0xF8) {
      out.buffer = {&not_empty_, 1};
      out.not_empty = true;
    }
  }

  /// A caller buffer of the capacity the input picks (0 to 8192).
  std::pair<std::uint8_t*, std::size_t> caller_buffer() {
    static constexpr std::array<std::size_t, 8> capacities = {0, 1, 12, 32, 64, 100, 1024, caller_capacity};
    const std::uint8_t mode = byte();
    if (mode >= 0xF0) return {nullptr, 0};
    return {caller_.data(), capacities[mode % capacities.size()]};
  }

  /// Checks a call's status: one the library names; on an error, `unchanged` must hold.
  void check(int status, bool unchanged = true) {
    if (std::strcmp(conclave_status_name(status), "unknown status") == 0) std::abort();
    if (status != CONCLAVE_OK && !unchanged) std::abort();
  }

  /// Checks a constructor's call: a handle on success (kept in the slot the
  /// input picks, and freed by `Free` at the end), none on an error.
  template <class Handle, void (*Free)(Handle*)>
  void made(int status, Handle* made) {
    const std::size_t slot = byte() % slot_count;  // read whatever the outcome, so the program stays aligned
    check(status, made == nullptr);
    if (status != CONCLAVE_OK) return;
    if (made == nullptr) std::abort();
    const auto value = reinterpret_cast<std::uintptr_t>(made);
    slots_[slot] = value;
    made_.emplace_back(value, [](std::uintptr_t handle) { Free(reinterpret_cast<Handle*>(handle)); });
  }

  /// Checks a call with a library-allocated output: success only with an
  /// empty buffer passed, an error leaves it as passed. Keeps the bytes and
  /// frees the buffer.
  void took(int status, Out& out) {
    const bool refusable = out.pointer == nullptr || out.not_empty;
    if (status == CONCLAVE_OK && refusable) std::abort();
    const bool as_passed = out.not_empty ? out.buffer.data == &not_empty_ && out.buffer.size == 1
                                         : out.buffer.data == nullptr && out.buffer.size == 0;
    check(status, as_passed);
    if (status != CONCLAVE_OK) return;
    keep(out.buffer.data, out.buffer.size);
    conclave_buffer_free(&out.buffer);
  }

  /// Checks a call with a caller buffer: on success, `written` (0 when not
  /// asked for) is within the capacity. Keeps the bytes.
  void wrote(int status, const std::uint8_t* out, std::size_t capacity, std::size_t written) {
    check(status);
    if (status != CONCLAVE_OK) return;
    if (written > capacity) std::abort();
    keep(out, written);
  }

  /// Puts output bytes into the pool.
  void keep(const std::uint8_t* data, std::size_t size) {
    pool_[next_pool_++ % slot_count].assign(data, data + size);
  }

 private:
  std::vector<std::uint8_t> fresh(std::size_t count) {
    count = std::min(count, size_ - offset_);
    std::vector<std::uint8_t> taken(data_ + offset_, data_ + offset_ + count);
    offset_ += count;
    return taken;
  }

  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t offset_ = 0;
  std::array<std::uintptr_t, slot_count> slots_{};
  std::vector<std::pair<std::uintptr_t, void (*)(std::uintptr_t)>> made_;
  std::array<std::vector<std::uint8_t>, slot_count> pool_{};
  std::size_t next_pool_ = 0;
  std::deque<std::vector<std::uint8_t>> arguments_;
  std::deque<std::string> strings_;
  std::array<std::uint8_t, caller_capacity> caller_{};
  std::uint8_t not_empty_ = 0;
};

using CapiOp = void (*)(CapiMachine&);

}  // namespace fuzz
