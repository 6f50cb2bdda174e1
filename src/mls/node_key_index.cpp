#include "conclave/mls/node_key_index.hpp"

#include <sodium.h>

#include <cstring>

#include "crypto/sodium.hpp"

namespace conclave::mls {

static_assert(crypto_shorthash_KEYBYTES == 16);

NodeKeyIndex::NodeKeyIndex() {
  crypto::ensure_sodium();
  randombytes_buf(hash_key_.data(), hash_key_.size());
}

// SipHash-2-4 under the index's random key.
std::size_t NodeKeyIndex::home(BytesView key) const {
  unsigned char digest[crypto_shorthash_BYTES];
  crypto_shorthash(digest, key.data(), key.size(), hash_key_.data());
  std::uint64_t value = 0;
  std::memcpy(&value, digest, sizeof value);
  return static_cast<std::size_t>(value) & (slots_.size() - 1);
}

}  // namespace conclave::mls
