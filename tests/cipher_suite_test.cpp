// MLS cipher suites (RFC 9420 section 17.1) and the labeled operations of
// section 5, checked against structures encoded by hand in this file.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <string_view>

#include "conclave/mls/cipher_suite.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::mls::CipherSuite;
using conclave::mls::CipherSuiteId;
using conclave::mls::HpkeCiphertext;
using conclave::test::copy_of;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

struct SuiteCase {
  const char* name;
  CipherSuiteId id;
  KemId kem;
  KdfId kdf;
  AeadId aead;
  SignatureScheme signature;
  HashId hash;
  std::size_t secret_size;
};

// RFC 9420 section 17.1, table 6.
const SuiteCase suites[] = {
    {"Suite1_X25519_Aes128Gcm_Ed25519", CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519,
     KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm, SignatureScheme::ed25519,
     HashId::sha256, 32},
    {"Suite2_P256_Aes128Gcm_P256", CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256,
     KemId::dhkem_p256_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm,
     SignatureScheme::ecdsa_secp256r1_sha256, HashId::sha256, 32},
    {"Suite3_X25519_ChaCha20Poly1305_Ed25519",
     CipherSuiteId::mls_128_dhkemx25519_chacha20poly1305_sha256_ed25519,
     KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::chacha20_poly1305,
     SignatureScheme::ed25519, HashId::sha256, 32},
    {"Suite4_X448_Aes256Gcm_Ed448", CipherSuiteId::mls_256_dhkemx448_aes256gcm_sha512_ed448,
     KemId::dhkem_x448_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm, SignatureScheme::ed448,
     HashId::sha512, 64},
    {"Suite5_P521_Aes256Gcm_P521", CipherSuiteId::mls_256_dhkemp521_aes256gcm_sha512_p521,
     KemId::dhkem_p521_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm,
     SignatureScheme::ecdsa_secp521r1_sha512, HashId::sha512, 64},
    {"Suite6_X448_ChaCha20Poly1305_Ed448",
     CipherSuiteId::mls_256_dhkemx448_chacha20poly1305_sha512_ed448, KemId::dhkem_x448_sha512,
     KdfId::hkdf_sha512, AeadId::chacha20_poly1305, SignatureScheme::ed448, HashId::sha512, 64},
    {"Suite7_P384_Aes256Gcm_P384", CipherSuiteId::mls_256_dhkemp384_aes256gcm_sha384_p384,
     KemId::dhkem_p384_sha384, KdfId::hkdf_sha384, AeadId::aes_256_gcm,
     SignatureScheme::ecdsa_secp384r1_sha384, HashId::sha384, 48},
};

// opaque<V> written out by hand: a 1- or 2-byte varint length, then the bytes.
Bytes opaque(BytesView content) {
  const std::size_t n = content.size();
  if (n >= 16384) throw std::length_error("test helper handles short vectors only");
  const Bytes header = n < 64 ? Bytes{static_cast<std::uint8_t>(n)}
                              : Bytes{static_cast<std::uint8_t>(0x40 | (n >> 8)),
                                      static_cast<std::uint8_t>(n & 0xff)};
  return concat({header, content});
}

Bytes mls_label(std::string_view label) { return copy_of(as_bytes("MLS 1.0 " + std::string(label))); }

// SignContent (section 5.1.2) and EncryptContext (section 5.1.3).
Bytes labeled_content(std::string_view label, BytesView content) {
  return concat({opaque(mls_label(label)), opaque(content)});
}

