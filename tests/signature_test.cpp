// Signature schemes: sign and verify for all five, the inputs verify must
// reject, and published known answers (RFC 8032, RFC 6979).

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "conclave/crypto/random.hpp"
#include "conclave/crypto/signature.hpp"
#include "crypto/signature_provider.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::copy_of;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

struct SchemeCase {
  const char* name;
  SignatureScheme scheme;
  std::size_t private_key_size;
  std::size_t public_key_size;
};

const SchemeCase ecdsa_p256{"EcdsaP256", SignatureScheme::ecdsa_secp256r1_sha256, 32, 65};
const SchemeCase ecdsa_p384{"EcdsaP384", SignatureScheme::ecdsa_secp384r1_sha384, 48, 97};
const SchemeCase ecdsa_p521{"EcdsaP521", SignatureScheme::ecdsa_secp521r1_sha512, 66, 133};
const SchemeCase ed25519_scheme{"Ed25519", SignatureScheme::ed25519, 32, 32};
const SchemeCase ed448_scheme{"Ed448", SignatureScheme::ed448, 57, 57};

std::string scheme_name(const ::testing::TestParamInfo<SchemeCase>& info) {
  return info.param.name;
}

const Bytes message = copy_of(as_bytes("a message to sign"));

class SignatureTest : public ::testing::TestWithParam<SchemeCase> {
 protected:
  static SignatureAlgorithm algorithm() { return *SignatureAlgorithm::find(GetParam().scheme); }

  static SignatureKeyPair key_pair(std::string_view seed) {
    DeterministicRandom random(as_bytes(seed));
    return algorithm().generate_key_pair(random);
  }

  static Bytes sign(const SignatureKeyPair& pair, BytesView content) {
    return *algorithm().sign(pair.private_key, content);
  }

  static Status verify(const SignatureKeyPair& pair, BytesView content, BytesView signature) {
    return algorithm().verify(pair.public_key, content, signature);
  }

  static void expect_private_key_rejected(const Secret& bad) {
    EXPECT_TRUE(fails_with(algorithm().sign(bad, message), Errc::invalid_private_key));
    EXPECT_TRUE(fails_with(algorithm().public_key_of(bad), Errc::invalid_private_key));
  }
};

TEST_P(SignatureTest, KeySizes) {
  const auto pair = key_pair("signer");
  EXPECT_EQ(algorithm().scheme(), GetParam().scheme);
  EXPECT_EQ(pair.private_key.size(), GetParam().private_key_size);
  EXPECT_EQ(pair.public_key.size(), GetParam().public_key_size);
}

TEST_P(SignatureTest, SignatureVerifies) {
  const auto pair = key_pair("signer");
  EXPECT_TRUE(is_ok(verify(pair, message, sign(pair, message))));
  EXPECT_TRUE(is_ok(verify(pair, {}, sign(pair, {}))));
}

TEST_P(SignatureTest, ModifiedMessageFails) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  EXPECT_TRUE(fails_with(verify(pair, with_bit_flipped(message, 0), signature),
                         Errc::signature_invalid));
  EXPECT_TRUE(fails_with(verify(pair, BytesView(message).first(message.size() - 1), signature),
                         Errc::signature_invalid));
  EXPECT_TRUE(fails_with(verify(pair, {}, signature), Errc::signature_invalid));
}

TEST_P(SignatureTest, ModifiedSignatureFails) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  for (const std::size_t index : {std::size_t{0}, signature.size() / 2, signature.size() - 1}) {
    SCOPED_TRACE(index);
    EXPECT_TRUE(fails_with(verify(pair, message, with_bit_flipped(signature, index)),
                           Errc::signature_invalid));
  }
}

TEST_P(SignatureTest, TruncatedExtendedOrEmptySignatureFails) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  // For ECDSA the appended byte leaves a valid DER prefix: only a strict
  // DER parser rejects it.
  EXPECT_TRUE(fails_with(verify(pair, message, concat({signature, Bytes{0x00}})),
                         Errc::signature_invalid));
  EXPECT_TRUE(fails_with(verify(pair, message, BytesView(signature).first(signature.size() - 1)),
                         Errc::signature_invalid));
  EXPECT_TRUE(fails_with(verify(pair, message, {}), Errc::signature_invalid));
}

TEST_P(SignatureTest, OtherKeyFails) {
  const auto pair = key_pair("signer");
  EXPECT_TRUE(fails_with(verify(key_pair("someone else"), message, sign(pair, message)),
                         Errc::signature_invalid));
}

TEST_P(SignatureTest, WrongLengthPublicKeyIsRejected) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  const Bytes& good = pair.public_key;
  for (const Bytes& bad : {Bytes(good.begin(), good.end() - 1), concat({good, Bytes{0x00}}),
                           Bytes{}}) {
    SCOPED_TRACE(bad.size());
    EXPECT_TRUE(fails_with(algorithm().verify(bad, message, signature),
                           Errc::invalid_public_key));
  }
}

