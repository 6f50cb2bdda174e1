#pragma once

// The frame format of LiveKit's end-to-end encryption (livekit-client's
// e2ee worker) as Proton Meet keys it from MLS:
//   key   = PBKDF2-HMAC-SHA256(MLS-Exporter("meet-key", "", 32),
//                              "LKFrameEncryptionKey", 100,000 iterations)[0..16)
//   frame = clear header | AES-128-GCM(ciphertext | tag) | IV (12) | 12 | key index
// with AAD = the clear header, IV = SSRC | RTP timestamp | timestamp minus
// the per-SSRC send count mod 0xffff (each big-endian 32 bits), key index =
// epoch mod 256 over a 256-slot key ring. For H.264 and H.265 the part after
// the clear header is RBSP-escaped. The wire rules are in
// spec-notes/livekit.md.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/send_schedule.hpp"

namespace conclave::mls {
class Group;
}

namespace conclave::frame {

inline constexpr std::string_view livekit_exporter_label = "meet-key";
inline constexpr std::size_t livekit_key_material_size = 32;
inline constexpr std::size_t livekit_key_ring_size = 256;
inline constexpr std::size_t livekit_iv_size = 12;

// What decides a frame's clear header: audio (Opus: its TOC byte), VP8 (10
// bytes of a key frame, 3 of a delta frame), VP9 (none), H.264 and H.265 (up
// to the first slice NAL unit's header and one byte more; VP8's sizes when
// the frame has no slice).
enum class LiveKitCodec : std::uint8_t { audio, vp8, vp9, h264, h265 };

struct LiveKitFrameInfo {
  LiveKitCodec codec = LiveKitCodec::audio;
  bool key_frame = false;
  std::uint32_t ssrc = 0;
  std::uint32_t rtp_timestamp = 0;
};

// PBKDF2-HMAC-SHA256(material, "LKFrameEncryptionKey", 100,000), 16 bytes.
Result<crypto::Secret> livekit_frame_key(BytesView key_material);

std::array<std::uint8_t, livekit_iv_size> livekit_iv(std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                                                     std::uint32_t send_count) noexcept;

struct LiveKitOptions {
  // livekit-client 2.23 rewrites 3-byte start codes in an H.26x clear header
  // to 4 bytes; 2.17 (which Proton Meet pinned) sends the header unchanged.
  bool normalize_start_codes = true;
  std::chrono::milliseconds encrypt_delay{0};  // before the sender moves to a new key
  ClockSource clock = steady_now;  // null: steady_now
};

struct LiveKitUnprotected {
  std::uint8_t key_index = 0;
  std::size_t size = 0;  // frame bytes written: the clear header and the plaintext
};

// One participant's frame encryption: the key ring (one key for every
// participant of the meeting, as Proton Meet shares it) and the per-SSRC
// send counters. The format has no replay protection, and since every
// participant encrypts under the same key, IVs stay unique only while
// SSRCs are unique across the meeting and an SSRC sends fewer than 0xffff
// frames per RTP timestamp. Not thread-safe.
class LiveKitCryptor {
 public:
  explicit LiveKitCryptor(LiveKitOptions options = {},
                          crypto::RandomSource& random = crypto::system_random());
  LiveKitCryptor(LiveKitCryptor&&) noexcept;
  LiveKitCryptor& operator=(LiveKitCryptor&&) noexcept;
  ~LiveKitCryptor();

  // Puts an epoch's key in slot epoch mod 256 (replacing what was there):
  // usable for decryption at once, for encryption after the delay (the
  // sender keeps its current key meanwhile, even when the new one shares its
  // slot). Errors: invalid_length for material that is not 32 bytes,
  // invalid_argument for an epoch not newer than every one set before.
  Status set_key(std::uint64_t epoch, BytesView key_material);
  // The key of the group's current epoch, from its exporter.
  Status set_key(const mls::Group& group);

  // The first frame of an SSRC takes a random send count in [0, 0xfffe];
  // this fixes it instead (for vectors and tests).
  void set_send_count(std::uint32_t ssrc, std::uint32_t send_count);

  static std::size_t max_protected_size(std::size_t frame_size) noexcept {
    return frame_size + frame_size / 2 + 48;
  }

  // Writes the encrypted frame to `out` (not overlapping `frame`); returns
  // its size. Errors: unknown_key (no key yet), truncated (a frame shorter
  // than its clear header), buffer_too_small, invalid_argument (an H.26x
  // frame whose encrypted form a receiver would split at another header:
  // one too short or without a slice, whose ciphertext then looks like a
  // slice; it must not be sent).
  Result<std::size_t> protect(const LiveKitFrameInfo& info, BytesView frame, MutableBytesView out);
  // Writes the decrypted frame (clear header and plaintext) to `out`, which
  // holds at least frame.size() bytes and does not overlap `frame`. Errors: truncated, invalid_length (an IV length byte other than 12),
  // unknown_key (an empty key slot), aead_failure, buffer_too_small.
  Result<LiveKitUnprotected> unprotect(const LiveKitFrameInfo& info, BytesView frame,
                                       MutableBytesView out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::frame
