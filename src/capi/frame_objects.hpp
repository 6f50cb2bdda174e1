#pragma once

// The C++ objects behind the C API's SFrame and LiveKit handles, and the
// checks their frame functions share.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>

#include "conclave.h"
#include "capi/boundary.hpp"
#include "capi/handle_table.hpp"
#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"

namespace conclave_capi {

/// One member's SFrame keying.
struct SFrameObject {
  conclave::frame::MlsSFrame sframe;
};

/// A LiveKit cryptor and the epoch whose key sits in each ring slot (the
/// frame names only the slot).
struct LiveKitObject {
  conclave::frame::LiveKitCryptor cryptor;
  std::array<std::uint64_t, conclave::frame::livekit_key_ring_size> epochs{};
};

template <>
struct HandleTraits<conclave_sframe> {
  static constexpr Kind kind = Kind::sframe;
  using Object = SFrameObject;
};

template <>
struct HandleTraits<conclave_livekit> {
  static constexpr Kind kind = Kind::livekit;
  using Object = LiveKitObject;
};

/// A frame call's metadata, input and caller buffer, checked.
struct FrameBuffers {
  conclave::BytesView metadata;    ///< authenticated, not sent (empty for LiveKit)
  conclave::BytesView in;          ///< the frame or plaintext
  conclave::MutableBytesView out;  ///< the caller's output buffer
};

/// The buffers of a frame call: `metadata` and `in` may be NULL only with
/// size 0, `out` only with capacity 0, `written` must not be NULL, and
/// `out` must not overlap `in`. None when a check fails. Inline (bytes_in()
/// is not): this runs once per frame.
inline std::optional<FrameBuffers> frame_buffers(const std::uint8_t* metadata, std::size_t metadata_size,
                                                 const std::uint8_t* in, std::size_t in_size, std::uint8_t* out,
                                                 std::size_t capacity, const std::size_t* written) noexcept {
  if ((metadata == nullptr && metadata_size != 0) || (in == nullptr && in_size != 0) ||
      (out == nullptr && capacity != 0) || written == nullptr) {
    return std::nullopt;
  }
  if (in_size != 0 && capacity != 0) {
    const std::less<const std::uint8_t*> before;
    if (before(out, in + in_size) && before(in, out + capacity)) return std::nullopt;
  }
  return FrameBuffers{conclave::BytesView(metadata, metadata_size), conclave::BytesView(in, in_size),
                      conclave::MutableBytesView(out, capacity)};
}

/// The largest SFrame of a plaintext of `plaintext_size` (header, plaintext
/// and tag), or none when the sum overflows.
inline std::optional<std::size_t> max_frame_size(const conclave::frame::MlsSFrame& sframe,
                                                 std::size_t plaintext_size) noexcept {
  const std::size_t overhead = sframe.max_protected_size(0);
  if (plaintext_size > SIZE_MAX - overhead) return std::nullopt;
  return plaintext_size + overhead;
}

/// The status of a frame call that failed with `error`; with
/// buffer_too_small, `*written` gets `needed`, a capacity that suffices.
inline conclave_status frame_error(conclave::Errc error, std::size_t* written, std::size_t needed) noexcept {
  if (error == conclave::Errc::buffer_too_small) *written = needed;
  return status_of(error);
}

/// conclave_livekit_protect() on `cryptor` (a handle's, or a meeting
/// participant's): the arguments checked, the frame encrypted into `out`.
conclave_status livekit_protect(conclave::frame::LiveKitCryptor& cryptor, const conclave_livekit_frame_info* info,
                                const std::uint8_t* frame, std::size_t frame_size, std::uint8_t* out,
                                std::size_t capacity, std::size_t* written);

/// conclave_livekit_unprotect() on `cryptor`; `slot` gets the key ring slot
/// of the key that opened the frame.
conclave_status livekit_unprotect(conclave::frame::LiveKitCryptor& cryptor, const conclave_livekit_frame_info* info,
                                  const std::uint8_t* frame, std::size_t frame_size, std::uint8_t* out,
                                  std::size_t capacity, std::size_t* written, std::uint8_t& slot);

}  // namespace conclave_capi
