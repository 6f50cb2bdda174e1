#pragma once

// capi_fuzz's calls of the shapes many C API functions share: a handle and
// nothing else, a free, a scalar output, a library buffer, a caller buffer.

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <tuple>
#include <utility>

#include "capi_fuzz_machine.hpp"

namespace fuzz::capi {

/// `Function(handle)`, returning a status.
template <class Handle, auto Function>
void status_of(CapiMachine& m) {
  m.check(Function(m.handle<Handle>()));
}

/// `Free(handle)` on any handle: a freed or wrong-kind one must be ignored.
template <class Handle, auto Free>
void free_of(CapiMachine& m) {
  Free(m.handle<Handle>());
}

/// `Function(handle, &value)`, or with a NULL output; an error leaves the value.
template <class Handle, class Value, auto Function>
void scalar_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  constexpr Value untouched = static_cast<Value>(0x5A5A5A5A5A5A5A5AULL);
  Value value = untouched;
  const bool out = m.flag() == 0;
  m.check(Function(handle, out ? &value : nullptr), value == untouched);
}

/// `Function(handle, buffer)` with a library-allocated output.
template <class Handle, auto Function>
void buffer_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  CapiMachine::Out out;
  m.out_buffer(out);
  m.took(Function(handle, out.pointer), out);
}

/// `Function(handle, out, capacity, written)` with a caller buffer.
template <class Handle, auto Function>
void fixed_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const auto [out, capacity] = m.caller_buffer();
  std::size_t written = 0;
  const bool size_out = m.flag() == 0;
  m.wrote(Function(handle, out, capacity, size_out ? &written : nullptr), out, capacity, written);
}

/// `Function(first, second)` on two handles, returning a status.
template <class First, class Second, auto Function>
void pair_of(CapiMachine& m) {
  auto* first = m.handle<First>();
  auto* second = m.handle<Second>();
  m.check(Function(first, second));
}

/// `Function(handle, flag, buffer)`.
template <class Handle, auto Function>
void flag_buffer_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const int flag = m.flag();
  CapiMachine::Out out;
  m.out_buffer(out);
  m.took(Function(handle, flag, out.pointer), out);
}

/// `Function(handle, bytes)`, returning a status.
template <class Handle, auto Function>
void bytes_to(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const auto [data, size] = m.bytes();
  m.check(Function(handle, data, size));
}

/// `Function(handle, bytes, bytes, buffer)`.
template <class Handle, auto Function>
void two_bytes_to_buffer(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const auto [first, first_size] = m.bytes();
  const auto [second, second_size] = m.bytes();
  CapiMachine::Out out;
  m.out_buffer(out);
  m.took(Function(handle, first, first_size, second, second_size, out.pointer), out);
}

/// `Function(handle, leaf, buffer)`: something about one leaf.
template <class Handle, auto Function>
void leaf_buffer_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const std::uint32_t leaf = m.byte();
  CapiMachine::Out out;
  m.out_buffer(out);
  m.took(Function(handle, leaf, out.pointer), out);
}

/// `Function(handle, metadata, frame, out, capacity, written, info)`: an
/// SFrame frame opened into a caller buffer.
template <class Handle, auto Function>
void unprotect_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const auto [metadata, metadata_size] = m.bytes();
  const auto [frame, frame_size] = m.bytes();
  const auto [out, capacity] = m.caller_buffer();
  std::size_t written = 0;
  conclave_sframe_frame_info info{};
  const bool size_out = m.flag() == 0;
  const bool info_out = m.flag() == 0;
  const int status = Function(handle, metadata, metadata_size, frame, frame_size, out, capacity,
                              size_out ? &written : nullptr, info_out ? &info : nullptr);
  m.wrote(status, out, capacity, written);
}

/// LiveKit frame information: NULL, or a codec (any value) and flags from the input.
inline const conclave_livekit_frame_info* livekit_info(CapiMachine& m, conclave_livekit_frame_info& info) {
  if (m.byte() >= 0xF0) return nullptr;
  info.codec = m.byte() % 6;
  info.key_frame = m.flag();
  info.ssrc = m.byte();
  info.rtp_timestamp = m.number<std::uint32_t>();
  return &info;
}

/// The arguments both LiveKit frame calls take, read in their order.
template <class Handle>
struct LiveKitFrame {
  explicit LiveKitFrame(CapiMachine& m)
      : handle(m.handle<Handle>()), info(livekit_info(m, storage)), frame(m.bytes()), out(m.caller_buffer()) {}

  conclave_livekit_frame_info storage{};
  Handle* handle;
  const conclave_livekit_frame_info* info;
  std::pair<const std::uint8_t*, std::size_t> frame;
  std::pair<std::uint8_t*, std::size_t> out;
  std::size_t written = 0;
};

/// `Function(handle, info, frame, out, capacity, written)`: a LiveKit frame sealed.
template <class Handle, auto Function>
void livekit_protect_of(CapiMachine& m) {
  LiveKitFrame<Handle> call(m);
  const bool size_out = m.flag() == 0;
  m.wrote(Function(call.handle, call.info, call.frame.first, call.frame.second, call.out.first, call.out.second,
                   size_out ? &call.written : nullptr),
          call.out.first, call.out.second, call.written);
}

/// `Function(handle, info, frame, out, capacity, written, epoch)`: a LiveKit frame opened.
template <class Handle, auto Function>
void livekit_unprotect_of(CapiMachine& m) {
  LiveKitFrame<Handle> call(m);
  std::uint64_t epoch = 0;
  const bool size_out = m.flag() == 0;
  const bool epoch_out = m.flag() == 0;
  m.wrote(Function(call.handle, call.info, call.frame.first, call.frame.second, call.out.first, call.out.second,
                   size_out ? &call.written : nullptr, epoch_out ? &epoch : nullptr),
          call.out.first, call.out.second, call.written);
}

/// The version queries: the string and the number agree with the header.
inline void version(CapiMachine&) {
  const std::uint32_t expected = CONCLAVE_VERSION_MAJOR * 10000 + CONCLAVE_VERSION_MINOR * 100 + CONCLAVE_VERSION_PATCH;
  if (std::strcmp(conclave_version_string(), CONCLAVE_VERSION_STRING) != 0) std::abort();
  if (conclave_version_number() != expected) std::abort();
}

}  // namespace fuzz::capi
