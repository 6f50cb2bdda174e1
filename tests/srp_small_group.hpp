#pragma once

// A 64-bit SRP group, far below what Group::create accepts, for the tests
// and fuzzers that run SRP's code paths without its big-number cost.

#include <array>
#include <cstdint>
#include <memory>

#include "conclave/srp/group.hpp"
#include "srp/group_state.hpp"

namespace conclave::test {

// N = 0x8000000000005e83, a safe prime (N and (N-1)/2 prime) with N = 3 mod
// 8, so that g = 2, a quadratic non-residue, generates Z_N*: what Proton's
// clients ask of a modulus, at 64 bits.
inline srp::Group small_srp_group() {
  constexpr std::array<std::uint8_t, 8> modulus{0x80, 0, 0, 0, 0, 0, 0x5e, 0x83};
  constexpr std::array<std::uint8_t, 1> generator{2};
  constexpr auto order = srp::ByteOrder::big_endian;
  return srp::GroupState::to_group(std::make_shared<const srp::GroupState>(
      srp::to_bignum(modulus, order), srp::to_bignum(generator, order)));
}

}  // namespace conclave::test
