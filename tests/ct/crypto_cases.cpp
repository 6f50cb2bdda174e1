// The crypto layer: every comparison of a tag or proof, AEAD seal and open,
// HPKE with private keys (DHKEM over libsodium's X25519, OpenSSL's X448 and
// P-256, whose key derivation samples candidates), and Argon2id.

#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/hpke.hpp"
#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

// The comparison every tag and proof check goes through, equal and not.
void constant_time_equal() {
  const Bytes expected(32, 0x11);
  Bytes same = expected;
  Bytes other = expected;
  other[31] ^= 1;
  mark_secret(same);
  mark_secret(other);
  expect(crypto::constant_time_equal(expected, same), "equal bytes compared unequal");
  expect(!crypto::constant_time_equal(expected, other), "different bytes compared equal");
}

// Seal, open, and open a forged ciphertext, under a secret key.
void aead(crypto::AeadId id) {
  const crypto::Aead aead = *crypto::Aead::find(id);
  const crypto::Secret key(Bytes(aead.key_size(), 0x42));
  mark_secret(key);
  const Bytes nonce(aead.nonce_size(), 0x24);
  const Bytes plaintext = bytes_of("a frame of secret media");
  Bytes ciphertext = *aead.seal(key.view(), nonce, as_bytes("aad"), plaintext);
  auto opened = aead.open(key.view(), nonce, as_bytes("aad"), ciphertext);
  expect(opened.ok(), "open failed");
  if (opened) reveal(*opened);
  expect(opened && *opened == plaintext, "open gave other bytes");
  ciphertext.back() ^= 1;
  expect(aead.open(key.view(), nonce, as_bytes("aad"), ciphertext).error() == Errc::aead_failure,
         "a forged tag was accepted");
}

void aes_128_gcm() { aead(crypto::AeadId::aes_128_gcm); }
void aes_256_gcm() { aead(crypto::AeadId::aes_256_gcm); }
void chacha20_poly1305() { aead(crypto::AeadId::chacha20_poly1305); }

crypto::KemKeyPair secret_key_pair(const crypto::Hpke& hpke, std::uint8_t seed) {
  const Bytes ikm(32, seed);
  mark_secret(ikm);
  return *hpke.kem().derive_key_pair(ikm);
}

// Auth mode with a PSK: the sender's and the ephemeral private keys seal,
// the recipient's opens; then a forged ciphertext.
void hpke(crypto::KemId kem) {
  const auto hpke = *crypto::Hpke::find({kem, crypto::KdfId::hkdf_sha256, crypto::AeadId::aes_128_gcm});
  const auto recipient = secret_key_pair(hpke, 1);
  const auto sender = secret_key_pair(hpke, 2);
  const auto ephemeral = secret_key_pair(hpke, 3);
  Bytes psk(32, 0x55);
  mark_secret(psk);
  const crypto::HpkePsk shared{psk, as_bytes("psk id")};
  auto setup = hpke.setup_sender_for_testing(recipient.public_key, {as_bytes("info"), shared, &sender}, ephemeral);
  expect(setup.ok(), "setup_sender failed");
  if (!setup) return;
  const Bytes plaintext = bytes_of("group secrets");
  Bytes ciphertext = *setup->context.seal(as_bytes("aad"), plaintext);
  const crypto::HpkeReceiverOptions options{as_bytes("info"), shared, BytesView(sender.public_key)};
  auto opened = hpke.open(setup->enc, recipient, options, as_bytes("aad"), ciphertext);
  expect(opened.ok(), "open failed");
  if (opened) reveal(*opened);
  expect(opened && *opened == plaintext, "open gave other bytes");
  ciphertext.front() ^= 1;
  expect(hpke.open(setup->enc, recipient, options, as_bytes("aad"), ciphertext).error() == Errc::aead_failure,
         "a forged ciphertext was accepted");
}

void hpke_x25519() { hpke(crypto::KemId::dhkem_x25519_sha256); }
void hpke_x448() { hpke(crypto::KemId::dhkem_x448_sha512); }
void hpke_p256() { hpke(crypto::KemId::dhkem_p256_sha256); }

// The smallest parameters libsodium takes: the same code at any size.
void argon2id() {
  Bytes password = bytes_of("correct horse battery staple");
  mark_secret(password);
  auto key = crypto::argon2id(password, Bytes(crypto::argon2id_salt_size, 0x33), {1, 8192}, 32);
  expect(key.ok(), "argon2id failed");
}

}  // namespace

std::vector<Case> crypto_cases() {
  return {{"crypto.constant_time_equal", constant_time_equal},
          {"crypto.aead_aes_128_gcm", aes_128_gcm},
          {"crypto.aead_aes_256_gcm", aes_256_gcm},
          {"crypto.aead_chacha20_poly1305", chacha20_poly1305},
          {"crypto.hpke_x25519", hpke_x25519},
          {"crypto.hpke_x448", hpke_x448},
          {"crypto.hpke_p256", hpke_p256},
          {"crypto.argon2id", argon2id}};
}

}  // namespace conclave::ct_check
