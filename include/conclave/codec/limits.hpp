#pragma once

/// @file
/// Decoding limits for untrusted input.

#include <cstddef>

namespace conclave::codec {

/// Bounds applied while decoding untrusted input.
struct Limits {
  /// The largest length any single variable-length vector may declare. The
  /// RFC allows up to 2^30 - 1; a receiver picks its own bound. Longer
  /// declared lengths fail with `Errc::length_limit`.
  std::size_t max_vector_length = std::size_t{1} << 24;
};

}  // namespace conclave::codec
