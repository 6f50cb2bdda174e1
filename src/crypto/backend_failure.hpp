#pragma once

// The failure-injection hook. Every OpenSSL, libsodium and libxcrypt call
// whose failure Conclave checks passes its outcome through backend_ok(), so
// that a test can make any one of those calls fail and check that the
// failure gives a typed error and leaves state unchanged. Only builds with
// the CMake option CONCLAVE_FAULT_INJECTION count calls; elsewhere the hook
// is a constant false and costs nothing. Private to the library.

#include <cstddef>

namespace conclave::crypto {

#ifdef CONCLAVE_FAULT_INJECTION
// Counts one backend call on this thread; true when it is the armed one.
bool backend_call_fails() noexcept;

// For tests: the backend calls this thread makes from now on are numbered
// from 0, and call `index` fails.
void arm_backend_failure(std::size_t index) noexcept;
// For tests: stops the injection; true when the armed call was reached.
bool disarm_backend_failure() noexcept;
#else
constexpr bool backend_call_fails() noexcept { return false; }
#endif

// A checked backend call's outcome: false when the call failed or the hook
// makes it fail. Every call is counted, whatever its own outcome.
inline bool backend_ok(bool succeeded) noexcept { return !backend_call_fails() && succeeded; }

}  // namespace conclave::crypto
