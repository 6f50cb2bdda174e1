#include "conclave/meeting/password_psk.hpp"

#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/kdf.hpp"

namespace conclave::meeting {

Bytes password_psk_salt(std::string_view link_name) {
  Bytes digest = crypto::hash(crypto::HashId::sha256, as_bytes(link_name));
  digest.resize(crypto::argon2id_salt_size);
  return digest;
}

Result<PasswordPsk> password_psk(std::string_view link_name, std::string_view password) {
  if (link_name.empty() || password.empty()) return Errc::invalid_argument;
  auto psk = crypto::argon2id(as_bytes(password), password_psk_salt(link_name), password_psk_argon2id,
                              password_psk_size);
  if (!psk) return psk.error();
  const BytesView id = as_bytes(link_name);
  return PasswordPsk{Bytes(id.begin(), id.end()), std::move(*psk)};
}

crypto::Secret password_subkey(const PasswordPsk& psk, std::string_view label) {
  const crypto::Kdf kdf = crypto::Kdf::over(crypto::HashId::sha256);
  const crypto::Secret prk = kdf.extract({}, psk.psk.view());
  return std::move(*kdf.expand(prk.view(), as_bytes(label), 32));
}

}  // namespace conclave::meeting
