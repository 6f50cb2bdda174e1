// The C API's LiveKit frame cryptor (spec-notes/livekit.md): include/conclave.h,
// frame section. The per-frame calls look the handle up without a lock and
// pass the caller's buffers straight through.

#include <chrono>
#include <memory>
#include <optional>

#include "capi/boundary.hpp"
#include "capi/frame_objects.hpp"
#include "capi/handle_out.hpp"
#include "capi/mls_objects.hpp"

namespace conclave_capi {
namespace {

namespace frame = conclave::frame;

constexpr std::uint32_t last_codec = CONCLAVE_LIVEKIT_H265;

/// The C++ frame info of a C one; none for an unknown codec or flag.
std::optional<frame::LiveKitFrameInfo> info_of(const conclave_livekit_frame_info* in) noexcept {
  if (in == nullptr || in->codec > last_codec || (in->key_frame != 0 && in->key_frame != 1)) return std::nullopt;
  return frame::LiveKitFrameInfo{static_cast<frame::LiveKitCodec>(in->codec), in->key_frame == 1, in->ssrc,
                                 in->rtp_timestamp};
}

/// Sets `epoch`'s key with `set` (one of the cryptor's set_key overloads)
/// and, on success, records the epoch in its slot.
template <class SetKey>
conclave_status set_key(LiveKitObject& object, std::uint64_t epoch, SetKey&& set) {
  const conclave::Status status = set(object.cryptor);
  if (status.ok()) object.epochs[epoch % frame::livekit_key_ring_size] = epoch;
  return status_of(status);
}

}  // namespace

conclave_status livekit_protect(frame::LiveKitCryptor& cryptor, const conclave_livekit_frame_info* info,
                                const std::uint8_t* frame, std::size_t frame_size, std::uint8_t* out,
                                std::size_t capacity, std::size_t* written) {
  const auto frame_info = info_of(info);
  const auto io = frame_buffers(nullptr, 0, frame, frame_size, out, capacity, written);
  if (!frame_info || !io) return CONCLAVE_E_INVALID_ARGUMENT;
  const auto sealed = cryptor.protect(*frame_info, io->in, io->out);
  if (!sealed) return frame_error(sealed.error(), written, conclave_livekit_max_protected_size(frame_size));
  *written = *sealed;
  return CONCLAVE_OK;
}

conclave_status livekit_unprotect(frame::LiveKitCryptor& cryptor, const conclave_livekit_frame_info* info,
                                  const std::uint8_t* frame, std::size_t frame_size, std::uint8_t* out,
                                  std::size_t capacity, std::size_t* written, std::uint8_t& slot) {
  const auto frame_info = info_of(info);
  const auto io = frame_buffers(nullptr, 0, frame, frame_size, out, capacity, written);
  if (!frame_info || !io) return CONCLAVE_E_INVALID_ARGUMENT;
  const auto opened = cryptor.unprotect(*frame_info, io->in, io->out);
  if (!opened) return frame_error(opened.error(), written, frame_size);
  *written = opened->size;
  slot = opened->key_index;
  return CONCLAVE_OK;
}

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_livekit_create(int normalize_start_codes, uint32_t encrypt_delay_ms,
                                        conclave_livekit** livekit) {
  return guard([&] {
    if (livekit == nullptr || !is_flag(normalize_start_codes)) {
      return CONCLAVE_E_INVALID_ARGUMENT;
    }
    frame::LiveKitOptions options;
    options.normalize_start_codes = normalize_start_codes == 1;
    options.encrypt_delay = std::chrono::milliseconds(encrypt_delay_ms);
    return give_handle(std::make_unique<LiveKitObject>(LiveKitObject{frame::LiveKitCryptor(options), {}}),
                       livekit);
  });
}

conclave_status conclave_livekit_set_key(conclave_livekit* livekit, uint64_t epoch, const uint8_t* material,
                                         size_t material_size) {
  return guard([&] {
    LiveKitObject* object = object_of(livekit);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto key = bytes_in(material, material_size);
    if (!key) return CONCLAVE_E_INVALID_ARGUMENT;
    return set_key(*object, epoch, [&](frame::LiveKitCryptor& cryptor) { return cryptor.set_key(epoch, *key); });
  });
}

conclave_status conclave_livekit_set_key_from_group(conclave_livekit* livekit, const conclave_group* group) {
  return guard([&] {
    LiveKitObject* object = object_of(livekit);
    const GroupObject* source = object_of(group);
    if (object == nullptr || source == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    return set_key(*object, source->group.epoch(),
                   [&](frame::LiveKitCryptor& cryptor) { return cryptor.set_key(source->group); });
  });
}

conclave_status conclave_livekit_set_send_count(conclave_livekit* livekit, uint32_t ssrc, uint32_t send_count) {
  return guard([&] {
    LiveKitObject* object = object_of(livekit);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    object->cryptor.set_send_count(ssrc, send_count);
    return CONCLAVE_OK;
  });
}

size_t conclave_livekit_max_protected_size(size_t frame_size) {
  const size_t overhead = frame_size / 2 + 48;
  if (frame_size > SIZE_MAX - overhead) return SIZE_MAX;
  return frame::LiveKitCryptor::max_protected_size(frame_size);
}

conclave_status conclave_livekit_protect(conclave_livekit* livekit, const conclave_livekit_frame_info* info,
                                         const uint8_t* frame, size_t frame_size, uint8_t* out, size_t capacity,
                                         size_t* written) {
  return guard([&] {
    LiveKitObject* object = object_of(livekit);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    return livekit_protect(object->cryptor, info, frame, frame_size, out, capacity, written);
  });
}

conclave_status conclave_livekit_unprotect(conclave_livekit* livekit, const conclave_livekit_frame_info* info,
                                           const uint8_t* frame, size_t frame_size, uint8_t* out, size_t capacity,
                                           size_t* written, uint64_t* epoch) {
  return guard([&] {
    LiveKitObject* object = object_of(livekit);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    std::uint8_t slot = 0;
    const auto opened = livekit_unprotect(object->cryptor, info, frame, frame_size, out, capacity, written, slot);
    if (opened == CONCLAVE_OK && epoch != nullptr) *epoch = object->epochs[slot];
    return opened;
  });
}

void conclave_livekit_free(conclave_livekit* livekit) { free_handle(livekit); }

}  // extern "C"
