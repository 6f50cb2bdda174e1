#pragma once

/// @file
/// RFC 9605 appendix A's SFrame context: keys by KID, each marked for
/// encryption or for decryption (section 4.4.1), for applications that
/// provision base keys themselves (the sender-key scheme of section 5.1).
/// For keys from MLS, see mls_sframe.hpp. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/sframe_key.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::frame {

/// What SFrameContext::unprotect() found in a frame.
struct SFrameUnprotected {
  SFrameHeader header;   ///< The frame's KID and CTR.
  std::size_t size = 0;  ///< Plaintext bytes written.
};

/// An SFrame context (RFC 9605 appendix A) over base keys the application
/// provisions: a counter per encryption key, a replay window per decryption
/// key. Not thread-safe.
class SFrameContext {
 public:
  /// An empty context for one cipher suite.
  explicit SFrameContext(const SFrameSuite& suite) noexcept : suite_(suite) {}

  /// Adds a key to encrypt under: derives its sframe_key and sframe_salt
  /// from `base_key` (section 4.4.2); its counter starts at 0.
  /// Section 4.4.1: a KID is for encryption or for decryption, never both.
  /// @errors `Errc::invalid_argument` when `kid` is already present in
  /// either role; the errors of SFrameKey::derive().
  Status add_encryption_key(std::uint64_t kid, BytesView base_key);
  /// Adds a key to decrypt frames of `kid` with, with an empty replay window.
  /// Section 4.4.1: a KID is for encryption or for decryption, never both.
  /// @errors `Errc::invalid_argument` when `kid` is already present in
  /// either role; the errors of SFrameKey::derive().
  Status add_decryption_key(std::uint64_t kid, BytesView base_key);
  /// Drops the key of `kid` in whichever role it has, if any.
  void remove_key(std::uint64_t kid) noexcept;

  /// The largest frame protect() writes for a plaintext.
  std::size_t max_protected_size(std::size_t plaintext_size) const noexcept {
    return max_sframe_header_size + plaintext_size + suite_.nt;
  }

  /// Encrypts a frame under the encryption key of `kid` and its next
  /// counter (RFC 9605 section 4.4.3): writes the frame to `out` (not
  /// overlapping the plaintext) and returns its size.
  /// @param kid The encryption key's KID.
  /// @param metadata The application's metadata, authenticated but not sent.
  /// @param plaintext The bytes to encrypt.
  /// @param out Receives the SFrame; max_protected_size() bytes suffice.
  /// @errors `Errc::unknown_key` when `kid` has no encryption key; the
  /// errors of SFrameSender::protect() (`Errc::buffer_too_small`,
  /// `Errc::message_limit`, ...).
  Result<std::size_t> protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                              MutableBytesView out);
  /// Decrypts a frame under the decryption key its KID names (RFC 9605
  /// section 4.4.4): writes the plaintext to `out` (not overlapping `frame`).
  /// A frame under an unknown KID may be kept and retried once its key is
  /// added.
  /// @param metadata The application's metadata the sender authenticated.
  /// @param frame The SFrame as received.
  /// @param out Receives the plaintext.
  /// @errors `Errc::truncated` or `Errc::non_minimal_header` for a header
  /// that does not decode; `Errc::unknown_key` when the KID has no
  /// decryption key; the errors of SFrameReceiver::unprotect()
  /// (`Errc::replayed_counter`, `Errc::aead_failure`,
  /// `Errc::buffer_too_small`, ...).
  Result<SFrameUnprotected> unprotect(BytesView metadata, BytesView frame, MutableBytesView out);

 private:
  bool has_key(std::uint64_t kid) const noexcept;
  Result<SFrameKey> new_key(std::uint64_t kid, BytesView base_key) const;

  SFrameSuite suite_;
  std::unordered_map<std::uint64_t, SFrameSender> senders_;
  std::unordered_map<std::uint64_t, SFrameReceiver> receivers_;
};

}  // namespace conclave::frame
