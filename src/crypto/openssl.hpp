#pragma once

// Owning handles for OpenSSL objects, and the fetched algorithms Conclave
// reuses. Private to the library.

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>

#include "backend_failure.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto::ossl {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const noexcept { Free(p); }
};

using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
// Bignums may hold private scalars: cleared when freed.
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_clear_free>>;
using BnCtx = std::unique_ptr<BN_CTX, Deleter<BN_CTX_free>>;
// Points are cleared when freed: a DH product's x coordinate is the shared
// secret (RFC 9180 section 7.1.1), and a public key is a scalar's multiple.
using EcPoint = std::unique_ptr<EC_POINT, Deleter<EC_POINT_clear_free>>;

// An OpenSSL call that returns 1 on success, through the failure-injection
// hook (backend_failure.hpp): `if (!ossl::ok(EVP_...(...)))`.
inline bool ok(int result) noexcept { return backend_ok(result == 1); }

// Takes what an OpenSSL allocator returned; empty when it returned null or
// the failure-injection hook fails the allocation.
template <class Handle>
Handle adopt(typename Handle::pointer allocated) noexcept {
  Handle handle(allocated);
  if (!backend_ok(handle != nullptr)) handle.reset();
  return handle;
}

// The digest for a hash, fetched once per process.
const EVP_MD* digest(HashId hash);

// One-shot EVP_DigestSign / EVP_DigestVerify; `digest_name` is null for
// EdDSA, which hashes internally.
Result<Bytes> digest_sign(EVP_PKEY* key, const char* digest_name, BytesView message);
Status digest_verify(EVP_PKEY* key, const char* digest_name, BytesView message,
                     BytesView signature);

// A bignum from big-endian bytes, flagged for constant-time use.
Bignum secret_bignum(BytesView big_endian);

}  // namespace conclave::crypto::ossl
