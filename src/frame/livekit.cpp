#include "conclave/frame/livekit.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <unordered_map>
#include <utility>

#include "conclave/crypto/kdf.hpp"
#include "conclave/frame/frame_aead.hpp"
#include "conclave/mls/group.hpp"
#include "nal_units.hpp"

namespace conclave::frame {

namespace {

constexpr std::string_view ratchet_salt = "LKFrameEncryptionKey";
constexpr std::uint32_t pbkdf2_iterations = 100'000;
constexpr std::size_t aes_key_size = 16;
constexpr std::size_t tag_size = 16;
constexpr std::size_t trailer_size = livekit_iv_size + 2;  // IV, its length, the key index
constexpr std::uint32_t send_count_modulus = 0xffff;

struct ClearHeader {
  std::size_t size;
  bool escaped;  // the rest of the frame is RBSP-escaped
};

std::size_t vp8_header_size(bool key_frame) noexcept { return key_frame ? 10 : 3; }

ClearHeader clear_header(const LiveKitFrameInfo& info, BytesView frame) noexcept {
  switch (info.codec) {
    case LiveKitCodec::audio: return {1, false};
    case LiveKitCodec::vp8: return {vp8_header_size(info.key_frame), false};
    case LiveKitCodec::vp9: return {0, false};
    case LiveKitCodec::h264:
    case LiveKitCodec::h265: {
      const auto syntax = info.codec == LiveKitCodec::h264 ? nal::Syntax::h264 : nal::Syntax::h265;
      if (const auto end = nal::slice_header_end(syntax, frame)) return {*end, true};
      return {vp8_header_size(info.key_frame), false};
    }
  }
  return {0, false};
}

void put_u32(std::uint8_t* out, std::uint32_t value) noexcept {
  for (int i = 3; i >= 0; --i) *out++ = static_cast<std::uint8_t>(value >> (8 * i));
}

}  // namespace

Result<crypto::Secret> livekit_frame_key(BytesView key_material) {
  return crypto::pbkdf2_hmac(crypto::HashId::sha256, key_material, as_bytes(ratchet_salt),
                             pbkdf2_iterations, aes_key_size);
}

std::array<std::uint8_t, livekit_iv_size> livekit_iv(std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                                                     std::uint32_t send_count) noexcept {
  std::array<std::uint8_t, livekit_iv_size> iv{};
  put_u32(iv.data(), ssrc);
  put_u32(iv.data() + 4, rtp_timestamp);
  put_u32(iv.data() + 8, rtp_timestamp - send_count % send_count_modulus);
  return iv;
}

// The sender's key has its own context: a new key replaces its ring slot
// (for decryption) at once, while the sender may go on under the old key
// of that slot until the delay has passed.
struct SendKey {
  std::uint64_t epoch;
  FrameAead aead;
};

struct LiveKitCryptor::State {
  LiveKitOptions options;
  crypto::RandomSource* random;
  SendSchedule schedule;
  std::array<std::optional<FrameAead>, livekit_key_ring_size> ring;
  std::optional<SendKey> sending;
  std::optional<SendKey> pending;  // the newest key, until the schedule moves to it
  std::optional<std::uint64_t> newest_epoch;
  std::unordered_map<std::uint32_t, std::uint32_t> send_counts;

