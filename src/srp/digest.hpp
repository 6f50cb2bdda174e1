#pragma once

// Hashing several parts without first concatenating them, so no copy of a
// secret part is left behind. Private to the library.

#include <cstddef>
#include <initializer_list>

#include "conclave/bytes.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"
#include "crypto/openssl.hpp"

namespace conclave::srp {

class Hasher {
 public:
  explicit Hasher(crypto::HashId hash);

  Hasher& update(BytesView data);
  // Writes the digest to `out`, which has digest_size bytes, and starts over.
  void finish_into(MutableBytesView out);
  Bytes finish();
  crypto::Secret finish_secret();

 private:
  crypto::ossl::MdCtx ctx_;
  const EVP_MD* md_;
  std::size_t size_;
};

// H(part_1 | part_2 | ...).
Bytes digest(crypto::HashId hash, std::initializer_list<BytesView> parts);
crypto::Secret secret_digest(crypto::HashId hash, std::initializer_list<BytesView> parts);

}  // namespace conclave::srp
