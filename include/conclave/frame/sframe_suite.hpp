#pragma once

/// @file
/// RFC 9605 section 4.5 and the SFrame Cipher Suites registry (section 8.1),
/// with the AES-256 AES-CTR-HMAC suites registered after the RFC; and the key
/// schedule of section 4.4.2.

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

/// The SFrame cipher suite identifiers of the IANA registry (RFC 9605
/// section 8.1): AES key size, hash, and tag size in bits.
enum class SFrameSuiteId : std::uint16_t {
  aes_128_ctr_hmac_sha256_80 = 0x0001,  ///< AES-128-CTR with HMAC-SHA256, 80-bit tag.
  aes_128_ctr_hmac_sha256_64 = 0x0002,  ///< AES-128-CTR with HMAC-SHA256, 64-bit tag.
  aes_128_ctr_hmac_sha256_32 = 0x0003,  ///< AES-128-CTR with HMAC-SHA256, 32-bit tag.
  aes_128_gcm_sha256_128 = 0x0004,      ///< AES-128-GCM, SHA-256 key schedule, 128-bit tag.
  aes_256_gcm_sha512_128 = 0x0005,      ///< AES-256-GCM, SHA-512 key schedule, 128-bit tag.
  aes_256_ctr_hmac_sha512_80 = 0x0006,  ///< AES-256-CTR with HMAC-SHA512, 80-bit tag (registered after the RFC).
  aes_256_ctr_hmac_sha512_64 = 0x0007,  ///< AES-256-CTR with HMAC-SHA512, 64-bit tag (registered after the RFC).
  aes_256_ctr_hmac_sha512_32 = 0x0008,  ///< AES-256-CTR with HMAC-SHA512, 32-bit tag (registered after the RFC).
};

/// The constants of section 4.5. AES-GCM suites have no Nka.
struct SFrameSuite {
  SFrameSuiteId id;     ///< The registry identifier.
  crypto::HashId hash;  ///< The hash of the HKDF key schedule (and of the HMAC for AES-CTR-HMAC).
  std::size_t nka;  ///< AES key size of the AES-CTR-HMAC construction, 0 for AES-GCM.
  std::size_t nk;   ///< AEAD key size: Nka + Nh for AES-CTR-HMAC.
  std::size_t nt;   ///< Tag size in bytes.
  static constexpr std::size_t nn = 12;  ///< Nonce size in bytes, the same for every suite.

  /// The constants of a registered suite.
  /// @errors `Errc::unsupported_algorithm` for a value that is none of the
  /// SFrameSuiteId enumerators.
  static Result<SFrameSuite> find(SFrameSuiteId id) noexcept;
  /// Whether the suite uses the AES-CTR-HMAC construction (section 4.5.1)
  /// rather than AES-GCM.
  bool is_ctr_hmac() const noexcept { return nka != 0; }
};

/// A frame's AEAD nonce, Nn bytes.
using SFrameNonce = std::array<std::uint8_t, SFrameSuite::nn>;

/// The first step of section 4.4.2: sframe_secret = HKDF-Extract with an
/// empty salt over `base_key`, under the suite's hash. Section 4.4.2 is
/// exposed step by step (the vectors check each intermediate value).
crypto::Secret sframe_secret(const SFrameSuite& suite, BytesView base_key);
/// The HKDF-Expand info for sframe_key: "SFrame 1.0 Secret key " | KID (8
/// bytes) | cipher suite (2 bytes), both big-endian.
Bytes sframe_key_label(const SFrameSuite& suite, std::uint64_t kid);
/// The HKDF-Expand info for sframe_salt: the same as sframe_key_label() with
/// "salt" in place of "key".
Bytes sframe_salt_label(const SFrameSuite& suite, std::uint64_t kid);

/// A key's sframe_key and sframe_salt (section 4.4.2).
struct SFrameKeySalt {
  crypto::Secret key;   ///< sframe_key, Nk bytes.
  crypto::Secret salt;  ///< sframe_salt, Nn bytes.
};
/// The whole of section 4.4.2: sframe_key and sframe_salt for `kid`,
/// expanded from sframe_secret(suite, base_key) with sframe_key_label() and
/// sframe_salt_label().
SFrameKeySalt derive_key_salt(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key);

/// Section 4.4.3: the salt XOR the counter as an Nn-byte big-endian integer
/// (the counter meets the salt's last 8 bytes). Inline: once per frame.
/// @param salt The key's sframe_salt, Nn bytes (a shorter one is
/// zero-padded, a longer one cut).
/// @param ctr The frame's counter.
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
