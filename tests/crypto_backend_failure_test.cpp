// Issue 24: every checked OpenSSL and libsodium call under src/crypto made to
// fail in turn (tests/backend_failures.hpp) gives a typed error and leaves the
// caller's state unchanged.

#include <gtest/gtest.h>

#include <string>

#include "backend_failures.hpp"
#include "conclave/crypto/aead.hpp"
#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/hpke.hpp"
#include "conclave/crypto/kdf.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/signature.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::BackendOutcome;
using conclave::test::failed_typed;
using conclave::test::is_ok;
using conclave::test::with_each_backend_call_failing;

const Bytes aad = {1, 2, 3};
const Bytes plaintext = {4, 5, 6, 7};

std::string aead_name(AeadId id) {
  switch (id) {
    case AeadId::aes_128_gcm: return "Aes128Gcm";
    case AeadId::aes_256_gcm: return "Aes256Gcm";
    default: return "ChaCha20Poly1305";
  }
}

class AeadBackendFailure : public ::testing::TestWithParam<AeadId> {
 protected:
  Aead aead = *Aead::find(GetParam());
  Bytes key = Bytes(aead.key_size(), 0x11);
  Bytes nonce = Bytes(aead.nonce_size(), 0x22);
};

TEST_P(AeadBackendFailure, SealFailsWithInternal) {
  with_each_backend_call_failing([&] { return aead.seal(key, nonce, aad, plaintext); },
                                 [](const BackendOutcome<Result<Bytes>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
}

// The last call, the tag check, cannot tell a backend failure from a tag
// that does not verify.
TEST_P(AeadBackendFailure, OpenFailsWithInternalOrAeadFailure) {
  const Bytes sealed = *aead.seal(key, nonce, aad, plaintext);
  with_each_backend_call_failing([&] { return aead.open(key, nonce, aad, sealed); },
                                 [](const BackendOutcome<Result<Bytes>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::aead_failure}));
                                 });
}

INSTANTIATE_TEST_SUITE_P(Aeads, AeadBackendFailure,
                         ::testing::Values(AeadId::aes_128_gcm, AeadId::aes_256_gcm,
                                           AeadId::chacha20_poly1305),
                         [](const auto& test) { return aead_name(test.param); });

// Both ends of one HPKE base-mode context.
class HpkeContextBackendFailure : public ::testing::Test {
 protected:
  Hpke hpke = *Hpke::find({KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm});
  DeterministicRandom random{as_bytes("hpke context backend failure")};
  KemKeyPair recipient = hpke.kem().generate_key_pair(random);
  HpkeSender sender = *hpke.setup_sender(recipient.public_key, {}, random);
  HpkeContext receiver = *hpke.setup_receiver(sender.enc, recipient, {});
};

// RFC 9180 section 5.2: a seal that fails does not use up its sequence
// number, so the helper's last run, which succeeds, seals the message the
// receiver expects first.
TEST_F(HpkeContextBackendFailure, FailedSealKeepsTheSequenceNumber) {
  Bytes sealed;
  with_each_backend_call_failing(
      [&] {
        auto result = sender.context.seal(aad, plaintext);
        if (result) sealed = *result;
        return result;
      },
      [](const BackendOutcome<Result<Bytes>>& outcome) { EXPECT_TRUE(failed_typed(outcome, {Errc::internal})); });
  if (IsSkipped()) return;
  const auto opened = receiver.open(aad, sealed);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, plaintext);
}

// The helper's last run opens the first message: a failed open that had
// used up the sequence number would make it fail.
TEST_F(HpkeContextBackendFailure, FailedOpenKeepsTheSequenceNumber) {
  const Bytes first = *sender.context.seal(aad, plaintext);
  with_each_backend_call_failing([&] { return receiver.open(aad, first); },
                                 [](const BackendOutcome<Result<Bytes>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::aead_failure}));
                                 });
}

// hash() and hmac() (so HKDF-Extract) document std::runtime_error for a
// backend failure; HKDF-Expand, PBKDF2 and Argon2id give Errc::internal.
TEST(HashBackendFailure, HashAndHmacThrowTheDocumentedException) {
  with_each_backend_call_failing(
      [&] {
        const Bytes digest = hash(HashId::sha384, plaintext);
        const Bytes mac = hmac(HashId::sha512, Bytes(200, 7), plaintext);
        return Result<Bytes>(concat({digest, mac}));
      },
      [](const BackendOutcome<Result<Bytes>>& outcome) { EXPECT_FALSE(outcome.has_value()); });
}

TEST(KdfBackendFailure, ExtractExpandAndPbkdf2FailTyped) {
  const Kdf kdf = Kdf::over(HashId::sha256);
  with_each_backend_call_failing(
      [&] {
        const Secret prk = kdf.extract(aad, plaintext);
        return kdf.expand(prk.view(), aad, 80);
      },
      [](const BackendOutcome<Result<Secret>>& outcome) {
        EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
      });
  with_each_backend_call_failing([&] { return pbkdf2_hmac(HashId::sha256, plaintext, aad, 2, 40); },
                                 [](const BackendOutcome<Result<Secret>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
}

TEST(Argon2idBackendFailure, FailsWithInternal) {
  const Bytes salt(argon2id_salt_size, 3);
  with_each_backend_call_failing([&] { return argon2id(plaintext, salt, {1, 8 * 1024}, 32); },
                                 [](const BackendOutcome<Result<Secret>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
}

class DhkemBackendFailure : public ::testing::TestWithParam<KemId> {
 protected:
  Dhkem kem = *Dhkem::find(GetParam());
  KemKeyPair recipient = *kem.derive_key_pair(Bytes(kem.private_key_size(), 0x31));
  KemKeyPair sender = *kem.derive_key_pair(Bytes(kem.private_key_size(), 0x32));
  KemKeyPair ephemeral = *kem.derive_key_pair(Bytes(kem.private_key_size(), 0x33));
};

TEST_P(DhkemBackendFailure, DeriveKeyPairFailsTyped) {
  with_each_backend_call_failing([&] { return kem.derive_key_pair(Bytes(kem.private_key_size(), 0x34)); },
                                 [](const BackendOutcome<Result<KemKeyPair>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
}

// The DH groups' backend failures are Errc::internal; a failed derive on
// X25519/X448 cannot be told from an all-zero result, so dh_failure too.
TEST_P(DhkemBackendFailure, AuthEncapAndDecapFailTyped) {
  with_each_backend_call_failing(
      [&] { return kem.encap_for_testing(recipient.public_key, ephemeral, &sender); },
      [](const BackendOutcome<Result<Encapsulation>>& outcome) {
        EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::dh_failure}));
      });
  with_each_backend_call_failing([&] { return kem.auth_decap(ephemeral.public_key, recipient, sender.public_key); },
                                 [](const BackendOutcome<Result<Secret>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::dh_failure}));
                                 });
}