// Shorter keys are scheme-specific: see EddsaTest and EcdsaTest.
TEST_P(SignatureTest, LongerOrEmptyPrivateKeyIsRejected) {
  const std::size_t size = GetParam().private_key_size;
  for (const std::size_t bad_size : {size + 1, std::size_t{0}}) {
    SCOPED_TRACE(bad_size);
    expect_private_key_rejected(Secret(Bytes(bad_size, 0x01)));
  }
}

TEST_P(SignatureTest, KeysFromDeterministicRandomAreReproducible) {
  const auto first = key_pair("seed");
  const auto again = key_pair("seed");
  EXPECT_TRUE(first.private_key == again.private_key);
  EXPECT_EQ(first.public_key, again.public_key);
  EXPECT_NE(key_pair("other seed").public_key, first.public_key);
  const auto derived = algorithm().public_key_of(first.private_key);
  ASSERT_TRUE(is_ok(derived));
  EXPECT_EQ(*derived, first.public_key);
}

INSTANTIATE_TEST_SUITE_P(Signature, SignatureTest,
                         ::testing::Values(ecdsa_p256, ecdsa_p384, ecdsa_p521, ed25519_scheme,
                                           ed448_scheme),
                         scheme_name);

// ------------------------------------------------------------------ ECDSA

class EcdsaTest : public SignatureTest {};

TEST_P(EcdsaTest, ScalarOutsideOneToNIsRejected) {
  const std::size_t size = GetParam().private_key_size;
  for (const Bytes& scalar : {Bytes(size, 0x00), Bytes(size, 0xff)}) {
    SCOPED_TRACE(to_hex(scalar));
    EXPECT_TRUE(fails_with(algorithm().sign(Secret(scalar), message), Errc::invalid_private_key));
    EXPECT_TRUE(fails_with(algorithm().public_key_of(Secret(scalar)),
                           Errc::invalid_private_key));
  }
}

// A big-endian scalar with its leading zero bytes dropped is the same key.
TEST_P(EcdsaTest, ScalarWithoutLeadingZerosIsWidened) {
  const std::size_t size = GetParam().private_key_size;
  const Bytes short_scalar(size - 2, 0x01);
  const Secret full(concat({Bytes(2, 0x00), short_scalar}));
  const auto expected = algorithm().public_key_of(full);
  ASSERT_TRUE(is_ok(expected));
  const auto widened = algorithm().public_key_of(Secret(short_scalar));
  ASSERT_TRUE(is_ok(widened));
  EXPECT_EQ(*widened, *expected);
  const auto signature = algorithm().sign(Secret(short_scalar), message);
  ASSERT_TRUE(is_ok(signature));
  EXPECT_TRUE(is_ok(algorithm().verify(*expected, message, *signature)));
}

TEST_P(EcdsaTest, PointOffTheCurveIsRejected) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  const Bytes off_curve = with_bit_flipped(pair.public_key, pair.public_key.size() - 1);
  EXPECT_TRUE(fails_with(algorithm().verify(off_curve, message, signature),
                         Errc::invalid_public_key));
  Bytes compressed_prefix = pair.public_key;
  compressed_prefix[0] = 0x02;
  EXPECT_TRUE(fails_with(algorithm().verify(compressed_prefix, message, signature),
                         Errc::invalid_public_key));
}

TEST_P(EcdsaTest, SignaturesAreDer) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  ASSERT_GE(signature.size(), 8u);
  EXPECT_EQ(signature[0], 0x30);  // SEQUENCE { INTEGER r, INTEGER s }
}

INSTANTIATE_TEST_SUITE_P(Signature, EcdsaTest,
                         ::testing::Values(ecdsa_p256, ecdsa_p384, ecdsa_p521), scheme_name);

// RFC 6979 appendix A.2.5: P-256, SHA-256, message "sample". The DER
// encoding of (r, s) was built by hand: both integers need a leading zero.
constexpr const char* rfc6979_private =
    "c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
constexpr const char* rfc6979_public =
    "04"
    "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6"
    "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
constexpr const char* rfc6979_r =
    "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
constexpr const char* rfc6979_s =
    "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";

TEST(Ecdsa, Rfc6979P256Sample) {
  const auto p256 = *SignatureAlgorithm::find(SignatureScheme::ecdsa_secp256r1_sha256);
  const auto public_key = p256.public_key_of(Secret(hex(rfc6979_private)));
  ASSERT_TRUE(is_ok(public_key));
  EXPECT_EQ(to_hex(*public_key), rfc6979_public);

  const Bytes der = hex(std::string("3046") + "022100" + rfc6979_r + "022100" + rfc6979_s);
  EXPECT_TRUE(is_ok(p256.verify(*public_key, as_bytes("sample"), der)));
  EXPECT_TRUE(fails_with(p256.verify(*public_key, as_bytes("samplf"), der),
                         Errc::signature_invalid));

  // The same integers with a superfluous leading zero: valid BER, not DER.
  const Bytes padded = hex(std::string("3047") + "02220000" + rfc6979_r + "022100" + rfc6979_s);
  EXPECT_TRUE(fails_with(p256.verify(*public_key, as_bytes("sample"), padded),
                         Errc::signature_invalid));
}

