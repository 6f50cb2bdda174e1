#pragma once

// Proton's SRP, auth version 4 (ProtonMail/go-srp, WebClients packages/srp):
// SRP-6a over a 2048-bit modulus the server hands out, every integer 256
// bytes little-endian, SHA-512 stretched to 256 bytes, and a bcrypt password
// hash. The modulus arrives PGP-clear-signed; checking that signature is the
// caller's job, the modulus checks below are Conclave's.

#include <cstddef>
#include <initializer_list>
#include <string>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp::proton {

inline constexpr std::size_t modulus_bits = 2048;
inline constexpr std::size_t integer_size = modulus_bits / 8;  // every integer, little-endian
inline constexpr std::size_t salt_size = 10;
inline constexpr std::size_t bcrypt_password_limit = 72;  // bcrypt reads no further

// expandHash(d) = SHA512(d | 0) | SHA512(d | 1) | SHA512(d | 2) | SHA512(d | 3),
// where d is the concatenation of the parts.
Bytes expand_hash(std::initializer_list<BytesView> parts);

// "$2y$10$" followed by bcrypt's base64 (./A-Za-z0-9, no padding) of the
// 16 bytes salt | "proton". invalid_length unless the salt is 10 bytes.
Result<std::string> bcrypt_setting(BytesView salt);

// bcrypt(password, bcrypt_setting(salt)) through libxcrypt's crypt_r: the
// 60-character "$2y$10$..." string. Only the first 72 password bytes count;
// invalid_argument if a NUL byte is among them (crypt_r stops there).
Result<crypto::Secret> bcrypt(BytesView password, BytesView salt);

// x = expandHash(bcrypt(password, salt) | N), N as 256 bytes little-endian.
Result<crypto::Secret> hash_password(BytesView password, BytesView salt, BytesView modulus);

// The checks Proton's clients make of a modulus (256 bytes little-endian),
// with g = 2: exactly 2048 bits, N = 3 mod 8, a safe prime, and
// 2^((N-1)/2) = -1 mod N. invalid_group otherwise.
Result<Group> modulus_group(BytesView modulus);

}  // namespace conclave::srp::proton

namespace conclave::srp {

// Auth version 4 over a checked modulus:
//   x  = proton::hash_password(P, s, N)    (the identity takes no part)
//   k  = expandHash(PAD_le(g) | N) mod N
//   u  = expandHash(A | B), not reduced
//   K  = S
//   M1 = expandHash(A | B | S)
//   M2 = expandHash(A | M1 | S)
class ProtonV4 final : public Variant {
 public:
  // proton::modulus_group's checks, then the variant.
  static Result<ProtonV4> create(BytesView modulus);

  std::size_t salt_size() const noexcept override { return proton::salt_size; }
  Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                      BytesView salt) const override;
  Bytes scrambler(BytesView client_key, BytesView server_key) const override;
  crypto::Secret session_key(const crypto::Secret& premaster) const override;
  Bytes client_proof(const ProofInput& input) const override;
  Bytes server_proof(BytesView client_key, BytesView client_proof,
                     const crypto::Secret& session_key) const override;

 private:
  explicit ProtonV4(Group group);
};

}  // namespace conclave::srp
