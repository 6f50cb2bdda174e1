// AEADs: published known answers, round trips, and every way opening fails.

#include <gtest/gtest.h>

#include <string>

#include "conclave/crypto/aead.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::copy_of;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

std::string aead_name(AeadId id) {
  switch (id) {
    case AeadId::aes_128_gcm: return "Aes128Gcm";
    case AeadId::aes_256_gcm: return "Aes256Gcm";
    case AeadId::chacha20_poly1305: return "ChaCha20Poly1305";
    case AeadId::export_only: return "ExportOnly";
  }
  return "Unknown";
}

// ------------------------------------------------------------ known answers

struct AeadKat {
  const char* name;
  AeadId id;
  const char* key;
  const char* nonce;
  const char* aad;
  const char* plaintext;
  const char* ciphertext_and_tag;
};

class AeadKnownAnswer : public ::testing::TestWithParam<AeadKat> {};

TEST_P(AeadKnownAnswer, SealsAndOpens) {
  const auto& c = GetParam();
  const auto aead = Aead::find(c.id);
  ASSERT_TRUE(is_ok(aead));
  const auto sealed = aead->seal(hex(c.key), hex(c.nonce), hex(c.aad), hex(c.plaintext));
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_EQ(to_hex(*sealed), c.ciphertext_and_tag);
  const auto opened = aead->open(hex(c.key), hex(c.nonce), hex(c.aad), hex(c.ciphertext_and_tag));
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(to_hex(*opened), c.plaintext);
}

constexpr const char* gcm_key = "feffe9928665731c6d6a8f9467308308";
constexpr const char* gcm_key_256 =
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr const char* gcm_iv = "cafebabefacedbaddecaf888";
constexpr const char* gcm_aad = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
constexpr const char* gcm_plaintext_60 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
constexpr const char* gcm_plaintext_64 =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";

// McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 1,
// 3, 4 (AES-128) and 13, 15, 16 (AES-256); RFC 8439 section 2.8.2.
INSTANTIATE_TEST_SUITE_P(
    Aead, AeadKnownAnswer,
    ::testing::Values(
        AeadKat{"GcmCase1", AeadId::aes_128_gcm, "00000000000000000000000000000000",
                "000000000000000000000000", "", "", "58e2fccefa7e3061367f1d57a4e7455a"},
        AeadKat{"GcmCase3", AeadId::aes_128_gcm, gcm_key, gcm_iv, "", gcm_plaintext_64,
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985"
                "4d5c2af327cd64a62cf35abd2ba6fab4"},
        AeadKat{"GcmCase4", AeadId::aes_128_gcm, gcm_key, gcm_iv, gcm_aad, gcm_plaintext_60,
                "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091"
                "5bc94fbc3221a5db94fae95ae7121a47"},
        AeadKat{"GcmCase13", AeadId::aes_256_gcm,
                "0000000000000000000000000000000000000000000000000000000000000000",
                "000000000000000000000000", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
        AeadKat{"GcmCase15", AeadId::aes_256_gcm, gcm_key_256, gcm_iv, "", gcm_plaintext_64,
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad"
                "b094dac5d93471bdec1a502270e3cc6c"},
        AeadKat{"GcmCase16", AeadId::aes_256_gcm, gcm_key_256, gcm_iv, gcm_aad, gcm_plaintext_60,
                "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
                "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
                "76fc6ece0f4e1768cddf8853bb2d551b"},
        AeadKat{"Rfc8439Section2_8_2", AeadId::chacha20_poly1305,
                "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
                "070000004041424344454647", "50515253c0c1c2c3c4c5c6c7",
                // "Ladies and Gentlemen of the class of '99: If I could offer
                // you only one tip for the future, sunscreen would be it."
                "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
                "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
                "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
                "637265656e20776f756c642062652069742e",
                "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                "3ff4def08e4b7a9de576d26586cec64b6116"
                "1ae10b594f09e26a7e902ecbd0600691"}),
    [](const auto& test) { return std::string(test.param.name); });

// ------------------------------------------------------- per-algorithm tests

class AeadBehavior : public ::testing::TestWithParam<AeadId> {
 protected:
  void SetUp() override {
    key_ = Bytes(aead().key_size(), 0x42);
    other_key_ = with_bit_flipped(key_, 0);
    sealed_ = *aead().seal(key_, nonce_, aad_, plaintext_);
  }

  Aead aead() const { return *Aead::find(GetParam()); }
  Result<Bytes> open(BytesView ciphertext) const { return aead().open(key_, nonce_, aad_, ciphertext); }

  Bytes key_;
  Bytes other_key_;
  const Bytes nonce_ = Bytes(12, 0x24);
  const Bytes aad_ = copy_of(as_bytes("associated data"));
  const Bytes plaintext_ = copy_of(as_bytes("a message of some length"));
  Bytes sealed_;
};

TEST_P(AeadBehavior, Sizes) {
  EXPECT_EQ(aead().id(), GetParam());
  EXPECT_EQ(aead().key_size(), GetParam() == AeadId::aes_128_gcm ? 16u : 32u);
  EXPECT_EQ(aead().nonce_size(), 12u);
  EXPECT_EQ(aead().tag_size(), 16u);
  EXPECT_EQ(sealed_.size(), plaintext_.size() + 16);
}

TEST_P(AeadBehavior, RoundTrip) {
  const auto opened = open(sealed_);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_EQ(*opened, plaintext_);
}

TEST_P(AeadBehavior, EmptyPlaintextAndAadRoundTrip) {
  const auto sealed = aead().seal(key_, nonce_, {}, {});
  ASSERT_TRUE(is_ok(sealed));
  EXPECT_EQ(sealed->size(), aead().tag_size());
  const auto opened = aead().open(key_, nonce_, {}, *sealed);
  ASSERT_TRUE(is_ok(opened));
  EXPECT_TRUE(opened->empty());
}

TEST_P(AeadBehavior, FlippedCiphertextBitFails) {
  EXPECT_TRUE(fails_with(open(with_bit_flipped(sealed_, 0)), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open(with_bit_flipped(sealed_, plaintext_.size() - 1, 0x80)),
                         Errc::aead_failure));
}

TEST_P(AeadBehavior, FlippedTagBitFails) {
  EXPECT_TRUE(fails_with(open(with_bit_flipped(sealed_, plaintext_.size())), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open(with_bit_flipped(sealed_, sealed_.size() - 1, 0x80)),
                         Errc::aead_failure));
}

TEST_P(AeadBehavior, FlippedAadBitFails) {
  EXPECT_TRUE(fails_with(aead().open(key_, nonce_, with_bit_flipped(aad_, 3), sealed_),
                         Errc::aead_failure));
  EXPECT_TRUE(fails_with(aead().open(key_, nonce_, {}, sealed_), Errc::aead_failure));
}

TEST_P(AeadBehavior, WrongKeyOrNonceFails) {
  EXPECT_TRUE(fails_with(aead().open(other_key_, nonce_, aad_, sealed_), Errc::aead_failure));
  EXPECT_TRUE(fails_with(aead().open(key_, with_bit_flipped(nonce_, 11), aad_, sealed_),
                         Errc::aead_failure));
}

TEST_P(AeadBehavior, WrongKeyLengthIsRejected) {
  for (const std::size_t size : {aead().key_size() - 1, aead().key_size() + 1, std::size_t{0}}) {
    const Bytes key(size, 0x42);
    EXPECT_TRUE(fails_with(aead().seal(key, nonce_, aad_, plaintext_), Errc::invalid_length));
    EXPECT_TRUE(fails_with(aead().open(key, nonce_, aad_, sealed_), Errc::invalid_length));
  }
}

TEST_P(AeadBehavior, WrongNonceLengthIsRejected) {
  for (const std::size_t size : {std::size_t{11}, std::size_t{13}, std::size_t{0}}) {
    const Bytes nonce(size, 0x24);
    EXPECT_TRUE(fails_with(aead().seal(key_, nonce, aad_, plaintext_), Errc::invalid_length));
    EXPECT_TRUE(fails_with(aead().open(key_, nonce, aad_, sealed_), Errc::invalid_length));
  }
}

TEST_P(AeadBehavior, CiphertextShorterThanTheTagFails) {
  EXPECT_TRUE(fails_with(open(BytesView(sealed_).first(15)), Errc::aead_failure));
  EXPECT_TRUE(fails_with(open({}), Errc::aead_failure));
}

TEST_P(AeadBehavior, TruncatedCiphertextFails) {
  EXPECT_TRUE(fails_with(open(BytesView(sealed_).first(sealed_.size() - 1)), Errc::aead_failure));
}

INSTANTIATE_TEST_SUITE_P(Aead, AeadBehavior,
                         ::testing::Values(AeadId::aes_128_gcm, AeadId::aes_256_gcm,
                                           AeadId::chacha20_poly1305),
                         [](const auto& test) { return aead_name(test.param); });

TEST(Aead, ExportOnlyAndUnknownIdsAreUnsupported) {
  EXPECT_TRUE(fails_with(Aead::find(AeadId::export_only), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Aead::find(static_cast<AeadId>(0x0000)), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Aead::find(static_cast<AeadId>(0x0004)), Errc::unsupported_algorithm));
}

}  // namespace
