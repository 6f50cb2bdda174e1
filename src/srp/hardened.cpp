#include "conclave/srp/hardened.hpp"

#include "conclave/crypto/argon2id.hpp"

namespace conclave::srp {

static_assert(HardenedRfc5054::argon2id_salt_size == crypto::argon2id_salt_size);

Result<crypto::Secret> HardenedRfc5054::password_key(BytesView identity, BytesView password,
                                                     BytesView salt) const {
  const crypto::Secret inner = identity_hash(identity, password);
  return crypto::argon2id(inner.view(), salt, {argon2id_passes, argon2id_memory}, crypto::digest_size(hash()));
}

}  // namespace conclave::srp
