// DHKEM (RFC 9180 section 4.1) over the five groups, public key validation
// (section 7.1.4), and RFC 7748 known answers through both X25519 providers.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/random.hpp"
#include "crypto/dh_group.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

// RFC 9180 section 7.1, table 2.
struct KemCase {
  const char* name;
  KemId id;
  std::size_t secret_size;
  std::size_t public_key_size;
  std::size_t private_key_size;
};

const KemCase p256{"P256", KemId::dhkem_p256_sha256, 32, 65, 32};
const KemCase p384{"P384", KemId::dhkem_p384_sha384, 48, 97, 48};
const KemCase p521{"P521", KemId::dhkem_p521_sha512, 64, 133, 66};
const KemCase x25519{"X25519", KemId::dhkem_x25519_sha256, 32, 32, 32};
const KemCase x448{"X448", KemId::dhkem_x448_sha512, 64, 56, 56};

std::string kem_name(const ::testing::TestParamInfo<KemCase>& info) { return info.param.name; }

class DhkemTest : public ::testing::TestWithParam<KemCase> {
 protected:
  static Dhkem kem() { return *Dhkem::find(GetParam().id); }

  static KemKeyPair key_pair(std::string_view seed) {
    DeterministicRandom random(as_bytes(seed));
    return kem().generate_key_pair(random);
  }

  static Encapsulation encap_to(BytesView public_key) {
    DeterministicRandom random(as_bytes("ephemeral"));
    return *kem().encap(public_key, random);
  }

  // A key pair whose private key has the wrong length.
  static KemKeyPair with_private_key_size(const KemKeyPair& pair, std::size_t size) {
    return {Secret(Bytes(size, 0x01)), pair.public_key};
  }
};

TEST_P(DhkemTest, Sizes) {
  const auto& c = GetParam();
  EXPECT_EQ(kem().id(), c.id);
  EXPECT_EQ(kem().secret_size(), c.secret_size);
  EXPECT_EQ(kem().enc_size(), c.public_key_size);
  EXPECT_EQ(kem().public_key_size(), c.public_key_size);
  EXPECT_EQ(kem().private_key_size(), c.private_key_size);
  const auto pair = key_pair("recipient");
  EXPECT_EQ(pair.public_key.size(), c.public_key_size);
  EXPECT_EQ(pair.private_key.size(), c.private_key_size);
}

TEST_P(DhkemTest, EncapAndDecapAgree) {
  const auto recipient = key_pair("recipient");
  const auto encapsulated = kem().encap(recipient.public_key, system_random());
  ASSERT_TRUE(is_ok(encapsulated));
  EXPECT_EQ(encapsulated->enc.size(), kem().enc_size());
  EXPECT_EQ(encapsulated->shared_secret.size(), kem().secret_size());
  const auto decapsulated = kem().decap(encapsulated->enc, recipient);
  ASSERT_TRUE(is_ok(decapsulated));
  EXPECT_TRUE(*decapsulated == encapsulated->shared_secret);
}

TEST_P(DhkemTest, AuthEncapAndAuthDecapAgree) {
  const auto recipient = key_pair("recipient");
  const auto sender = key_pair("sender");
  const auto encapsulated = kem().auth_encap(recipient.public_key, sender, system_random());
  ASSERT_TRUE(is_ok(encapsulated));
  const auto decapsulated = kem().auth_decap(encapsulated->enc, recipient, sender.public_key);
  ASSERT_TRUE(is_ok(decapsulated));
  EXPECT_TRUE(*decapsulated == encapsulated->shared_secret);

  // The plain decapsulation of an authenticated enc is a different secret.
  const auto unauthenticated = kem().decap(encapsulated->enc, recipient);
  ASSERT_TRUE(is_ok(unauthenticated));
  EXPECT_FALSE(*unauthenticated == encapsulated->shared_secret);
}

