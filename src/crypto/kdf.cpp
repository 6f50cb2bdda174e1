#include "conclave/crypto/kdf.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <climits>

#include "openssl.hpp"

namespace conclave::crypto {

Result<Kdf> Kdf::find(KdfId id) {
  switch (id) {
    case KdfId::hkdf_sha256: return Kdf(HashId::sha256);
    case KdfId::hkdf_sha384: return Kdf(HashId::sha384);
    case KdfId::hkdf_sha512: return Kdf(HashId::sha512);
  }
  return Errc::unsupported_algorithm;
}

// RFC 5869 section 2.2; an empty salt is HashLen zero bytes, which HMAC
// pads to the same block as the empty key.
Secret Kdf::extract(BytesView salt, BytesView ikm) const {
  Bytes prk = hmac(hash_, salt, ikm);
  Secret out(prk);
  secure_zero(prk);
  return out;
}

// RFC 5869 section 2.3: T(i) = HMAC(PRK, T(i-1) | info | i).
Result<Secret> Kdf::expand(BytesView prk, BytesView info, std::size_t length) const {
  const std::size_t hash_size = size();
  if (length > 255 * hash_size) return Errc::invalid_length;
  Secret out(length);
  Bytes block;
  Bytes input;
  input.reserve(hash_size + info.size() + 1);
  std::size_t written = 0;
  for (std::uint8_t counter = 1; written < length; ++counter) {
    input.assign(block.begin(), block.end());
    input.insert(input.end(), info.begin(), info.end());
    input.push_back(counter);
    secure_zero(block);
    block = hmac(hash_, prk, input);
    const std::size_t take = std::min(hash_size, length - written);
    std::copy_n(block.begin(), take, out.mutable_view().begin() + static_cast<std::ptrdiff_t>(written));
    written += take;
  }
  secure_zero(block);
  secure_zero(input);
  return out;
}

Result<Secret> pbkdf2_hmac(HashId hash, BytesView password, BytesView salt,
                           std::uint32_t iterations, std::size_t length) {
  constexpr auto limit = static_cast<std::size_t>(INT_MAX);
  if (iterations == 0 || iterations > INT_MAX || length == 0 || length > limit ||
      password.size() > limit || salt.size() > limit) {
    return Errc::invalid_argument;
  }
  Secret out(length);
  if (!ossl::ok(PKCS5_PBKDF2_HMAC(reinterpret_cast<const char*>(password.data()),
                                 static_cast<int>(password.size()), salt.data(),
                                 static_cast<int>(salt.size()), static_cast<int>(iterations),
                                 ossl::digest(hash), static_cast<int>(length),
                                 out.mutable_view().data()))) {
    return Errc::internal;
  }
  return out;
}

}  // namespace conclave::crypto
