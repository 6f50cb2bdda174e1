#pragma once

#include <cstddef>
#include <span>

namespace conclave::srp {

struct GroupConstants {
  std::size_t bits;
  const char* modulus;    // big-endian hex
  const char* generator;  // big-endian hex
};

// RFC 5054 appendix A, smallest first.
std::span<const GroupConstants> rfc5054_group_constants() noexcept;

}  // namespace conclave::srp
