#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/group.hpp"

namespace conclave::srp {

/// How a variant writes integers: always len(N) bytes (RFC 5054's PAD()), in
/// one byte order, `big_endian` (RFC 5054) or `little_endian` (Proton).
/// Secrets (a, b, x) and hashes read as integers (u, k) use the same order.
enum class ByteOrder : std::uint8_t { big_endian, little_endian };

/// What M1 covers. Each value is as it travels: A and B are len(N) bytes in
/// the variant's byte order.
struct ProofInput {
  BytesView identity;     ///< I
  BytesView salt;         ///< s
  BytesView client_key;   ///< A
  BytesView server_key;   ///< B
  BytesView session_key;  ///< K
};

/// The parts of SRP-6a that differ between variants (RFC 5054 with the RFC
/// 2945 proofs, its Argon2id-hardened profile, Proton's auth version 4). The
/// group arithmetic they share is in srp6a.hpp; client.hpp and server.hpp run
/// the exchange. A variant is immutable and may be shared between threads.
class Variant {
 public:
  /// Destroys the variant.
  virtual ~Variant() = default;

  /// The group (N, g).
  const Group& group() const noexcept { return group_; }
  /// The byte order of every integer this variant writes and reads.
  ByteOrder byte_order() const noexcept { return order_; }
  /// k, reduced mod N, len(N) bytes.
  const Bytes& multiplier() const noexcept { return multiplier_; }

  /// The salt length a new registration uses.
  virtual std::size_t salt_size() const noexcept = 0;
  /// x, an integer in byte_order(), from the identity I, the password P and
  /// the salt s.
  /// @errors Those of the variant: none for Rfc5054; see
  /// HardenedRfc5054::password_key and ProtonV4::password_key.
  virtual Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                              BytesView salt) const = 0;
  /// u from A and B (each len(N) bytes); an integer, not reduced.
  virtual Bytes scrambler(BytesView client_key, BytesView server_key) const = 0;
  /// K from the premaster secret S (len(N) bytes).
  virtual crypto::Secret session_key(const crypto::Secret& premaster) const = 0;
  /// M1, the client's proof over `input`.
  virtual Bytes client_proof(const ProofInput& input) const = 0;
  /// M2, the server's proof of A, M1 and K.
  virtual Bytes server_proof(BytesView client_key, BytesView client_proof,
                             const crypto::Secret& session_key) const = 0;

 protected:
  /// Sets up the shared parts: the group, the byte order and k.
  /// `multiplier` is k as hashed, in `order`; it is reduced mod N here.
  Variant(Group group, ByteOrder order, BytesView multiplier);
  /// Copies the group (a shared handle), the byte order and k.
  Variant(const Variant&) = default;
  /// Moves the group, the byte order and k.
  Variant(Variant&&) noexcept = default;
  /// Copies the group (a shared handle), the byte order and k.
  Variant& operator=(const Variant&) = default;
  /// Moves the group, the byte order and k.
  Variant& operator=(Variant&&) noexcept = default;

 private:
  Group group_;
  ByteOrder order_;
  Bytes multiplier_;
};

}  // namespace conclave::srp