std::string kem_name(KemId id) {
  switch (id) {
    case KemId::dhkem_p256_sha256: return "P256";
    case KemId::dhkem_p384_sha384: return "P384";
    case KemId::dhkem_p521_sha512: return "P521";
    case KemId::dhkem_x25519_sha256: return "X25519";
    default: return "X448";
  }
}

INSTANTIATE_TEST_SUITE_P(Kems, DhkemBackendFailure,
                         ::testing::Values(KemId::dhkem_p256_sha256, KemId::dhkem_p384_sha384,
                                           KemId::dhkem_p521_sha512, KemId::dhkem_x25519_sha256,
                                           KemId::dhkem_x448_sha512),
                         [](const auto& test) { return kem_name(test.param); });

// A whole HPKE message in the auth-PSK mode, sealed and opened.
TEST(HpkeBackendFailure, SealAndOpenFailTyped) {
  const auto hpke = Hpke::find({KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm});
  ASSERT_TRUE(is_ok(hpke));
  DeterministicRandom keys(as_bytes("hpke keys"));
  const auto recipient = hpke->kem().generate_key_pair(keys);
  const auto sender = hpke->kem().generate_key_pair(keys);
  const Bytes psk_bytes(32, 9);
  const Bytes psk_id{1};
  const HpkePsk psk{psk_bytes, psk_id};
  const HpkeSenderOptions sender_options{aad, psk, &sender};
  const auto sealed = [&] {
    DeterministicRandom random(as_bytes("hpke seal"));
    return hpke->seal(recipient.public_key, sender_options, aad, plaintext, random);
  };
  with_each_backend_call_failing(sealed, [](const BackendOutcome<Result<HpkeSealed>>& outcome) {
    EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::dh_failure}));
  });
  const auto message = sealed();
  ASSERT_TRUE(is_ok(message));
  const HpkeReceiverOptions receiver_options{aad, psk, BytesView(sender.public_key)};
  with_each_backend_call_failing(
      [&] { return hpke->open(message->enc, recipient, receiver_options, aad, message->ciphertext); },
      [](const BackendOutcome<Result<Bytes>>& outcome) {
        EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::dh_failure, Errc::aead_failure}));
      });
}

class SignatureBackendFailure : public ::testing::TestWithParam<SignatureScheme> {
 protected:
  SignatureAlgorithm algorithm = *SignatureAlgorithm::find(GetParam());
  DeterministicRandom random{as_bytes("signature backend failure")};
  SignatureKeyPair pair = algorithm.generate_key_pair(random);
};

TEST_P(SignatureBackendFailure, PublicKeySignAndVerifyFailTyped) {
  with_each_backend_call_failing([&] { return algorithm.public_key_of(pair.private_key); },
                                 [](const BackendOutcome<Result<Bytes>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
  with_each_backend_call_failing([&] { return algorithm.sign(pair.private_key, plaintext); },
                                 [](const BackendOutcome<Result<Bytes>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
  const Bytes signature = *algorithm.sign(pair.private_key, plaintext);
  with_each_backend_call_failing([&] { return algorithm.verify(pair.public_key, plaintext, signature); },
                                 [](const BackendOutcome<Status>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::signature_invalid}));
                                 });
}

// Key generation has no Result: a backend failure is the documented
// std::runtime_error (or std::bad_alloc from a bignum), never a read of a
// failed Result.
TEST_P(SignatureBackendFailure, GenerateKeyPairThrowsTheDocumentedException) {
  with_each_backend_call_failing(
      [&] {
        DeterministicRandom fresh(as_bytes("generate"));
        return Result<Bytes>(algorithm.generate_key_pair(fresh).public_key);
      },
      [](const BackendOutcome<Result<Bytes>>& outcome) { EXPECT_FALSE(outcome.has_value()); });
}

std::string scheme_name(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::ecdsa_secp256r1_sha256: return "P256";
    case SignatureScheme::ecdsa_secp384r1_sha384: return "P384";
    case SignatureScheme::ecdsa_secp521r1_sha512: return "P521";
    case SignatureScheme::ed25519: return "Ed25519";
    default: return "Ed448";
  }
}

INSTANTIATE_TEST_SUITE_P(Schemes, SignatureBackendFailure,
                         ::testing::Values(SignatureScheme::ecdsa_secp256r1_sha256,
                                           SignatureScheme::ecdsa_secp384r1_sha384,
                                           SignatureScheme::ecdsa_secp521r1_sha512,
                                           SignatureScheme::ed25519, SignatureScheme::ed448),
                         [](const auto& test) { return scheme_name(test.param); });

}  // namespace
