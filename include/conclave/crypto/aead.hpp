#pragma once

/// @file
/// Authenticated encryption: AES-GCM and ChaCha20-Poly1305 through OpenSSL.

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

/// RFC 9180 section 7.3 AEAD identifiers.
enum class AeadId : std::uint16_t {
  aes_128_gcm = 0x0001,        ///< AES-128-GCM: 16-byte key.
  aes_256_gcm = 0x0002,        ///< AES-256-GCM: 32-byte key.
  chacha20_poly1305 = 0x0003,  ///< ChaCha20-Poly1305 (RFC 8439): 32-byte key.
  export_only = 0xffff,        ///< HPKE export-only: no encryption, only secret export.
};

/// An AEAD algorithm; the ciphertext carries the tag at its end (RFC 5116).
class Aead {
 public:
  /// Fails for export_only, which has no encryption.
  ///
  /// @errors `Errc::unsupported_algorithm` for `AeadId::export_only` or an
  /// identifier not listed in AeadId.
  static Result<Aead> find(AeadId id);

  /// The algorithm's identifier.
  AeadId id() const noexcept { return id_; }
  /// Nk: the key size in bytes (16 for AES-128-GCM, 32 for the others).
  std::size_t key_size() const noexcept;
  /// Nn: the nonce size in bytes, 12 for every algorithm here.
  std::size_t nonce_size() const noexcept { return 12; }
  /// Nt: the tag size in bytes, 16 for every algorithm here.
  std::size_t tag_size() const noexcept { return 16; }

  /// Encrypts and authenticates `plaintext`, authenticating `aad` as well.
  ///
  /// A nonce must never repeat under one key.
  ///
  /// @return the ciphertext followed by the tag: tag_size() bytes longer than `plaintext`.
  /// @errors `Errc::invalid_length` when `key` is not key_size() bytes or
  /// `nonce` not nonce_size() bytes; `Errc::internal` if OpenSSL fails.
  Result<Bytes> seal(BytesView key, BytesView nonce, BytesView aad, BytesView plaintext) const;
  /// Verifies and decrypts a ciphertext from seal() (the tag at its end).
  ///
  /// No plaintext is released unless the tag verifies.
  ///
  /// @errors `Errc::invalid_length` when `key` or `nonce` has the wrong size;
  /// `Errc::aead_failure` when `ciphertext` is shorter than a tag or the tag
  /// does not verify under `key`, `nonce` and `aad`; `Errc::internal` if
  /// OpenSSL fails.
  Result<Bytes> open(BytesView key, BytesView nonce, BytesView aad, BytesView ciphertext) const;

 private:
  explicit Aead(AeadId id) noexcept : id_(id) {}
  AeadId id_;
};

}  // namespace conclave::crypto
