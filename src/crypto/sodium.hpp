#pragma once

namespace conclave::crypto {

// Initializes libsodium once (it picks its fastest implementations then);
// every user of libsodium calls this before its first operation.
void ensure_sodium();

}  // namespace conclave::crypto
