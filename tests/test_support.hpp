#pragma once

// Helpers shared by the test files: hex literals, readable error codes, and
// assertions on Result and Status.

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave {

// GoogleTest prints error codes by name.
inline void PrintTo(Errc code, std::ostream* os) { *os << to_string(code); }

}  // namespace conclave

namespace conclave::test {

// Sanitizers and unoptimized builds run several times slower: tests that
// bound time multiply their bounds by this (memory bounds are not scaled).
// build/asan's library also counts its coverage: ASan, UBSan and the counters
// together run up to twenty times slower than the release build (the release
// suite keeps the bounds themselves).
#if defined(__SANITIZE_ADDRESS__) || !defined(NDEBUG)
inline constexpr double time_scale = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr double time_scale = 20;
#else
inline constexpr double time_scale = 1;
#endif
#else
inline constexpr double time_scale = 1;
#endif

// The bytes of a hex literal; a malformed literal is a bug in the test.
inline Bytes hex(std::string_view text) {
  auto bytes = from_hex(text);
  if (!bytes) throw std::invalid_argument("bad hex literal in test: " + std::string(text));
  return std::move(*bytes);
}

inline Bytes copy_of(BytesView bytes) { return Bytes(bytes.begin(), bytes.end()); }

// A copy of `bytes` with one bit of one byte inverted.
inline Bytes with_bit_flipped(BytesView bytes, std::size_t index, std::uint8_t mask = 0x01) {
  Bytes out = copy_of(bytes);
  out.at(index) ^= mask;
  return out;
}

// A call's outcome as a Status, for checks that need only whether it failed.
template <class T>
Status status_of(const Result<T>& result) {
  return result ? Status{} : Status{result.error()};
}

// For a Result<T> or a Status: succeeded, or says which code it failed with.
template <class R>
::testing::AssertionResult is_ok(const R& result) {
  if (result.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "failed with " << to_string(result.error());
}

// For a Result<T> or a Status: failed with exactly `expected`.
template <class R>
::testing::AssertionResult fails_with(const R& result, Errc expected) {
  if (result.ok()) {
    return ::testing::AssertionFailure() << "succeeded; expected " << to_string(expected);
  }
  if (result.error() != expected) {
    return ::testing::AssertionFailure()
           << "failed with " << to_string(result.error()) << "; expected " << to_string(expected);
  }
  return ::testing::AssertionSuccess();
}

}  // namespace conclave::test
