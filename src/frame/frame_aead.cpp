#include "conclave/frame/frame_aead.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <climits>
#include <stdexcept>

#include "crypto/openssl.hpp"

namespace conclave::frame {

namespace {

using crypto::ossl::adopt;
using crypto::ossl::CipherCtx;
using crypto::ossl::MacCtx;
using crypto::ossl::ok;

constexpr std::size_t nonce_size = SFrameSuite::nn;
constexpr std::size_t gcm_tag_size = 16;
constexpr std::size_t max_mac_size = 64;

const EVP_CIPHER* fetch_cipher(const char* name) {
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
  if (cipher == nullptr) throw std::runtime_error("OpenSSL lacks a required cipher");
  return cipher;
}

const EVP_CIPHER* gcm_cipher(std::size_t key_size) {
  static const EVP_CIPHER* const aes128 = fetch_cipher("AES-128-GCM");
  static const EVP_CIPHER* const aes256 = fetch_cipher("AES-256-GCM");
  return key_size == 16 ? aes128 : aes256;
}

const EVP_CIPHER* ctr_cipher(std::size_t key_size) {
  static const EVP_CIPHER* const aes128 = fetch_cipher("AES-128-CTR");
  static const EVP_CIPHER* const aes256 = fetch_cipher("AES-256-CTR");
  return key_size == 16 ? aes128 : aes256;
}

EVP_MAC* hmac_algorithm() {
  static EVP_MAC* const mac = [] {
    EVP_MAC* fetched = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (fetched == nullptr) throw std::runtime_error("OpenSSL lacks HMAC");
    return fetched;
  }();
  return mac;
}

// Empty if OpenSSL fails.
CipherCtx keyed_cipher(const EVP_CIPHER* cipher, BytesView key) {
  auto ctx = adopt<CipherCtx>(EVP_CIPHER_CTX_new());
  if (ctx && !ok(EVP_CipherInit_ex2(ctx.get(), cipher, key.data(), nullptr, 1, nullptr))) ctx.reset();
  return ctx;
}

// Empty if OpenSSL fails.
MacCtx keyed_hmac(crypto::HashId hash, BytesView key) {
  auto ctx = adopt<MacCtx>(EVP_MAC_CTX_new(hmac_algorithm()));
  char* digest = const_cast<char*>(hash == crypto::HashId::sha256 ? "SHA256" : "SHA512");
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  if (ctx && !ok(EVP_MAC_init(ctx.get(), key.data(), key.size(), params))) ctx.reset();
  return ctx;
}

bool update(EVP_CIPHER_CTX* ctx, std::uint8_t* out, BytesView in) {
  int written = 0;
  return in.empty() ||
         ok(EVP_CipherUpdate(ctx, out, &written, in.data(), static_cast<int>(in.size())));
}

void put_u64(std::uint8_t* out, std::size_t value) {
  for (int i = 7; i >= 0; --i) *out++ = static_cast<std::uint8_t>(std::uint64_t{value} >> (8 * i));
}

bool fits_int(FrameAad aad, std::size_t body) {
  constexpr auto limit = static_cast<std::size_t>(INT_MAX);
  return aad.header.size() < limit && aad.metadata.size() < limit && body < limit;
}

}  // namespace

struct FrameAead::Impl {
  std::size_t tag_size;
  CipherCtx cipher;  // AES-GCM, or AES-CTR for the CTR-HMAC construction
  MacCtx hmac;       // the CTR-HMAC construction's authentication key

