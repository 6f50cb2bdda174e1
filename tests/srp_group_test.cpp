// SRP groups: RFC 5054 appendix A, caller-supplied groups and their
// validation (safe prime, primitive root, minimum size), and Proton's
// modulus checks.

#include <gtest/gtest.h>

#include <openssl/bn.h>

#include <array>

#include "conclave/srp/group.hpp"
#include "conclave/srp/proton.hpp"
#include "crypto/openssl.hpp"
#include "srp_fixtures.hpp"
#include "srp_small_group.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::reversed;
using conclave::test::srp_group;
using conclave::test::unsafe_prime_2048;

constexpr srp::GroupPolicy allow_1024{.min_bits = 1024};
const Bytes two{2};

Bytes modulus_2048() { return srp_group(2048).modulus(); }

// RFC 3526's 2048-bit MODP prime: a safe prime, but 7 mod 8.
Bytes modp_2048_little_endian() {
  const crypto::ossl::Bignum prime(BN_get_rfc3526_prime_2048(nullptr));
  Bytes out(256);
  BN_bn2lebinpad(prime.get(), out.data(), static_cast<int>(out.size()));
  return out;
}

TEST(SrpGroup, AppendixAGroupsHaveTheirSizesAndGenerators) {
  const std::array<std::pair<std::size_t, std::uint8_t>, 7> groups{
      {{1024, 2}, {1536, 2}, {2048, 2}, {3072, 5}, {4096, 5}, {6144, 5}, {8192, 19}}};
  for (const auto& [bits, generator] : groups) {
    const auto group = srp::rfc5054_group(bits, allow_1024);
    ASSERT_TRUE(is_ok(group)) << bits;
    EXPECT_EQ(group->bits(), bits);
    EXPECT_EQ(group->size(), bits / 8);
    EXPECT_EQ(group->modulus().size(), bits / 8);
    EXPECT_EQ(group->generator(), Bytes{generator});
    EXPECT_EQ(group->secret_size(), bits >= 7680 ? 48u : 32u);
  }
}

TEST(SrpGroup, SmallAppendixAGroupsNeedAnExplicitPolicy) {
  EXPECT_TRUE(fails_with(srp::rfc5054_group(1024), Errc::group_too_small));
  EXPECT_TRUE(fails_with(srp::rfc5054_group(1536), Errc::group_too_small));
  EXPECT_TRUE(is_ok(srp::rfc5054_group(1024, allow_1024)));
  EXPECT_TRUE(fails_with(srp::rfc5054_group(2048, {.min_bits = 3072}), Errc::group_too_small));
}

TEST(SrpGroup, UnknownAppendixASizeIsRejected) {
  EXPECT_TRUE(fails_with(srp::rfc5054_group(2047), Errc::invalid_argument));
}

TEST(SrpGroup, CopiesShareOneState) {
  const auto first = srp::rfc5054_group(2048);
  const auto second = srp::rfc5054_group(2048);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(&first->state(), &second->state());
}

TEST(SrpGroup, CreateAcceptsASafePrimeWithAPrimitiveRoot) {
  const auto group = srp::Group::create(modulus_2048(), two);
  ASSERT_TRUE(is_ok(group));
  EXPECT_EQ(group->modulus(), modulus_2048());
  EXPECT_EQ(group->generator(), two);
}

// tests/srp_small_group.hpp's group, too small for create, passes the checks
// create and Proton's clients make: N and (N-1)/2 prime, N = 3 mod 8, and
// g = 2 with g^((N-1)/2) = -1 mod N.
TEST(SrpGroup, SmallTestGroupPassesTheChecksOfCreate) {
  const srp::Group small = test::small_srp_group();
  const srp::GroupState& group = small.state();
  const srp::BnCtx ctx = srp::new_bn_context();
  const srp::Bignum q(BN_dup(group.order()));
  ASSERT_EQ(BN_rshift1(q.get(), q.get()), 1);
  EXPECT_EQ(small.bits(), 64u);
  EXPECT_EQ(BN_check_prime(group.modulus(), ctx.get(), nullptr), 1);
  EXPECT_EQ(BN_check_prime(q.get(), ctx.get(), nullptr), 1);
  EXPECT_EQ(BN_mod_word(group.modulus(), 8), 3u);
  EXPECT_EQ(small.generator(), two);
  EXPECT_EQ(BN_cmp(group.power(group.generator(), q.get(), ctx.get()).get(), group.order()), 0);
}