// KDFLabel (section 8).
Bytes kdf_label(std::size_t length, std::string_view label, BytesView context) {
  const Bytes length_be{static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
  return concat({length_be, opaque(mls_label(label)), opaque(context)});
}

class CipherSuiteTest : public ::testing::TestWithParam<SuiteCase> {
 protected:
  static CipherSuite suite() { return *CipherSuite::find(GetParam().id); }

  static KemKeyPair hpke_key_pair(std::string_view seed) {
    return *suite().derive_key_pair(as_bytes(seed));
  }

  static SignatureKeyPair signature_key_pair() {
    DeterministicRandom random(as_bytes("signer"));
    return suite().signature().generate_key_pair(random);
  }

  const Bytes secret_ = Bytes(GetParam().secret_size, 0x3c);
  const Bytes context_ = hex("c0ffee");
};

TEST_P(CipherSuiteTest, FindGivesTheSuitesAlgorithms) {
  const auto& c = GetParam();
  const auto found = CipherSuite::find(c.id);
  ASSERT_TRUE(is_ok(found));
  EXPECT_EQ(found->id(), c.id);
  EXPECT_EQ(found->hash_id(), c.hash);
  EXPECT_EQ(found->kdf().hash(), c.hash);
  EXPECT_EQ(found->secret_size(), c.secret_size);
  EXPECT_EQ(found->aead().id(), c.aead);
  EXPECT_EQ(found->hpke().suite().kem, c.kem);
  EXPECT_EQ(found->hpke().suite().kdf, c.kdf);
  EXPECT_EQ(found->hpke().suite().aead, c.aead);
  EXPECT_EQ(found->signature().scheme(), c.signature);
}

TEST_P(CipherSuiteTest, HashIsTheSuitesHash) {
  EXPECT_EQ(suite().hash(as_bytes("abc")), hash(GetParam().hash, as_bytes("abc")));
}

TEST_P(CipherSuiteTest, RefHashHashesRefHashInput) {
  const Bytes value(100, 0x77);
  const std::string label = "MLS 1.0 KeyPackage Reference";
  const Bytes input = concat({opaque(as_bytes(label)), opaque(value)});
  EXPECT_EQ(suite().ref_hash(label, value), hash(GetParam().hash, input));
}

TEST_P(CipherSuiteTest, ExpandWithLabelExpandsKdfLabel) {
  const auto expanded = suite().expand_with_label(secret_, "test label", context_, 42);
  ASSERT_TRUE(is_ok(expanded));
  const auto expected = suite().kdf().expand(secret_, kdf_label(42, "test label", context_), 42);
  EXPECT_TRUE(*expanded == *expected);
}

TEST_P(CipherSuiteTest, DeriveSecretHasAnEmptyContext) {
  const auto derived = suite().derive_secret(secret_, "joiner");
  EXPECT_EQ(derived.size(), GetParam().secret_size);
  const auto expected = suite().expand_with_label(secret_, "joiner", {}, GetParam().secret_size);
  EXPECT_TRUE(derived == *expected);
}

TEST_P(CipherSuiteTest, DeriveTreeSecretUsesTheGenerationAsContext) {
  const auto derived = suite().derive_tree_secret(secret_, "key", 0x01020304, 16);
  ASSERT_TRUE(is_ok(derived));
  const auto expected = suite().expand_with_label(secret_, "key", hex("01020304"), 16);
  EXPECT_TRUE(*derived == *expected);
}

TEST_P(CipherSuiteTest, ExpandWithLabelIsBoundedBy255Blocks) {
  const std::size_t max = 255 * GetParam().secret_size;
  const auto longest = suite().expand_with_label(secret_, "label", {}, max);
  ASSERT_TRUE(is_ok(longest));
  EXPECT_EQ(longest->size(), max);
  EXPECT_TRUE(fails_with(suite().expand_with_label(secret_, "label", {}, max + 1),
                         Errc::invalid_length));
  EXPECT_TRUE(fails_with(suite().expand_with_label(secret_, "label", {}, 0x10000),
                         Errc::invalid_length));
}

TEST_P(CipherSuiteTest, SignWithLabelSignsSignContent) {
  const auto signer = signature_key_pair();
  const auto signature = suite().sign_with_label(signer.private_key, "LeafNodeTBS", context_);
  ASSERT_TRUE(is_ok(signature));
  EXPECT_TRUE(is_ok(suite().verify_with_label(signer.public_key, "LeafNodeTBS", context_,
                                              *signature)));
  EXPECT_TRUE(is_ok(suite().signature().verify(
      signer.public_key, labeled_content("LeafNodeTBS", context_), *signature)));
}

TEST_P(CipherSuiteTest, VerifyWithLabelRejectsOtherLabelsAndContent) {
  const auto signer = signature_key_pair();
  const auto signature = *suite().sign_with_label(signer.private_key, "LeafNodeTBS", context_);
  EXPECT_TRUE(fails_with(
      suite().verify_with_label(signer.public_key, "GroupInfoTBS", context_, signature),
      Errc::signature_invalid));
  EXPECT_TRUE(fails_with(suite().verify_with_label(signer.public_key, "LeafNodeTBS",
                                                   with_bit_flipped(context_, 0), signature),
                         Errc::signature_invalid));
  // The raw content without its SignContent wrapper.
  EXPECT_TRUE(fails_with(suite().signature().verify(signer.public_key, context_, signature),
                         Errc::signature_invalid));
}

TEST_P(CipherSuiteTest, EncryptWithLabelRoundTrips) {
  const auto recipient = hpke_key_pair("recipient");
  const Bytes plaintext = copy_of(as_bytes("path secret"));
  const auto sealed = suite().encrypt_with_label(recipient.public_key, "UpdatePathNode", context_,
                                                 plaintext, system_random());
  ASSERT_TRUE(is_ok(sealed));
  const auto opened = suite().decrypt_with_label(recipient, "UpdatePathNode", context_, *sealed);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, plaintext);

  // Plain HPKE with EncryptContext as info and an empty aad opens it too.
  const auto by_hand = suite().hpke().open(sealed->kem_output, recipient,
                                           {.info = labeled_content("UpdatePathNode", context_)},
                                           {}, sealed->ciphertext);
  ASSERT_TRUE(is_ok(by_hand));
  EXPECT_EQ(*by_hand, plaintext);
}

