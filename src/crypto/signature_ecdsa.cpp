#include <openssl/evp.h>

#include "nist_curve.hpp"
#include "openssl.hpp"
#include "signature_provider.hpp"

namespace conclave::crypto {

namespace {

// ECDSA over a NIST curve with DER signatures (RFC 9420 section 5.1.2).
// OpenSSL's verify rejects non-canonical DER, so signatures are not malleable
// in their encoding.
class EcdsaProvider final : public SignatureProvider {
 public:
  EcdsaProvider(const NistCurve& curve, HashId hash) : curve_(curve), hash_(hash) {}

  Secret generate_private_key(RandomSource& random) const override {
    for (;;) {
      Secret candidate = random.secret(curve_.scalar_size());
      candidate.mutable_view()[0] &= curve_.scalar_mask();
      if (curve_.is_valid_scalar(candidate.view())) return candidate;
    }
  }

  // Private keys may arrive with leading zero bytes dropped.
  Result<Bytes> public_key(const Secret& private_key) const override {
    auto scalar = curve_.widen_scalar(private_key);
    if (!scalar) return scalar.error();
    return curve_.public_key(*scalar);
  }

  Result<Bytes> sign(const Secret& private_key, BytesView message) const override {
    auto scalar = curve_.widen_scalar(private_key);
    if (!scalar) return scalar.error();
    auto public_key = curve_.public_key(*scalar);
    if (!public_key) return public_key.error();
    auto key = curve_.evp_key(&*scalar, *public_key);
    if (!key) return key.error();
    return ossl::digest_sign(key->get(), digest_name(), message);
  }

  Status verify(BytesView public_key, BytesView message, BytesView signature) const override {
    if (!curve_.decode_point(public_key)) return Errc::invalid_public_key;
    auto key = curve_.evp_key(nullptr, public_key);
    if (!key) return key.error();
    return ossl::digest_verify(key->get(), digest_name(), message, signature);
  }

 private:
  const char* digest_name() const { return EVP_MD_get0_name(ossl::digest(hash_)); }

  const NistCurve& curve_;
  HashId hash_;
};

}  // namespace

const SignatureProvider& ecdsa_p256_sha256() {
  static const EcdsaProvider provider(NistCurve::p256(), HashId::sha256);
  return provider;
}

const SignatureProvider& ecdsa_p384_sha384() {
  static const EcdsaProvider provider(NistCurve::p384(), HashId::sha384);
  return provider;
}

const SignatureProvider& ecdsa_p521_sha512() {
  static const EcdsaProvider provider(NistCurve::p521(), HashId::sha512);
  return provider;
}

}  // namespace conclave::crypto
