#include "conclave/meeting/session_key.hpp"

#include <array>

#include "conclave/crypto/aead.hpp"
#include "conclave/meeting/metadata_key.hpp"

namespace conclave::meeting {

namespace {

constexpr std::string_view wrap_label = "conclave session key wrap";

const crypto::Aead& aes_256_gcm() {
  static const crypto::Aead aead = *crypto::Aead::find(crypto::AeadId::aes_256_gcm);
  return aead;
}

}  // namespace

Result<Bytes> wrap_session_key(const PasswordPsk& psk, BytesView session_key, crypto::RandomSource& random) {
  if (session_key.size() != metadata_session_key_size) return Errc::invalid_length;
  std::array<std::uint8_t, metadata_iv_size> iv{};
  random.fill(iv);
  const crypto::Secret key = password_subkey(psk, wrap_label);
  auto sealed = aes_256_gcm().seal(key.view(), iv, psk.psk_id, session_key);
  if (!sealed) return sealed.error();
  return concat({iv, *sealed});
}

Result<crypto::Secret> unwrap_session_key(const PasswordPsk& psk, BytesView wrapped) {
  if (wrapped.size() != wrapped_session_key_size) return Errc::aead_failure;
  const crypto::Secret key = password_subkey(psk, wrap_label);
  auto opened = aes_256_gcm().open(key.view(), wrapped.first(metadata_iv_size), psk.psk_id,
                                   wrapped.subspan(metadata_iv_size));
  if (!opened) return opened.error();
  crypto::Secret session_key(*opened);
  crypto::secure_zero(*opened);
  return session_key;
}

}  // namespace conclave::meeting
