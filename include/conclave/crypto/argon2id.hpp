#pragma once

// Argon2id version 0x13 (RFC 9106) on one lane, through libsodium.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

struct Argon2idParams {
  std::uint64_t passes;      // t
  std::size_t memory_bytes;  // m, in bytes (a whole number of KiB)
};

inline constexpr std::size_t argon2id_salt_size = 16;

// `length` bytes of Argon2id(password, salt). Errors: invalid_length for a
// salt other than 16 bytes, invalid_argument for parameters libsodium
// refuses, internal when the memory cannot be had.
Result<Secret> argon2id(BytesView password, BytesView salt, Argon2idParams params, std::size_t length);

}  // namespace conclave::crypto
