#include "iv_first_gcm.hpp"

#include <array>

#include "conclave/crypto/aead.hpp"

namespace conclave::meeting {

namespace {

const crypto::Aead& aes_256_gcm() {
  static const crypto::Aead aead = *crypto::Aead::find(crypto::AeadId::aes_256_gcm);
  return aead;
}

}  // namespace

Result<Bytes> seal_iv_first(BytesView key, BytesView aad, BytesView plaintext, crypto::RandomSource& random) {
  std::array<std::uint8_t, iv_first_gcm_iv_size> iv{};
  random.fill(iv);
  auto sealed = aes_256_gcm().seal(key, iv, aad, plaintext);
  if (!sealed) return sealed.error();
  return concat({iv, *sealed});
}

Result<Bytes> open_iv_first(BytesView key, BytesView aad, BytesView sealed) {
  if (sealed.size() < iv_first_gcm_overhead) return Errc::aead_failure;
  return aes_256_gcm().open(key, sealed.first(iv_first_gcm_iv_size), aad, sealed.subspan(iv_first_gcm_iv_size));
}

}  // namespace conclave::meeting
