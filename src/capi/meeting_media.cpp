// The C API's media keys of a meeting: SFrame over the participant's MLS
// epochs (RFC 9605 section 5.2), into caller buffers, with no allocation
// per frame (include/conclave.h, "The meeting layer").

#include "capi/meeting_objects.hpp"

namespace conclave_capi {

namespace {

// The participant's SFrame context; null for a dead handle or a profile
// without SFrame (then `status` says which).
conclave::frame::MlsSFrame* sframe_of(const conclave_participant* participant, conclave_status& status) noexcept {
  auto* object = object_of(participant);
  if (object == nullptr) {
    status = CONCLAVE_E_INVALID_HANDLE;
    return nullptr;
  }
  auto* sframe = object->participant.sframe();
  status = sframe == nullptr ? CONCLAVE_E_INVALID_ARGUMENT : CONCLAVE_OK;
  return sframe;
}

// A frame call's output: its size, or on BUFFER_TOO_SMALL a size that suffices.
conclave_status frame_out(conclave::Result<std::size_t> size, std::size_t enough, size_t* written) noexcept {
  if (size) {
    *written = *size;
    return CONCLAVE_OK;
  }
  if (size.error() == conclave::Errc::buffer_too_small) *written = enough;
  return status_of(size.error());
}

// The arguments of a frame call, checked: input pointers and sizes, the
// output buffer, and `written`.
struct FrameArguments {
  conclave::BytesView metadata;
  conclave::BytesView input;
  conclave::MutableBytesView out;
};

// Runs `call(sframe, arguments)` once the participant has SFrame keys and
// every argument is valid.
template <class Call>
conclave_status with_frame(conclave_participant* participant, const uint8_t* metadata, size_t metadata_size,
                           const uint8_t* input, size_t input_size, uint8_t* out, size_t capacity,
                           const size_t* written, Call&& call) {
  conclave_status status = CONCLAVE_OK;
  auto* sframe = sframe_of(participant, status);
  if (status != CONCLAVE_OK) return status;
  const auto meta = bytes_in(metadata, metadata_size);
  const auto in = bytes_in(input, input_size);
  if (!meta || !in || written == nullptr || (out == nullptr && capacity != 0)) return CONCLAVE_E_INVALID_ARGUMENT;
  const FrameArguments arguments{*meta, *in, conclave::MutableBytesView(out, capacity)};
  return guard([&] { return call(*sframe, arguments); });
}

}  // namespace

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_participant_max_protected_size(const conclave_participant* participant, size_t plaintext_size,
                                                        size_t* size) {
  conclave_status status = CONCLAVE_OK;
  const auto* sframe = sframe_of(participant, status);
  if (status != CONCLAVE_OK) return status;
  if (size == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  *size = sframe->max_protected_size(plaintext_size);
  return CONCLAVE_OK;
}

conclave_status conclave_participant_protect_frame(conclave_participant* participant, const uint8_t* metadata,
                                                   size_t metadata_size, const uint8_t* plaintext,
                                                   size_t plaintext_size, uint8_t* out, size_t capacity,
                                                   size_t* written) {
  return with_frame(participant, metadata, metadata_size, plaintext, plaintext_size, out, capacity, written,
                    [&](conclave::frame::MlsSFrame& sframe, const FrameArguments& args) {
                      return frame_out(sframe.protect(args.metadata, args.input, args.out),
                                       sframe.max_protected_size(plaintext_size), written);
                    });
}

conclave_status conclave_participant_unprotect_frame(conclave_participant* participant, const uint8_t* metadata,
                                                     size_t metadata_size, const uint8_t* frame, size_t frame_size,
                                                     uint8_t* out, size_t capacity, size_t* written,
                                                     conclave_sframe_frame_info* info) {
  return with_frame(participant, metadata, metadata_size, frame, frame_size, out, capacity, written,
                    [&](conclave::frame::MlsSFrame& sframe, const FrameArguments& args) {
                      const auto opened = sframe.unprotect(args.metadata, args.input, args.out);
                      if (!opened) return frame_out(opened.error(), frame_size, written);
                      if (info != nullptr) {
                        *info = conclave_sframe_frame_info{opened->epoch, opened->sender, opened->context, opened->ctr};
                      }
                      return frame_out(opened->size, frame_size, written);
                    });
}

}  // extern "C"
