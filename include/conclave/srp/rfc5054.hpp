#pragma once

#include <cstddef>

#include "conclave/crypto/hash.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

/// SRP-6a as RFC 5054 computes it, with the RFC 2945 proofs. It works over
/// any group, with SHA-1, SHA-256, SHA-384 or SHA-512 as H:
/// @code{.unparsed}
///   x  = H(s | H(I | ":" | P))                     RFC 5054 section 2.4
///   k  = H(N | PAD(g))                             RFC 5054 section 2.5.3
///   u  = H(PAD(A) | PAD(B))                        RFC 5054 section 2.6
///   K  = H(PAD(S))
///   M1 = H(H(N) xor H(g) | H(I) | s | PAD(A) | PAD(B) | K)   RFC 2945 section 3
///   M2 = H(PAD(A) | M1 | K)                        RFC 2945 section 3
/// @endcode
/// A, B and S always travel and are hashed as PAD() values (len(N) bytes), as
/// RFC 5054 does for u; N and g inside H(N) and H(g) have no padding. This is
/// what fast-srp-hap computes, and the srptools vectors agree. K = H(S) where
/// RFC 2945 has SHA_Interleave(S), as in those implementations. Integers are
/// big-endian.
class Rfc5054 : public Variant {
 public:
  /// The salt length of a new registration, in bytes.
  static constexpr std::size_t default_salt_size = 16;

  /// The variant over `group` with `hash` as H; k and H(N) xor H(g) are
  /// computed once, here.
  Rfc5054(Group group, crypto::HashId hash);

  /// H, the hash function of every formula in the class description.
  crypto::HashId hash() const noexcept { return hash_; }

  /// default_salt_size: 16 bytes.
  std::size_t salt_size() const noexcept override { return default_salt_size; }
  /// x = H(s | H(I | ":" | P)) (RFC 5054 section 2.4), a digest of H.
  /// @errors None: it always succeeds (the Result is the interface's).
  Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                      BytesView salt) const override;
  /// u = H(PAD(A) | PAD(B)) (RFC 5054 section 2.6).
  Bytes scrambler(BytesView client_key, BytesView server_key) const override;
  /// K = H(PAD(S)).
  crypto::Secret session_key(const crypto::Secret& premaster) const override;
  /// M1 = H(H(N) xor H(g) | H(I) | s | PAD(A) | PAD(B) | K) (RFC 2945
  /// section 3).
  Bytes client_proof(const ProofInput& input) const override;
  /// M2 = H(PAD(A) | M1 | K) (RFC 2945 section 3).
  Bytes server_proof(BytesView client_key, BytesView client_proof,
                     const crypto::Secret& session_key) const override;

 protected:
  /// H(I | ":" | P), the inner hash of x.
  crypto::Secret identity_hash(BytesView identity, BytesView password) const;

 private:
  crypto::HashId hash_;
  Bytes group_hash_;  // H(N) xor H(g)
};

}  // namespace conclave::srp
