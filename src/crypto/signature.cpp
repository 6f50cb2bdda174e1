#include "conclave/crypto/signature.hpp"

#include <stdexcept>

#include "signature_provider.hpp"

namespace conclave::crypto {

Result<SignatureAlgorithm> SignatureAlgorithm::find(SignatureScheme scheme) {
  switch (scheme) {
    case SignatureScheme::ecdsa_secp256r1_sha256: return SignatureAlgorithm(scheme, ecdsa_p256_sha256());
    case SignatureScheme::ecdsa_secp384r1_sha384: return SignatureAlgorithm(scheme, ecdsa_p384_sha384());
    case SignatureScheme::ecdsa_secp521r1_sha512: return SignatureAlgorithm(scheme, ecdsa_p521_sha512());
    case SignatureScheme::ed25519: return SignatureAlgorithm(scheme, ed25519());
    case SignatureScheme::ed448: return SignatureAlgorithm(scheme, ed448_openssl());
  }
  return Errc::unsupported_algorithm;
}

SignatureKeyPair SignatureAlgorithm::generate_key_pair(RandomSource& random) const {
  Secret private_key = provider_->generate_private_key(random);
  auto public_key = provider_->public_key(private_key);
  if (!public_key) throw std::runtime_error("signature key generation failed");
  return {std::move(private_key), std::move(*public_key)};
}

Result<Bytes> SignatureAlgorithm::public_key_of(const Secret& private_key) const {
  return provider_->public_key(private_key);
}

Result<Bytes> SignatureAlgorithm::sign(const Secret& private_key, BytesView message) const {
  return provider_->sign(private_key, message);
}

Status SignatureAlgorithm::verify(BytesView public_key, BytesView message,
                                  BytesView signature) const {
  return provider_->verify(public_key, message, signature);
}

}  // namespace conclave::crypto
