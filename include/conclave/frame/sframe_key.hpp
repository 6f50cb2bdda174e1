#pragma once

// One SFrame key as RFC 9605 section 4.4 uses it: the sframe_key and
// sframe_salt derived from a base_key and KID, its AEAD keyed once; and the
// two roles a key may have (section 4.4.1: a base_key is for encryption or
// for decryption, never both).

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

// The size of a protected frame: header, ciphertext and tag.
inline std::size_t sframe_protected_size(const SFrameSuite& suite, SFrameHeader header,
                                         std::size_t plaintext_size) noexcept {
  return sframe_header_size(header) + plaintext_size + suite.nt;
}

class SFrameKey {
 public:
  static Result<SFrameKey> derive(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key);

  // Section 4.4.3: writes header | AEAD.Encrypt(key, nonce, header | metadata,
  // plaintext) to `out` (not overlapping the plaintext); returns its size.
  // The caller keeps each (KID, CTR) to one frame (SFrameSender does).
  Result<std::size_t> seal(SFrameHeader header, BytesView metadata, BytesView plaintext,
                           MutableBytesView out);
  // Section 4.4.4: decrypts the frame whose header was decoded into `out`
  // (not overlapping the frame); returns the plaintext size. A frame that
  // fails to decrypt MUST be discarded: nothing of it is kept, and what was
  // written to `out` is zeroed.
  Result<std::size_t> open(const DecodedSFrameHeader& header, BytesView frame, BytesView metadata,
                           MutableBytesView out);

  const SFrameSuite& suite() const noexcept { return suite_; }

 private:
  SFrameKey(const SFrameSuite& suite, FrameAead aead, crypto::Secret salt) noexcept
      : suite_(suite), aead_(std::move(aead)), salt_(std::move(salt)) {}
  SFrameSuite suite_;
  FrameAead aead_;
  crypto::Secret salt_;
};

// An encryption key and its next counter. Sections 7.4 and 9.1: a (KID,
// CTR) pair is never used twice, so a counter is consumed before its frame
// is sealed (even one that then fails) and the sender stops (message_limit)
// once the last counter is used. `next_counter` resumes a stored context
// (section 9.1: store the next counter before using it).
class SFrameSender {
 public:
  explicit SFrameSender(SFrameKey key, std::uint64_t next_counter = 0) noexcept
      : key_(std::move(key)), next_ctr_(next_counter) {}
  Result<std::size_t> protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                              MutableBytesView out);
  std::uint64_t next_counter() const noexcept { return next_ctr_; }

 private:
  SFrameKey key_;
  std::uint64_t next_ctr_;
  bool exhausted_ = false;
};

// A decryption key and its replay window: a counter is accepted once, and
// only after its frame authenticated.
class SFrameReceiver {
 public:
  explicit SFrameReceiver(SFrameKey key) noexcept : key_(std::move(key)) {}
  Result<std::size_t> unprotect(const DecodedSFrameHeader& header, BytesView frame,
                                BytesView metadata, MutableBytesView out);

 private:
  SFrameKey key_;
  ReplayWindow window_;
};

}  // namespace conclave::frame
