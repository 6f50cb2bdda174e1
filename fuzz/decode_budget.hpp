#pragma once

// The decoding budget as a fuzz target checks it (issue 18): every C++
// allocation is counted, and decode_within_budget() traps when a decode's
// peak allocation exceeds budget_factor times its input plus
// budget_constant. The fuzzers run with -malloc_limit_mb as well, which
// stops any single allocation beyond it; this check finds the slower
// multiplication of many small ones. Include it from exactly one source file
// of a target: it replaces the global operator new and delete.

#include <malloc.h>

#include <cstddef>
#include <cstdlib>
#include <new>

#include "conclave/codec/limits.hpp"

namespace conclave::fuzz {

inline std::size_t live_bytes = 0;
inline std::size_t peak_bytes = 0;

// Limits for the decoder targets: vectors up to 1 MiB (the targets read
// inputs up to 1 MB), and a memory budget of twice the input plus 1 MiB.
inline constexpr codec::Limits fuzz_limits{.max_vector_length = std::size_t{1} << 20,
                                           .memory_per_input_byte = 2,
                                           .memory_base = std::size_t{1} << 20};

// k and the constant a target asserts: the budget above, doubled for what
// the codec does not charge (a decoded value's own object, a tree's arrays
// of some 70 bytes a node, the allocator's rounding), plus 1 MiB.
inline constexpr std::size_t budget_factor = 2 * fuzz_limits.memory_per_input_byte;
inline constexpr std::size_t budget_constant = 2 * fuzz_limits.memory_base + (std::size_t{1} << 20);

// Runs `decode` on an input of `size` bytes and traps when its peak
// allocation exceeds budget_factor * size + budget_constant.
template <class Decode>
auto decode_within_budget(std::size_t size, Decode&& decode) {
  const std::size_t before = live_bytes;
  peak_bytes = before;
  auto result = decode();
  if (peak_bytes - before > budget_factor * size + budget_constant) __builtin_trap();
  return result;
}

}  // namespace conclave::fuzz

[[gnu::noinline]] void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  conclave::fuzz::live_bytes += malloc_usable_size(p);
  if (conclave::fuzz::live_bytes > conclave::fuzz::peak_bytes) {
    conclave::fuzz::peak_bytes = conclave::fuzz::live_bytes;
  }
  return p;
}
[[gnu::noinline]] void* operator new[](std::size_t size) { return operator new(size); }
[[gnu::noinline]] void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  conclave::fuzz::live_bytes -= malloc_usable_size(p);
  std::free(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { operator delete(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { operator delete(p); }
