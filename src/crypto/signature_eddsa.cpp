#include <openssl/evp.h>
#include <sodium.h>

#include "openssl.hpp"
#include "signature_provider.hpp"
#include "sodium.hpp"

namespace conclave::crypto {

namespace {

// Ed25519 or Ed448 (RFC 8032, pure) through OpenSSL's raw-key interface.
// The private key is the RFC 8032 seed.
class EvpEddsaProvider final : public SignatureProvider {
 public:
  EvpEddsaProvider(int type, std::size_t key_size, std::size_t signature_size)
      : type_(type), key_size_(key_size), signature_size_(signature_size) {}

  Secret generate_private_key(RandomSource& random) const override {
    return random.secret(key_size_);
  }

  Result<Bytes> public_key(const Secret& private_key) const override {
    auto key = private_pkey(private_key);
    if (!key) return key.error();
    Bytes out(key_size_);
    std::size_t size = out.size();
    if (!ossl::ok(EVP_PKEY_get_raw_public_key(key->get(), out.data(), &size))) return Errc::internal;
    return out;
  }

  Result<Bytes> sign(const Secret& private_key, BytesView message) const override {
    auto key = private_pkey(private_key);
    if (!key) return key.error();
    return ossl::digest_sign(key->get(), nullptr, message);
  }

  Status verify(BytesView public_key, BytesView message, BytesView signature) const override {
    if (public_key.size() != key_size_) return Errc::invalid_public_key;
    if (signature.size() != signature_size_) return Errc::signature_invalid;
    // OpenSSL takes any string of the size as a raw public key: a null is
    // an allocation failure.
    const auto key = ossl::adopt<ossl::Pkey>(
        EVP_PKEY_new_raw_public_key(type_, nullptr, public_key.data(), public_key.size()));
    if (!key) return Errc::internal;
    return ossl::digest_verify(key.get(), nullptr, message, signature);
  }

 private:
  Result<ossl::Pkey> private_pkey(const Secret& private_key) const {
    if (private_key.size() != key_size_) return Errc::invalid_private_key;
    auto key = ossl::adopt<ossl::Pkey>(EVP_PKEY_new_raw_private_key(
        type_, nullptr, private_key.view().data(), private_key.size()));
    if (!key) return Errc::internal;
    return key;
  }

  int type_;
  std::size_t key_size_;
  std::size_t signature_size_;
};

// Ed25519 through libsodium. Its verify rejects non-canonical S and
// small-order public keys.
class SodiumEd25519Provider final : public SignatureProvider {
 public:
  SodiumEd25519Provider() {
    ensure_sodium();
  }

  Secret generate_private_key(RandomSource& random) const override {
    return random.secret(crypto_sign_SEEDBYTES);
  }

  Result<Bytes> public_key(const Secret& private_key) const override {
    Secret expanded(crypto_sign_SECRETKEYBYTES);
    Bytes out(crypto_sign_PUBLICKEYBYTES);
    if (auto status = expand(private_key, expanded, out); !status) return status.error();
    return out;
  }

  Result<Bytes> sign(const Secret& private_key, BytesView message) const override {
    Secret expanded(crypto_sign_SECRETKEYBYTES);
    Bytes public_key(crypto_sign_PUBLICKEYBYTES);
    if (auto status = expand(private_key, expanded, public_key); !status) {
      return status.error();
    }
    Bytes signature(crypto_sign_BYTES);
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                         expanded.view().data());
    return signature;
  }

  Status verify(BytesView public_key, BytesView message, BytesView signature) const override {
    if (public_key.size() != crypto_sign_PUBLICKEYBYTES) return Errc::invalid_public_key;
    if (signature.size() != crypto_sign_BYTES ||
        !sodium_ok(crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                               public_key.data()))) {
      return Errc::signature_invalid;
    }
    return {};
  }

 private:
  static Status expand(const Secret& seed, Secret& expanded, Bytes& public_key) {
    if (seed.size() != crypto_sign_SEEDBYTES) return Errc::invalid_private_key;
    if (!sodium_ok(crypto_sign_seed_keypair(public_key.data(), expanded.mutable_view().data(),
                                            seed.view().data()))) {
      return Errc::internal;
    }
    return {};
  }
};

}  // namespace

const SignatureProvider& ed25519_openssl() {
  static const EvpEddsaProvider provider(EVP_PKEY_ED25519, 32, 64);
  return provider;
}

const SignatureProvider& ed448_openssl() {
  static const EvpEddsaProvider provider(EVP_PKEY_ED448, 57, 114);
  return provider;
}

const SignatureProvider& ed25519_sodium() {
  static const SodiumEd25519Provider provider;
  return provider;
}

const SignatureProvider& ed25519() { return ed25519_sodium(); }

}  // namespace conclave::crypto
