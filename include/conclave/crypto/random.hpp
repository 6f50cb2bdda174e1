#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::crypto {

// Where every random byte in Conclave comes from. Functions that need
// randomness take one, so tests can substitute a deterministic source.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual void fill(MutableBytesView out) = 0;

  Secret secret(std::size_t size);
};

// The operating system's CSPRNG (through libsodium).
RandomSource& system_random();

// A reproducible stream from a seed, for tests and vector generation only.
class DeterministicRandom final : public RandomSource {
 public:
  explicit DeterministicRandom(BytesView seed);
  void fill(MutableBytesView out) override;

 private:
  Secret seed_;
  std::uint64_t counter_ = 0;
};

}  // namespace conclave::crypto
