#include "conclave/crypto/hash.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <stdexcept>

#include "openssl.hpp"

namespace conclave::crypto {

namespace {

constexpr std::size_t max_block_size = 128;

// out = H(prefix | data); out may alias data.
bool digest_into(EVP_MD_CTX* ctx, const EVP_MD* md, BytesView prefix, BytesView data,
                 MutableBytesView out) {
  unsigned int size = 0;
  return ossl::ok(EVP_DigestInit_ex2(ctx, md, nullptr)) &&
         ossl::ok(EVP_DigestUpdate(ctx, prefix.data(), prefix.size())) &&
         ossl::ok(EVP_DigestUpdate(ctx, data.data(), data.size())) &&
         ossl::ok(EVP_DigestFinal_ex(ctx, out.data(), &size));
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
  if (!ossl::ok(EVP_Digest(data.data(), data.size(), out.data(), &size, ossl::digest(hash), nullptr))) {
    throw std::runtime_error("digest failed");
  }
  return out;
}

// RFC 2104 on a reused digest context: OpenSSL 3.0's EVP_MAC costs a
// parameter parse and context setup per call, about twice the hashing.
Bytes hmac(HashId hash, BytesView key, BytesView data) {
  // Allocated on first use, and again after an allocation that failed.
  thread_local ossl::MdCtx ctx;
  if (!ctx) ctx = ossl::adopt<ossl::MdCtx>(EVP_MD_CTX_new());
  if (!ctx) throw std::bad_alloc();
  const EVP_MD* md = ossl::digest(hash);
  const auto block_size = static_cast<std::size_t>(EVP_MD_get_block_size(md));
  std::array<std::uint8_t, max_block_size> pad{};
  if (key.size() > block_size) {
    Bytes hashed = crypto::hash(hash, key);
    std::copy(hashed.begin(), hashed.end(), pad.begin());
    secure_zero(hashed);
  } else {
    std::copy(key.begin(), key.end(), pad.begin());
  }
  const MutableBytesView block(pad.data(), block_size);
  Bytes out(digest_size(hash));
  for (auto& byte : block) byte ^= 0x36;
  bool ok = digest_into(ctx.get(), md, block, data, out);
  for (auto& byte : block) byte ^= 0x36 ^ 0x5c;
  ok = ok && digest_into(ctx.get(), md, block, out, out);
  // The reused context's state would otherwise keep the last output.
  ok = ok && ossl::ok(EVP_DigestInit_ex2(ctx.get(), md, nullptr));
  secure_zero(pad);
  if (!ok) {
    ctx.reset();  // freed (and cleansed) mid-computation; the next call allocates anew
    throw std::runtime_error("HMAC failed");
  }
  return out;
}

}  // namespace conclave::crypto