  SendKey* send_key() noexcept;
  std::uint32_t next_send_count(std::uint32_t ssrc);
  std::size_t write_header(const ClearHeader& header, BytesView frame, std::uint8_t* out) const;
  static std::size_t finish_body(const ClearHeader& header, std::size_t body_size, MutableBytesView rest);
};

SendKey* LiveKitCryptor::State::send_key() noexcept {
  if (pending && schedule.current() == pending->epoch) sending = std::exchange(pending, std::nullopt);
  return sending ? &*sending : nullptr;
}

std::uint32_t LiveKitCryptor::State::next_send_count(std::uint32_t ssrc) {
  auto it = send_counts.find(ssrc);
  if (it == send_counts.end()) {
    std::array<std::uint8_t, 4> bytes{};
    random->fill(bytes);
    const std::uint32_t start = (std::uint32_t{bytes[0]} << 24 | std::uint32_t{bytes[1]} << 16 |
                                 std::uint32_t{bytes[2]} << 8 | bytes[3]) % send_count_modulus;
    it = send_counts.emplace(ssrc, start).first;
  }
  return it->second++;
}

// The clear header as sent: copied, or with its start codes normalized.
std::size_t LiveKitCryptor::State::write_header(const ClearHeader& header, BytesView frame,
                                                std::uint8_t* out) const {
  const BytesView clear = frame.first(header.size);
  if (header.escaped && options.normalize_start_codes) {
    nal::normalize_start_codes(clear, out);
    return nal::normalized_size(clear);
  }
  std::copy(clear.begin(), clear.end(), out);
  return clear.size();
}

// The sealed body (ciphertext, tag, trailer) sits at the start of `rest`.
// Escaped only when it needs emulation-prevention bytes (rare): then it
// moves to the end of the buffer and is escaped forward from there into place.
std::size_t LiveKitCryptor::State::finish_body(const ClearHeader& header, std::size_t body_size,
                                               MutableBytesView rest) {
  const BytesView body(rest.data(), body_size);
  if (!header.escaped || nal::escaped_size(body) == body_size) return body_size;
  std::uint8_t* moved = rest.data() + rest.size() - body_size;
  std::memmove(moved, body.data(), body_size);
  return nal::escape(BytesView(moved, body_size), rest.data());
}

LiveKitCryptor::LiveKitCryptor(LiveKitOptions options, crypto::RandomSource& random)
    : state_(std::make_unique<State>(State{
          options, &random, SendSchedule(options.encrypt_delay, options.clock ? options.clock : steady_now),
          {}, {}, {}, {}, {}})) {}
LiveKitCryptor::LiveKitCryptor(LiveKitCryptor&&) noexcept = default;
LiveKitCryptor& LiveKitCryptor::operator=(LiveKitCryptor&&) noexcept = default;
LiveKitCryptor::~LiveKitCryptor() = default;

Status LiveKitCryptor::set_key(std::uint64_t epoch, BytesView key_material) {
  if (key_material.size() != livekit_key_material_size) return Errc::invalid_length;
  State& s = *state_;
  // Refused before the (slow) key derivation, so a stale epoch costs nothing.
  if (s.newest_epoch && epoch <= *s.newest_epoch) return Errc::invalid_argument;
  const auto key = livekit_frame_key(key_material);
  if (!key) return key.error();
  auto receiving = FrameAead::aes_gcm(key->view());
  auto sending = FrameAead::aes_gcm(key->view());
  if (!receiving || !sending) return Errc::internal;
  s.ring[epoch % livekit_key_ring_size] = std::move(*receiving);
  s.send_key();  // a pending key already due becomes the sending key first
  s.pending = SendKey{epoch, std::move(*sending)};
  s.newest_epoch = epoch;
  s.schedule.offer(epoch);
  return {};
}

Status LiveKitCryptor::set_key(const mls::Group& group) {
  const auto material = group.export_secret(livekit_exporter_label, {}, livekit_key_material_size);
  if (!material) return material.error();
  return set_key(group.epoch(), material->view());
}

void LiveKitCryptor::set_send_count(std::uint32_t ssrc, std::uint32_t send_count) {
  state_->send_counts[ssrc] = send_count;
}

Result<std::size_t> LiveKitCryptor::protect(const LiveKitFrameInfo& info, BytesView frame,
                                            MutableBytesView out) {
  State& s = *state_;
  SendKey* key = s.send_key();
  if (key == nullptr) return Errc::unknown_key;
  const auto key_index = static_cast<std::uint8_t>(key->epoch % livekit_key_ring_size);
  const ClearHeader header = clear_header(info, frame);
  if (frame.size() < header.size) return Errc::truncated;
  const BytesView plaintext = frame.subspan(header.size);
  const std::size_t body_size = plaintext.size() + tag_size + trailer_size;
  // An escaped body may need half again its size (see below).
  const std::size_t room = header.size + header.size / 3 + 1 + body_size +
                           (header.escaped ? body_size / 2 + 1 : 0);
  if (out.size() < room) return Errc::buffer_too_small;

  const auto iv = livekit_iv(info.ssrc, info.rtp_timestamp, s.next_send_count(info.ssrc));
  const std::size_t sent_header = s.write_header(header, frame, out.data());
  const auto sealed = key->aead.seal(iv, {BytesView(out.data(), sent_header), {}}, plaintext,
                                     out.subspan(sent_header));
  if (!sealed) return sealed.error();
  std::uint8_t* trailer = out.data() + sent_header + plaintext.size() + tag_size;
  std::copy(iv.begin(), iv.end(), trailer);
  trailer[livekit_iv_size] = static_cast<std::uint8_t>(livekit_iv_size);
  trailer[livekit_iv_size + 1] = key_index;
  const std::size_t size = sent_header + s.finish_body(header, body_size, out.subspan(sent_header));
  // The receiver finds the clear header again from the bytes it gets; an
  // H.26x frame for which it would find another one cannot be sent.
  const bool nal_codec = info.codec == LiveKitCodec::h264 || info.codec == LiveKitCodec::h265;
  if (nal_codec) {
    const ClearHeader parsed = clear_header(info, BytesView(out.data(), size));
    if (parsed.size != sent_header || parsed.escaped != header.escaped) return Errc::invalid_argument;
  }
  return size;
}

Result<LiveKitUnprotected> LiveKitCryptor::unprotect(const LiveKitFrameInfo& info, BytesView frame,
                                                     MutableBytesView out) {
  if (frame.empty()) return Errc::truncated;
  const ClearHeader header = clear_header(info, frame);
  if (frame.size() < header.size + tag_size + trailer_size) return Errc::truncated;
  const std::uint8_t key_index = frame.back();
  std::optional<FrameAead>& aead = state_->ring[key_index];
  if (!aead) return Errc::unknown_key;
  if (out.size() < frame.size()) return Errc::buffer_too_small;
  std::copy_n(frame.begin(), header.size, out.begin());
  BytesView body = frame.subspan(header.size);
  if (header.escaped) body = BytesView(out.data() + header.size, nal::unescape(body, out.data() + header.size));
  if (body.size() < tag_size + trailer_size) return Errc::truncated;
  if (body[body.size() - 2] != livekit_iv_size) return Errc::invalid_length;
  const std::size_t ciphertext_size = body.size() - trailer_size;
  const auto opened = aead->open(body.subspan(ciphertext_size, livekit_iv_size),
                                 {BytesView(out.data(), header.size), {}},
                                 body.first(ciphertext_size), out.subspan(header.size));
  if (!opened) return opened.error();
  return LiveKitUnprotected{key_index, header.size + ciphertext_size - tag_size};
}

}  // namespace conclave::frame