TEST_P(CipherSuiteTest, DecryptWithLabelRejectsOtherContextLabelOrKey) {
  const auto recipient = hpke_key_pair("recipient");
  const auto sealed = *suite().encrypt_with_label(recipient.public_key, "UpdatePathNode",
                                                  context_, as_bytes("secret"), system_random());
  EXPECT_TRUE(fails_with(suite().decrypt_with_label(recipient, "UpdatePathNode",
                                                    with_bit_flipped(context_, 2), sealed),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(suite().decrypt_with_label(recipient, "Welcome", context_, sealed),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(suite().decrypt_with_label(hpke_key_pair("someone else"),
                                                    "UpdatePathNode", context_, sealed),
                         Errc::aead_failure));
  HpkeCiphertext tampered = sealed;
  tampered.ciphertext = with_bit_flipped(tampered.ciphertext, 0);
  EXPECT_TRUE(fails_with(suite().decrypt_with_label(recipient, "UpdatePathNode", context_,
                                                    tampered),
                         Errc::aead_failure));
}

TEST_P(CipherSuiteTest, HpkeCiphertextRoundTripsThroughTheCodec) {
  const auto recipient = hpke_key_pair("recipient");
  const auto sealed = *suite().encrypt_with_label(recipient.public_key, "Welcome", {},
                                                  as_bytes("secret"), system_random());
  const Bytes wire = codec::encode(sealed);
  EXPECT_EQ(wire, concat({opaque(sealed.kem_output), opaque(sealed.ciphertext)}));
  const auto decoded = codec::decode<HpkeCiphertext>(wire);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, sealed);
}

TEST_P(CipherSuiteTest, DeriveKeyPairIsTheKemsDeriveKeyPair) {
  const auto derived = suite().derive_key_pair(secret_);
  const auto expected = suite().hpke().kem().derive_key_pair(secret_);
  ASSERT_TRUE(is_ok(derived));
  ASSERT_TRUE(is_ok(expected));
  EXPECT_TRUE(derived->private_key == expected->private_key);
  EXPECT_EQ(derived->public_key, expected->public_key);
}

INSTANTIATE_TEST_SUITE_P(CipherSuite, CipherSuiteTest, ::testing::ValuesIn(suites),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(CipherSuite, UnknownIdsAreUnsupported) {
  // 0x0000 is reserved, 0x0A0A is a GREASE value (RFC 9420 section 13.5).
  const std::uint16_t unknown_ids[] = {0x0000, 0x0A0A, 0x0008, 0xFFFF};
  for (const std::uint16_t id : unknown_ids) {
    SCOPED_TRACE(id);
    EXPECT_TRUE(fails_with(CipherSuite::find(static_cast<CipherSuiteId>(id)),
                           Errc::unsupported_algorithm));
  }
}

}  // namespace
