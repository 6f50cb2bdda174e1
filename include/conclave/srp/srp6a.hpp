#pragma once

// The group arithmetic of SRP-6a, shared by every variant: each integer is
// len(N) bytes (secrets and u: any length) in the variant's byte order.
// Exponentiations run in constant time on the group's cached Montgomery
// context. client.hpp and server.hpp use these; the vector checks test them
// value by value.

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

// RFC 2945 section 3, RFC 5054 section 2.4: v = g^x mod N.
Bytes verifier(const Variant& variant, const crypto::Secret& password_key);

// RFC 5054 section 2.5.4: A = g^a mod N.
Bytes client_public_key(const Variant& variant, const crypto::Secret& client_secret);

// RFC 5054 section 2.5.3: B = (k*v + g^b) mod N. invalid_argument unless v
// passes check_public_key.
Result<Bytes> server_public_key(const Variant& variant, BytesView verifier,
                                const crypto::Secret& server_secret);

// A public value (A, B, or a stored v) is len(N) bytes and 1 < value < N-1,
// else invalid_public_key. RFC 5054 sections 2.5.3 and 2.5.4 require
// rejecting B % N = 0 and A % N = 0; Conclave also rejects encodings of N or
// more and the elements of order 1 and 2 (1 and N-1), as Proton's clients do.
Status check_public_key(const Variant& variant, BytesView key);

// RFC 5054 section 2.6: S = (B - k*g^x)^(a + u*x) mod N, the exponent
// reduced mod N-1. invalid_public_key for a bad B; zero_scrambler for u = 0
// (RFC 2945 section 3: the client aborts).
Result<crypto::Secret> client_premaster_secret(const Variant& variant,
                                               const crypto::Secret& password_key,
                                               const crypto::Secret& client_secret,
                                               BytesView scrambler, BytesView server_key);

// RFC 5054 section 2.6: S = (A * v^u)^b mod N. invalid_public_key for a bad A.
Result<crypto::Secret> server_premaster_secret(const Variant& variant, BytesView client_key,
                                               BytesView verifier, BytesView scrambler,
                                               const crypto::Secret& server_secret);

}  // namespace conclave::srp
