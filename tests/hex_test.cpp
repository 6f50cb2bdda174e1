// Hex encoding and decoding (conclave/bytes.hpp).

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "conclave/bytes.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::is_ok;

TEST(Hex, EncodesLowercase) {
  EXPECT_EQ(to_hex(Bytes{}), "");
  EXPECT_EQ(to_hex(Bytes{0x00, 0x0f, 0xa5, 0xff}), "000fa5ff");
}

TEST(Hex, DecodesEitherCase) {
  const auto bytes = from_hex("000FA5ff");
  ASSERT_TRUE(is_ok(bytes));
  EXPECT_EQ(*bytes, (Bytes{0x00, 0x0f, 0xa5, 0xff}));
  const auto empty = from_hex("");
  ASSERT_TRUE(is_ok(empty));
  EXPECT_TRUE(empty->empty());
}

TEST(Hex, OddLengthIsRejected) {
  EXPECT_TRUE(fails_with(from_hex("a"), Errc::invalid_hex));
  EXPECT_TRUE(fails_with(from_hex("abc"), Errc::invalid_hex));
}

TEST(Hex, NonHexCharactersAreRejected) {
  for (const char* text : {"zz", "0g", "g0", " 0", "0 ", "0x00", "-1", "0:"}) {
    EXPECT_TRUE(fails_with(from_hex(text), Errc::invalid_hex)) << '"' << text << '"';
  }
}

TEST(Hex, EveryByteRoundTrips) {
  Bytes all;
  std::string expected;
  for (unsigned value = 0; value < 256; ++value) {
    all.push_back(static_cast<std::uint8_t>(value));
    char digits[9];
    std::snprintf(digits, sizeof digits, "%02x", value);
    expected += digits;
  }
  EXPECT_EQ(to_hex(all), expected);
  const auto decoded = from_hex(expected);
  ASSERT_TRUE(is_ok(decoded));
  EXPECT_EQ(*decoded, all);
}

}  // namespace
