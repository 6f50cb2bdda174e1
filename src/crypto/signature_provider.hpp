#pragma once

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// One implementation of one signature scheme.
class SignatureProvider {
 public:
  virtual ~SignatureProvider() = default;
  virtual Secret generate_private_key(RandomSource& random) const = 0;
  virtual Result<Bytes> public_key(const Secret& private_key) const = 0;
  virtual Result<Bytes> sign(const Secret& private_key, BytesView message) const = 0;
  virtual Status verify(BytesView public_key, BytesView message, BytesView signature) const = 0;
};

const SignatureProvider& ecdsa_p256_sha256();
const SignatureProvider& ecdsa_p384_sha384();
const SignatureProvider& ecdsa_p521_sha512();
const SignatureProvider& ed448_openssl();
// Ed25519 has two providers; ed25519() is the faster one (see bench/).
const SignatureProvider& ed25519();
const SignatureProvider& ed25519_openssl();
const SignatureProvider& ed25519_sodium();

}  // namespace conclave::crypto
