#include "sodium.hpp"

#include <sodium.h>

#include <stdexcept>

namespace conclave::crypto {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialize");
}

}  // namespace conclave::crypto
