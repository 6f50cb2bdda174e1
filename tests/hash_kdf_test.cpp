// Hash functions, HMAC, HKDF and PBKDF2 against their published known
// answers, and the arguments PBKDF2 and Argon2id refuse.

#include <gtest/gtest.h>

#include <string>

#include <climits>
#include <cstdint>

#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/kdf.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;
using conclave::test::copy_of;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;

std::string hash_name(HashId hash) {
  switch (hash) {
    case HashId::sha1: return "Sha1";
    case HashId::sha256: return "Sha256";
    case HashId::sha384: return "Sha384";
    case HashId::sha512: return "Sha512";
  }
  return "Unknown";
}

// ------------------------------------------------------------------ hashes

struct HashCase {
  HashId hash;
  std::size_t size;
  const char* digest_of_abc;
};

class HashKat : public ::testing::TestWithParam<HashCase> {};

TEST_P(HashKat, DigestOfAbc) {
  const auto& c = GetParam();
  EXPECT_EQ(digest_size(c.hash), c.size);
  EXPECT_EQ(to_hex(hash(c.hash, as_bytes("abc"))), c.digest_of_abc);
}

// FIPS 180-2 appendices A.1, B.1, C.1, D.1: the one-block message "abc".
INSTANTIATE_TEST_SUITE_P(
    Hash, HashKat,
    ::testing::Values(
        HashCase{HashId::sha1, 20, "a9993e364706816aba3e25717850c26c9cd0d89d"},
        HashCase{HashId::sha256, 32,
                 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        HashCase{HashId::sha384, 48,
                 "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                 "8086072ba1e7cc2358baeca134c825a7"},
        HashCase{HashId::sha512, 64,
                 "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                 "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"}),
    [](const auto& test) { return hash_name(test.param.hash); });

TEST(Hash, Sha256OfEmptyAndMultiBlockMessages) {
  EXPECT_EQ(to_hex(hash(HashId::sha256, {})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // FIPS 180-2 appendix B.2: the two-block message.
  EXPECT_EQ(to_hex(hash(HashId::sha256,
                        as_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// -------------------------------------------------------------------- HMAC

struct HmacCase {
  const char* name;
  HashId hash;
  Bytes key;
  std::string data;
  const char* mac;
};

class HmacKat : public ::testing::TestWithParam<HmacCase> {};

TEST_P(HmacKat, MatchesRfc4231) {
  const auto& c = GetParam();
  EXPECT_EQ(to_hex(hmac(c.hash, c.key, as_bytes(c.data))), c.mac);
}

const std::string jefe_data = "what do ya want for nothing?";

// RFC 4231 section 4: test cases 1, 2 (all three hashes) and 6 (a key
// longer than the block, hashed first).
INSTANTIATE_TEST_SUITE_P(
    Hmac, HmacKat,
    ::testing::Values(
        HmacCase{"Case1Sha256", HashId::sha256, Bytes(20, 0x0b), "Hi There",
                 "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        HmacCase{"Case2Sha256", HashId::sha256, copy_of(as_bytes("Jefe")), jefe_data,
                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        HmacCase{"Case2Sha384", HashId::sha384, copy_of(as_bytes("Jefe")), jefe_data,
                 "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                 "8e2240ca5e69e2c78b3239ecfab21649"},
        HmacCase{"Case2Sha512", HashId::sha512, copy_of(as_bytes("Jefe")), jefe_data,
                 "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                 "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"},
        HmacCase{"Case6Sha256", HashId::sha256, Bytes(131, 0xaa),
                 "Test Using Larger Than Block-Size Key - Hash Key First",
                 "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"}),
    [](const auto& test) { return std::string(test.param.name); });

// -------------------------------------------------------------------- HKDF

Kdf sha256_kdf() { return *Kdf::find(KdfId::hkdf_sha256); }

TEST(Hkdf, Rfc5869TestCase1) {
  const Kdf kdf = sha256_kdf();
  const auto prk = kdf.extract(hex("000102030405060708090a0b0c"), Bytes(22, 0x0b));
  EXPECT_EQ(to_hex(prk.view()),
            "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
  const auto okm = kdf.expand(prk.view(), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
  ASSERT_TRUE(is_ok(okm));
  EXPECT_EQ(to_hex(okm->view()),
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
            "34007208d5b887185865");
}

// RFC 5869 test case 3: an empty salt (HashLen zeros) and empty info.
TEST(Hkdf, Rfc5869TestCase3EmptySaltAndInfo) {
  const Kdf kdf = sha256_kdf();
  const auto prk = kdf.extract({}, Bytes(22, 0x0b));
  EXPECT_EQ(to_hex(prk.view()),
            "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
  const auto okm = kdf.expand(prk.view(), {}, 42);
  ASSERT_TRUE(is_ok(okm));
  EXPECT_EQ(to_hex(okm->view()),
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
            "9d201395faa4b61a96c8");
}

TEST(Hkdf, ShorterOutputIsAPrefix) {
  const Kdf kdf = sha256_kdf();
  const Bytes prk(32, 0x07);
  const auto longer = kdf.expand(prk, as_bytes("info"), 100);
  const auto shorter = kdf.expand(prk, as_bytes("info"), 33);
  ASSERT_TRUE(is_ok(longer));
  ASSERT_TRUE(is_ok(shorter));
  EXPECT_EQ(copy_of(shorter->view()), copy_of(longer->view().first(33)));
}

struct KdfCase {
  KdfId id;
  HashId hash;
  std::size_t size;
};

class KdfLimits : public ::testing::TestWithParam<KdfCase> {};

TEST_P(KdfLimits, FindGivesTheHash) {
  const auto kdf = Kdf::find(GetParam().id);
  ASSERT_TRUE(is_ok(kdf));
  EXPECT_EQ(kdf->hash(), GetParam().hash);
  EXPECT_EQ(kdf->size(), GetParam().size);
}

// RFC 5869 section 2.3: L <= 255 * HashLen.
TEST_P(KdfLimits, ExpandStopsAt255Blocks) {
  const Kdf kdf = *Kdf::find(GetParam().id);
  const Bytes prk(kdf.size(), 0x01);
  const std::size_t max = 255 * kdf.size();
  const auto longest = kdf.expand(prk, {}, max);
  ASSERT_TRUE(is_ok(longest));
  EXPECT_EQ(longest->size(), max);
  EXPECT_TRUE(fails_with(kdf.expand(prk, {}, max + 1), Errc::invalid_length));
}

INSTANTIATE_TEST_SUITE_P(Kdf, KdfLimits,
                         ::testing::Values(KdfCase{KdfId::hkdf_sha256, HashId::sha256, 32},
                                           KdfCase{KdfId::hkdf_sha384, HashId::sha384, 48},
                                           KdfCase{KdfId::hkdf_sha512, HashId::sha512, 64}),
                         [](const auto& test) { return hash_name(test.param.hash); });

TEST(Kdf, UnknownIdIsUnsupported) {
  EXPECT_TRUE(fails_with(Kdf::find(static_cast<KdfId>(0x0000)), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(Kdf::find(static_cast<KdfId>(0x0004)), Errc::unsupported_algorithm));
}

// ------------------------------------------------------- PBKDF2, Argon2id

// RFC 6070 section 2, the cases of one and two iterations.
TEST(Pbkdf2, MatchesRfc6070) {
  const auto once = pbkdf2_hmac(HashId::sha1, as_bytes("password"), as_bytes("salt"), 1, 20);
  ASSERT_TRUE(is_ok(once));
  EXPECT_EQ(to_hex(once->view()), "0c60c80f961f0e71f3a9b524af6012062fe037a6");
  const auto twice = pbkdf2_hmac(HashId::sha1, as_bytes("password"), as_bytes("salt"), 2, 20);
  ASSERT_TRUE(is_ok(twice));
  EXPECT_EQ(to_hex(twice->view()), "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
}

// OpenSSL takes the count and the length as int: none is cut down to fit.
TEST(Pbkdf2, RefusesCountsAndLengthsOutsideOneToIntMax) {
  const auto derive = [](std::uint32_t iterations, std::size_t length) {
    return pbkdf2_hmac(HashId::sha256, as_bytes("pw"), as_bytes("salt"), iterations, length);
  };
  EXPECT_TRUE(fails_with(derive(0, 32), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(derive(std::uint32_t{INT_MAX} + 1, 32), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(derive(1, 0), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(derive(1, std::size_t{INT_MAX} + 1), Errc::invalid_argument));
}

TEST(Argon2id, RefusesMemoryThatIsNotWholeKibibytes) {
  EXPECT_TRUE(fails_with(argon2id(as_bytes("pw"), Bytes(argon2id_salt_size), {1, 8 * 1024 + 512}, 32),
                         Errc::invalid_argument));
}

// Above libsodium's maximum pass count (2^32 - 1) it refuses before any
// work, which argon2id() documents as Errc::internal.
TEST(Argon2id, PassesAboveLibsodiumsMaximumAreInternal) {
  EXPECT_TRUE(fails_with(argon2id(as_bytes("pw"), Bytes(argon2id_salt_size), {std::uint64_t{1} << 32, 8 * 1024}, 32),
                         Errc::internal));
}

}  // namespace