TEST(SrpGroup, CreateRejectsAPrimeThatIsNotSafe) {
  EXPECT_TRUE(fails_with(srp::Group::create(unsafe_prime_2048(), two), Errc::invalid_group));
}

TEST(SrpGroup, CreateRejectsACompositeModulus) {
  Bytes composite = modulus_2048();
  composite.back() += 2;
  EXPECT_TRUE(fails_with(srp::Group::create(composite, two), Errc::invalid_group));
  Bytes even = modulus_2048();
  even.back() ^= 1;
  EXPECT_TRUE(fails_with(srp::Group::create(even, two), Errc::invalid_group));
}

// g must be a primitive root (RFC 2945 section 3): 4 = 2^2 is a square and
// generates only the subgroup of order q; 0, 1 and N-1 generate nothing useful.
TEST(SrpGroup, CreateRejectsAGeneratorOfTheWrongSubgroup) {
  Bytes minus_one = modulus_2048();
  minus_one.back() -= 1;
  for (const Bytes& generator : {Bytes{4}, Bytes{0}, Bytes{1}, minus_one, modulus_2048()}) {
    EXPECT_TRUE(fails_with(srp::Group::create(modulus_2048(), generator), Errc::invalid_group));
  }
}

TEST(SrpGroup, CreateRejectsAModulusBelowThePolicy) {
  const Bytes modulus_1024 = srp::rfc5054_group(1024, allow_1024)->modulus();
  EXPECT_TRUE(fails_with(srp::Group::create(modulus_1024, two), Errc::group_too_small));
  EXPECT_TRUE(is_ok(srp::Group::create(modulus_1024, two, allow_1024)));
  EXPECT_TRUE(fails_with(srp::Group::create(modulus_2048(), two, {.max_bits = 1536}),
                         Errc::invalid_group));
  // No policy goes below 1024 bits.
  EXPECT_TRUE(fails_with(srp::Group::create(Bytes(64, 0xff), two, {.min_bits = 0}),
                         Errc::group_too_small));
}

TEST(SrpProtonModulus, AcceptsASafePrimeThreeModEight) {
  EXPECT_TRUE(is_ok(srp::proton::modulus_group(reversed(modulus_2048()))));
}

TEST(SrpProtonModulus, RejectsAPrimeThatIsNotSafe) {
  EXPECT_TRUE(fails_with(srp::proton::modulus_group(reversed(unsafe_prime_2048())),
                         Errc::invalid_group));
}

TEST(SrpProtonModulus, RejectsASafePrimeSevenModEight) {
  EXPECT_TRUE(fails_with(srp::proton::modulus_group(modp_2048_little_endian()),
                         Errc::invalid_group));
}

TEST(SrpProtonModulus, RejectsAnythingButExactly2048Bits) {
  const Bytes modulus = reversed(modulus_2048());
  EXPECT_TRUE(fails_with(srp::proton::modulus_group(BytesView(modulus).first(255)),
                         Errc::invalid_group));
  Bytes short_modulus = modulus;
  short_modulus.back() &= 0x7f;
  EXPECT_TRUE(fails_with(srp::proton::modulus_group(short_modulus), Errc::invalid_group));
  const Bytes modulus_3072 = reversed(srp_group(3072).modulus());
  EXPECT_TRUE(fails_with(srp::proton::modulus_group(modulus_3072), Errc::invalid_group));
}

}  // namespace
