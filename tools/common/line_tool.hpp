#pragma once

// What the line-protocol tools (conclave-srp, conclave-capi-peer) share:
// any failure prints "error REASON" on stdout and exits with 1.

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>

#include "conclave/error.hpp"

namespace conclave::tools {

/// Prints "error REASON" and exits with 1.
[[noreturn]] inline void fail(std::string_view reason) {
  std::cout << "error " << reason << std::endl;
  std::exit(1);
}

/// The value of `result`, or fail() with its error.
template <class T>
T value_of(Result<T> result) {
  if (!result) fail(to_string(result.error()));
  return std::move(*result);
}

/// Nothing, or fail() with the error of `status`.
inline void require(const Status& status) {
  if (!status) fail(to_string(status.error()));
}

}  // namespace conclave::tools
