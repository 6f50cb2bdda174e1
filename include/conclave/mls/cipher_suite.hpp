#pragma once

/// @file
/// RFC 9420 sections 5 and 17.1: cipher suites, and the labeled hashing,
/// derivation, signing and encryption operations built on them.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/hpke.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/crypto/signature.hpp"
#include "conclave/error.hpp"

namespace conclave::mls {

/// RFC 9420 section 17.1: the "MLS Cipher Suites" registry. Each name gives
/// the security level, KEM, AEAD, hash and signature scheme. A field of this
/// type holds any 16-bit value; CipherSuite::find() accepts the seven below.
enum class CipherSuiteId : std::uint16_t {
  mls_128_dhkemx25519_aes128gcm_sha256_ed25519 = 0x0001,  ///< X25519, AES-128-GCM, SHA-256, Ed25519.
  mls_128_dhkemp256_aes128gcm_sha256_p256 = 0x0002,  ///< P-256, AES-128-GCM, SHA-256, ECDSA P-256.
  mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519 = 0x0003,  ///< X25519, ChaCha20-Poly1305, SHA-256, Ed25519.
  mls_256_dhkemx448_aes256gcm_sha512_ed448 = 0x0004,  ///< X448, AES-256-GCM, SHA-512, Ed448.
  mls_256_dhkemp521_aes256gcm_sha512_p521 = 0x0005,  ///< P-521, AES-256-GCM, SHA-512, ECDSA P-521.
  mls_256_dhkemx448_chacha20poly1305_sha512_ed448 = 0x0006,  ///< X448, ChaCha20-Poly1305, SHA-512, Ed448.
  mls_256_dhkemp384_aes256gcm_sha384_p384 = 0x0007,  ///< P-384, AES-256-GCM, SHA-384, ECDSA P-384.
};

/// RFC 9420 section 5.1.3: HPKECiphertext, the output of EncryptWithLabel.
struct HpkeCiphertext {
  Bytes kem_output;  ///< The HPKE encapsulated key (`enc`).
  Bytes ciphertext;  ///< The AEAD ciphertext, with its tag.
  CONCLAVE_FIELDS(kem_output, ciphertext)
  /// Memberwise equality.
  friend bool operator==(const HpkeCiphertext&, const HpkeCiphertext&) = default;
};

/// A cipher suite's algorithms and the labeled operations of RFC 9420
/// section 5, each prefixing its label with "MLS 1.0 " (all but ref_hash()).
class CipherSuite {
 public:
  /// The suite with the given ID.
  /// @errors `Errc::unsupported_algorithm` when `id` is not one of the seven
  /// suites of section 17.1 (an unknown or GREASE value), or an algorithm it
  /// needs is unavailable.
  static Result<CipherSuite> find(CipherSuiteId id);

  /// The suite's registry ID.
  CipherSuiteId id() const noexcept { return id_; }
  /// The suite's hash function, the one its KDF is built on.
  crypto::HashId hash_id() const noexcept { return kdf_.hash(); }
  /// The suite's KDF (HKDF over its hash).
  const crypto::Kdf& kdf() const noexcept { return kdf_; }
  /// The suite's AEAD.
  const crypto::Aead& aead() const noexcept { return aead_; }
  /// The suite's HPKE configuration: its KEM, KDF and AEAD.
  const crypto::Hpke& hpke() const noexcept { return hpke_; }
  /// The suite's signature scheme.
  const crypto::SignatureAlgorithm& signature() const noexcept { return signature_; }
  /// Nh, the size in bytes of every derived secret (the KDF's output size).
  std::size_t secret_size() const noexcept { return kdf_.size(); }

  /// The suite's hash of `data`.
  Bytes hash(BytesView data) const;
  /// Section 5.2: RefHash, H(RefHashInput), the label used as given (with no
  /// "MLS 1.0 " added, so callers pass e.g. "MLS 1.0 KeyPackage Reference").
  Bytes ref_hash(std::string_view label, BytesView value) const;

  /// Section 8: ExpandWithLabel, KDF.Expand over KDFLabel; length at most
  /// 255 * Nh.
  /// @param secret the pseudorandom key to expand.
  /// @param label the label, without the "MLS 1.0 " prefix.
  /// @param context the KDFLabel context.
  /// @param length the output size in bytes.
  /// @errors `Errc::invalid_length` when `length` exceeds 255 * Nh.
  Result<crypto::Secret> expand_with_label(BytesView secret, std::string_view label,
                                           BytesView context, std::size_t length) const;
  /// Section 8: DeriveSecret, ExpandWithLabel with an empty context and Nh
  /// bytes of output; it cannot fail.
  crypto::Secret derive_secret(BytesView secret, std::string_view label) const;
  /// Section 9: DeriveTreeSecret, ExpandWithLabel whose context is the
  /// generation as a uint32.
  /// @param secret the secret to derive from.
  /// @param label the label, without the "MLS 1.0 " prefix.
  /// @param generation the ratchet generation, the KDFLabel context.
  /// @param length the output size in bytes.
  /// @errors `Errc::invalid_length` when `length` exceeds 255 * Nh.
  Result<crypto::Secret> derive_tree_secret(BytesView secret, std::string_view label,
                                            std::uint32_t generation, std::size_t length) const;

