#pragma once

/// @file
/// Hash functions and HMAC through OpenSSL.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"

namespace conclave::crypto {

/// A hash function: SHA-256, SHA-384 or SHA-512 (FIPS 180-4), or SHA-1,
/// which is kept only for SRP as RFC 5054 specifies it and must not be used
/// in new designs.
enum class HashId : std::uint8_t { sha1, sha256, sha384, sha512 };

/// The output size of `hash` in bytes; 0 for a value outside HashId.
std::size_t digest_size(HashId hash) noexcept;

/// The digest of `data` under `hash`, digest_size() bytes.
///
/// @throws std::runtime_error if OpenSSL fails (not expected in practice).
Bytes hash(HashId hash, BytesView data);
/// HMAC (RFC 2104) of `data` under `key`, with `hash` as the hash function.
///
/// A key longer than the hash's block size is hashed first, as RFC 2104
/// specifies; any key length, including empty, is accepted.
///
/// @return digest_size() bytes.
/// @throws std::runtime_error if OpenSSL fails, or std::bad_alloc.
Bytes hmac(HashId hash, BytesView key, BytesView data);

}  // namespace conclave::crypto
