#pragma once

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

// RFC 9420 section 17.1.
enum class CipherSuiteId : std::uint16_t {
  mls_128_dhkemx25519_aes128gcm_sha256_ed25519 = 0x0001,
  mls_128_dhkemp256_aes128gcm_sha256_p256 = 0x0002,
  mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519 = 0x0003,
  mls_256_dhkemx448_aes256gcm_sha512_ed448 = 0x0004,
  mls_256_dhkemp521_aes256gcm_sha512_p521 = 0x0005,
  mls_256_dhkemx448_chacha20poly1305_sha512_ed448 = 0x0006,
  mls_256_dhkemp384_aes256gcm_sha384_p384 = 0x0007,
};

// RFC 9420 section 5.1.3.
struct HpkeCiphertext {
  Bytes kem_output;
  Bytes ciphertext;
  CONCLAVE_FIELDS(kem_output, ciphertext)
  friend bool operator==(const HpkeCiphertext&, const HpkeCiphertext&) = default;
};

// A cipher suite's algorithms and the labeled operations of RFC 9420
// section 5, each prefixing its label with "MLS 1.0 ".
class CipherSuite {
 public:
  static Result<CipherSuite> find(CipherSuiteId id);

  CipherSuiteId id() const noexcept { return id_; }
  crypto::HashId hash_id() const noexcept { return kdf_.hash(); }
  const crypto::Kdf& kdf() const noexcept { return kdf_; }
  const crypto::Aead& aead() const noexcept { return aead_; }
  const crypto::Hpke& hpke() const noexcept { return hpke_; }
  const crypto::SignatureAlgorithm& signature() const noexcept { return signature_; }
  // Nh, the size of every derived secret.
  std::size_t secret_size() const noexcept { return kdf_.size(); }

  Bytes hash(BytesView data) const;
  // Section 5.2: H(RefHashInput), the label used as given.
  Bytes ref_hash(std::string_view label, BytesView value) const;

  // Section 8: KDF.Expand over KDFLabel; length at most 255 * Nh.
  Result<crypto::Secret> expand_with_label(BytesView secret, std::string_view label,
                                           BytesView context, std::size_t length) const;
  crypto::Secret derive_secret(BytesView secret, std::string_view label) const;
  // Section 9: the context is the generation as a uint32.
  Result<crypto::Secret> derive_tree_secret(BytesView secret, std::string_view label,
                                            std::uint32_t generation, std::size_t length) const;

  // Section 5.1.2: signatures over SignContent.
  Result<Bytes> sign_with_label(const crypto::Secret& private_key, std::string_view label,
                                BytesView content) const;
  Status verify_with_label(BytesView public_key, std::string_view label, BytesView content,
                           BytesView signature) const;

  // Section 5.1.3: HPKE base mode with EncryptContext as info, empty aad.
  Result<HpkeCiphertext> encrypt_with_label(BytesView public_key, std::string_view label,
                                            BytesView context, BytesView plaintext,
                                            crypto::RandomSource& random) const;
  // The same for many recipients of one label and context (a Welcome's new
  // members): the EncryptContext is encoded and hashed once.
  crypto::HpkePreparedInfo encrypt_context(std::string_view label, BytesView context) const;
  Result<HpkeCiphertext> encrypt_with_label(BytesView public_key,
                                            const crypto::HpkePreparedInfo& context,
                                            BytesView plaintext,
                                            crypto::RandomSource& random) const;
  Result<Bytes> decrypt_with_label(const crypto::KemKeyPair& recipient, std::string_view label,
                                   BytesView context, const HpkeCiphertext& ciphertext) const;

  // Section 5.1.1: an HPKE key pair from a secret (HPKE DeriveKeyPair).
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
