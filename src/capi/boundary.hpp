#pragma once

// What every C API function does at the boundary: check its arguments,
// turn Errc into conclave_status, and let no exception out.

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string_view>

#include "conclave.h"
#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave_capi {

/// The C status of an error code.
conclave_status status_of(conclave::Errc code) noexcept;
/// The C status of a Status: CONCLAVE_OK or its error's.
conclave_status status_of(const conclave::Status& status) noexcept;

/// Runs one C API call's body; an exception becomes CONCLAVE_E_NO_MEMORY
/// (allocation) or CONCLAVE_E_INTERNAL (anything else).
template <class Body>
conclave_status guard(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return CONCLAVE_E_NO_MEMORY;
  } catch (...) {
    return CONCLAVE_E_INTERNAL;
  }
}

/// Whether `value` is a C flag: 0 or 1.
inline bool is_flag(int value) noexcept { return value == 0 || value == 1; }

/// Input bytes: a pointer that may be NULL only when the size is 0.
std::optional<conclave::BytesView> bytes_in(const std::uint8_t* data, std::size_t size) noexcept;
/// A copy of `bytes` the C++ API can own.
inline conclave::Bytes owned(conclave::BytesView bytes) { return {bytes.begin(), bytes.end()}; }
/// A NUL-terminated string; none for NULL.
std::optional<std::string_view> string_in(const char* text) noexcept;

/// An output buffer the caller passed: not NULL and empty.
bool buffer_out_ok(const conclave_buffer* out) noexcept;
/// Fills the (checked, empty) `out` with a copy of `bytes`.
conclave_status give(conclave_buffer* out, conclave::BytesView bytes) noexcept;
/// Fills `out` with `text` and a NUL after it (not counted in its size).
conclave_status give_string(conclave_buffer* out, std::string_view text) noexcept;
/// Copies `bytes` into a caller buffer of `capacity`; `written` (which may
/// be NULL) gets the size, or the size needed with CONCLAVE_E_BUFFER_TOO_SMALL.
conclave_status copy_out(conclave::BytesView bytes, std::uint8_t* out, std::size_t capacity,
                         std::size_t* written) noexcept;

}  // namespace conclave_capi
