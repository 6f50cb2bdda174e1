#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// RFC 9180 section 7.3 AEAD identifiers.
enum class AeadId : std::uint16_t {
  aes_128_gcm = 0x0001,
  aes_256_gcm = 0x0002,
  chacha20_poly1305 = 0x0003,
  export_only = 0xffff,
};

// An AEAD algorithm; the ciphertext carries the tag at its end (RFC 5116).
class Aead {
 public:
  // Fails for export_only, which has no encryption.
  static Result<Aead> find(AeadId id);

  AeadId id() const noexcept { return id_; }
  std::size_t key_size() const noexcept;
  std::size_t nonce_size() const noexcept { return 12; }
  std::size_t tag_size() const noexcept { return 16; }

  Result<Bytes> seal(BytesView key, BytesView nonce, BytesView aad, BytesView plaintext) const;
  Result<Bytes> open(BytesView key, BytesView nonce, BytesView aad, BytesView ciphertext) const;

 private:
  explicit Aead(AeadId id) noexcept : id_(id) {}
  AeadId id_;
};

}  // namespace conclave::crypto