  /// Section 5.1.2: SignWithLabel, a signature over SignContent (the
  /// prefixed label and `content`) with the suite's signature scheme.
  /// @errors `Errc::invalid_private_key` when `private_key` is not a valid
  /// key for the scheme; `Errc::internal` if the crypto provider fails.
  Result<Bytes> sign_with_label(const crypto::Secret& private_key, std::string_view label,
                                BytesView content) const;
  /// Section 5.1.2: VerifyWithLabel, checks `signature` over SignContent (the
  /// prefixed label and `content`) under `public_key`.
  /// @errors `Errc::signature_invalid` when the signature does not verify
  /// (including one of the wrong size); `Errc::invalid_public_key` when
  /// `public_key` is not a valid key for the scheme; `Errc::internal` if the
  /// crypto provider fails.
  Status verify_with_label(BytesView public_key, std::string_view label, BytesView content,
                           BytesView signature) const;

  /// Section 5.1.3: EncryptWithLabel, HPKE base mode with EncryptContext (the
  /// prefixed label and `context`) as info, empty aad.
  /// @param public_key the recipient's HPKE public key.
  /// @param label the label, without the "MLS 1.0 " prefix.
  /// @param context the EncryptContext context.
  /// @param plaintext the bytes to encrypt.
  /// @param random the source of the ephemeral KEM key.
  /// @errors `Errc::invalid_public_key` when `public_key` is not a valid key
  /// for the suite's KEM; `Errc::dh_failure` when the shared secret is
  /// degenerate; `Errc::internal` if the crypto provider fails.
  Result<HpkeCiphertext> encrypt_with_label(BytesView public_key, std::string_view label,
                                            BytesView context, BytesView plaintext,
                                            crypto::RandomSource& random) const;
  /// The EncryptContext of `label` (without its prefix) and `context`,
  /// prepared for many recipients of one label and context (a Welcome's new
  /// members): the EncryptContext is encoded and hashed once, then passed to
  /// the encrypt_with_label() overload that takes it.
  crypto::HpkePreparedInfo encrypt_context(std::string_view label, BytesView context) const;
  /// EncryptWithLabel under an EncryptContext prepared by encrypt_context();
  /// equal to the other overload with that label and context.
  /// @param public_key the recipient's HPKE public key.
  /// @param context the prepared EncryptContext.
  /// @param plaintext the bytes to encrypt.
  /// @param random the source of the ephemeral KEM key.
  /// @errors `Errc::invalid_public_key` when `public_key` is not a valid key
  /// for the suite's KEM; `Errc::dh_failure` when the shared secret is
  /// degenerate; `Errc::internal` if the crypto provider fails.
  Result<HpkeCiphertext> encrypt_with_label(BytesView public_key,
                                            const crypto::HpkePreparedInfo& context,
                                            BytesView plaintext,
                                            crypto::RandomSource& random) const;
  /// Section 5.1.3: DecryptWithLabel, opens `ciphertext` with the recipient's
  /// key pair under the EncryptContext of `label` (without its prefix) and
  /// `context`.
  /// @errors `Errc::aead_failure` when the ciphertext does not authenticate
  /// (another key, label or context, or tampering); `Errc::invalid_public_key`
  /// when `kem_output` is not a valid KEM public key; `Errc::dh_failure` when
  /// the shared secret is degenerate; `Errc::invalid_private_key` when the
  /// recipient's private key is not valid for the KEM; `Errc::internal` if
  /// the crypto provider fails.
  Result<Bytes> decrypt_with_label(const crypto::KemKeyPair& recipient, std::string_view label,
                                   BytesView context, const HpkeCiphertext& ciphertext) const;

  /// Section 5.1.1: an HPKE key pair from a secret (HPKE DeriveKeyPair).
  /// @errors `Errc::derive_key_pair_failed` when, on a NIST curve, none of
  /// the 256 candidate scalars is valid (negligibly likely);
  /// `Errc::internal` if the crypto provider fails.
  Result<crypto::KemKeyPair> derive_key_pair(BytesView secret) const;

 private:
  CipherSuite(CipherSuiteId id, crypto::Kdf kdf, crypto::Aead aead, crypto::Hpke hpke,
              crypto::SignatureAlgorithm signature) noexcept
      : id_(id), kdf_(kdf), aead_(aead), hpke_(hpke), signature_(signature) {}

  CipherSuiteId id_;
  crypto::Kdf kdf_;
  crypto::Aead aead_;
  crypto::Hpke hpke_;
  crypto::SignatureAlgorithm signature_;
};

}  // namespace conclave::mls
