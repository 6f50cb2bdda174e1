#include "conclave/crypto/argon2id.hpp"

#include <sodium.h>

#include "sodium.hpp"

namespace conclave::crypto {

static_assert(argon2id_salt_size == crypto_pwhash_argon2id_SALTBYTES);

Result<Secret> argon2id(BytesView password, BytesView salt, Argon2idParams params, std::size_t length) {
  if (salt.size() != argon2id_salt_size) return Errc::invalid_length;
  if (length < crypto_pwhash_argon2id_BYTES_MIN || params.passes < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      params.memory_bytes < crypto_pwhash_argon2id_MEMLIMIT_MIN || params.memory_bytes % 1024 != 0 ||
      password.size() > crypto_pwhash_argon2id_PASSWD_MAX) {
    return Errc::invalid_argument;
  }
  ensure_sodium();
  Secret out(length);
  if (!sodium_ok(crypto_pwhash_argon2id(out.mutable_view().data(), out.size(),
                                        reinterpret_cast<const char*>(password.data()), password.size(),
                                        salt.data(), params.passes, params.memory_bytes,
                                        crypto_pwhash_argon2id_ALG_ARGON2ID13))) {
    return Errc::internal;
  }
  return out;
}

}  // namespace conclave::crypto
