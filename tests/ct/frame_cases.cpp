// Media frames: SFrame unprotect (RFC 9605) under a secret base key, for an
// AES-GCM suite and an AES-CTR with HMAC suite (whose tag Conclave compares
// itself), and LiveKit's unprotect under secret key material; each on a
// frame as sent and on a forged one.

#include "conclave/frame/livekit.hpp"
#include "conclave/frame/sframe_context.hpp"
#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

const Bytes& media() {
  static const Bytes frame = bytes_of("an encoded frame of secret media, some forty bytes");
  return frame;
}

// Protects media() and unprotects it; with `forge`, after flipping the
// frame's last bit.
void sframe(frame::SFrameSuiteId id, bool forge) {
  const auto suite = *frame::SFrameSuite::find(id);
  Bytes base_key(32, 0x42);
  mark_secret(base_key);
  frame::SFrameContext sender(suite);
  frame::SFrameContext receiver(suite);
  expect(sender.add_encryption_key(3, base_key).ok() && receiver.add_decryption_key(3, base_key).ok(),
         "adding the key failed");
  Bytes sent(sender.max_protected_size(media().size()));
  const auto size = sender.protect(3, as_bytes("metadata"), media(), sent);
  expect(size.ok(), "protect failed");
  if (!size) return;
  sent.resize(*size);
  if (forge) sent.back() ^= 1;
  Bytes out(sent.size());
  const auto opened = receiver.unprotect(as_bytes("metadata"), sent, out);
  if (forge) {
    expect(opened.error() == Errc::aead_failure, "a forged frame was accepted");
    return;
  }
  expect(opened.ok(), "unprotect failed");
  if (!opened) return;
  reveal(out);
  expect(Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(opened->size)) == media(),
         "unprotect gave other bytes");
}

void sframe_gcm() { sframe(frame::SFrameSuiteId::aes_128_gcm_sha256_128, false); }
void sframe_gcm_forged() { sframe(frame::SFrameSuiteId::aes_128_gcm_sha256_128, true); }
void sframe_ctr_hmac() { sframe(frame::SFrameSuiteId::aes_128_ctr_hmac_sha256_80, false); }
void sframe_ctr_hmac_forged() { sframe(frame::SFrameSuiteId::aes_128_ctr_hmac_sha256_80, true); }

// One audio frame each way, then a forged one. One cryptor sends and
// receives (the meeting shares one key): set_key's PBKDF2 (100,000
// iterations) is most of the case's time under memcheck.
void livekit() {
  Bytes material(32, 0x24);
  mark_secret(material);
  frame::LiveKitCryptor cryptor;
  expect(cryptor.set_key(1, material).ok(), "set_key failed");
  const frame::LiveKitFrameInfo info{.ssrc = 7, .rtp_timestamp = 1000};
  Bytes sent(frame::LiveKitCryptor::max_protected_size(media().size()));
  const auto size = cryptor.protect(info, media(), sent);
  expect(size.ok(), "protect failed");
  if (!size) return;
  sent.resize(*size);
  Bytes out(sent.size());
  const auto opened = cryptor.unprotect(info, sent, out);
  expect(opened.ok(), "unprotect failed");
  if (opened) {
    reveal(out);
    expect(Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(opened->size)) == media(),
           "unprotect gave other bytes");
  }
  sent[sent.size() / 2] ^= 1;
  expect(cryptor.unprotect(info, sent, out).error() == Errc::aead_failure, "a forged frame was accepted");
}

}  // namespace

std::vector<Case> frame_cases() {
  return {{"frame.sframe_aes_gcm", sframe_gcm},
          {"frame.sframe_aes_gcm_forged", sframe_gcm_forged},
          {"frame.sframe_ctr_hmac", sframe_ctr_hmac},
          {"frame.sframe_ctr_hmac_forged", sframe_ctr_hmac_forged},
          {"frame.livekit", livekit}};
}

}  // namespace conclave::ct_check
