#include "conclave/meeting/session_key.hpp"

#include <algorithm>

#include "conclave/crypto/kdf.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "iv_first_gcm.hpp"

namespace conclave::meeting {

namespace {

constexpr std::string_view wrap_label = "conclave session key wrap";
constexpr std::string_view chain_label = "conclave earlier session keys";

Result<crypto::Secret> chain_key(BytesView session_key) {
  if (session_key.size() != metadata_session_key_size) return Errc::invalid_length;
  const crypto::Kdf kdf = crypto::Kdf::over(crypto::HashId::sha256);
  return kdf.expand(kdf.extract({}, session_key).view(), as_bytes(chain_label), 32);
}

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


Result<Bytes> seal_earlier_session_keys(BytesView session_key, const std::vector<crypto::Secret>& earlier,
                                        crypto::RandomSource& random) {
  auto key = chain_key(session_key);
  if (!key) return key.error();
  if (earlier.empty()) return Bytes{};
  crypto::Secret keys(earlier.size() * metadata_session_key_size);
  auto out = keys.mutable_view();
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    if (earlier[i].size() != metadata_session_key_size) return Errc::invalid_length;
    std::copy(earlier[i].view().begin(), earlier[i].view().end(), out.begin() + static_cast<std::ptrdiff_t>(i * 32));
  }
  return seal_iv_first(key->view(), {}, keys.view(), random);
}

Result<std::vector<crypto::Secret>> open_earlier_session_keys(BytesView session_key, BytesView sealed) {
  auto key = chain_key(session_key);
  if (!key) return key.error();
  if (sealed.empty()) return std::vector<crypto::Secret>{};
  auto opened = open_iv_first(key->view(), {}, sealed);
  if (!opened) return opened.error();
  const crypto::Secret keys(*opened);
  crypto::secure_zero(*opened);
  if (keys.size() % metadata_session_key_size != 0) return Errc::invalid_length;
  std::vector<crypto::Secret> earlier;
  for (std::size_t at = 0; at < keys.size(); at += metadata_session_key_size) {
    earlier.emplace_back(keys.view().subspan(at, metadata_session_key_size));
  }
  return earlier;
}

}  // namespace conclave::meeting
