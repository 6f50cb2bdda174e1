#include "conclave/frame/sframe_suite.hpp"

#include <algorithm>

#include "conclave/crypto/kdf.hpp"

namespace conclave::frame {

namespace {

using crypto::HashId;

Bytes label(std::string_view prefix, const SFrameSuite& suite, std::uint64_t kid) {
  Bytes out(as_bytes(prefix).begin(), as_bytes(prefix).end());
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(kid >> shift));
  const auto id = static_cast<std::uint16_t>(suite.id);
  out.push_back(static_cast<std::uint8_t>(id >> 8));
  out.push_back(static_cast<std::uint8_t>(id));
  return out;
}

crypto::Secret expand(const SFrameSuite& suite, const crypto::Secret& secret, BytesView info,
                      std::size_t length) {
  // Nk and Nn are far below the 255 * Nh limit of RFC 5869.
  return std::move(*crypto::Kdf::over(suite.hash).expand(secret.view(), info, length));
}

}  // namespace

Result<SFrameSuite> SFrameSuite::find(SFrameSuiteId id) noexcept {
  switch (id) {
    case SFrameSuiteId::aes_128_ctr_hmac_sha256_80: return SFrameSuite{id, HashId::sha256, 16, 48, 10};
    case SFrameSuiteId::aes_128_ctr_hmac_sha256_64: return SFrameSuite{id, HashId::sha256, 16, 48, 8};
    case SFrameSuiteId::aes_128_ctr_hmac_sha256_32: return SFrameSuite{id, HashId::sha256, 16, 48, 4};
    case SFrameSuiteId::aes_128_gcm_sha256_128: return SFrameSuite{id, HashId::sha256, 0, 16, 16};
    case SFrameSuiteId::aes_256_gcm_sha512_128: return SFrameSuite{id, HashId::sha512, 0, 32, 16};
    case SFrameSuiteId::aes_256_ctr_hmac_sha512_80: return SFrameSuite{id, HashId::sha512, 32, 96, 10};
    case SFrameSuiteId::aes_256_ctr_hmac_sha512_64: return SFrameSuite{id, HashId::sha512, 32, 96, 8};
    case SFrameSuiteId::aes_256_ctr_hmac_sha512_32: return SFrameSuite{id, HashId::sha512, 32, 96, 4};
  }
  return Errc::unsupported_algorithm;
}

crypto::Secret sframe_secret(const SFrameSuite& suite, BytesView base_key) {
  return crypto::Kdf::over(suite.hash).extract({}, base_key);
}

Bytes sframe_key_label(const SFrameSuite& suite, std::uint64_t kid) {
  return label("SFrame 1.0 Secret key ", suite, kid);
}

Bytes sframe_salt_label(const SFrameSuite& suite, std::uint64_t kid) {
  return label("SFrame 1.0 Secret salt ", suite, kid);
}

SFrameKeySalt derive_key_salt(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key) {
  const crypto::Secret secret = sframe_secret(suite, base_key);
  return {expand(suite, secret, sframe_key_label(suite, kid), suite.nk),
          expand(suite, secret, sframe_salt_label(suite, kid), SFrameSuite::nn)};
}

}  // namespace conclave::frame
