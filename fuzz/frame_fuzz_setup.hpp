#pragma once

// frame_fuzz's fixed parties, and senders for its seeds: SFrame-over-MLS
// keyings of two epochs (E = 4, four members) and LiveKit cryptors with
// epoch 3's key. An input is a selector byte (the format and codec in its
// low bits, round-trip mode in its top bit) followed by the frame.

#include <cstdint>

#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"

namespace conclave::fuzz {

inline constexpr std::uint8_t frame_selectors = 7;  // 0: SFrame over MLS; 1 to 6: LiveKit codecs
inline constexpr std::uint8_t round_trip_flag = 0x80;

inline frame::LiveKitFrameInfo livekit_info(std::uint8_t selector) {
  using frame::LiveKitCodec;
  switch ((selector & ~round_trip_flag) % frame_selectors) {
    case 1: return {LiveKitCodec::audio, false, 1, 960};
    case 2: return {LiveKitCodec::vp8, true, 2, 3000};
    case 3: return {LiveKitCodec::vp8, false, 2, 6000};
    case 4: return {LiveKitCodec::vp9, false, 3, 3000};
    case 5: return {LiveKitCodec::h264, true, 4, 3000};
    default: return {LiveKitCodec::h265, true, 5, 3000};
  }
}

inline frame::MlsSFrame mls_keying(std::uint32_t own_leaf) {
  auto keying = std::move(*frame::MlsSFrame::create({.max_contexts = 4}));
  for (std::uint64_t epoch : {1u, 2u}) {
    (void)keying.add_epoch({epoch, crypto::Secret(Bytes(16, static_cast<std::uint8_t>(epoch))), own_leaf,
                            std::vector<bool>(4, true)});
  }
  return keying;
}

inline frame::LiveKitCryptor livekit_cryptor(frame::LiveKitOptions options = {}) {
  frame::LiveKitCryptor cryptor(options, crypto::system_random());
  (void)cryptor.set_key(3, Bytes(frame::livekit_key_material_size, 0x33));
  return cryptor;
}

}  // namespace conclave::fuzz
