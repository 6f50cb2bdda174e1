// Secret: owned key material with constant-time comparison.

#include <gtest/gtest.h>

#include <utility>

#include "conclave/crypto/secret.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::crypto::constant_time_equal;
using conclave::crypto::secure_zero;
using conclave::crypto::Secret;
using conclave::test::copy_of;

const Bytes key_bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};

TEST(Secret, HoldsACopyOfItsBytes) {
  Bytes source = key_bytes;
  const Secret secret(source);
  source[0] = 0xff;
  EXPECT_EQ(secret.size(), key_bytes.size());
  EXPECT_EQ(copy_of(secret.view()), key_bytes);
}

TEST(Secret, CloneIsEqualButSeparate) {
  const Secret original(key_bytes);
  Secret clone = original.clone();
  EXPECT_TRUE(clone == original);
  EXPECT_NE(clone.view().data(), original.view().data());
  clone.mutable_view()[0] ^= 1;
  EXPECT_FALSE(clone == original);
  EXPECT_EQ(copy_of(original.view()), key_bytes);
}

TEST(Secret, EqualityComparesContentAndLength) {
  const Secret secret(key_bytes);
  EXPECT_TRUE(secret == Secret(key_bytes));

  Bytes last_differs = key_bytes;
  last_differs.back() ^= 0x80;
  EXPECT_FALSE(secret == Secret(last_differs));

  const Bytes prefix(key_bytes.begin(), key_bytes.end() - 1);
  EXPECT_FALSE(secret == Secret(prefix));
  EXPECT_FALSE(Secret(prefix) == secret);

  EXPECT_TRUE(Secret() == Secret());
  EXPECT_FALSE(Secret() == secret);
}

TEST(Secret, MoveConstructionEmptiesTheSource) {
  Secret source(key_bytes);
  const Secret target(std::move(source));
  EXPECT_EQ(copy_of(target.view()), key_bytes);
  EXPECT_TRUE(source.empty());
  EXPECT_EQ(source.size(), 0u);
  EXPECT_TRUE(source.view().empty());
}

TEST(Secret, MoveAssignmentEmptiesTheSource) {
  Secret source(key_bytes);
  Secret target(Bytes{0xee, 0xee});
  target = std::move(source);
  EXPECT_EQ(copy_of(target.view()), key_bytes);
  EXPECT_TRUE(source.empty());
  EXPECT_TRUE(source.view().empty());
}

// Moving a secret onto itself keeps it: it is not wiped before the move.
TEST(Secret, SelfMoveAssignmentKeepsTheBytes) {
  Secret secret(key_bytes);
  Secret& same = secret;
  secret = std::move(same);
  EXPECT_EQ(copy_of(secret.view()), key_bytes);
}

TEST(Secret, SizedConstructorGivesThatSize) {
  const Secret secret(48);
  EXPECT_EQ(secret.size(), 48u);
  EXPECT_FALSE(secret.empty());
  EXPECT_TRUE(Secret().empty());
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  const Bytes a{1, 2, 3, 4};
  EXPECT_TRUE(constant_time_equal(a, Bytes{1, 2, 3, 4}));
  EXPECT_FALSE(constant_time_equal(a, Bytes{0, 2, 3, 4}));
  EXPECT_FALSE(constant_time_equal(a, Bytes{1, 2, 3, 5}));
  EXPECT_FALSE(constant_time_equal(a, Bytes{1, 2, 3}));
  EXPECT_FALSE(constant_time_equal(a, Bytes{1, 2, 3, 4, 0}));
  EXPECT_TRUE(constant_time_equal(Bytes{}, Bytes{}));
  EXPECT_FALSE(constant_time_equal(Bytes{}, a));
}

TEST(SecureZero, ClearsEveryByte) {
  Bytes buffer = key_bytes;
  secure_zero(buffer);
  EXPECT_EQ(buffer, Bytes(key_bytes.size(), 0));
}

}  // namespace
