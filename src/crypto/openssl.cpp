#include "openssl.hpp"

#include <stdexcept>

namespace conclave::crypto::ossl {

namespace {

const EVP_MD* fetch_digest(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL lacks a required digest");
  return md;
}

}  // namespace

const EVP_MD* digest(HashId hash) {
  static const EVP_MD* const sha1 = fetch_digest("SHA1");
  static const EVP_MD* const sha256 = fetch_digest("SHA256");
  static const EVP_MD* const sha384 = fetch_digest("SHA384");
  static const EVP_MD* const sha512 = fetch_digest("SHA512");
  switch (hash) {
    case HashId::sha1: return sha1;
    case HashId::sha256: return sha256;
    case HashId::sha384: return sha384;
    case HashId::sha512: return sha512;
  }
  return sha256;
}

Bignum secret_bignum(BytesView big_endian) {
  Bignum bn(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
  if (!bn) throw std::bad_alloc();
  BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  return bn;
}

}  // namespace conclave::crypto::ossl
