#pragma once

/// @file
/// The frame format of LiveKit's end-to-end encryption (livekit-client's
/// e2ee worker) as Proton Meet keys it from MLS:
///
///     key   = PBKDF2-HMAC-SHA256(MLS-Exporter("meet-key", "", 32),
///                                "LKFrameEncryptionKey", 100,000 iterations)[0..16)
///     frame = clear header | AES-128-GCM(ciphertext | tag) | IV (12) | 12 | key index
///
/// with AAD = the clear header, IV = SSRC | RTP timestamp | timestamp minus
/// the per-SSRC send count mod 0xffff (each big-endian 32 bits), key index =
/// epoch mod 256 over a 256-slot key ring. For H.264 and H.265 the part after
/// the clear header is RBSP-escaped. The wire rules are in
/// spec-notes/livekit.md.

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

/// The MLS exporter label of an epoch's LiveKit key material.
inline constexpr std::string_view livekit_exporter_label = "meet-key";
/// The size in bytes of the key material exported from each MLS epoch.
inline constexpr std::size_t livekit_key_material_size = 32;
/// The number of slots in the key ring; an epoch's key sits in slot epoch
/// mod 256, the key index a frame carries.
inline constexpr std::size_t livekit_key_ring_size = 256;
/// The size in bytes of a frame's AES-GCM IV.
inline constexpr std::size_t livekit_iv_size = 12;

/// What decides a frame's clear header: audio (Opus: its TOC byte), VP8 (10
/// bytes of a key frame, 3 of a delta frame), VP9 (none), H.264 and H.265 (up
/// to the first slice NAL unit's header and one byte more; VP8's sizes when
/// the frame has no slice).
enum class LiveKitCodec : std::uint8_t { audio, vp8, vp9, h264, h265 };
/// @var LiveKitCodec::audio
/// Audio (Opus): a 1-byte clear header (the TOC byte).
/// @var LiveKitCodec::vp8
/// VP8: 10 clear bytes for a key frame, 3 for a delta frame.
/// @var LiveKitCodec::vp9
/// VP9: no clear header; the whole frame is encrypted.
/// @var LiveKitCodec::h264
/// H.264: clear up to the first slice NAL unit's header and one byte more;
/// the rest is RBSP-escaped. A frame without a slice is treated as VP8's,
/// unescaped.
/// @var LiveKitCodec::h265
/// H.265: as for H.264, with H.265's NAL unit headers.

/// What the cryptor needs to know of a frame besides its bytes.
struct LiveKitFrameInfo {
  LiveKitCodec codec = LiveKitCodec::audio;  ///< The codec, which decides the clear header.
  bool key_frame = false;         ///< Whether a video frame is a key frame (VP8's clear header size).
  std::uint32_t ssrc = 0;         ///< The track's RTP SSRC: part of the IV, and the send counter's key (protect only).
  std::uint32_t rtp_timestamp = 0;  ///< The frame's RTP timestamp: part of the IV (protect only).
};

/// Derives a LiveKit frame key from an epoch's key material:
/// PBKDF2-HMAC-SHA256(material, "LKFrameEncryptionKey", 100,000), 16 bytes.
/// Deliberately slow (100,000 iterations): call it once per epoch.
/// @errors `Errc::invalid_argument` for material of INT_MAX bytes or more;
/// `Errc::internal` if the crypto provider fails.
Result<crypto::Secret> livekit_frame_key(BytesView key_material);

/// A frame's IV: `ssrc`, `rtp_timestamp`, and `rtp_timestamp` minus
/// (`send_count` mod 0xffff), each as a big-endian 32-bit integer (the
/// subtraction wraps modulo 2^32).
/// @param ssrc The track's RTP SSRC.
/// @param rtp_timestamp The frame's RTP timestamp.
/// @param send_count The sender's frame count for this SSRC.
std::array<std::uint8_t, livekit_iv_size> livekit_iv(std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                                                     std::uint32_t send_count) noexcept;

/// How a LiveKitCryptor behaves.
struct LiveKitOptions {
  /// Whether to rewrite 3-byte start codes in an H.26x clear header to 4
  /// bytes: livekit-client 2.23 does; 2.17 (which Proton Meet pinned) sends
  /// the header unchanged.
  bool normalize_start_codes = true;
  std::chrono::milliseconds encrypt_delay{0};  ///< How long after set_key() before the sender moves to the new key.
  ClockSource clock = steady_now;  ///< The time source for the delay; null means steady_now.
};

/// What LiveKitCryptor::unprotect() found in a frame.
struct LiveKitUnprotected {
  std::uint8_t key_index = 0;  ///< The key ring slot the frame named (its epoch mod 256).
  std::size_t size = 0;  ///< Frame bytes written: the clear header and the plaintext.
};

