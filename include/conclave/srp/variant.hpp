#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/group.hpp"

namespace conclave::srp {

// How a variant writes integers: always len(N) bytes (RFC 5054's PAD()), in
// one byte order. Secrets (a, b, x) and hashes read as integers (u, k) use
// the same order.
enum class ByteOrder : std::uint8_t { big_endian, little_endian };

// What M1 covers.
struct ProofInput {
  BytesView identity;     // I
  BytesView salt;         // s
  BytesView client_key;   // A
  BytesView server_key;   // B
  BytesView session_key;  // K
};

// The parts of SRP-6a that differ between variants (RFC 5054 with the RFC
// 2945 proofs, its Argon2id-hardened profile, Proton's auth version 4). The
// group arithmetic they share is in srp6a.hpp; client.hpp and server.hpp run
// the exchange. A variant is immutable and may be shared between threads.
class Variant {
 public:
  virtual ~Variant() = default;

  const Group& group() const noexcept { return group_; }
  ByteOrder byte_order() const noexcept { return order_; }
  // k, reduced mod N, len(N) bytes.
  const Bytes& multiplier() const noexcept { return multiplier_; }

  // The salt length a new registration uses.
  virtual std::size_t salt_size() const noexcept = 0;
  // x, an integer in byte_order().
  virtual Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                              BytesView salt) const = 0;
  // u from A and B (each len(N) bytes); an integer, not reduced.
  virtual Bytes scrambler(BytesView client_key, BytesView server_key) const = 0;
  // K from the premaster secret S (len(N) bytes).
  virtual crypto::Secret session_key(const crypto::Secret& premaster) const = 0;
  // M1, then M2 = proof of A, M1 and K.
  virtual Bytes client_proof(const ProofInput& input) const = 0;
  virtual Bytes server_proof(BytesView client_key, BytesView client_proof,
                             const crypto::Secret& session_key) const = 0;

 protected:
  // `multiplier` is k as hashed, in `order`; it is reduced mod N here.
  Variant(Group group, ByteOrder order, BytesView multiplier);
  Variant(const Variant&) = default;
  Variant(Variant&&) noexcept = default;
  Variant& operator=(const Variant&) = default;
  Variant& operator=(Variant&&) noexcept = default;

 private:
  Group group_;
  ByteOrder order_;
  Bytes multiplier_;
};

}  // namespace conclave::srp
