#include "conclave/crypto/random.hpp"

#include <sodium.h>

#include <array>

#include "sodium.hpp"

namespace conclave::crypto {

namespace {

class SystemRandom final : public RandomSource {
 public:
  SystemRandom() {
    ensure_sodium();
  }
  void fill(MutableBytesView out) override {
    if (!out.empty()) randombytes_buf(out.data(), out.size());
  }
};

}  // namespace

Secret RandomSource::secret(std::size_t size) {
  Secret out(size);
  fill(out.mutable_view());
  return out;
}

RandomSource& system_random() {
  static SystemRandom source;
  return source;
}

DeterministicRandom::DeterministicRandom(BytesView seed) : seed_(crypto_generichash_BYTES) {
  ensure_sodium();
  crypto_generichash(seed_.mutable_view().data(), seed_.size(), seed.data(), seed.size(), nullptr,
                     0);
}

// Each fill is a ChaCha20 stream under BLAKE2b(seed, counter), so the whole
// sequence is fixed by the seed and the sizes requested.
void DeterministicRandom::fill(MutableBytesView out) {
  if (out.empty()) return;
  std::array<std::uint8_t, 8> counter{};
  for (std::size_t i = 0; i < counter.size(); ++i) {
    counter[i] = static_cast<std::uint8_t>(counter_ >> (8 * i));
  }
  ++counter_;
  Secret key(randombytes_SEEDBYTES);
  crypto_generichash(key.mutable_view().data(), key.size(), counter.data(), counter.size(),
                     seed_.view().data(), seed_.size());
  randombytes_buf_deterministic(out.data(), out.size(), key.view().data());
}

}  // namespace conclave::crypto
