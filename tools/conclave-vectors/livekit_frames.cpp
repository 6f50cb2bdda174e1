// livekit-frames.json (Proton Meet's LiveKit configuration, made with
// livekit-client) and Conclave's own file of the same layout: the PBKDF2
// key, the IV, every encrypted frame byte for byte (2.23's, and 2.17's where
// it differs) and its decryption.

#include <optional>

#include "check.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::frame;

std::optional<LiveKitCodec> codec_of(const Json& v) {
  const auto name = v.at("codec").get<std::string>();
  if (v.at("kind").get<std::string>() == "audio") return LiveKitCodec::audio;
  if (name == "vp8") return LiveKitCodec::vp8;
  if (name == "vp9") return LiveKitCodec::vp9;
  if (name == "h264") return LiveKitCodec::h264;
  if (name == "h265") return LiveKitCodec::h265;
  return std::nullopt;
}

// The 2.17.1 frame: the same as 2.23.0's unless the case gives it.
Bytes legacy_frame(const Json& v) {
  const Json& field = v.at("livekit_client_2_17_1_encrypted_frame_hex");
  return field.get<std::string>() == "identical" ? hex_field(v, "encrypted_frame_hex")
                                                 : hex_field(v, "livekit_client_2_17_1_encrypted_frame_hex");
}

// Encrypts the plaintext as the case's sender did.
Bytes protect(const Json& v, const LiveKitFrameInfo& info, bool normalize, CaseCheck& check) {
  LiveKitCryptor sender(LiveKitOptions{.normalize_start_codes = normalize}, crypto::system_random());
  check.expect(sender.set_key(v.at("epoch").get<std::uint64_t>(), hex_field(v, "raw_key_material_hex")).ok(),
               "key material rejected");
  sender.set_send_count(info.ssrc, v.at("send_count").get<std::uint32_t>());
  const Bytes plaintext = hex_field(v, "plaintext_hex");
  Bytes out(LiveKitCryptor::max_protected_size(plaintext.size()));
  const auto size = sender.protect(info, plaintext, out);
  check.expect(size.ok(), "protect failed");
  out.resize(size ? *size : 0);
  return out;
}

void check_decrypts(const Json& v, const LiveKitFrameInfo& info, const Bytes& frame,
                    const Bytes& expected, CaseCheck& check) {
  LiveKitCryptor receiver(LiveKitOptions{}, crypto::system_random());
  check.expect(receiver.set_key(v.at("epoch").get<std::uint64_t>(), hex_field(v, "raw_key_material_hex")).ok(),
               "key material rejected");
  Bytes out(frame.size());
  const auto opened = receiver.unprotect(info, frame, out);
  check.expect(opened.ok() && opened->key_index == v.at("key_index").get<std::uint8_t>(), "unprotect failed");
  if (opened) check.expect_equal(BytesView(out).first(opened->size), expected, "decrypted frame");
}

void check_case(const Json& v, CaseCheck& check) {
  const auto codec = codec_of(v);
  check.expect(codec.has_value(), "codec unsupported");
  if (!codec) return;
  const LiveKitFrameInfo info{*codec, v.at("frame_type").is_string() && v.at("frame_type") == "key",
                              v.at("ssrc").get<std::uint32_t>(), v.at("timestamp").get<std::uint32_t>()};
  const auto key = livekit_frame_key(hex_field(v, "raw_key_material_hex"));
  check.expect(key.ok(), "key derivation failed");
  if (key) check.expect_equal(key->view(), hex_field(v, "derived_aes_key_hex"), "derived AES key");
  check.expect_equal(livekit_iv(info.ssrc, info.rtp_timestamp, v.at("send_count").get<std::uint32_t>()),
                     hex_field(v, "iv_hex"), "IV");

  const Bytes frame = hex_field(v, "encrypted_frame_hex");
  check.expect_equal(protect(v, info, true, check), frame, "encrypted frame");
  const Bytes aad = hex_field(v, "aad_header_hex");
  check.expect_equal(BytesView(frame).first(std::min(aad.size(), frame.size())), aad, "clear header");
  check_decrypts(v, info, frame, hex_field(v, "decrypted_frame_hex"), check);

  const Bytes legacy = legacy_frame(v);
  check.expect_equal(protect(v, info, false, check), legacy, "2.17.1 encrypted frame");
  check_decrypts(v, info, legacy, hex_field(v, "plaintext_hex"), check);
}

}  // namespace

Tally check_livekit_frames(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
