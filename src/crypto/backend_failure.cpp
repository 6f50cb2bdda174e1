#include "backend_failure.hpp"

#ifdef CONCLAVE_FAULT_INJECTION

namespace conclave::crypto {

namespace {

// Per thread, so that a test's injection reaches only its own calls.
struct Injection {
  bool armed = false;
  bool reached = false;
  std::size_t remaining = 0;  // calls to count before the armed one
};

thread_local Injection injection;

}  // namespace

bool backend_call_fails() noexcept {
  if (!injection.armed || injection.reached) return false;
  if (injection.remaining > 0) {
    --injection.remaining;
    return false;
  }
  injection.reached = true;
  return true;
}

void arm_backend_failure(std::size_t index) noexcept { injection = {true, false, index}; }

bool disarm_backend_failure() noexcept {
  const bool reached = injection.reached;
  injection = {};
  return reached;
}

}  // namespace conclave::crypto

#endif