// ----------------------------------------------------------------- EdDSA

struct Rfc8032Case {
  const char* name;
  const char* private_key;
  const char* public_key;
  const char* message;
  const char* signature;
};

class EddsaTest : public SignatureTest {};

TEST_P(EddsaTest, SignaturesAreDeterministicAndFixedSize) {
  const auto pair = key_pair("signer");
  const Bytes signature = sign(pair, message);
  EXPECT_EQ(signature, sign(pair, message));
  EXPECT_EQ(signature.size(), 2 * GetParam().public_key_size);  // R || S
}

TEST_P(EddsaTest, ShortPrivateKeyIsRejected) {
  expect_private_key_rejected(Secret(Bytes(GetParam().private_key_size - 1, 0x01)));
}

INSTANTIATE_TEST_SUITE_P(Signature, EddsaTest, ::testing::Values(ed25519_scheme, ed448_scheme),
                         scheme_name);

// RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2 (one byte).
const Rfc8032Case ed25519_test1{
    "Test1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
    "d25bf5f0595bbe24655141438e7a100b"};
const Rfc8032Case ed25519_test2{
    "Test2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c"
    "387b2eaeb4302aeeb00d291612bb0c00"};

// Checks one provider against one RFC 8032 case.
void expect_rfc8032(const SignatureProvider& provider, const Rfc8032Case& c) {
  const Secret private_key(hex(c.private_key));
  const auto public_key = provider.public_key(private_key);
  ASSERT_TRUE(is_ok(public_key));
  EXPECT_EQ(to_hex(*public_key), c.public_key);
  const auto signature = provider.sign(private_key, hex(c.message));
  ASSERT_TRUE(is_ok(signature));
  EXPECT_EQ(to_hex(*signature), c.signature);
  EXPECT_TRUE(is_ok(provider.verify(hex(c.public_key), hex(c.message), hex(c.signature))));
}

class Ed25519Rfc8032 : public ::testing::TestWithParam<Rfc8032Case> {};

TEST_P(Ed25519Rfc8032, OpenSsl) { expect_rfc8032(ed25519_openssl(), GetParam()); }
TEST_P(Ed25519Rfc8032, Sodium) { expect_rfc8032(ed25519_sodium(), GetParam()); }
TEST_P(Ed25519Rfc8032, DefaultProvider) { expect_rfc8032(ed25519(), GetParam()); }

INSTANTIATE_TEST_SUITE_P(Signature, Ed25519Rfc8032,
                         ::testing::Values(ed25519_test1, ed25519_test2),
                         [](const auto& test) { return std::string(test.param.name); });

// RFC 8032 section 7.4, "Blank": Ed448 over the empty message.
TEST(Ed448, Rfc8032Blank) {
  expect_rfc8032(
      ed448_openssl(),
      {"Blank",
       "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3"
       "528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
       "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778"
       "edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180",
       "",
       "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f"
       "2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a"
       "9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db"
       "b61149f05a7363268c71d95808ff2e652600"});
}

TEST(Ed25519Providers, SignIdenticallyAndCrossVerify) {
  const SignatureProvider& openssl = ed25519_openssl();
  const SignatureProvider& sodium = ed25519_sodium();
  DeterministicRandom random(as_bytes("ed25519 providers"));
  for (int i = 0; i < 8; ++i) {
    const Secret private_key = sodium.generate_private_key(random);
    const Bytes content(static_cast<std::size_t>(i) * 37, static_cast<std::uint8_t>(i));
    const auto public_key = sodium.public_key(private_key);
    ASSERT_TRUE(is_ok(public_key));
    EXPECT_EQ(*public_key, *openssl.public_key(private_key));
    const auto by_openssl = openssl.sign(private_key, content);
    const auto by_sodium = sodium.sign(private_key, content);
    ASSERT_TRUE(is_ok(by_openssl));
    ASSERT_TRUE(is_ok(by_sodium));
    EXPECT_EQ(*by_openssl, *by_sodium);
    EXPECT_TRUE(is_ok(sodium.verify(*public_key, content, *by_openssl)));
    EXPECT_TRUE(is_ok(openssl.verify(*public_key, content, *by_sodium)));
  }
}

TEST(Signature, UnknownSchemeIsUnsupported) {
  // rsa_pkcs1_sha256 and an unassigned value.
  EXPECT_TRUE(fails_with(SignatureAlgorithm::find(static_cast<SignatureScheme>(0x0401)),
                         Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(SignatureAlgorithm::find(static_cast<SignatureScheme>(0x0000)),
                         Errc::unsupported_algorithm));
}

}  // namespace
