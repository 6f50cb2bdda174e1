#pragma once

// Integers as SRP sends them: len(N) bytes in the variant's byte order, and
// the OpenSSL bignums they become. Private to the library.

#include <openssl/bn.h>

#include <cstddef>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/srp/variant.hpp"
#include "crypto/openssl.hpp"

namespace conclave::srp {

using crypto::ossl::Bignum;
using crypto::ossl::BnCtx;

// Throws on an OpenSSL failure, which only running out of memory causes here.
void require(int openssl_result);

BnCtx new_bn_context();

Bignum to_bignum(BytesView bytes, ByteOrder order);
// Flagged BN_FLG_CONSTTIME.
Bignum to_secret_bignum(BytesView bytes, ByteOrder order);
Bignum new_secret_bignum();

// Exactly `size` bytes; the value must fit.
Bytes to_bytes(const BIGNUM* value, std::size_t size, ByteOrder order);
crypto::Secret to_secret(const BIGNUM* value, std::size_t size, ByteOrder order);

}  // namespace conclave::srp
