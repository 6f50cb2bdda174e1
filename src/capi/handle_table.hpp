#pragma once

// The C API's handles: checked tokens, never pointers to memory. A handle
// encodes a slot index, the slot's generation and the object's kind, so a
// freed handle or one of another kind is refused, never dereferenced.

#include <cstdint>
#include <memory>

namespace conclave_capi {

/// What a handle refers to; part of every handle value.
enum class Kind : std::uint8_t {
  key_package = 1,
  group,
  store,
  sframe,
  livekit,
  srp_variant,
  srp_client,
  srp_server,
  meeting_server,
  meeting_link,
  guest,
  participant,
};

/// Each C handle type names its kind and the C++ object behind it:
/// `template <> struct HandleTraits<conclave_group> { static constexpr Kind
/// kind = Kind::group; using Object = GroupObject; };`
template <class CType>
struct HandleTraits;

/// A new handle for `object` of `kind`, or 0 when the table is full.
std::uintptr_t register_object(Kind kind, void* object, void (*destroy)(void*)) noexcept;
/// The object behind a live handle of `kind`; null for any other value.
void* find_object(std::uintptr_t handle, Kind kind) noexcept;
/// Frees a live handle of `kind` and destroys its object; ignores any other value.
void release(std::uintptr_t handle, Kind kind) noexcept;

/// A handle owning `object`; null when the table is full (the object is then destroyed).
template <class CType>
CType* make_handle(std::unique_ptr<typename HandleTraits<CType>::Object> object) noexcept {
  using Object = typename HandleTraits<CType>::Object;
  auto destroy = [](void* pointer) { delete static_cast<Object*>(pointer); };
  const auto value = register_object(HandleTraits<CType>::kind, object.get(), destroy);
  if (value == 0) return nullptr;
  object.release();
  return reinterpret_cast<CType*>(value);
}

/// The object behind `handle`; null when it is not a live handle of its kind.
template <class CType>
typename HandleTraits<CType>::Object* object_of(const CType* handle) noexcept {
  const auto value = reinterpret_cast<std::uintptr_t>(handle);
  return static_cast<typename HandleTraits<CType>::Object*>(find_object(value, HandleTraits<CType>::kind));
}

/// Frees `handle` (a `_free` function's body).
template <class CType>
void free_handle(CType* handle) noexcept {
  release(reinterpret_cast<std::uintptr_t>(handle), HandleTraits<CType>::kind);
}

}  // namespace conclave_capi
