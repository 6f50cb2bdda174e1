#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::crypto {

// TLS 1.3 SignatureScheme values (RFC 8446 section 4.2.3).
enum class SignatureScheme : std::uint16_t {
  ecdsa_secp256r1_sha256 = 0x0403,
  ecdsa_secp384r1_sha384 = 0x0503,
  ecdsa_secp521r1_sha512 = 0x0603,
  ed25519 = 0x0807,
  ed448 = 0x0808,
};

struct SignatureKeyPair {
  Secret private_key;  // RFC 8032 seed, or the ECDSA scalar big-endian
  Bytes public_key;    // RFC 8032 key, or an uncompressed point
};

class SignatureProvider;

// A signature scheme as RFC 9420 section 5.1.2 encodes it: EdDSA signatures
// are R || S, ECDSA signatures are DER.
class SignatureAlgorithm {
 public:
  static Result<SignatureAlgorithm> find(SignatureScheme scheme);

  SignatureScheme scheme() const noexcept { return scheme_; }

  SignatureKeyPair generate_key_pair(RandomSource& random) const;
  Result<Bytes> public_key_of(const Secret& private_key) const;
  Result<Bytes> sign(const Secret& private_key, BytesView message) const;
  Status verify(BytesView public_key, BytesView message, BytesView signature) const;

 private:
  SignatureAlgorithm(SignatureScheme scheme, const SignatureProvider& provider) noexcept
      : scheme_(scheme), provider_(&provider) {}

  SignatureScheme scheme_;
  const SignatureProvider* provider_;
};

}  // namespace conclave::crypto
