// The C API's media keys of a meeting: SFrame over the participant's MLS
// epochs (RFC 9605 section 5.2) and the LiveKit key of each epoch, into
// caller buffers, with no allocation per frame (include/conclave.h, "The
// meeting layer").

#include "capi/frame_objects.hpp"
#include "capi/meeting_objects.hpp"

namespace meeting = conclave::meeting;

namespace conclave_capi {

namespace {

// The participant's media keys that `media` gives (Participant::sframe or
// Participant::livekit); null for a dead handle or a profile without them
// (then `status` says which).
template <class Media>
Media* media_of(const conclave_participant* participant, Media* (meeting::Participant::*media)() noexcept,
                conclave_status& status) noexcept {
  auto* object = object_of(participant);
  if (object == nullptr) {
    status = CONCLAVE_E_INVALID_HANDLE;
    return nullptr;
  }
  auto* keys = (object->participant.*media)();
  status = keys == nullptr ? CONCLAVE_E_INVALID_ARGUMENT : CONCLAVE_OK;
  return keys;
}

// A frame call's output: its size, or on BUFFER_TOO_SMALL a size that suffices.
conclave_status frame_out(conclave::Result<std::size_t> size, std::size_t enough, size_t* written) noexcept {
  if (!size) return frame_error(size.error(), written, enough);
  *written = *size;
  return CONCLAVE_OK;
}

// Runs `call(sframe, buffers)` once the participant has SFrame keys and
// every argument is valid.
template <class Call>
conclave_status with_sframe(conclave_participant* participant, const uint8_t* metadata, size_t metadata_size,
                            const uint8_t* input, size_t input_size, uint8_t* out, size_t capacity,
                            const size_t* written, Call&& call) {
  conclave_status status = CONCLAVE_OK;
  auto* sframe = media_of(participant, &meeting::Participant::sframe, status);
  if (status != CONCLAVE_OK) return status;
  const auto io = frame_buffers(metadata, metadata_size, input, input_size, out, capacity, written);
  if (!io) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] { return call(*sframe, *io); });
}

// The epoch whose LiveKit key sits in ring slot `slot`: a participant keys
// every epoch it enters, so the latest one up to its `current` epoch.
std::uint64_t epoch_in_slot(std::uint64_t current, std::uint8_t slot) noexcept {
  return current - (current - slot) % conclave::frame::livekit_key_ring_size;
}

}  // namespace

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_participant_max_protected_size(const conclave_participant* participant, size_t plaintext_size,
                                                        size_t* size) {
  conclave_status status = CONCLAVE_OK;
  const auto* sframe = media_of(participant, &meeting::Participant::sframe, status);
  if (status != CONCLAVE_OK) return status;
  const auto needed = max_frame_size(*sframe, plaintext_size);
  if (!needed || size == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  *size = *needed;
  return CONCLAVE_OK;
}

conclave_status conclave_participant_protect_frame(conclave_participant* participant, const uint8_t* metadata,
                                                   size_t metadata_size, const uint8_t* plaintext,
                                                   size_t plaintext_size, uint8_t* out, size_t capacity,
                                                   size_t* written) {
  return with_sframe(participant, metadata, metadata_size, plaintext, plaintext_size, out, capacity, written,
                     [&](conclave::frame::MlsSFrame& sframe, const FrameBuffers& io) {
                       return frame_out(sframe.protect(io.metadata, io.in, io.out),
                                        max_frame_size(sframe, plaintext_size).value_or(SIZE_MAX), written);
                     });
}

conclave_status conclave_participant_unprotect_frame(conclave_participant* participant, const uint8_t* metadata,
                                                     size_t metadata_size, const uint8_t* frame, size_t frame_size,
                                                     uint8_t* out, size_t capacity, size_t* written,
                                                     conclave_sframe_frame_info* info) {
  return with_sframe(participant, metadata, metadata_size, frame, frame_size, out, capacity, written,
                     [&](conclave::frame::MlsSFrame& sframe, const FrameBuffers& io) {
                       const auto opened = sframe.unprotect(io.metadata, io.in, io.out);
                       if (!opened) return frame_error(opened.error(), written, frame_size);
                       if (info != nullptr) *info = {opened->epoch, opened->sender, opened->context, opened->ctr};
                       return frame_out(opened->size, frame_size, written);
                     });
}

conclave_status conclave_participant_livekit_protect(conclave_participant* participant,
                                                     const conclave_livekit_frame_info* info, const uint8_t* frame,
                                                     size_t frame_size, uint8_t* out, size_t capacity,
                                                     size_t* written) {
  conclave_status status = CONCLAVE_OK;
  auto* cryptor = media_of(participant, &meeting::Participant::livekit, status);
  if (status != CONCLAVE_OK) return status;
  return guard([&] { return livekit_protect(*cryptor, info, frame, frame_size, out, capacity, written); });
}

conclave_status conclave_participant_livekit_unprotect(conclave_participant* participant,
                                                       const conclave_livekit_frame_info* info, const uint8_t* frame,
                                                       size_t frame_size, uint8_t* out, size_t capacity,
                                                       size_t* written, uint64_t* epoch) {
  conclave_status status = CONCLAVE_OK;
  auto* cryptor = media_of(participant, &meeting::Participant::livekit, status);
  if (status != CONCLAVE_OK) return status;
  return guard([&] {
    std::uint8_t slot = 0;
    const auto opened = livekit_unprotect(*cryptor, info, frame, frame_size, out, capacity, written, slot);
    if (opened == CONCLAVE_OK && epoch != nullptr) {
      *epoch = epoch_in_slot(object_of(participant)->participant.epoch(), slot);
    }
    return opened;
  });
}

}  // extern "C"
