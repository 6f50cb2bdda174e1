#pragma once

// RFC 9605 section 4.5 and the SFrame Cipher Suites registry (section 8.1),
// with the AES-256 AES-CTR-HMAC suites registered after the RFC; and the key
// schedule of section 4.4.2.

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "conclave/bytes.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::frame {

enum class SFrameSuiteId : std::uint16_t {
  aes_128_ctr_hmac_sha256_80 = 0x0001,
  aes_128_ctr_hmac_sha256_64 = 0x0002,
  aes_128_ctr_hmac_sha256_32 = 0x0003,
  aes_128_gcm_sha256_128 = 0x0004,
  aes_256_gcm_sha512_128 = 0x0005,
  aes_256_ctr_hmac_sha512_80 = 0x0006,
  aes_256_ctr_hmac_sha512_64 = 0x0007,
  aes_256_ctr_hmac_sha512_32 = 0x0008,
};

// The constants of section 4.5. AES-GCM suites have no Nka.
struct SFrameSuite {
  SFrameSuiteId id;
  crypto::HashId hash;
  std::size_t nka;  // AES key size of the AES-CTR-HMAC construction, 0 for AES-GCM
  std::size_t nk;   // AEAD key size: Nka + Nh for AES-CTR-HMAC
  std::size_t nt;   // tag size
  static constexpr std::size_t nn = 12;

  static Result<SFrameSuite> find(SFrameSuiteId id) noexcept;
  bool is_ctr_hmac() const noexcept { return nka != 0; }
};

using SFrameNonce = std::array<std::uint8_t, SFrameSuite::nn>;

// Section 4.4.2, step by step (the vectors check each intermediate value).
crypto::Secret sframe_secret(const SFrameSuite& suite, BytesView base_key);
// "SFrame 1.0 Secret key " | KID (8 bytes) | cipher suite (2 bytes), and
// the same with "salt".
Bytes sframe_key_label(const SFrameSuite& suite, std::uint64_t kid);
Bytes sframe_salt_label(const SFrameSuite& suite, std::uint64_t kid);

struct SFrameKeySalt {
  crypto::Secret key;   // Nk bytes
  crypto::Secret salt;  // Nn bytes
};
SFrameKeySalt derive_key_salt(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key);

// Section 4.4.3: the salt XOR the counter as an Nn-byte big-endian integer
// (the counter meets the salt's last 8 bytes). Inline: once per frame.
inline SFrameNonce sframe_nonce(BytesView salt, std::uint64_t ctr) noexcept {
  SFrameNonce nonce{};
  std::memcpy(nonce.data(), salt.data(), std::min(salt.size(), nonce.size()));
  std::uint64_t tail = 0;
  std::memcpy(&tail, nonce.data() + 4, sizeof tail);
  if constexpr (std::endian::native == std::endian::little) ctr = __builtin_bswap64(ctr);
  tail ^= ctr;
  std::memcpy(nonce.data() + 4, &tail, sizeof tail);
  return nonce;
}

}  // namespace conclave::frame
