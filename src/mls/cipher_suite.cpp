#include "conclave/mls/cipher_suite.hpp"

#include <string>

namespace conclave::mls {

namespace {

using crypto::AeadId;
using crypto::KdfId;
using crypto::KemId;
using crypto::SignatureScheme;

struct SuiteAlgorithms {
  KemId kem;
  KdfId kdf;
  AeadId aead;
  SignatureScheme signature;
};

Result<SuiteAlgorithms> algorithms_of(CipherSuiteId id) {
  switch (id) {
    case CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519:
      return SuiteAlgorithms{KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm,
                             SignatureScheme::ed25519};
    case CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256:
      return SuiteAlgorithms{KemId::dhkem_p256_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm,
                             SignatureScheme::ecdsa_secp256r1_sha256};
    case CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519:
      return SuiteAlgorithms{KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256,
                             AeadId::chacha20_poly1305, SignatureScheme::ed25519};
    case CipherSuiteId::mls_256_dhkemx448_aes256gcm_sha512_ed448:
      return SuiteAlgorithms{KemId::dhkem_x448_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm,
                             SignatureScheme::ed448};
    case CipherSuiteId::mls_256_dhkemp521_aes256gcm_sha512_p521:
      return SuiteAlgorithms{KemId::dhkem_p521_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm,
                             SignatureScheme::ecdsa_secp521r1_sha512};
    case CipherSuiteId::mls_256_dhkemx448_chacha20poly1305_sha512_ed448:
      return SuiteAlgorithms{KemId::dhkem_x448_sha512, KdfId::hkdf_sha512,
                             AeadId::chacha20_poly1305, SignatureScheme::ed448};
    case CipherSuiteId::mls_256_dhkemp384_aes256gcm_sha384_p384:
      return SuiteAlgorithms{KemId::dhkem_p384_sha384, KdfId::hkdf_sha384, AeadId::aes_256_gcm,
                             SignatureScheme::ecdsa_secp384r1_sha384};
  }
  return Errc::unsupported_algorithm;
}

constexpr std::string_view label_prefix = "MLS 1.0 ";

Bytes mls_label(std::string_view label) {
  std::string full(label_prefix);
  full += label;
  return Bytes(full.begin(), full.end());
}

// Section 8.
struct KdfLabel {
  std::uint16_t length;
  Bytes label;
  BytesView context;
  CONCLAVE_FIELDS(length, label, context)
};

// Section 5.2.
struct RefHashInput {
  BytesView label;
  BytesView value;
  CONCLAVE_FIELDS(label, value)
};

// SignContent (section 5.1.2) and EncryptContext (section 5.1.3) share
// this shape.
struct LabeledContent {
  Bytes label;
  BytesView content;
  CONCLAVE_FIELDS(label, content)
};

}  // namespace

Result<CipherSuite> CipherSuite::find(CipherSuiteId id) {
  auto algorithms = algorithms_of(id);
  if (!algorithms) return algorithms.error();
  auto kdf = crypto::Kdf::find(algorithms->kdf);
  auto aead = crypto::Aead::find(algorithms->aead);
  auto hpke = crypto::Hpke::find({algorithms->kem, algorithms->kdf, algorithms->aead});
  auto signature = crypto::SignatureAlgorithm::find(algorithms->signature);
  if (!kdf || !aead || !hpke || !signature) return Errc::unsupported_algorithm;
  return CipherSuite(id, *kdf, *aead, *hpke, *signature);
}

Bytes CipherSuite::hash(BytesView data) const { return crypto::hash(hash_id(), data); }

Bytes CipherSuite::ref_hash(std::string_view label, BytesView value) const {
  return hash(codec::encode(RefHashInput{as_bytes(label), value}));
}

Result<crypto::Secret> CipherSuite::expand_with_label(BytesView secret, std::string_view label,
                                                      BytesView context,
                                                      std::size_t length) const {
  if (length > 0xffff) return Errc::invalid_length;
  const KdfLabel info{static_cast<std::uint16_t>(length), mls_label(label), context};
  return kdf_.expand(secret, codec::encode(info), length);
}

crypto::Secret CipherSuite::derive_secret(BytesView secret, std::string_view label) const {
  return std::move(*expand_with_label(secret, label, {}, secret_size()));
}

Result<crypto::Secret> CipherSuite::derive_tree_secret(BytesView secret, std::string_view label,
                                                       std::uint32_t generation,
                                                       std::size_t length) const {
  return expand_with_label(secret, label, codec::encode(generation), length);
}

Result<Bytes> CipherSuite::sign_with_label(const crypto::Secret& private_key,
                                           std::string_view label, BytesView content) const {
  Bytes labeled = codec::encode(LabeledContent{mls_label(label), content});
  auto signature = signature_.sign(private_key, labeled);
  crypto::secure_zero(labeled);
  return signature;
}

Status CipherSuite::verify_with_label(BytesView public_key, std::string_view label,
                                      BytesView content, BytesView signature) const {
  Bytes labeled = codec::encode(LabeledContent{mls_label(label), content});
  auto verified = signature_.verify(public_key, labeled, signature);
  crypto::secure_zero(labeled);
  return verified;
}

Result<HpkeCiphertext> CipherSuite::encrypt_with_label(BytesView public_key,
                                                       std::string_view label, BytesView context,
                                                       BytesView plaintext,
                                                       crypto::RandomSource& random) const {
  return encrypt_with_label(public_key, encrypt_context(label, context), plaintext, random);
}

crypto::HpkePreparedInfo CipherSuite::encrypt_context(std::string_view label,
                                                      BytesView context) const {
  return hpke_.prepare_info(codec::encode(LabeledContent{mls_label(label), context}));
}

Result<HpkeCiphertext> CipherSuite::encrypt_with_label(BytesView public_key,
                                                       const crypto::HpkePreparedInfo& context,
                                                       BytesView plaintext,
                                                       crypto::RandomSource& random) const {
  auto sealed = hpke_.seal_prepared(public_key, context, {}, plaintext, random);
  if (!sealed) return sealed.error();
  return HpkeCiphertext{std::move(sealed->enc), std::move(sealed->ciphertext)};
}

Result<Bytes> CipherSuite::decrypt_with_label(const crypto::KemKeyPair& recipient,
                                              std::string_view label, BytesView context,
                                              const HpkeCiphertext& ciphertext) const {
  const Bytes info = codec::encode(LabeledContent{mls_label(label), context});
  return hpke_.open(ciphertext.kem_output, recipient, {.info = info}, {}, ciphertext.ciphertext);
}

Result<crypto::KemKeyPair> CipherSuite::derive_key_pair(BytesView secret) const {
  return hpke_.kem().derive_key_pair(secret);
}

}  // namespace conclave::mls