  bool gcm(BytesView nonce, FrameAad aad, BytesView in, std::uint8_t* out, bool encrypt);
  bool ctr(BytesView nonce, BytesView in, std::uint8_t* out);
  bool tag(BytesView nonce, FrameAad aad, BytesView ciphertext, std::uint8_t* tag_out);
};

// One AES-GCM pass; the caller sets (decrypt) or reads (encrypt) the tag.
bool FrameAead::Impl::gcm(BytesView nonce, FrameAad aad, BytesView in, std::uint8_t* out,
                          bool encrypt) {
  EVP_CIPHER_CTX* ctx = cipher.get();
  return ok(EVP_CipherInit_ex2(ctx, nullptr, nullptr, nonce.data(), encrypt ? 1 : 0, nullptr)) &&
         update(ctx, nullptr, aad.header) && update(ctx, nullptr, aad.metadata) &&
         update(ctx, out, in);
}

// RFC 9605 section 4.5.1: the initial counter block is the nonce followed
// by four zero bytes.
bool FrameAead::Impl::ctr(BytesView nonce, BytesView in, std::uint8_t* out) {
  std::array<std::uint8_t, 16> counter{};
  std::copy(nonce.begin(), nonce.end(), counter.begin());
  return ok(EVP_CipherInit_ex2(cipher.get(), nullptr, nullptr, counter.data(), 1, nullptr)) &&
         update(cipher.get(), out, in);
}

// RFC 9605 section 4.5.1 compute_tag: HMAC over the three lengths as 8-byte
// integers, the nonce, the AAD and the ciphertext, truncated to Nt. The
// fixed-size prefix (lengths, nonce, a header of up to 17 bytes) goes in
// as one update.
bool FrameAead::Impl::tag(BytesView nonce, FrameAad aad, BytesView ciphertext,
                          std::uint8_t* tag_out) {
  constexpr std::size_t max_prefix = 24 + nonce_size + 17;
  std::array<std::uint8_t, max_prefix> prefix;
  put_u64(prefix.data(), aad.header.size() + aad.metadata.size());
  put_u64(prefix.data() + 8, ciphertext.size());
  put_u64(prefix.data() + 16, tag_size);
  std::copy(nonce.begin(), nonce.end(), prefix.begin() + 24);
  BytesView header = aad.header;
  const std::size_t inline_header = std::min(header.size(), max_prefix - 24 - nonce_size);
  std::copy_n(header.begin(), inline_header, prefix.begin() + 24 + nonce_size);
  header = header.subspan(inline_header);
  std::array<std::uint8_t, max_mac_size> full;
  std::size_t full_size = 0;
  EVP_MAC_CTX* ctx = hmac.get();
  const auto absorb = [ctx](BytesView part) {
    return part.empty() || ok(EVP_MAC_update(ctx, part.data(), part.size()));
  };
  const bool computed = ok(EVP_MAC_init(ctx, nullptr, 0, nullptr)) &&
                        absorb(BytesView(prefix.data(), 24 + nonce_size + inline_header)) &&
                        absorb(header) && absorb(aad.metadata) && absorb(ciphertext) &&
                        ok(EVP_MAC_final(ctx, full.data(), &full_size, full.size()));
  if (computed) std::copy_n(full.begin(), tag_size, tag_out);
  return computed;
}

FrameAead::FrameAead(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
FrameAead::FrameAead(FrameAead&&) noexcept = default;
FrameAead& FrameAead::operator=(FrameAead&&) noexcept = default;
FrameAead::~FrameAead() = default;

Result<FrameAead> FrameAead::for_suite(const SFrameSuite& suite, BytesView key) {
  if (key.size() != suite.nk) return Errc::invalid_length;
  if (!suite.is_ctr_hmac()) return aes_gcm(key);
  // Section 4.5.1 derive_subkeys: the first Nka bytes encrypt, the rest authenticate.
  auto impl = std::make_unique<Impl>(Impl{suite.nt, keyed_cipher(ctr_cipher(suite.nka), key.first(suite.nka)),
                                          keyed_hmac(suite.hash, key.subspan(suite.nka))});
  if (!impl->cipher || !impl->hmac) return Errc::internal;
  return FrameAead(std::move(impl));
}

Result<FrameAead> FrameAead::aes_gcm(BytesView key) {
  if (key.size() != 16 && key.size() != 32) return Errc::invalid_length;
  auto impl = std::make_unique<Impl>(Impl{gcm_tag_size, keyed_cipher(gcm_cipher(key.size()), key), nullptr});
  if (!impl->cipher) return Errc::internal;
  return FrameAead(std::move(impl));
}

std::size_t FrameAead::tag_size() const noexcept { return impl_->tag_size; }

Status FrameAead::seal(BytesView nonce, FrameAad aad, BytesView plaintext, MutableBytesView out) {
  if (nonce.size() != nonce_size || !fits_int(aad, plaintext.size())) return Errc::invalid_length;
  if (out.size() < plaintext.size() + impl_->tag_size) return Errc::buffer_too_small;
  std::uint8_t* tag_out = out.data() + plaintext.size();
  const BytesView ciphertext(out.data(), plaintext.size());
  if (impl_->hmac) {
    const bool sealed = impl_->ctr(nonce, plaintext, out.data()) && impl_->tag(nonce, aad, ciphertext, tag_out);
    return sealed ? Status{} : Status{Errc::internal};
  }
  EVP_CIPHER_CTX* ctx = impl_->cipher.get();
  int final_size = 0;
  const bool sealed = impl_->gcm(nonce, aad, plaintext, out.data(), true) &&
                      ok(EVP_EncryptFinal_ex(ctx, tag_out, &final_size)) &&
                      ok(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, static_cast<int>(gcm_tag_size),
                                             tag_out));
  return sealed ? Status{} : Status{Errc::internal};
}

Status FrameAead::open(BytesView nonce, FrameAad aad, BytesView ciphertext, MutableBytesView out) {
  if (nonce.size() != nonce_size) return Errc::invalid_length;
  if (ciphertext.size() < impl_->tag_size) return Errc::aead_failure;
  const std::size_t body = ciphertext.size() - impl_->tag_size;
  if (!fits_int(aad, body)) return Errc::invalid_length;
  if (out.size() < body) return Errc::buffer_too_small;
  const BytesView inner = ciphertext.first(body);
  const BytesView received_tag = ciphertext.subspan(body);
  if (impl_->hmac) {
    std::array<std::uint8_t, max_mac_size> expected;
    if (!impl_->tag(nonce, aad, inner, expected.data())) return Errc::internal;
    // Constant time; OpenSSL's compare inlines better than a call into libsodium per frame.
    if (CRYPTO_memcmp(received_tag.data(), expected.data(), impl_->tag_size) != 0) {
      crypto::secure_zero(out.first(body));
      return Errc::aead_failure;
    }
    if (impl_->ctr(nonce, inner, out.data())) return {};
    crypto::secure_zero(out.first(body));
    return Errc::internal;
  }
  // The tag is copied out first: `out` may overwrite the ciphertext.
  std::array<std::uint8_t, gcm_tag_size> tag{};
  std::copy(received_tag.begin(), received_tag.end(), tag.begin());
  EVP_CIPHER_CTX* ctx = impl_->cipher.get();
  // Plaintext that did not authenticate is wiped, whichever call failed.
  if (!impl_->gcm(nonce, aad, inner, out.data(), false) ||
      !ok(EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, static_cast<int>(gcm_tag_size), tag.data()))) {
    crypto::secure_zero(out.first(body));
    return Errc::internal;
  }
  int final_size = 0;
  if (!ok(EVP_DecryptFinal_ex(ctx, out.data() + body, &final_size))) {
    crypto::secure_zero(out.first(body));
    return Errc::aead_failure;
  }
  return {};
}

}  // namespace conclave::frame
