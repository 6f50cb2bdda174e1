#pragma once

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

// What the server stores for one password (RFC 2945 section 3): the
// identity I, the salt s and the verifier v = g^x mod N (len(N) bytes).
struct VerifierRecord {
  Bytes identity;
  Bytes salt;
  Bytes verifier;
};

// Registration, on the client: a fresh salt of variant.salt_size() bytes
// from `random`, then v (RFC 5054 section 2.4).
Result<VerifierRecord> register_password(const Variant& variant, BytesView identity,
                                         BytesView password, crypto::RandomSource& random);

// The record for a given salt.
Result<VerifierRecord> make_verifier_record(const Variant& variant, BytesView identity,
                                            BytesView password, BytesView salt);

}  // namespace conclave::srp
