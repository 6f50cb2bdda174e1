#include "conclave/crypto/aead.hpp"

#include <openssl/evp.h>

#include <stdexcept>

#include "openssl.hpp"

namespace conclave::crypto {

namespace {

const EVP_CIPHER* fetch_cipher(const char* name) {
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
  if (cipher == nullptr) throw std::runtime_error("OpenSSL lacks a required cipher");
  return cipher;
}

const EVP_CIPHER* cipher_for(AeadId id) {
  static const EVP_CIPHER* const aes128 = fetch_cipher("AES-128-GCM");
  static const EVP_CIPHER* const aes256 = fetch_cipher("AES-256-GCM");
  static const EVP_CIPHER* const chacha = fetch_cipher("ChaCha20-Poly1305");
  switch (id) {
    case AeadId::aes_128_gcm: return aes128;
    case AeadId::aes_256_gcm: return aes256;
    default: return chacha;
  }
}

// Sets up ctx for one message. The IV length is the default (12) for all
// three algorithms.
bool init(EVP_CIPHER_CTX* ctx, AeadId id, BytesView key, BytesView nonce, bool encrypt) {
  return ossl::ok(EVP_CipherInit_ex2(ctx, cipher_for(id), key.data(), nonce.data(), encrypt ? 1 : 0,
                                    nullptr));
}

bool add_aad(EVP_CIPHER_CTX* ctx, BytesView aad) {
  int unused = 0;
  return aad.empty() ||
         ossl::ok(EVP_CipherUpdate(ctx, nullptr, &unused, aad.data(), static_cast<int>(aad.size())));
}

}  // namespace

Result<Aead> Aead::find(AeadId id) {
  switch (id) {
    case AeadId::aes_128_gcm:
    case AeadId::aes_256_gcm:
    case AeadId::chacha20_poly1305:
      return Aead(id);
    case AeadId::export_only:
      break;
  }
  return Errc::unsupported_algorithm;
}

std::size_t Aead::key_size() const noexcept { return id_ == AeadId::aes_128_gcm ? 16 : 32; }

Result<Bytes> Aead::seal(BytesView key, BytesView nonce, BytesView aad,
                         BytesView plaintext) const {
  if (key.size() != key_size() || nonce.size() != nonce_size()) return Errc::invalid_length;
  const auto ctx = ossl::adopt<ossl::CipherCtx>(EVP_CIPHER_CTX_new());
  if (!ctx) return Errc::internal;
  Bytes out(plaintext.size() + tag_size());
  int written = 0;
  int final_size = 0;
  if (!init(ctx.get(), id_, key, nonce, true) || !add_aad(ctx.get(), aad) ||
      !ossl::ok(EVP_EncryptUpdate(ctx.get(), out.data(), &written, plaintext.data(),
                                  static_cast<int>(plaintext.size()))) ||
      !ossl::ok(EVP_EncryptFinal_ex(ctx.get(), out.data() + written, &final_size)) ||
      !ossl::ok(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_size()),
                                    out.data() + plaintext.size()))) {
    return Errc::internal;
  }
  return out;
}

Result<Bytes> Aead::open(BytesView key, BytesView nonce, BytesView aad,
                         BytesView ciphertext) const {
  if (key.size() != key_size() || nonce.size() != nonce_size()) return Errc::invalid_length;
  if (ciphertext.size() < tag_size()) return Errc::aead_failure;
  const std::size_t body = ciphertext.size() - tag_size();
  const auto ctx = ossl::adopt<ossl::CipherCtx>(EVP_CIPHER_CTX_new());
  if (!ctx) return Errc::internal;
  Bytes out(body);
  int written = 0;
  int final_size = 0;
  Bytes tag(ciphertext.begin() + static_cast<std::ptrdiff_t>(body), ciphertext.end());
  if (!init(ctx.get(), id_, key, nonce, false) || !add_aad(ctx.get(), aad) ||
      !ossl::ok(EVP_DecryptUpdate(ctx.get(), out.data(), &written, ciphertext.data(),
                                  static_cast<int>(body))) ||
      !ossl::ok(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_size()),
                                    tag.data()))) {
    secure_zero(out);
    return Errc::internal;
  }
  if (!ossl::ok(EVP_DecryptFinal_ex(ctx.get(), out.data() + written, &final_size))) {
    secure_zero(out);
    return Errc::aead_failure;
  }
  return out;
}

}  // namespace conclave::crypto
