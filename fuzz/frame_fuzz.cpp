// Media frames from arbitrary bytes, in both formats. The selector byte's
// low bits pick SFrame over MLS or a LiveKit codec; its top bit picks the
// mode. Unprotect: the rest is a received frame for fixed receivers whose
// state (replay windows, kept keys) carries over between inputs, and the
// result must be a frame or a typed error. Round trip: the rest is a frame
// to send; whenever protect accepts it, unprotect must give it back.

#include <cstdint>
#include <cstdlib>

#include "frame_fuzz_setup.hpp"

namespace {

using namespace conclave;

Bytes sent_then_received(std::uint8_t selector, BytesView frame) {
  static frame::MlsSFrame mls_sender = fuzz::mls_keying(0);
  static frame::MlsSFrame mls_receiver = fuzz::mls_keying(2);
  static frame::LiveKitCryptor livekit = fuzz::livekit_cryptor({.normalize_start_codes = false});
  Bytes sent(frame::LiveKitCryptor::max_protected_size(frame.size()));
  const bool mls = (selector & ~fuzz::round_trip_flag) % fuzz::frame_selectors == 0;
  const auto info = fuzz::livekit_info(selector);
  const auto size = mls ? mls_sender.protect(as_bytes("metadata"), frame, sent)
                        : livekit.protect(info, frame, sent);
  if (!size) return Bytes(frame.begin(), frame.end());  // refused: nothing to compare
  sent.resize(*size);
  Bytes back(sent.size());
  std::size_t back_size = 0;
  if (mls) {
    const auto opened = mls_receiver.unprotect(as_bytes("metadata"), sent, back);
    if (!opened) std::abort();
    back_size = opened->size;
  } else {
    const auto opened = livekit.unprotect(info, sent, back);
    if (!opened) std::abort();
    back_size = opened->size;
  }
  back.resize(back_size);
  return back;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static frame::MlsSFrame mls_receiver = fuzz::mls_keying(1);
  static frame::LiveKitCryptor livekit_receiver = fuzz::livekit_cryptor();
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const BytesView frame(data + 1, size - 1);
  if (selector & fuzz::round_trip_flag) {
    if (sent_then_received(selector, frame) != Bytes(frame.begin(), frame.end())) std::abort();
    return 0;
  }
  Bytes out(frame.size());
  if (selector % fuzz::frame_selectors == 0) {
    (void)mls_receiver.unprotect(as_bytes("metadata"), frame, out);
  } else {
    (void)livekit_receiver.unprotect(fuzz::livekit_info(selector), frame, out);
  }
  return 0;
}