TEST_P(DhkemTest, OtherPartiesDeriveOtherSecrets) {
  const auto recipient = key_pair("recipient");
  const auto sender = key_pair("sender");
  const auto impostor = key_pair("impostor");
  const auto plain = encap_to(recipient.public_key);
  const auto by_impostor = kem().decap(plain.enc, impostor);
  ASSERT_TRUE(is_ok(by_impostor));
  EXPECT_FALSE(*by_impostor == plain.shared_secret);

  const auto authenticated = kem().auth_encap(recipient.public_key, sender, system_random());
  ASSERT_TRUE(is_ok(authenticated));
  const auto wrong_sender = kem().auth_decap(authenticated->enc, recipient, impostor.public_key);
  ASSERT_TRUE(is_ok(wrong_sender));
  EXPECT_FALSE(*wrong_sender == authenticated->shared_secret);
}

TEST_P(DhkemTest, KeyPairsAreReproducible) {
  const auto first = key_pair("seed");
  const auto again = key_pair("seed");
  EXPECT_TRUE(first.private_key == again.private_key);
  EXPECT_EQ(first.public_key, again.public_key);
  EXPECT_NE(key_pair("other seed").public_key, first.public_key);

  const auto derived = kem().derive_key_pair(as_bytes("input keying material"));
  const auto rederived = kem().derive_key_pair(as_bytes("input keying material"));
  ASSERT_TRUE(is_ok(derived));
  ASSERT_TRUE(is_ok(rederived));
  EXPECT_TRUE(derived->private_key == rederived->private_key);
  EXPECT_EQ(derived->public_key, rederived->public_key);
}

TEST_P(DhkemTest, PublicKeyOfMatchesTheKeyPair) {
  const auto pair = key_pair("recipient");
  const auto public_key = kem().public_key_of(pair.private_key);
  ASSERT_TRUE(is_ok(public_key));
  EXPECT_EQ(*public_key, pair.public_key);
  EXPECT_TRUE(is_ok(kem().validate_public_key(pair.public_key)));
}

TEST_P(DhkemTest, WrongLengthPublicKeyIsRejected) {
  const auto recipient = key_pair("recipient");
  const auto sender = key_pair("sender");
  const auto valid = encap_to(recipient.public_key);
  const std::size_t size = kem().public_key_size();
  for (const Bytes& bad : {Bytes(size - 1, 0x04), Bytes(size + 1, 0x04), Bytes{}}) {
    SCOPED_TRACE(bad.size());
    EXPECT_TRUE(fails_with(kem().validate_public_key(bad), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().encap(bad, system_random()), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().auth_encap(bad, sender, system_random()),
                           Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().decap(bad, recipient), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().auth_decap(valid.enc, recipient, bad), Errc::invalid_public_key));
  }
}

// Longer and empty keys are rejected everywhere; shorter ones only by the
// RFC 7748 KEMs (NIST scalars are widened, see NistScalarMissingLeadingZero).
TEST_P(DhkemTest, WrongLengthPrivateKeyIsRejected) {
  const auto recipient = key_pair("recipient");
  const auto valid = encap_to(recipient.public_key);
  const std::size_t size = kem().private_key_size();
  std::vector<std::size_t> bad_sizes{size + 1, 0};
  if (GetParam().id == KemId::dhkem_x25519_sha256 || GetParam().id == KemId::dhkem_x448_sha512) {
    bad_sizes.push_back(size - 1);
  }
  for (const std::size_t bad_size : bad_sizes) {
    SCOPED_TRACE(bad_size);
    const auto bad = with_private_key_size(recipient, bad_size);
    EXPECT_TRUE(fails_with(kem().public_key_of(bad.private_key), Errc::invalid_private_key));
    EXPECT_TRUE(fails_with(kem().decap(valid.enc, bad), Errc::invalid_private_key));
    EXPECT_TRUE(fails_with(kem().auth_decap(valid.enc, bad, recipient.public_key),
                           Errc::invalid_private_key));
    EXPECT_TRUE(fails_with(kem().auth_encap(recipient.public_key, bad, system_random()),
                           Errc::invalid_private_key));
  }
}

// Some encoders drop a NIST scalar's leading zero bytes (the IETF MLS
// vectors give P-521 keys in 65 bytes): such a key is the same scalar.
TEST(DhkemNist, ScalarMissingLeadingZeroIsWidened) {
  const auto kem = *Dhkem::find(KemId::dhkem_p521_sha512);
  const auto pair = kem.generate_key_pair(system_random());
  Bytes widened = test::copy_of(pair.private_key.view());
  widened[0] = 0;
  const Secret full(widened);
  const Secret short_form(BytesView(widened).subspan(1));
  auto expected = kem.public_key_of(full);
  ASSERT_TRUE(is_ok(expected));
  EXPECT_EQ(*kem.public_key_of(short_form), *expected);
}

