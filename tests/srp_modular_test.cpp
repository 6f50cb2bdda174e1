// SRP's constant-time arithmetic (src/srp/modular.cpp) against OpenSSL's
// bignums: at the edges where a carry, a borrow or a reduction decides the
// result (0, 1, N-2, N-1, sums of exactly N, carries out of the top byte,
// moduli whose top byte is 0x01 or 0xff) and at random values, in both
// byte orders where the function takes one; and the client's S, whose
// exponent a + u*x enters OpenSSL behind a marker byte.

#include <gtest/gtest.h>

#include <openssl/bn.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/srp6a.hpp"
#include "crypto/openssl.hpp"
#include "srp/modular.hpp"
#include "srp_fixtures.hpp"

namespace {

using namespace conclave;
using crypto::ossl::Bignum;
using conclave::test::reversed;
using conclave::test::srp_group;

Bignum bignum(BytesView big_endian) {
  return Bignum(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
}

Bytes bytes_of(const BIGNUM* value, std::size_t size) {
  Bytes out(size);
  EXPECT_EQ(BN_bn2binpad(value, out.data(), static_cast<int>(size)), static_cast<int>(size));
  return out;
}

Bytes view_bytes(const crypto::Secret& secret) { return Bytes(secret.view().begin(), secret.view().end()); }

// `value` + `delta` (value at least -delta), of value's length, wrapping.
Bytes offset(BytesView value, long delta) {
  const Bignum sum = bignum(value);
  if (delta >= 0) BN_add_word(sum.get(), static_cast<BN_ULONG>(delta));
  else BN_sub_word(sum.get(), static_cast<BN_ULONG>(-delta));
  BN_mask_bits(sum.get(), static_cast<int>(8 * value.size()));
  return bytes_of(sum.get(), value.size());
}

Bytes random_bytes(crypto::RandomSource& random, std::size_t size) {
  Bytes out(size);
  random.fill(out);
  return out;
}

Bytes random_below(BytesView n, crypto::RandomSource& random) {
  const Bignum value = bignum(random_bytes(random, n.size()));
  BN_CTX* ctx = BN_CTX_new();
  BN_nnmod(value.get(), value.get(), bignum(n).get(), ctx);
  BN_CTX_free(ctx);
  return bytes_of(value.get(), n.size());
}

// Moduli whose reductions take every path: RFC 5054's, one of all ones
// (a + b carries out of the top byte), and small ones with a top byte of
// 0x01, 0x80 and 0xfb.
std::vector<Bytes> moduli() {
  return {srp_group(1024).modulus(), srp_group(2048).modulus(), Bytes(48, 0xff), Bytes{0x01, 0x00, 0x01},
          Bytes{0x80, 0x00, 0x00, 0x01}, Bytes{0xfb}};
}

// Edge values below n, then random ones.
std::vector<Bytes> operands(BytesView n, crypto::RandomSource& random) {
  const Bytes zero(n.size(), 0);
  std::vector<Bytes> out{zero, offset(zero, 1), offset(zero, 2), offset(n, -2), offset(n, -1)};
  const Bytes half = [&] {
    const Bignum value = bignum(n);
    BN_rshift1(value.get(), value.get());
    return bytes_of(value.get(), n.size());
  }();
  for (const Bytes& near_half : {offset(half, -1), half, offset(half, 1)}) out.push_back(near_half);
  for (int i = 0; i < 6; ++i) out.push_back(random_below(n, random));
  return out;
}

using ModOperation = crypto::Secret (*)(BytesView, BytesView, BytesView);

// `operation` against OpenSSL's `expected` for every pair of operands below
// every modulus.
void expect_mod_operation(ModOperation operation, int (*expected)(BIGNUM*, const BIGNUM*, const BIGNUM*,
                                                                  const BIGNUM*, BN_CTX*)) {
  crypto::DeterministicRandom random(as_bytes("mod operation"));
  BN_CTX* ctx = BN_CTX_new();
  for (const Bytes& n : moduli()) {
    const std::vector<Bytes> values = operands(n, random);
    for (const Bytes& a : values) {
      for (const Bytes& b : values) {
        const Bignum result(BN_new());
        expected(result.get(), bignum(a).get(), bignum(b).get(), bignum(n).get(), ctx);
        ASSERT_EQ(view_bytes(operation(a, b, n)), bytes_of(result.get(), n.size()))
            << "a=" << to_hex(a) << " b=" << to_hex(b) << " n=" << to_hex(n);
      }
    }
  }
  BN_CTX_free(ctx);
}

TEST(SrpModular, AddModIsTheReducedSumForEveryOperandPair) { expect_mod_operation(srp::add_mod, BN_mod_add); }

TEST(SrpModular, SubtractModIsTheReducedDifferenceForEveryOperandPair) {
  expect_mod_operation(srp::subtract_mod, BN_mod_sub);
}

TEST(SrpModular, IsBetweenOneAndMatchesTheComparisonInBothByteOrders) {
  crypto::DeterministicRandom random(as_bytes("is_between_one_and"));
  for (const Bytes& n : moduli()) {
    const Bytes limit = offset(n, -1);
    std::vector<Bytes> values = operands(n, random);
    for (const Bytes& above : {n, offset(n, 1), Bytes(n.size(), 0xff), random_bytes(random, n.size())}) {
      values.push_back(above);
    }
    for (const Bytes& value : values) {
      const Bignum v = bignum(value);
      const bool expected = BN_cmp(v.get(), BN_value_one()) > 0 && BN_cmp(v.get(), bignum(limit).get()) < 0;
      EXPECT_EQ(srp::is_between_one_and(value, limit, srp::ByteOrder::big_endian), expected) << to_hex(value);
      EXPECT_EQ(srp::is_between_one_and(reversed(value), reversed(limit), srp::ByteOrder::little_endian),
                expected)
          << to_hex(value);
    }
  }
}

// a + u*x by OpenSSL, big-endian in `size` bytes.
Bytes expected_multiply_add(BytesView u, BytesView x, BytesView a, std::size_t size) {
  const Bignum result(BN_new());
  BN_CTX* ctx = BN_CTX_new();
  BN_mul(result.get(), bignum(u).get(), bignum(x).get(), ctx);
  BN_add(result.get(), result.get(), bignum(a).get());
  BN_CTX_free(ctx);
  return bytes_of(result.get(), size);
}

void expect_multiply_add(BytesView u, BytesView x, BytesView a) {
  const std::size_t size = std::max(u.size() + x.size(), a.size()) + 1;
  const Bytes expected = expected_multiply_add(u, x, a, size);
  EXPECT_EQ(view_bytes(srp::multiply_add(u, x, a, srp::ByteOrder::big_endian)), expected)
      << "u=" << to_hex(u) << " x=" << to_hex(x) << " a=" << to_hex(a);
  EXPECT_EQ(view_bytes(srp::multiply_add(reversed(u), reversed(x), reversed(a), srp::ByteOrder::little_endian)),
            expected)
      << "u=" << to_hex(u) << " x=" << to_hex(x) << " a=" << to_hex(a);
}

TEST(SrpModular, MultiplyAddIsTheWholeProductPlusA) {
  crypto::DeterministicRandom random(as_bytes("multiply_add"));
  // The sizes SRP uses (32-byte hashes, Proton's 256 bytes), one-byte
  // operands, and an a longer than u*x.
  const std::vector<std::array<std::size_t, 3>> sizes{{32, 32, 32}, {20, 64, 48}, {256, 256, 32}, {1, 1, 1},
                                                      {1, 3, 9},    {2, 2, 40},   {48, 1, 32}};
  for (const auto& [u_size, x_size, a_size] : sizes) {
    // All ones: the largest columns and carries; then zeros and random values.
    expect_multiply_add(Bytes(u_size, 0xff), Bytes(x_size, 0xff), Bytes(a_size, 0xff));
    expect_multiply_add(Bytes(u_size, 0), Bytes(x_size, 0xff), Bytes(a_size, 0xff));
    expect_multiply_add(Bytes(u_size, 0xff), Bytes(x_size, 0xff), Bytes(a_size, 0));
    Bytes leading_zeros = random_bytes(random, x_size);
    std::fill(leading_zeros.begin(), leading_zeros.begin() + static_cast<long>(x_size / 2), 0);
    expect_multiply_add(random_bytes(random, u_size), leading_zeros, random_bytes(random, a_size));
    for (int i = 0; i < 4; ++i) {
      expect_multiply_add(random_bytes(random, u_size), random_bytes(random, x_size), random_bytes(random, a_size));
    }
  }
}

// The textbook S = (B - k*g^x)^(a + u*x) mod N by OpenSSL's plain
// arithmetic, integers in the variant's byte order.
Bytes expected_client_premaster(const srp::Variant& variant, BytesView x, BytesView a, BytesView u, BytesView b) {
  const auto decode = [&](BytesView bytes) {
    return variant.byte_order() == srp::ByteOrder::big_endian ? bignum(bytes) : bignum(reversed(bytes));
  };
  const Bytes n_bytes = variant.group().modulus();
  const Bignum n = bignum(n_bytes);
  const Bignum g = bignum(variant.group().generator());
  BN_CTX* ctx = BN_CTX_new();
  const Bignum base(BN_new());
  const Bignum exponent(BN_new());
  BN_mod_exp(base.get(), g.get(), decode(x).get(), n.get(), ctx);
  BN_mod_mul(base.get(), base.get(), decode(variant.multiplier()).get(), n.get(), ctx);
  BN_mod_sub(base.get(), decode(b).get(), base.get(), n.get(), ctx);
  BN_mul(exponent.get(), decode(u).get(), decode(x).get(), ctx);
  BN_add(exponent.get(), exponent.get(), decode(a).get());
  BN_mod_exp(base.get(), base.get(), exponent.get(), n.get(), ctx);
  BN_CTX_free(ctx);
  const Bytes s = bytes_of(base.get(), n_bytes.size());
  return variant.byte_order() == srp::ByteOrder::big_endian ? s : reversed(s);
}

// Exponents whose u*x has leading zero bytes and words (where the
// conversion to a bignum trims), carries all the way up, and plain random
// ones; B at both ends of its range and random.
TEST(SrpModular, ClientPremasterIsTheTextbookPowerForEdgeExponents) {
  crypto::DeterministicRandom random(as_bytes("client premaster"));
  const srp::Rfc5054 rfc5054(srp_group(1024), crypto::HashId::sha256);
  const srp::ProtonV4 proton = *srp::ProtonV4::create(reversed(srp_group(2048).modulus()));
  for (const srp::Variant* variant : std::array<const srp::Variant*, 2>{&rfc5054, &proton}) {
    const std::size_t x_size = variant == &proton ? 256 : 32;
    const std::size_t n_size = variant->group().size();
    const auto in_order = [&](Bytes big_endian) {
      return variant->byte_order() == srp::ByteOrder::big_endian ? big_endian : reversed(big_endian);
    };
    // `size` bytes of `fill` (random for 0), the first `high_zeros` zero, never 0.
    const auto number = [&](std::size_t size, std::size_t high_zeros, std::uint8_t fill) {
      Bytes value = fill == 0 ? random_bytes(random, size) : Bytes(size, fill);
      std::fill(value.begin(), value.begin() + static_cast<long>(high_zeros), 0);
      if (value.back() == 0) value.back() = 1;
      return in_order(value);
    };
    const Bytes two = number(n_size, n_size - 1, 2);
    const Bytes n_minus_two = in_order(offset(variant->group().modulus(), -2));
    for (const auto& [x, u] : {std::pair{number(x_size, 0, 0xff), number(32, 0, 0xff)},
                               std::pair{number(x_size, 1, 0), number(32, 1, 0)},
                               std::pair{number(x_size, 8, 0), number(32, 0, 0)},
                               std::pair{number(x_size, 9, 0), number(32, 9, 0)},
                               std::pair{number(x_size, x_size - 1, 1), number(32, 31, 1)},
                               std::pair{number(x_size, 0, 0), number(32, 0, 0)}}) {
      for (const Bytes& a : {number(32, 0, 0xff), number(32, 0, 0), number(32, 31, 1)}) {
        for (const Bytes& b : {two, n_minus_two, number(n_size, 1, 0)}) {
          const auto s = srp::client_premaster_secret(*variant, crypto::Secret(x), crypto::Secret(a), u, b);
          ASSERT_TRUE(s.ok());
          EXPECT_EQ(view_bytes(*s), expected_client_premaster(*variant, x, a, u, b))
              << "x=" << to_hex(x) << " u=" << to_hex(u) << " a=" << to_hex(a) << " b=" << to_hex(b);
        }
      }
    }
  }
}

}  // namespace