/// One participant's frame encryption: the key ring (one key for every
/// participant of the meeting, as Proton Meet shares it) and the per-SSRC
/// send counters. The format has no replay protection, and since every
/// participant encrypts under the same key, IVs stay unique only while
/// SSRCs are unique across the meeting and an SSRC sends fewer than 0xffff
/// frames per RTP timestamp. Not thread-safe.
class LiveKitCryptor {
 public:
  /// A cryptor with an empty key ring.
  /// @param options The start-code handling, the key-change delay and the clock.
  /// @param random The source of each SSRC's random first send count; it must
  /// outlive the cryptor.
  explicit LiveKitCryptor(LiveKitOptions options = {},
                          crypto::RandomSource& random = crypto::system_random());
  /// Takes over the other cryptor's keys and counters; the moved-from object
  /// may only be assigned to or destroyed.
  LiveKitCryptor(LiveKitCryptor&&) noexcept;
  /// Takes over the other cryptor's keys and counters, dropping this one's.
  LiveKitCryptor& operator=(LiveKitCryptor&&) noexcept;
  /// Frees the keys.
  ~LiveKitCryptor();

  /// Puts an epoch's key in slot epoch mod 256 (replacing what was there):
  /// usable for decryption at once, for encryption after the delay (the
  /// sender keeps its current key meanwhile, even when the new one shares its
  /// slot). The first key set is the sending key at once. Runs the 100,000
  /// PBKDF2 iterations of livekit_frame_key().
  /// @param epoch The MLS epoch the material belongs to.
  /// @param key_material The epoch's 32 exported bytes (see livekit_exporter_label).
  /// @errors `Errc::invalid_length` for material that is not 32 bytes;
  /// `Errc::invalid_argument` for an epoch not newer than every one set
  /// before; `Errc::internal` if the crypto provider fails.
  Status set_key(std::uint64_t epoch, BytesView key_material);
  /// The key of the group's current epoch, from its exporter (RFC 9420
  /// section 8.5, label livekit_exporter_label), set as by the other overload.
  /// @errors The errors of the other set_key() overload (`Errc::invalid_argument`
  /// when the group's epoch is not newer than every key set before), and
  /// those of mls::Group::export_secret().
  Status set_key(const mls::Group& group);

  /// The first frame of an SSRC takes a random send count in [0, 0xfffe];
  /// this fixes it instead (for vectors and tests). The next frame of `ssrc`
  /// uses `send_count`, and each later one the count after it.
  void set_send_count(std::uint32_t ssrc, std::uint32_t send_count);

  /// An output size that is always enough for protect() on a frame of
  /// `frame_size` bytes (the clear header may grow and the body may be
  /// RBSP-escaped).
  static std::size_t max_protected_size(std::size_t frame_size) noexcept {
    return frame_size + frame_size / 2 + 48;
  }

  /// Encrypts a frame under the current sending key and this SSRC's next
  /// send count: writes the encrypted frame to `out` (not overlapping
  /// `frame`); returns its size.
  /// @param info The frame's codec, key-frame flag, SSRC and RTP timestamp.
  /// @param frame The encoded frame.
  /// @param out Receives the encrypted frame; max_protected_size() bytes
  /// always suffice.
  /// @errors `Errc::unknown_key` when no key was set yet; `Errc::truncated`
  /// for a frame shorter than its clear header; `Errc::buffer_too_small`
  /// when `out` is too short for the worst case of this frame;
  /// `Errc::invalid_argument` for an H.26x frame whose encrypted form a
  /// receiver would split at another header (one too short or without a
  /// slice, whose ciphertext then looks like a slice; it must not be sent);
  /// `Errc::internal` if the crypto provider fails.
  Result<std::size_t> protect(const LiveKitFrameInfo& info, BytesView frame, MutableBytesView out);
  /// Decrypts a frame under the key in the slot its last byte names: writes
  /// the decrypted frame (clear header and plaintext) to `out`, which holds
  /// at least frame.size() bytes and does not overlap `frame`. There is no
  /// replay check.
  /// @param info The frame's codec and key-frame flag (the SSRC and RTP
  /// timestamp are not used: the IV travels in the frame).
  /// @param frame The encrypted frame as received.
  /// @param out Receives the clear header and the plaintext.
  /// @errors `Errc::truncated` for a frame too short for its clear header,
  /// tag and trailer; `Errc::invalid_length` for an IV length byte other
  /// than 12; `Errc::unknown_key` for an empty key slot;
  /// `Errc::aead_failure` when the tag does not verify;
  /// `Errc::buffer_too_small` when `out` is shorter than `frame`;
  /// `Errc::internal` if the crypto provider fails.
  Result<LiveKitUnprotected> unprotect(const LiveKitFrameInfo& info, BytesView frame,
                                       MutableBytesView out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::frame
