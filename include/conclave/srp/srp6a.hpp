#pragma once

/// @file
/// The group arithmetic of SRP-6a, shared by every variant: each integer is
/// len(N) bytes (secrets and u: any length) in the variant's byte order.
/// Exponentiations run in constant time on the group's cached Montgomery
/// context. client.hpp and server.hpp use these; the vector checks test them
/// value by value.

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

/// RFC 2945 section 3, RFC 5054 section 2.4: v = g^x mod N.
/// @param variant The group and byte order.
/// @param password_key x, from Variant::password_key.
/// @return v, len(N) bytes.
Bytes verifier(const Variant& variant, const crypto::Secret& password_key);

/// RFC 5054 section 2.5.4: A = g^a mod N.
/// @param variant The group and byte order.
/// @param client_secret a.
/// @return A, len(N) bytes.
Bytes client_public_key(const Variant& variant, const crypto::Secret& client_secret);

/// RFC 5054 section 2.5.3: `B = (k*v + g^b) mod N`.
/// @param variant The group, k and byte order.
/// @param verifier v, len(N) bytes.
/// @param server_secret b.
/// @return B, len(N) bytes.
/// @errors `Errc::invalid_argument` unless v passes check_public_key.
Result<Bytes> server_public_key(const Variant& variant, BytesView verifier,
                                const crypto::Secret& server_secret);

/// Checks that a public value (A, B, or a stored v) is len(N) bytes and
/// 1 < value < N-1. RFC 5054 sections 2.5.3 and 2.5.4 require rejecting
/// `B % N = 0` and `A % N = 0`; Conclave also rejects encodings of N or
/// more and the elements of order 1 and 2 (1 and N-1), as Proton's clients do.
/// @errors `Errc::invalid_public_key` when any of these fails.
Status check_public_key(const Variant& variant, BytesView key);

/// RFC 5054 section 2.6: the client's `S = (B - k*g^x)^(a + u*x) mod N`, the
/// exponent reduced mod N-1.
/// @param variant The group, k and byte order.
/// @param password_key x.
/// @param client_secret a.
/// @param scrambler u, from Variant::scrambler.
/// @param server_key B, len(N) bytes.
/// @return S, len(N) bytes.
/// @errors `Errc::invalid_public_key` for a bad B (see check_public_key);
/// `Errc::zero_scrambler` for u = 0 (RFC 2945 section 3: the client aborts).
Result<crypto::Secret> client_premaster_secret(const Variant& variant,
                                               const crypto::Secret& password_key,
                                               const crypto::Secret& client_secret,
                                               BytesView scrambler, BytesView server_key);

/// RFC 5054 section 2.6: the server's `S = (A * v^u)^b mod N`.
/// @param variant The group and byte order.
/// @param client_key A, len(N) bytes.
/// @param verifier v, len(N) bytes.
/// @param scrambler u, from Variant::scrambler.
/// @param server_secret b.
/// @return S, len(N) bytes.
/// @errors `Errc::invalid_public_key` for a bad A (see check_public_key);
/// `Errc::invalid_argument` for a v that fails check_public_key.
Result<crypto::Secret> server_premaster_secret(const Variant& variant, BytesView client_key,
                                               BytesView verifier, BytesView scrambler,
                                               const crypto::Secret& server_secret);

}  // namespace conclave::srp
