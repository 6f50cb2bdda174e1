#pragma once

// The AEADs that protect media frames, keyed once: the cipher (and HMAC)
// contexts are set up with the key at creation and reused for every frame,
// so sealing or opening a frame derives and allocates nothing.

#include <cstddef>
#include <memory>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::frame {

// Additional data in two parts (an SFrame header and the application's
// metadata), authenticated as their concatenation.
struct FrameAad {
  BytesView header;
  BytesView metadata;
};

class FrameAead {
 public:
  // The suite's AEAD: AES-GCM, or the AES-CTR-HMAC construction of RFC 9605
  // section 4.5.1. `key` has Nk bytes (invalid_length otherwise).
  static Result<FrameAead> for_suite(const SFrameSuite& suite, BytesView key);
  // AES-GCM with a 16-byte tag; `key` has 16 or 32 bytes.
  static Result<FrameAead> aes_gcm(BytesView key);

  FrameAead(FrameAead&&) noexcept;
  FrameAead& operator=(FrameAead&&) noexcept;
  ~FrameAead();

  std::size_t tag_size() const noexcept;

  // Writes plaintext.size() + tag_size() bytes to `out`, which may start
  // at the plaintext itself. `nonce` has 12 bytes. Errors: invalid_length,
  // buffer_too_small.
  Status seal(BytesView nonce, FrameAad aad, BytesView plaintext, MutableBytesView out);
  // Writes ciphertext.size() - tag_size() bytes to `out`, which may start
  // at the ciphertext itself; when the tag does not verify, those bytes are
  // left zeroed. Errors: aead_failure, invalid_length, buffer_too_small.
  Status open(BytesView nonce, FrameAad aad, BytesView ciphertext, MutableBytesView out);

 private:
  struct Impl;
  explicit FrameAead(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace conclave::frame
