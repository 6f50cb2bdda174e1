#pragma once

#include <cstddef>

namespace conclave::codec {

// Bounds applied while decoding untrusted input.
struct Limits {
  // The largest length any single variable-length vector may declare. The
  // RFC allows up to 2^30 - 1; a receiver picks its own bound.
  std::size_t max_vector_length = std::size_t{1} << 24;
};

}  // namespace conclave::codec
