// Proton's auth version 4 pieces: the bcrypt setting and hash (libxcrypt),
// its 72-byte limit, and expandHash. The full vectors are in
// proton/proton-srp-v4.json (vectors_test.cpp).

#include <gtest/gtest.h>

#include <string>

#include "conclave/crypto/hash.hpp"
#include "conclave/srp/proton.hpp"
#include "srp_fixtures.hpp"
#include "srp_small_group.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;

// go-srp's TestSRPauth salt and password.
const Bytes salt = hex("c8a95ce7f0af39b7e88b");

std::string text_of(const crypto::Secret& secret) {
  return {reinterpret_cast<const char*>(secret.view().data()), secret.size()};
}

TEST(SrpProton, BcryptSettingEncodesSaltAndProton) {
  const auto setting = srp::proton::bcrypt_setting(salt);
  ASSERT_TRUE(is_ok(setting));
  EXPECT_EQ(*setting, "$2y$10$wIja39AtMZdmg1/wZ1PtZe");
}

TEST(SrpProton, BcryptMatchesGoSrp) {
  const auto hashed = srp::proton::bcrypt(as_bytes("abc123"), salt);
  ASSERT_TRUE(is_ok(hashed));
  EXPECT_EQ(text_of(*hashed), "$2y$10$wIja39AtMZdmg1/wZ1PtZegkN22Ep9u51r4dbXpRxMQM/jVLCq6dO");
}

TEST(SrpProton, SaltMustBeTenBytes) {
  EXPECT_TRUE(fails_with(srp::proton::bcrypt_setting(Bytes(9, 1)), Errc::invalid_length));
  EXPECT_TRUE(fails_with(srp::proton::bcrypt(as_bytes("abc123"), Bytes(11, 1)),
                         Errc::invalid_length));
}

TEST(SrpProton, OnlyTheFirst72PasswordBytesCount) {
  const std::string prefix(srp::proton::bcrypt_password_limit, 'p');
  const auto first = srp::proton::bcrypt(as_bytes(prefix + "first"), salt);
  const auto second = srp::proton::bcrypt(as_bytes(prefix + "second"), salt);
  const auto shorter = srp::proton::bcrypt(as_bytes(prefix.substr(1)), salt);
  ASSERT_TRUE(first && second && shorter);
  EXPECT_TRUE(*first == *second);
  EXPECT_FALSE(*first == *shorter);
}

TEST(SrpProton, NulInTheCountedBytesIsRefused) {
  const std::string with_nul("abc\0def", 7);
  EXPECT_TRUE(fails_with(srp::proton::bcrypt(as_bytes(with_nul), salt), Errc::invalid_argument));
  const std::string nul_after_limit = std::string(72, 'p') + std::string(1, '\0');
  EXPECT_TRUE(is_ok(srp::proton::bcrypt(as_bytes(nul_after_limit), salt)));
}

TEST(SrpProton, ExpandHashIsFourCountedSha512Blocks) {
  const Bytes data = test::copy_of(as_bytes("expand me"));
  Bytes expected;
  for (std::uint8_t i = 0; i < 4; ++i) {
    const Bytes block = crypto::hash(crypto::HashId::sha512, concat({data, Bytes{i}}));
    expected.insert(expected.end(), block.begin(), block.end());
  }
  EXPECT_EQ(srp::proton::expand_hash({BytesView(data).first(3), BytesView(data).subspan(3)}),
            expected);
}

TEST(SrpProton, HashPasswordNeedsA256ByteModulus) {
  EXPECT_TRUE(fails_with(srp::proton::hash_password(as_bytes("abc123"), salt, Bytes(255, 1)),
                         Errc::invalid_argument));
}

// The SRP fuzzer's variant: create_for_testing takes the 64-bit group that
// create refuses, and password_key then refuses its modulus.
TEST(SrpProton, CreateForTestingTakesTheGroupCreateRefuses) {
  const auto proton = srp::ProtonV4::create_for_testing(test::small_srp_group());
  EXPECT_EQ(proton.group().bits(), 64u);
  EXPECT_TRUE(fails_with(srp::ProtonV4::create(test::modulus_of(proton)), Errc::invalid_group));
  EXPECT_TRUE(fails_with(proton.password_key({}, as_bytes("abc123"), salt), Errc::invalid_argument));
}

// bcrypt's errors come through hash_password(), and the modulus checks
// through ProtonV4::create().
TEST(SrpProton, HashPasswordAndCreatePassOnTheirPartsErrors) {
  EXPECT_TRUE(fails_with(srp::proton::hash_password(as_bytes("abc123"), Bytes(9, 1), Bytes(256, 1)),
                         Errc::invalid_length));
  EXPECT_TRUE(fails_with(srp::ProtonV4::create(Bytes(255, 1)), Errc::invalid_group));
}

}  // namespace
