#include "conclave/meeting/session_key.hpp"

#include "conclave/meeting/metadata_key.hpp"
#include "iv_first_gcm.hpp"

namespace conclave::meeting {

namespace {

constexpr std::string_view wrap_label = "conclave session key wrap";

}  // namespace

Result<Bytes> wrap_session_key(const PasswordPsk& psk, BytesView session_key, crypto::RandomSource& random) {
  if (session_key.size() != metadata_session_key_size) return Errc::invalid_length;
  const crypto::Secret key = password_subkey(psk, wrap_label);
  return seal_iv_first(key.view(), psk.psk_id, session_key, random);
}

Result<crypto::Secret> unwrap_session_key(const PasswordPsk& psk, BytesView wrapped) {
  if (wrapped.size() != wrapped_session_key_size) return Errc::aead_failure;
  const crypto::Secret key = password_subkey(psk, wrap_label);
  auto opened = open_iv_first(key.view(), psk.psk_id, wrapped);
  if (!opened) return opened.error();
  crypto::Secret session_key(*opened);
  crypto::secure_zero(*opened);
  return session_key;
}

}  // namespace conclave::meeting