INSTANTIATE_TEST_SUITE_P(Dhkem, DhkemTest, ::testing::Values(p256, p384, p521, x25519, x448),
                         kem_name);

// ------------------------------------------- NIST curve point validation

class NistPointValidation : public DhkemTest {
 protected:
  // Encodings that are not an uncompressed point on the curve, built from a
  // valid public key (0x04 | X | Y).
  static std::vector<std::pair<std::string, Bytes>> invalid_points(const Bytes& valid) {
    const std::size_t coordinate = (valid.size() - 1) / 2;
    const BytesView x = BytesView(valid).subspan(1, coordinate);
    Bytes compressed_short = concat({Bytes{0x02}, x});
    Bytes compressed_prefix = valid;
    compressed_prefix[0] = 0x02;
    Bytes hybrid_even = valid;
    hybrid_even[0] = 0x06;
    Bytes hybrid_odd = valid;
    hybrid_odd[0] = 0x07;
    Bytes beyond_p(valid.size(), 0xff);
    beyond_p[0] = 0x04;
    Bytes origin(valid.size(), 0x00);
    origin[0] = 0x04;
    return {{"off curve (last byte flipped)", with_bit_flipped(valid, valid.size() - 1)},
            {"compressed form 0x02 | X", compressed_short},
            {"0x02 prefix on a full-length point", compressed_prefix},
            {"hybrid form 0x06", hybrid_even},
            {"hybrid form 0x07", hybrid_odd},
            {"infinity (single 0x00)", Bytes{0x00}},
            {"coordinates >= p (all 0xff)", beyond_p},
            {"(0, 0)", origin}};
  }
};

TEST_P(NistPointValidation, InvalidPointsAreRejectedEverywhere) {
  const auto recipient = key_pair("recipient");
  const auto sender = key_pair("sender");
  const auto valid = encap_to(recipient.public_key);
  for (const auto& [what, point] : invalid_points(recipient.public_key)) {
    SCOPED_TRACE(what);
    EXPECT_TRUE(fails_with(kem().validate_public_key(point), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().encap(point, system_random()), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().auth_encap(point, sender, system_random()),
                           Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().decap(point, recipient), Errc::invalid_public_key));
    EXPECT_TRUE(fails_with(kem().auth_decap(valid.enc, recipient, point),
                           Errc::invalid_public_key));
  }
}

INSTANTIATE_TEST_SUITE_P(Dhkem, NistPointValidation, ::testing::Values(p256, p384, p521),
                         kem_name);

// ------------------------------------------------ RFC 7748 low-order points

class Rfc7748LowOrder : public DhkemTest {};

// u = 0 and u = 1 have small order on both curves: every clamped scalar
// maps them to the all-zero output, which RFC 9180 section 7.1.4 rejects.
TEST_P(Rfc7748LowOrder, AllZeroOutputIsRejected) {
  const auto recipient = key_pair("recipient");
  const auto sender = key_pair("sender");
  Bytes one(kem().public_key_size(), 0x00);
  one[0] = 0x01;
  for (const Bytes& point : {Bytes(kem().public_key_size(), 0x00), one}) {
    SCOPED_TRACE(to_hex(point));
    EXPECT_TRUE(fails_with(kem().encap(point, system_random()), Errc::dh_failure));
    EXPECT_TRUE(fails_with(kem().auth_encap(point, sender, system_random()), Errc::dh_failure));
    EXPECT_TRUE(fails_with(kem().decap(point, recipient), Errc::dh_failure));
    EXPECT_TRUE(fails_with(kem().auth_decap(encap_to(recipient.public_key).enc, recipient, point),
                           Errc::dh_failure));
  }
}

INSTANTIATE_TEST_SUITE_P(Dhkem, Rfc7748LowOrder, ::testing::Values(x25519, x448), kem_name);

TEST(Dhkem, UnknownKemIsUnsupported) {
  EXPECT_TRUE(fails_with(Dhkem::find(static_cast<KemId>(0x0013)), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Dhkem::find(static_cast<KemId>(0x0000)), Errc::unsupported_algorithm));
}

