#pragma once

#include "backend_failure.hpp"

namespace conclave::crypto {

// Initializes libsodium once (it picks its fastest implementations then);
// every user of libsodium calls this before its first operation.
void ensure_sodium();

// A libsodium call that returns 0 on success, through the failure-injection
// hook (backend_failure.hpp).
inline bool sodium_ok(int result) noexcept { return backend_ok(result == 0); }

}  // namespace conclave::crypto
