#pragma once

// The sealing the meeting's metadata and session key share (private to the
// library): IV (12 random bytes) | AES-256-GCM(key, IV, aad, plaintext) | tag.

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

inline constexpr std::size_t iv_first_gcm_iv_size = 12;
inline constexpr std::size_t iv_first_gcm_overhead = iv_first_gcm_iv_size + 16;

Result<Bytes> seal_iv_first(BytesView key, BytesView aad, BytesView plaintext, crypto::RandomSource& random);
// aead_failure for a tampered, truncated or foreign input. The caller
// zeroizes the plaintext when it is secret.
Result<Bytes> open_iv_first(BytesView key, BytesView aad, BytesView sealed);

}  // namespace conclave::meeting
