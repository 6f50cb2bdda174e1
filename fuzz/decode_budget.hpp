#pragma once

// The decoding budget as a fuzz target checks it (issue 18): every C++
// allocation is counted, and decode_within_budget() traps when a decode's
// peak allocation exceeds budget_factor times its input plus
// budget_constant. The fuzzers run with -malloc_limit_mb as well, which
// stops any single allocation beyond it; this check finds the slower
// multiplication of many small ones. Include it from exactly one source file
// of a target: it replaces the global operator new and delete (see
// tests/peak_allocation.hpp).

#include <cstddef>

#include "conclave/codec/limits.hpp"
#include "peak_allocation.hpp"

namespace conclave::fuzz {

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
  const test::PeakAllocation peak;
  auto result = decode();
  if (peak.bytes() > budget_factor * size + budget_constant) __builtin_trap();
  return result;
}

}  // namespace conclave::fuzz
