// Finding 6 of issue 18: OpenSSL objects that can hold a secret (a private
// scalar, or a DH product point whose x coordinate is the shared secret,
// RFC 9180 section 7.1.1) are cleared when freed, not only released.

#include <gtest/gtest.h>

#include <type_traits>

#include "crypto/openssl.hpp"

namespace {

using namespace conclave::crypto;

TEST(CryptoHygiene, EcPointsAreClearedWhenFreed) {
  EXPECT_TRUE((std::is_same_v<ossl::EcPoint::deleter_type, ossl::Deleter<EC_POINT_clear_free>>));
}

TEST(CryptoHygiene, BignumsAreClearedWhenFreed) {
  EXPECT_TRUE((std::is_same_v<ossl::Bignum::deleter_type, ossl::Deleter<BN_clear_free>>));
}

}  // namespace
