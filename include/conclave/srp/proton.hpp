#pragma once

/// @file
/// Proton's SRP, auth version 4 (ProtonMail/go-srp, WebClients packages/srp):
/// SRP-6a over a 2048-bit modulus the server hands out, every integer 256
/// bytes little-endian, SHA-512 stretched to 256 bytes, and a bcrypt password
/// hash. The modulus arrives PGP-clear-signed; checking that signature is the
/// caller's job, the modulus checks below are Conclave's.

#include <cstddef>
#include <initializer_list>
#include <string>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp::proton {

/// The size of auth version 4's modulus N, in bits.
inline constexpr std::size_t modulus_bits = 2048;
inline constexpr std::size_t integer_size = modulus_bits / 8;  ///< bytes of every integer, little-endian
/// The length of the salt the server hands out, in bytes.
inline constexpr std::size_t salt_size = 10;
inline constexpr std::size_t bcrypt_password_limit = 72;  ///< password bytes bcrypt reads; it reads no further

/// Proton's expandHash over the concatenation d of `parts`:
/// `SHA512(d | 0) | SHA512(d | 1) | SHA512(d | 2) | SHA512(d | 3)`,
/// each index a single byte.
/// @return 256 bytes.
Bytes expand_hash(std::initializer_list<BytesView> parts);

/// The bcrypt setting string for `salt`: `$2y$10$` followed by
/// bcrypt's base64 (its alphabet: dot, slash, A-Z, a-z, 0-9; no padding)
/// of 16 bytes: the salt, then the ASCII "proton".
/// @errors `Errc::invalid_length` unless the salt is 10 bytes.
Result<std::string> bcrypt_setting(BytesView salt);

/// bcrypt(password, bcrypt_setting(salt)) through libxcrypt's crypt_r: the
/// 60-character `$2y$10$...` string. Only the first 72 password bytes count.
/// @errors `Errc::invalid_length` unless the salt is 10 bytes;
/// `Errc::invalid_argument` if a NUL byte is among the first 72 password
/// bytes (crypt_r stops there); `Errc::internal` if crypt_r fails or
/// returns anything but a 60-character `$2y$10$` hash.
Result<crypto::Secret> bcrypt(BytesView password, BytesView salt);

/// x = expandHash(bcrypt(password, salt) | N), N as 256 bytes little-endian.
/// @param password P; the identity takes no part in x.
/// @param salt s, 10 bytes.
/// @param modulus N, 256 bytes little-endian.
/// @return x, 256 bytes (an integer, little-endian).
/// @errors `Errc::invalid_argument` unless `modulus` is 256 bytes; the
/// errors of bcrypt().
Result<crypto::Secret> hash_password(BytesView password, BytesView salt, BytesView modulus);

/// The checks Proton's clients make of a modulus (256 bytes little-endian),
/// with g = 2: exactly 2048 bits, N = 3 mod 8, a safe prime, and
/// 2^((N-1)/2) = -1 mod N (Group::create proves the last two).
/// @errors `Errc::invalid_group` when any check fails, the length included.
Result<Group> modulus_group(BytesView modulus);

}  // namespace conclave::srp::proton

namespace conclave::srp {

/// Proton's SRP, auth version 4, over a checked modulus. It computes:
/// @code{.unparsed}
///   x  = proton::hash_password(P, s, N)    (the identity takes no part)
///   k  = expandHash(PAD_le(g) | N) mod N
///   u  = expandHash(A | B), not reduced
///   K  = S
///   M1 = expandHash(A | B | S)
///   M2 = expandHash(A | M1 | S)
/// @endcode
/// Every integer is 256 bytes, little-endian.
class ProtonV4 final : public Variant {
 public:
  /// proton::modulus_group's checks, then the variant.
  /// @param modulus N as the server hands it out: 256 bytes, little-endian,
  /// its PGP signature already checked by the caller.
  /// @errors `Errc::invalid_group` when the modulus fails
  /// proton::modulus_group's checks.
  static Result<ProtonV4> create(BytesView modulus);
  /// The variant over `group` without proton::modulus_group's checks, for
  /// the SRP fuzzer's small group (fuzz/srp_server_fuzz.cpp); never for a
  /// modulus a server hands out. Over any group but a 2048-bit one,
  /// password_key fails with `Errc::invalid_argument`.
  /// @param group (N, g), its own checks left to the caller.
  static ProtonV4 create_for_testing(Group group);

  /// proton::salt_size: 10 bytes.
  std::size_t salt_size() const noexcept override { return proton::salt_size; }
  /// x = proton::hash_password(P, s, N); `identity` is ignored.
  /// @errors `Errc::invalid_length` unless the salt is 10 bytes;
  /// `Errc::invalid_argument` for a NUL byte among the first 72 password
  /// bytes; `Errc::internal` if bcrypt fails.
  Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                      BytesView salt) const override;
  /// u = expandHash(A | B), 256 bytes, not reduced.
  Bytes scrambler(BytesView client_key, BytesView server_key) const override;
  /// K = S: a copy of the premaster secret.
  crypto::Secret session_key(const crypto::Secret& premaster) const override;
  /// M1 = expandHash(A | B | K); the identity and the salt take no part.
  Bytes client_proof(const ProofInput& input) const override;
  /// M2 = expandHash(A | M1 | K).
  Bytes server_proof(BytesView client_key, BytesView client_proof,
                     const crypto::Secret& session_key) const override;

 private:
  explicit ProtonV4(Group group);
};

}  // namespace conclave::srp
