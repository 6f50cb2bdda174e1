// Unprotects arbitrary bytes as an SFrame-over-MLS frame or as a LiveKit
// frame of each codec, against fixed receivers whose state (replay windows,
// derived keys) carries over between inputs. Whatever the input, the result
// is a frame or a typed error.

#include <cstdint>

#include "frame_fuzz_setup.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace conclave;
  static frame::MlsSFrame mls_receiver = fuzz::mls_keying(1);
  static frame::LiveKitCryptor livekit_receiver = fuzz::livekit_cryptor();
  if (size == 0) return 0;
  const std::uint8_t selector = data[0];
  const BytesView frame(data + 1, size - 1);
  Bytes out(frame.size());
  if (selector % fuzz::frame_selectors == 0) {
    (void)mls_receiver.unprotect(as_bytes("metadata"), frame, out);
  } else {
    (void)livekit_receiver.unprotect(fuzz::livekit_info(selector), frame, out);
  }
  return 0;
}
