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

Result<Bytes> digest_sign(EVP_PKEY* key, const char* digest_name, BytesView message) {
  const auto ctx = adopt<MdCtx>(EVP_MD_CTX_new());
  std::size_t size = 0;
  if (!ctx ||
      !ok(EVP_DigestSignInit_ex(ctx.get(), nullptr, digest_name, nullptr, nullptr, key, nullptr)) ||
      !ok(EVP_DigestSign(ctx.get(), nullptr, &size, message.data(), message.size()))) {
    return Errc::internal;
  }
  Bytes signature(size);
  if (!ok(EVP_DigestSign(ctx.get(), signature.data(), &size, message.data(), message.size()))) {
    return Errc::internal;
  }
  signature.resize(size);
  return signature;
}

Status digest_verify(EVP_PKEY* key, const char* digest_name, BytesView message,
                     BytesView signature) {
  const auto ctx = adopt<MdCtx>(EVP_MD_CTX_new());
  if (!ctx ||
      !ok(EVP_DigestVerifyInit_ex(ctx.get(), nullptr, digest_name, nullptr, nullptr, key, nullptr))) {
    return Errc::internal;
  }
  if (!ok(EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                           message.size()))) {
    return Errc::signature_invalid;
  }
  return {};
}

Bignum secret_bignum(BytesView big_endian) {
  auto bn = adopt<Bignum>(BN_bin2bn(big_endian.data(), static_cast<int>(big_endian.size()), nullptr));
  if (!bn) throw std::bad_alloc();
  BN_set_flags(bn.get(), BN_FLG_CONSTTIME);
  return bn;
}

}  // namespace conclave::crypto::ossl
