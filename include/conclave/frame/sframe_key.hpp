#pragma once

/// @file
/// One SFrame key as RFC 9605 section 4.4 uses it: the sframe_key and
/// sframe_salt derived from a base_key and KID, its AEAD keyed once; and the
/// two roles a key may have (section 4.4.1: a base_key is for encryption or
/// for decryption, never both).

#include <cstddef>
#include <cstdint>
#include <utility>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/frame_aead.hpp"
#include "conclave/frame/replay_window.hpp"
#include "conclave/frame/sframe_header.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::frame {

/// The size of a protected frame: header, ciphertext and tag.
inline std::size_t sframe_protected_size(const SFrameSuite& suite, SFrameHeader header,
                                         std::size_t plaintext_size) noexcept {
  return sframe_header_size(header) + plaintext_size + suite.nt;
}

/// One SFrame key: the AEAD keyed with its sframe_key, and its sframe_salt.
/// Move-only; it has no counter or replay state (see SFrameSender and
/// SFrameReceiver).
class SFrameKey {
 public:
  /// Derives the key of `kid` from `base_key` (RFC 9605 section 4.4.2, see
  /// derive_key_salt()) and keys its AEAD.
  /// @errors The errors of FrameAead::for_suite() (none for a suite from
  /// SFrameSuite::find()).
  static Result<SFrameKey> derive(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key);

  /// Section 4.4.3: writes header | AEAD.Encrypt(key, nonce, header | metadata,
  /// plaintext) to `out` (not overlapping the plaintext); returns its size.
  /// The caller keeps each (KID, CTR) to one frame (SFrameSender does).
  /// @param header The KID and CTR to encode; CTR also makes the nonce.
  /// @param metadata The application's metadata, authenticated but not sent.
  /// @param plaintext The bytes to encrypt.
  /// @param out Receives the frame: sframe_protected_size() bytes.
  /// @errors `Errc::buffer_too_small` when `out` is shorter than the frame;
  /// `Errc::invalid_length` for a plaintext or metadata of INT_MAX bytes or
  /// more; `Errc::internal` if the crypto provider fails.
  Result<std::size_t> seal(SFrameHeader header, BytesView metadata, BytesView plaintext,
                           MutableBytesView out);
  /// Section 4.4.4: decrypts the frame whose header was decoded into `out`
  /// (not overlapping the frame); returns the plaintext size. A frame that
  /// fails to decrypt MUST be discarded: nothing of it is kept, and what was
  /// written to `out` is zeroed.
  /// @param header The frame's header, from decode_sframe_header(frame).
  /// @param frame The whole frame, header included.
  /// @param metadata The application's metadata the sender authenticated.
  /// @param out Receives the plaintext.
  /// @errors `Errc::aead_failure` when the frame is shorter than its header
  /// and tag or the tag does not verify; `Errc::buffer_too_small` when `out`
  /// is shorter than the plaintext; `Errc::invalid_length` for a frame or
  /// metadata of INT_MAX bytes or more; `Errc::internal` if the crypto
  /// provider fails.
  Result<std::size_t> open(const DecodedSFrameHeader& header, BytesView frame, BytesView metadata,
                           MutableBytesView out);

  /// The cipher suite the key was derived for.
  const SFrameSuite& suite() const noexcept { return suite_; }

 private:
  SFrameKey(const SFrameSuite& suite, FrameAead aead, crypto::Secret salt) noexcept
      : suite_(suite), aead_(std::move(aead)), salt_(std::move(salt)) {}
  SFrameSuite suite_;
  FrameAead aead_;
  crypto::Secret salt_;
};

/// An encryption key and its next counter. Sections 7.4 and 9.1: a (KID,
/// CTR) pair is never used twice, so a counter is consumed before its frame
/// is sealed (even one that then fails) and the sender stops (message_limit)
/// once the last counter is used. `next_counter` resumes a stored context
/// (section 9.1: store the next counter before using it).
class SFrameSender {
 public:
  /// A sender whose first frame uses counter `next_counter`.
  explicit SFrameSender(SFrameKey key, std::uint64_t next_counter = 0) noexcept
      : key_(std::move(key)), next_ctr_(next_counter) {}
  /// Seals a frame under `kid` and the next counter (see SFrameKey::seal()),
  /// consuming that counter; returns the frame's size.
  /// @param kid The KID to put in the header; the one the key was derived for.
  /// @param metadata The application's metadata, authenticated but not sent.
  /// @param plaintext The bytes to encrypt.
  /// @param out Receives the frame.
  /// @errors `Errc::message_limit` once the last counter (2^64 - 1) was
  /// used; `Errc::buffer_too_small` when `out` is too short (checked first:
  /// the counter stays unused); otherwise the errors of SFrameKey::seal().
  Result<std::size_t> protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                              MutableBytesView out);
  /// The counter the next frame will use: the value to store before sending
  /// it (section 9.1).
  std::uint64_t next_counter() const noexcept { return next_ctr_; }

 private:
  SFrameKey key_;
  std::uint64_t next_ctr_;
  bool exhausted_ = false;
};

/// A decryption key and its replay window: a counter is accepted once, and
/// only after its frame authenticated.
class SFrameReceiver {
 public:
  /// A receiver with an empty replay window.
  explicit SFrameReceiver(SFrameKey key) noexcept : key_(std::move(key)) {}
  /// Checks the frame's counter against the replay window, opens the frame
  /// (see SFrameKey::open()), and on success accepts the counter.
  /// @param header The frame's header, from decode_sframe_header(frame).
  /// @param frame The whole frame, header included.
  /// @param metadata The application's metadata the sender authenticated.
  /// @param out Receives the plaintext.
  /// @errors `Errc::replayed_counter` for a counter already accepted or
  /// below the window; otherwise the errors of SFrameKey::open().
  Result<std::size_t> unprotect(const DecodedSFrameHeader& header, BytesView frame,
                                BytesView metadata, MutableBytesView out);

 private:
  SFrameKey key_;
  ReplayWindow window_;
};

}  // namespace conclave::frame
