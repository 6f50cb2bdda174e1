#pragma once

// SRP's arithmetic on secrets outside the exponentiation, in time
// independent of the values: B = k*v + g^b, the client's base B - k*g^x
// and exponent a + u*x. OpenSSL's BN_mod_add_quick and BN_mod_sub_quick
// branch on whether the result wrapped, which shows how B compares with
// k*v (over many logins, v itself); BN_mul and BN_nnmod branch on their
// operands' words. Private to the library.

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

// (a + b) mod n; a, b < n, all of n's length.
crypto::Secret add_mod(BytesView a, BytesView b, BytesView n);

// (a - b) mod n; a, b < n, all of n's length.
crypto::Secret subtract_mod(BytesView a, BytesView b, BytesView n);

// Whether 1 < value < limit, both of one length in `order`, without a
// branch on value (the server's verifier is a secret).
bool is_between_one_and(BytesView value, BytesView limit, ByteOrder order);

// a + u*x, its inputs in `order`, big-endian in max(|u| + |x|, |a|) + 1
// bytes, every byte product computed.
crypto::Secret multiply_add(BytesView u, BytesView x, BytesView a, ByteOrder order);

}  // namespace conclave::srp
