#include "conclave/srp/hardened.hpp"

#include <sodium.h>

#include "crypto/sodium.hpp"

namespace conclave::srp {

static_assert(HardenedRfc5054::argon2id_salt_size == crypto_pwhash_argon2id_SALTBYTES);
static_assert(HardenedRfc5054::argon2id_lanes == 1, "libsodium's Argon2id computes one lane");

Result<crypto::Secret> HardenedRfc5054::password_key(BytesView identity, BytesView password,
                                                     BytesView salt) const {
  if (salt.size() != argon2id_salt_size) return Errc::invalid_length;
  crypto::ensure_sodium();
  const crypto::Secret inner = identity_hash(identity, password);
  crypto::Secret key(crypto::digest_size(hash()));
  if (crypto_pwhash_argon2id(key.mutable_view().data(), key.size(),
                             reinterpret_cast<const char*>(inner.view().data()), inner.size(),
                             salt.data(), argon2id_passes, argon2id_memory,
                             crypto_pwhash_argon2id_ALG_ARGON2ID13) != 0) {
    return Errc::internal;
  }
  return key;
}

}  // namespace conclave::srp
