#pragma once

// Participant display names and the meeting title, sealed under the
// meeting's session key as Proton Meet does:
//   key    = HKDF-SHA256(session key, salt = 32 zero bytes, "aeskey.link.meet.proton", 32)
//   sealed = IV (12 random bytes) | AES-256-GCM(key, IV, AAD, UTF-8 text) with its tag
// with AAD "displayname.meet.proton" for names and "metadata.meet.proton"
// for the title, so one cannot stand in for the other.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

enum class Metadata : std::uint8_t { display_name, meeting_title };

inline constexpr std::size_t metadata_session_key_size = 32;
inline constexpr std::size_t metadata_iv_size = 12;
inline constexpr std::size_t metadata_overhead = metadata_iv_size + 16;

class MetadataKey {
 public:
  // invalid_length unless the session key has 32 bytes.
  static Result<MetadataKey> derive(BytesView session_key);

  // The AEAD key, for vectors and tests.
  BytesView key() const noexcept { return key_.view(); }

  Result<Bytes> seal(Metadata kind, std::string_view text, crypto::RandomSource& random) const;
  // Errors: aead_failure (tampered, truncated, or sealed as the other kind).
  Result<std::string> open(Metadata kind, BytesView sealed) const;

 private:
  explicit MetadataKey(crypto::Secret key) noexcept : key_(std::move(key)) {}
  crypto::Secret key_;
};

}  // namespace conclave::meeting
