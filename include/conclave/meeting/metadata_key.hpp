#pragma once

/// @file
/// Participant display names and the meeting title, sealed under the
/// meeting's session key as Proton Meet does. The key and the sealed form:
/// @code{.unparsed}
///   key    = HKDF-SHA256(session key, salt = 32 zero bytes, "aeskey.link.meet.proton", 32)
///   sealed = IV (12 random bytes) | AES-256-GCM(key, IV, AAD, UTF-8 text) with its tag
/// @endcode
/// The AAD is "displayname.meet.proton" for names and "metadata.meet.proton"
/// for the title, so one cannot stand in for the other.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

/// Which text is sealed, and so which AAD binds it: `display_name`
/// ("displayname.meet.proton") or `meeting_title` ("metadata.meet.proton").
enum class Metadata : std::uint8_t { display_name, meeting_title };

/// The length of the meeting's session key, the HKDF input, in bytes.
inline constexpr std::size_t metadata_session_key_size = 32;
/// The length of the random IV that starts a sealed text, in bytes.
inline constexpr std::size_t metadata_iv_size = 12;
/// How much longer a sealed text is than the text: the IV and the 16-byte tag.
inline constexpr std::size_t metadata_overhead = metadata_iv_size + 16;

/// The AES-256-GCM key that seals the meeting's display names and title,
/// derived from the session key.
class MetadataKey {
 public:
  /// key = HKDF-SHA256(session key, 32 zero bytes, "aeskey.link.meet.proton", 32).
  /// @errors `Errc::invalid_length` unless the session key has 32 bytes.
  static Result<MetadataKey> derive(BytesView session_key);

  /// The AEAD key, for vectors and tests.
  BytesView key() const noexcept { return key_.view(); }

  /// Seals `text` as `kind` under a fresh IV from `random`.
  /// @return IV | ciphertext | tag, metadata_overhead bytes longer than `text`.
  /// @errors `Errc::internal` if the AEAD fails.
  Result<Bytes> seal(Metadata kind, std::string_view text, crypto::RandomSource& random) const;
  /// Opens a text sealed as `kind`. The text is returned as sealed; it is
  /// not checked to be UTF-8.
  /// @errors `Errc::aead_failure` (tampered, truncated, or sealed as the
  /// other kind or under another key); `Errc::internal` if the AEAD fails.
  Result<std::string> open(Metadata kind, BytesView sealed) const;

 private:
  explicit MetadataKey(crypto::Secret key) noexcept : key_(std::move(key)) {}
  crypto::Secret key_;
};

}  // namespace conclave::meeting
