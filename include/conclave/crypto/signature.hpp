#pragma once

/// @file
/// Digital signatures: ECDSA over the NIST curves, Ed25519 and Ed448.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

/// TLS 1.3 SignatureScheme values (RFC 8446 section 4.2.3).
enum class SignatureScheme : std::uint16_t {
  ecdsa_secp256r1_sha256 = 0x0403,  ///< ECDSA over P-256 with SHA-256.
  ecdsa_secp384r1_sha384 = 0x0503,  ///< ECDSA over P-384 with SHA-384.
  ecdsa_secp521r1_sha512 = 0x0603,  ///< ECDSA over P-521 with SHA-512.
  ed25519 = 0x0807,                 ///< Ed25519 (RFC 8032, pure): 32-byte keys, 64-byte signatures.
  ed448 = 0x0808,                   ///< Ed448 (RFC 8032, pure): 57-byte keys, 114-byte signatures.
};

/// A signature key pair in the serialized forms SignatureAlgorithm uses.
struct SignatureKeyPair {
  Secret private_key;  ///< RFC 8032 seed, or the ECDSA scalar big-endian
  Bytes public_key;    ///< RFC 8032 key, or an uncompressed point
};

class SignatureProvider;

/// A signature scheme as RFC 9420 section 5.1.2 encodes it: EdDSA signatures
/// are R || S, ECDSA signatures are DER.
///
/// The message is signed as given: any labeling (such as RFC 9420's
/// SignWithLabel, section 5.1.2) is the caller's.
class SignatureAlgorithm {
 public:
  /// The implementation of `scheme`.
  ///
  /// @errors `Errc::unsupported_algorithm` for a scheme not listed in SignatureScheme.
  static Result<SignatureAlgorithm> find(SignatureScheme scheme);

  /// The scheme's identifier.
  SignatureScheme scheme() const noexcept { return scheme_; }

  /// A fresh key pair from `random`: an RFC 8032 seed, or for ECDSA a scalar
  /// drawn uniformly from [1, n-1].
  ///
  /// @throws std::runtime_error if the crypto provider fails.
  SignatureKeyPair generate_key_pair(RandomSource& random) const;
  /// The serialized public key of a serialized private key.
  ///
  /// For ECDSA a scalar shorter than the curve's size is taken as having its
  /// leading zero bytes dropped.
  ///
  /// @errors `Errc::invalid_private_key` when `private_key` is not a key of
  /// this scheme (EdDSA: not exactly the seed size; ECDSA: longer than the
  /// scalar size, or zero or not below the group order); `Errc::internal` if
  /// the crypto provider fails.
  Result<Bytes> public_key_of(const Secret& private_key) const;
  /// Signs `message` with `private_key`; ECDSA signatures are randomized.
  ///
  /// @return the signature: R || S for EdDSA, a DER `Ecdsa-Sig-Value` for ECDSA.
  /// @errors those of public_key_of() for `private_key`.
  Result<Bytes> sign(const Secret& private_key, BytesView message) const;
  /// Checks `signature` over `message` under `public_key`.
  ///
  /// @errors `Errc::invalid_public_key` when `public_key` is malformed (EdDSA:
  /// not the key size; ECDSA: not an uncompressed point on the curve);
  /// `Errc::signature_invalid` when the signature is malformed or does not
  /// verify; `Errc::internal` if the crypto provider fails.
  Status verify(BytesView public_key, BytesView message, BytesView signature) const;

 private:
  SignatureAlgorithm(SignatureScheme scheme, const SignatureProvider& provider) noexcept
      : scheme_(scheme), provider_(&provider) {}

  SignatureScheme scheme_;
  const SignatureProvider* provider_;
};

}  // namespace conclave::crypto
