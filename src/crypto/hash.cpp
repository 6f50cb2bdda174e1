#include "conclave/crypto/hash.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <stdexcept>

#include "openssl.hpp"

namespace conclave::crypto {

namespace {

const char* digest_name(HashId hash) noexcept {
  switch (hash) {
    case HashId::sha1: return "SHA1";
    case HashId::sha256: return "SHA256";
    case HashId::sha384: return "SHA384";
    case HashId::sha512: return "SHA512";
  }
  return "SHA256";
}

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (mac == nullptr) throw std::runtime_error("OpenSSL lacks HMAC");
  return mac;
}

}  // namespace

std::size_t digest_size(HashId hash) noexcept {
  switch (hash) {
    case HashId::sha1: return 20;
    case HashId::sha256: return 32;
    case HashId::sha384: return 48;
    case HashId::sha512: return 64;
  }
  return 0;
}

Bytes hash(HashId hash, BytesView data) {
  Bytes out(digest_size(hash));
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &size, ossl::digest(hash), nullptr) != 1) {
    throw std::runtime_error("digest failed");
  }
  return out;
}

Bytes hmac(HashId hash, BytesView key, BytesView data) {
  ossl::MacCtx ctx(EVP_MAC_CTX_new(hmac_algorithm()));
  if (!ctx) throw std::bad_alloc();
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                       const_cast<char*>(digest_name(hash)), 0),
      OSSL_PARAM_construct_end()};
  // A zero-length key is valid HMAC input (HKDF's default salt); OpenSSL
  // wants a non-null pointer for it.
  static const std::uint8_t empty_key = 0;
  const std::uint8_t* key_data = key.empty() ? &empty_key : key.data();
  Bytes out(digest_size(hash));
  std::size_t size = 0;
  if (EVP_MAC_init(ctx.get(), key_data, key.size(), params) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1) {
    throw std::runtime_error("HMAC failed");
  }
  return out;
}

}  // namespace conclave::crypto
