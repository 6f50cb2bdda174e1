#include <openssl/evp.h>
#include <sodium.h>

#include "dh_group.hpp"
#include "openssl.hpp"
#include "sodium.hpp"

namespace conclave::crypto {

namespace {

// X25519 or X448 (RFC 7748) through OpenSSL's raw-key EVP interface. Any
// string of the right size is a key; an all-zero shared secret is rejected
// (RFC 9180 section 7.1.4), which OpenSSL's derive does by failing.
class EvpRfc7748Group final : public DhGroup {
 public:
  EvpRfc7748Group(int type, std::size_t size) : type_(type), size_(size) {}

  std::size_t private_key_size() const noexcept override { return size_; }
  std::size_t public_key_size() const noexcept override { return size_; }
  bool samples_candidates() const noexcept override { return false; }
  bool is_valid_private_key(BytesView private_key) const override {
    return private_key.size() == size_;
  }

  Result<Bytes> public_key(const Secret& private_key) const override {
    auto key = private_pkey(private_key);
    if (!key) return key.error();
    Bytes out(size_);
    std::size_t size = out.size();
    if (!ossl::ok(EVP_PKEY_get_raw_public_key(key->get(), out.data(), &size))) return Errc::internal;
    return out;
  }

  Status validate_public_key(BytesView public_key) const override {
    return public_key.size() == size_ ? Status() : Status(Errc::invalid_public_key);
  }

  Result<Secret> dh(const Secret& private_key, BytesView public_key) const override {
    if (auto valid = validate_public_key(public_key); !valid) return valid.error();
    auto own = private_pkey(private_key);
    if (!own) return own.error();
    const auto peer = ossl::adopt<ossl::Pkey>(
        EVP_PKEY_new_raw_public_key(type_, nullptr, public_key.data(), public_key.size()));
    if (!peer) return Errc::internal;
    const auto ctx = ossl::adopt<ossl::PkeyCtx>(EVP_PKEY_CTX_new(own->get(), nullptr));
    Secret shared(size_);
    std::size_t size = shared.size();
    if (!ctx || !ossl::ok(EVP_PKEY_derive_init(ctx.get())) ||
        !ossl::ok(EVP_PKEY_derive_set_peer(ctx.get(), peer.get()))) {
      return Errc::internal;
    }
    if (!ossl::ok(EVP_PKEY_derive(ctx.get(), shared.mutable_view().data(), &size))) {
      return Errc::dh_failure;
    }
    return shared;
  }

 private:
  Result<ossl::Pkey> private_pkey(const Secret& private_key) const {
    if (!is_valid_private_key(private_key.view())) return Errc::invalid_private_key;
    auto key = ossl::adopt<ossl::Pkey>(EVP_PKEY_new_raw_private_key(
        type_, nullptr, private_key.view().data(), private_key.size()));
    if (!key) return Errc::internal;
    return key;
  }

  int type_;
  std::size_t size_;
};

// X25519 through libsodium, which also rejects an all-zero result.
class SodiumX25519Group final : public DhGroup {
 public:
  SodiumX25519Group() {
    ensure_sodium();
  }

  std::size_t private_key_size() const noexcept override { return 32; }
  std::size_t public_key_size() const noexcept override { return 32; }
  bool samples_candidates() const noexcept override { return false; }
  bool is_valid_private_key(BytesView private_key) const override {
    return private_key.size() == 32;
  }

  Result<Bytes> public_key(const Secret& private_key) const override {
    if (!is_valid_private_key(private_key.view())) return Errc::invalid_private_key;
    Bytes out(32);
    if (!sodium_ok(crypto_scalarmult_curve25519_base(out.data(), private_key.view().data()))) {
      return Errc::internal;
    }
    return out;
  }

  Status validate_public_key(BytesView public_key) const override {
    return public_key.size() == 32 ? Status() : Status(Errc::invalid_public_key);
  }

  Result<Secret> dh(const Secret& private_key, BytesView public_key) const override {
    if (!is_valid_private_key(private_key.view())) return Errc::invalid_private_key;
    if (auto valid = validate_public_key(public_key); !valid) return valid.error();
    Secret shared(32);
    if (!sodium_ok(crypto_scalarmult_curve25519(shared.mutable_view().data(),
                                                private_key.view().data(), public_key.data()))) {
      return Errc::dh_failure;
    }
    return shared;
  }
};

}  // namespace

const DhGroup& x448_group() {
  static const EvpRfc7748Group group(EVP_PKEY_X448, 56);
  return group;
}

const DhGroup& x25519_openssl_group() {
  static const EvpRfc7748Group group(EVP_PKEY_X25519, 32);
  return group;
}

const DhGroup& x25519_sodium_group() {
  static const SodiumX25519Group group;
  return group;
}

const DhGroup& x25519_group() { return x25519_sodium_group(); }

}  // namespace conclave::crypto
