#pragma once

/// @file
/// The AEADs that protect media frames, keyed once: the cipher (and HMAC)
/// contexts are set up with the key at creation and reused for every frame,
/// so sealing or opening a frame derives and allocates nothing.

#include <cstddef>
#include <memory>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::frame {

/// Additional data in two parts (an SFrame header and the application's
/// metadata), authenticated as their concatenation.
struct FrameAad {
  BytesView header;    ///< The first part: the frame's header (SFrame or LiveKit clear header).
  BytesView metadata;  ///< The second part: the application's metadata; may be empty.
};

/// One media-frame AEAD keyed once, for sealing and opening any number of
/// frames under that key.
///
/// Move-only. Not thread-safe: the keyed contexts are reused by every call.
class FrameAead {
 public:
  /// The suite's AEAD: AES-GCM, or the AES-CTR-HMAC construction of RFC 9605
  /// section 4.5.1 (the first Nka bytes of `key` encrypt, the rest
  /// authenticate).
  /// @param suite The SFrame cipher suite, from SFrameSuite::find().
  /// @param key The AEAD key, `suite.nk` bytes.
  /// @errors `Errc::invalid_length` when `key` does not have `suite.nk` bytes;
  /// `Errc::internal` if OpenSSL cannot key the cipher.
  /// Throws `std::runtime_error` if OpenSSL lacks the cipher.
  static Result<FrameAead> for_suite(const SFrameSuite& suite, BytesView key);
  /// AES-GCM with a 16-byte tag; `key` has 16 or 32 bytes (AES-128 or AES-256).
  /// @errors `Errc::invalid_length` when `key` has neither 16 nor 32 bytes;
  /// `Errc::internal` if OpenSSL cannot key the cipher.
  /// Throws `std::runtime_error` if OpenSSL lacks the cipher.
  static Result<FrameAead> aes_gcm(BytesView key);

  /// Takes over the other AEAD's keyed contexts; the moved-from object may
  /// only be assigned to or destroyed.
  FrameAead(FrameAead&&) noexcept;
  /// Takes over the other AEAD's keyed contexts, releasing this one's.
  FrameAead& operator=(FrameAead&&) noexcept;
  /// Frees the keyed contexts.
  ~FrameAead();

  /// The authentication tag's size in bytes: 16 for AES-GCM, Nt for
  /// AES-CTR-HMAC.
  std::size_t tag_size() const noexcept;

  /// Encrypts and authenticates one frame: writes plaintext.size() +
  /// tag_size() bytes (ciphertext, then tag) to `out`, which may start
  /// at the plaintext itself. `nonce` has 12 bytes.
  /// @param nonce The frame's 12-byte nonce; never reuse one under a key.
  /// @param aad The additional data to authenticate (not written to `out`).
  /// @param plaintext The bytes to encrypt.
  /// @param out Receives the ciphertext and tag.
  /// @errors `Errc::invalid_length` for a nonce that is not 12 bytes, or an
  /// AAD part or plaintext of INT_MAX bytes or more; `Errc::buffer_too_small`
  /// when `out` is shorter than plaintext.size() + tag_size();
  /// `Errc::internal` if the crypto provider fails.
  Status seal(BytesView nonce, FrameAad aad, BytesView plaintext, MutableBytesView out);
  /// Verifies and decrypts one frame: writes ciphertext.size() - tag_size()
  /// bytes to `out`, which may start at the ciphertext itself; when the tag
  /// does not verify or the crypto provider fails, those bytes are left zeroed.
  /// @param nonce The frame's 12-byte nonce.
  /// @param aad The additional data the sender authenticated.
  /// @param ciphertext The ciphertext followed by its tag.
  /// @param out Receives the plaintext.
  /// @errors `Errc::invalid_length` for a nonce that is not 12 bytes, or an
  /// AAD part or body of INT_MAX bytes or more; `Errc::aead_failure` when
  /// `ciphertext` is shorter than the tag or the tag does not verify;
  /// `Errc::buffer_too_small` when `out` is shorter than the plaintext;
  /// `Errc::internal` if the crypto provider fails.
  Status open(BytesView nonce, FrameAad aad, BytesView ciphertext, MutableBytesView out);

 private:
  struct Impl;
  explicit FrameAead(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace conclave::frame
