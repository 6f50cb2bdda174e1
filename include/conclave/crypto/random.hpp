#pragma once

/// @file
/// Sources of random bytes: the system CSPRNG and a seeded one for tests.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::crypto {

/// Where every random byte in Conclave comes from. Functions that need
/// randomness take one, so tests can substitute a deterministic source.
class RandomSource {
 public:
  /// Destroys the source.
  virtual ~RandomSource() = default;
  /// Overwrites every byte of `out` with random bytes. An implementation must
  /// not fail: it aborts or throws rather than return predictable bytes.
  virtual void fill(MutableBytesView out) = 0;

  /// A new Secret of `size` random bytes, from fill().
  Secret secret(std::size_t size);
};

/// The operating system's CSPRNG (through libsodium).
///
/// @return one process-wide source, safe to use from several threads.
RandomSource& system_random();

/// A reproducible stream from a seed, for tests and vector generation only.
///
/// The bytes depend on the seed and on the sizes of the fill() calls made so
/// far, not only on the total count. Never use it for real keys.
class DeterministicRandom final : public RandomSource {
 public:
  /// A stream fixed by `seed` (any length; it is hashed).
  explicit DeterministicRandom(BytesView seed);
  /// The next bytes of the stream: a ChaCha20 keystream under a key derived
  /// from the seed and the number of earlier calls.
  void fill(MutableBytesView out) override;

 private:
  Secret seed_;
  std::uint64_t counter_ = 0;
};

}  // namespace conclave::crypto
