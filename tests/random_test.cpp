// Random sources: the system CSPRNG and the seeded deterministic stream.

#include <gtest/gtest.h>

#include "conclave/crypto/random.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::crypto::DeterministicRandom;
using conclave::crypto::RandomSource;
using conclave::crypto::system_random;
using conclave::test::copy_of;

Bytes draw(RandomSource& random, std::size_t size) {
  Bytes out(size);
  random.fill(out);
  return out;
}

TEST(DeterministicRandom, SameSeedGivesTheSameStream) {
  DeterministicRandom a(as_bytes("seed one"));
  DeterministicRandom b(as_bytes("seed one"));
  const Bytes first = draw(a, 64);
  EXPECT_EQ(first, draw(b, 64));
  const Bytes second = draw(a, 100);
  EXPECT_EQ(second, draw(b, 100));
  EXPECT_NE(copy_of(BytesView(second).first(64)), first);
}

TEST(DeterministicRandom, DifferentSeedsGiveDifferentStreams) {
  DeterministicRandom a(as_bytes("seed one"));
  DeterministicRandom b(as_bytes("seed two"));
  EXPECT_NE(draw(a, 32), draw(b, 32));
}

TEST(DeterministicRandom, SecretIsDrawnFromTheStream) {
  DeterministicRandom a(as_bytes("seed"));
  DeterministicRandom b(as_bytes("seed"));
  const auto secret = a.secret(40);
  EXPECT_EQ(secret.size(), 40u);
  EXPECT_EQ(copy_of(secret.view()), draw(b, 40));
}

// A request for zero bytes is valid and draws nothing (libsodium's buffer
// parameters are declared non-null, so fill() must not pass an empty span on).
TEST(DeterministicRandom, ZeroByteRequestIsAllowed) {
  DeterministicRandom random(as_bytes("seed"));
  EXPECT_TRUE(random.secret(0).empty());
  random.fill({});
  EXPECT_EQ(draw(random, 8).size(), 8u);
}

TEST(SystemRandom, ZeroByteRequestIsAllowed) {
  EXPECT_TRUE(system_random().secret(0).empty());
  system_random().fill({});
}

TEST(SystemRandom, TwoDrawsDiffer) {
  const Bytes first = draw(system_random(), 32);
  const Bytes second = draw(system_random(), 32);
  EXPECT_NE(first, second);
  EXPECT_NE(first, Bytes(32, 0));
}

}  // namespace
