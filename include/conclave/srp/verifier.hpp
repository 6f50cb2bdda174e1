#pragma once

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

/// What the server stores for one password (RFC 2945 section 3): the
/// identity I, the salt s and the verifier v = g^x mod N (len(N) bytes).
struct VerifierRecord {
  Bytes identity;  ///< I
  Bytes salt;      ///< s
  Bytes verifier;  ///< v, len(N) bytes in the variant's byte order
};

/// Registration, on the client: a fresh salt of variant.salt_size() bytes
/// from `random`, then v (RFC 5054 section 2.4). Send the record to the
/// server; the password never leaves the client.
/// @errors Those of the variant's Variant::password_key.
Result<VerifierRecord> register_password(const Variant& variant, BytesView identity,
                                         BytesView password, crypto::RandomSource& random);

/// The record for a given salt, as register_password() makes it (for test
/// vectors, or a salt chosen elsewhere).
/// @errors Those of the variant's Variant::password_key (for
/// HardenedRfc5054 and ProtonV4, `Errc::invalid_length` for a salt of the
/// wrong length).
Result<VerifierRecord> make_verifier_record(const Variant& variant, BytesView identity,
                                            BytesView password, BytesView salt);

}  // namespace conclave::srp
