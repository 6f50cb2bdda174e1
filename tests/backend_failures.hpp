#pragma once

// The test side of the failure-injection hook (src/crypto/backend_failure.hpp):
// run an operation once with each of its OpenSSL, libsodium and libxcrypt
// calls failing in turn, and check every outcome. Needs a build with the CMake
// option CONCLAVE_FAULT_INJECTION (build/asan has it); elsewhere such tests
// are skipped.

#include <gtest/gtest.h>

#include <cstddef>
#include <initializer_list>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>

#include "conclave/error.hpp"
#include "crypto/backend_failure.hpp"
#include "test_support.hpp"

namespace conclave::test {

// What an operation returned, or nothing when it threw std::runtime_error or
// std::bad_alloc: what hash(), hmac() (so Kdf::extract and what uses it) and
// SRP's bignum arithmetic document for a backend failure.
template <class R>
using BackendOutcome = std::optional<R>;

// The outcome of a failed backend call: one of the documented exceptions, or
// a Result<T> or Status that failed with one of `expected` (a function's
// documented error may depend on which call failed: an AEAD's open reports
// its last call's failure as a tag that does not verify).
template <class R>
::testing::AssertionResult failed_typed(const BackendOutcome<R>& outcome,
                                        std::initializer_list<Errc> expected) {
  if (!outcome) return ::testing::AssertionSuccess();
  if (outcome->ok()) return ::testing::AssertionFailure() << "succeeded; expected a failure";
  for (const Errc code : expected) {
    if (outcome->error() == code) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "failed with " << to_string(outcome->error());
}

#ifdef CONCLAVE_FAULT_INJECTION

// Disarms the hook however the run ends, so that no later call is armed.
class ArmedBackendFailure {
 public:
  explicit ArmedBackendFailure(std::size_t index) noexcept { crypto::arm_backend_failure(index); }
  ~ArmedBackendFailure() { crypto::disarm_backend_failure(); }
  ArmedBackendFailure(const ArmedBackendFailure&) = delete;
  ArmedBackendFailure& operator=(const ArmedBackendFailure&) = delete;
  // Disarms; true when the armed call was reached.
  bool reached() noexcept { return crypto::disarm_backend_failure(); }
};

// Runs `operation` once, the hook's call `index` armed; `reached` tells
// whether that call came.
template <class Operation>
auto run_armed(Operation& operation, std::size_t index, bool& reached)
    -> BackendOutcome<decltype(operation())> {
  ArmedBackendFailure armed(index);
  BackendOutcome<decltype(operation())> outcome;
  try {
    outcome.emplace(operation());
  } catch (const std::runtime_error&) {
  } catch (const std::bad_alloc&) {
  }
  reached = armed.reached();
  return outcome;
}

#endif

// Runs `operation` with backend call 0 failing, then call 1, 2, ... until a
// run completes without reaching the armed call (and so must succeed), and
// passes each failed run's BackendOutcome to `check`, which asserts the typed
// error (failed_typed) and that the state is unchanged. Without the option it
// skips the test (call it last: the skip returns from this function only).
template <class Operation, class Check>
void with_each_backend_call_failing(Operation&& operation, Check&& check) {
#ifdef CONCLAVE_FAULT_INJECTION
  for (std::size_t index = 0;; ++index) {
    bool reached = false;
    const auto outcome = run_armed(operation, index, reached);
    if (!reached) {
      EXPECT_GT(index, 0u) << "the operation made no checked backend call";
      EXPECT_TRUE(outcome && outcome->ok()) << "failed without an injected failure";
      return;
    }
    SCOPED_TRACE("with backend call " + std::to_string(index) + " failing");
    check(outcome);
    if (::testing::Test::HasFatalFailure()) return;
  }
#else
  static_cast<void>(operation);
  static_cast<void>(check);
  GTEST_SKIP() << "needs a build with CONCLAVE_FAULT_INJECTION";
#endif
}

}  // namespace conclave::test
