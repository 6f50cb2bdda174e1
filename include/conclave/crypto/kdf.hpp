#pragma once

/// @file
/// HKDF (RFC 5869) and PBKDF2 (RFC 8018).

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

/// RFC 9180 section 7.2 KDF identifiers: HKDF over SHA-256, SHA-384 or SHA-512.
enum class KdfId : std::uint16_t { hkdf_sha256 = 0x0001, hkdf_sha384 = 0x0002, hkdf_sha512 = 0x0003 };

/// HKDF (RFC 5869) over one hash function.
class Kdf {
 public:
  /// The HKDF for `id`.
  ///
  /// @errors `Errc::unsupported_algorithm` for an identifier not listed in KdfId.
  static Result<Kdf> find(KdfId id);
  /// HKDF over `hash`, for protocols that name the hash rather than a KdfId.
  static Kdf over(HashId hash) noexcept { return Kdf(hash); }

  /// The underlying hash function.
  HashId hash() const noexcept { return hash_; }
  /// Nh: the size of the extract output.
  std::size_t size() const noexcept { return digest_size(hash_); }

  /// HKDF-Extract (RFC 5869 section 2.2): a pseudorandom key of size() bytes
  /// from the input keying material `ikm`. An empty `salt` acts as Nh zero bytes.
  ///
  /// @throws what hmac() throws.
  Secret extract(BytesView salt, BytesView ikm) const;
  /// HKDF-Expand (RFC 5869 section 2.3): `length` bytes from the pseudorandom
  /// key `prk`, bound to the context `info`.
  ///
  /// @errors `Errc::invalid_length` beyond 255 * Nh bytes (RFC 5869 section 2.3).
  /// @throws what hmac() throws.
  Result<Secret> expand(BytesView prk, BytesView info, std::size_t length) const;

 private:
  explicit Kdf(HashId hash) noexcept : hash_(hash) {}
  HashId hash_;
};

/// PBKDF2 with HMAC (RFC 8018 section 5.2). Fails with invalid_argument for
/// zero iterations or length.
///
/// @param hash the hash under HMAC, the pseudorandom function.
/// @param password the password.
/// @param salt the salt.
/// @param iterations the iteration count c, at least 1.
/// @param length the output size in bytes, at least 1.
///
/// @errors `Errc::invalid_argument` for zero `iterations` or `length`, or
/// when `iterations`, `length`, the password size or the salt size exceeds
/// `INT_MAX`; `Errc::internal` if OpenSSL fails.
Result<Secret> pbkdf2_hmac(HashId hash, BytesView password, BytesView salt,
                           std::uint32_t iterations, std::size_t length);

}  // namespace conclave::crypto