// ------------------------------------------------- the two X25519 providers

struct X25519Provider {
  const char* name;
  const DhGroup& (*group)();
};

class X25519Group : public ::testing::TestWithParam<X25519Provider> {
 protected:
  static const DhGroup& group() { return GetParam().group(); }

  static std::string dh_hex(const char* scalar, const char* u) {
    const auto shared = group().dh(Secret(hex(scalar)), hex(u));
    if (!shared) return "failed: " + std::string(to_string(shared.error()));
    return to_hex(shared->view());
  }
};

// RFC 7748 section 5.2, the two single-step X25519 vectors.
TEST_P(X25519Group, Rfc7748Section5_2) {
  EXPECT_EQ(dh_hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                   "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"),
            "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  EXPECT_EQ(dh_hex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                   "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493"),
            "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
}

// RFC 7748 section 6.1: Alice's and Bob's key pairs and their shared K.
TEST_P(X25519Group, Rfc7748Section6_1) {
  const Secret alice(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  const Secret bob(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
  const auto alice_public = group().public_key(alice);
  const auto bob_public = group().public_key(bob);
  ASSERT_TRUE(is_ok(alice_public));
  ASSERT_TRUE(is_ok(bob_public));
  EXPECT_EQ(to_hex(*alice_public),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  EXPECT_EQ(to_hex(*bob_public),
            "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const auto k_alice = group().dh(alice, *bob_public);
  const auto k_bob = group().dh(bob, *alice_public);
  ASSERT_TRUE(is_ok(k_alice));
  ASSERT_TRUE(is_ok(k_bob));
  EXPECT_EQ(to_hex(k_alice->view()),
            "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_TRUE(*k_alice == *k_bob);
}

TEST_P(X25519Group, RejectsBadInputs) {
  const Secret scalar(Bytes(32, 0x11));
  EXPECT_TRUE(fails_with(group().dh(scalar, Bytes(32, 0x00)), Errc::dh_failure));
  EXPECT_TRUE(fails_with(group().dh(scalar, Bytes(31, 0x09)), Errc::invalid_public_key));
  EXPECT_TRUE(fails_with(group().validate_public_key(Bytes(33, 0x09)), Errc::invalid_public_key));
  Bytes base(32, 0x00);
  base[0] = 0x09;
  EXPECT_TRUE(fails_with(group().dh(Secret(Bytes(31, 0x11)), base), Errc::invalid_private_key));
  EXPECT_TRUE(fails_with(group().public_key(Secret(Bytes(33, 0x11))), Errc::invalid_private_key));
}

INSTANTIATE_TEST_SUITE_P(
    Dhkem, X25519Group,
    ::testing::Values(X25519Provider{"OpenSsl", x25519_openssl_group},
                      X25519Provider{"Sodium", x25519_sodium_group}),
    [](const auto& test) { return std::string(test.param.name); });

TEST(X25519Providers, AgreeOnRandomKeys) {
  const DhGroup& openssl = x25519_openssl_group();
  const DhGroup& sodium = x25519_sodium_group();
  DeterministicRandom random(as_bytes("x25519 providers"));
  for (int i = 0; i < 16; ++i) {
    const Secret own = random.secret(32);
    const Secret peer = random.secret(32);
    const auto peer_public = openssl.public_key(peer);
    ASSERT_TRUE(is_ok(peer_public));
    EXPECT_EQ(*peer_public, *sodium.public_key(peer));
    const auto via_openssl = openssl.dh(own, *peer_public);
    const auto via_sodium = sodium.dh(own, *peer_public);
    ASSERT_TRUE(is_ok(via_openssl));
    ASSERT_TRUE(is_ok(via_sodium));
    EXPECT_TRUE(*via_openssl == *via_sodium);
  }
}

// RFC 7748 section 5.2, the single-step X448 vector.
TEST(X448Group, Rfc7748Section5_2) {
  const auto shared = x448_group().dh(
      Secret(hex("3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c"
                 "984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3")),
      hex("06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031"
          "ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086"));
  ASSERT_TRUE(is_ok(shared));
  EXPECT_EQ(to_hex(shared->view()),
            "ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaad"
            "eb445fc66a01b0779d98223961111e21766282f73dd96b6f");
}

}  // namespace
