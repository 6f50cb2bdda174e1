#pragma once

/// @file
/// Argon2id version 0x13 (RFC 9106) on one lane, through libsodium.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

/// The cost parameters of one Argon2id computation (RFC 9106 section 3.1).
struct Argon2idParams {
  std::uint64_t passes;      ///< t: the number of passes over memory, at least 1.
  std::size_t memory_bytes;  ///< m, in bytes (a whole number of KiB, at least 8 KiB).
};

/// The salt size argon2id() accepts, in bytes.
inline constexpr std::size_t argon2id_salt_size = 16;

/// `length` bytes of Argon2id(password, salt), with parallelism 1 and no
/// secret key or associated data.
///
/// @param password the password, at most 2^32 - 1 bytes.
/// @param salt exactly argon2id_salt_size bytes.
/// @param params the pass count and memory size.
/// @param length the output size in bytes, at least 16.
///
/// @errors `Errc::invalid_length` for a salt other than 16 bytes;
/// `Errc::invalid_argument` for parameters libsodium refuses (`length`
/// below 16, zero passes, memory below 8 KiB or not a whole number of KiB, a
/// password longer than 2^32 - 1 bytes); `Errc::internal` when the memory
/// cannot be had, or for a pass count, memory size or length above
/// libsodium's maxima.
Result<Secret> argon2id(BytesView password, BytesView salt, Argon2idParams params, std::size_t length);

}  // namespace conclave::crypto
