// The C API's SFrame over MLS (RFC 9605 section 5.2): include/conclave.h,
// frame section. The per-frame calls look the handle up without a lock and
// pass the caller's buffers straight through: no copy, no allocation.

#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "capi/boundary.hpp"
#include "capi/frame_objects.hpp"
#include "capi/handle_out.hpp"
#include "capi/mls_objects.hpp"

namespace conclave_capi {
namespace {

namespace frame = conclave::frame;

constexpr std::int32_t index_bits_from_tree = -1;

/// The C++ options of C options the caller filled; none for an S below -1.
std::optional<frame::MlsSFrameOptions> options_of(const conclave_sframe_options& in) {
  if (in.index_bits < index_bits_from_tree) return std::nullopt;
  frame::MlsSFrameOptions options;
  options.suite = static_cast<frame::SFrameSuiteId>(in.suite);
  options.epoch_bits = in.epoch_bits;
  if (in.index_bits != index_bits_from_tree) options.index_bits = static_cast<unsigned>(in.index_bits);
  options.max_epochs = in.max_epochs;
  options.max_contexts = in.max_contexts;
  options.encrypt_delay = std::chrono::milliseconds(in.encrypt_delay_ms);
  return options;
}

}  // namespace
}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

void conclave_sframe_options_default(conclave_sframe_options* options) {
  if (options == nullptr) return;
  const frame::MlsSFrameOptions defaults;
  options->suite = static_cast<uint16_t>(defaults.suite);
  options->epoch_bits = defaults.epoch_bits;
  options->index_bits = index_bits_from_tree;
  options->max_epochs = defaults.max_epochs;
  options->max_contexts = defaults.max_contexts;
  options->encrypt_delay_ms = static_cast<uint32_t>(defaults.encrypt_delay.count());
}

conclave_status conclave_sframe_create(const conclave_sframe_options* options, conclave_sframe** sframe) {
  return guard([&] {
    conclave_sframe_options given;
    conclave_sframe_options_default(&given);
    if (options != nullptr) given = *options;
    const auto cpp_options = options_of(given);
    if (!cpp_options || sframe == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto created = frame::MlsSFrame::create(*cpp_options);
    if (!created) return status_of(created.error());
    return give_handle(std::make_unique<SFrameObject>(SFrameObject{std::move(*created)}), sframe);
  });
}

conclave_status conclave_sframe_add_epoch(conclave_sframe* sframe, const conclave_group* group) {
  return guard([&] {
    SFrameObject* object = object_of(sframe);
    const GroupObject* source = object_of(group);
    if (object == nullptr || source == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    return status_of(object->sframe.add_epoch(source->group));
  });
}

conclave_status conclave_sframe_add_epoch_key(conclave_sframe* sframe, uint64_t epoch, const uint8_t* base_key,
                                              size_t base_key_size, uint32_t own_leaf, const uint8_t* members,
                                              size_t leaf_count) {
  return guard([&] {
    SFrameObject* object = object_of(sframe);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto key = bytes_in(base_key, base_key_size);
    const auto leaves = bytes_in(members, leaf_count);
    if (!key || !leaves) return CONCLAVE_E_INVALID_ARGUMENT;
    frame::MlsSFrameEpoch added{epoch, conclave::crypto::Secret(*key), own_leaf, {}};
    added.members.reserve(leaves->size());
    for (const std::uint8_t leaf : *leaves) added.members.push_back(leaf != 0);
    return status_of(object->sframe.add_epoch(std::move(added)));
  });
}

conclave_status conclave_sframe_remove_epoch(conclave_sframe* sframe, uint64_t epoch) {
  return guard([&] {
    SFrameObject* object = object_of(sframe);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    object->sframe.remove_epoch(epoch);
    return CONCLAVE_OK;
  });
}

conclave_status conclave_sframe_max_protected_size(const conclave_sframe* sframe, size_t plaintext_size,
                                                   size_t* size) {
  return guard([&] {
    const SFrameObject* object = object_of(sframe);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto needed = max_frame_size(object->sframe, plaintext_size);
    if (!needed || size == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    *size = *needed;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_sframe_protect(conclave_sframe* sframe, const uint8_t* metadata, size_t metadata_size,
                                        const uint8_t* plaintext, size_t plaintext_size, uint8_t* out,
                                        size_t capacity, size_t* written, uint64_t context) {
  return guard([&] {
    SFrameObject* object = object_of(sframe);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto io = frame_buffers(metadata, metadata_size, plaintext, plaintext_size, out, capacity, written);
    if (!io) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto sealed = object->sframe.protect(io->metadata, io->in, io->out, context);
    if (!sealed) {
      return frame_error(sealed.error(), written, max_frame_size(object->sframe, plaintext_size).value_or(SIZE_MAX));
    }
    *written = *sealed;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_sframe_unprotect(conclave_sframe* sframe, const uint8_t* metadata, size_t metadata_size,
                                          const uint8_t* frame, size_t frame_size, uint8_t* out, size_t capacity,
                                          size_t* written, conclave_sframe_frame_info* info) {
  return guard([&] {
    SFrameObject* object = object_of(sframe);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto io = frame_buffers(metadata, metadata_size, frame, frame_size, out, capacity, written);
    if (!io) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto opened = object->sframe.unprotect(io->metadata, io->in, io->out);
    if (!opened) return frame_error(opened.error(), written, frame_size);
    *written = opened->size;
    if (info != nullptr) *info = {opened->epoch, opened->sender, opened->context, opened->ctr};
    return CONCLAVE_OK;
  });
}

void conclave_sframe_free(conclave_sframe* sframe) { free_handle(sframe); }

}  // extern "C"
