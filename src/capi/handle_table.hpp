#pragma once

// The C API's handles: checked tokens, never pointers to memory. A handle
// encodes a slot index, the slot's generation and the object's kind, so a
// freed handle or one of another kind is refused, never dereferenced.

#include <cstdint>
#include <exception>
#include <memory>
#include <utility>

#include "conclave.h"

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

/// An object that a call may leave half changed when the C++ API throws (a
/// failed allocation in the middle of a Commit, say) has a `bool unusable`;
/// once set, its handle is refused as dead (CONCLAVE_E_INVALID_HANDLE).
template <class Object>
concept Breakable = requires(Object& object) { object.unusable = true; };

/// Marks `object` unusable when the scope is left by an exception, so that
/// no later call reads or changes what the throw may have left half done.
template <Breakable Object>
class ChangeScope {
 public:
  explicit ChangeScope(Object& object) noexcept : object_(object), exceptions_(std::uncaught_exceptions()) {}
  ~ChangeScope() {
    if (std::uncaught_exceptions() > exceptions_) object_.unusable = true;
  }
  ChangeScope(const ChangeScope&) = delete;
  ChangeScope& operator=(const ChangeScope&) = delete;

 private:
  Object& object_;
  int exceptions_;
};

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

/// Stores a new handle owning `object` in `*out`; CONCLAVE_E_NO_MEMORY
/// (and `*out` unchanged) when the handle table is full.
template <class CType>
conclave_status give_handle(std::unique_ptr<typename HandleTraits<CType>::Object> object, CType** out) noexcept {
  CType* handle = make_handle<CType>(std::move(object));
  if (handle == nullptr) return CONCLAVE_E_NO_MEMORY;
  *out = handle;
  return CONCLAVE_OK;
}

/// The object behind `handle`; null when it is not a live handle of its kind.
template <class CType>
typename HandleTraits<CType>::Object* object_of(const CType* handle) noexcept {
  using Object = typename HandleTraits<CType>::Object;
  const auto value = reinterpret_cast<std::uintptr_t>(handle);
  auto* object = static_cast<Object*>(find_object(value, HandleTraits<CType>::kind));
  if constexpr (Breakable<Object>) {
    if (object != nullptr && object->unusable) return nullptr;
  }
  return object;
}

/// Frees `handle` (a `_free` function's body).
template <class CType>
void free_handle(CType* handle) noexcept {
  release(reinterpret_cast<std::uintptr_t>(handle), HandleTraits<CType>::kind);
}

}  // namespace conclave_capi
