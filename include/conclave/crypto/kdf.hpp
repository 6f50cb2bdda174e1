#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// RFC 9180 section 7.2 KDF identifiers.
enum class KdfId : std::uint16_t { hkdf_sha256 = 0x0001, hkdf_sha384 = 0x0002, hkdf_sha512 = 0x0003 };

// HKDF (RFC 5869) over one hash function.
class Kdf {
 public:
  static Result<Kdf> find(KdfId id);
  static Kdf over(HashId hash) noexcept { return Kdf(hash); }

  HashId hash() const noexcept { return hash_; }
  // Nh: the size of the extract output.
  std::size_t size() const noexcept { return digest_size(hash_); }

  Secret extract(BytesView salt, BytesView ikm) const;
  // Fails with invalid_length beyond 255 * Nh bytes (RFC 5869 section 2.3).
  Result<Secret> expand(BytesView prk, BytesView info, std::size_t length) const;

 private:
  explicit Kdf(HashId hash) noexcept : hash_(hash) {}
  HashId hash_;
};

// PBKDF2 with HMAC (RFC 8018 section 5.2). Fails with invalid_argument for
// zero iterations or length.
Result<Secret> pbkdf2_hmac(HashId hash, BytesView password, BytesView salt,
                           std::uint32_t iterations, std::size_t length);

}  // namespace conclave::crypto
