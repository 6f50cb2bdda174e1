#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// The Diffie-Hellman group under a DHKEM (RFC 9180 section 4.1). Every
// method validates its public key input (section 7.1.4).
class DhGroup {
 public:
  virtual ~DhGroup() = default;

  virtual std::size_t private_key_size() const noexcept = 0;  // Nsk
  virtual std::size_t public_key_size() const noexcept = 0;   // Npk
  // DeriveKeyPair (section 7.1.3): true for the NIST curves, whose
  // candidates are masked and rejection-sampled; RFC 7748 keys take any bytes.
  virtual bool samples_candidates() const noexcept = 0;
  virtual std::uint8_t candidate_mask() const noexcept { return 0xff; }
  virtual bool is_valid_private_key(BytesView private_key) const = 0;

  virtual Result<Bytes> public_key(const Secret& private_key) const = 0;
  virtual Status validate_public_key(BytesView public_key) const = 0;
  virtual Result<Secret> dh(const Secret& private_key, BytesView public_key) const = 0;
};

const DhGroup& p256_group();
const DhGroup& p384_group();
const DhGroup& p521_group();
const DhGroup& x448_group();
// X25519 has two providers; x25519_group() is the faster one (see bench/).
const DhGroup& x25519_group();
const DhGroup& x25519_openssl_group();
const DhGroup& x25519_sodium_group();

}  // namespace conclave::crypto
