#pragma once

// Handing results to the caller: a new handle, or the bytes or secret of a
// Result (SRP and frame areas).

#include <memory>
#include <utility>

#include "conclave.h"
#include "capi/boundary.hpp"
#include "capi/handle_table.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave_capi {

/// Stores a new handle owning `object` in `*out`; CONCLAVE_E_NO_MEMORY
/// (and `*out` unchanged) when the handle table is full.
template <class CType>
conclave_status give_handle(std::unique_ptr<typename HandleTraits<CType>::Object> object, CType** out) noexcept {
  CType* handle = make_handle<CType>(std::move(object));
  if (handle == nullptr) return CONCLAVE_E_NO_MEMORY;
  *out = handle;
  return CONCLAVE_OK;
}

/// The error of `result`, or its bytes given into the (checked, empty) `out`.
inline conclave_status give_result(const conclave::Result<conclave::Bytes>& result, conclave_buffer* out) noexcept {
  if (!result) return status_of(result.error());
  return give(out, *result);
}

/// The error of `result`, or its secret given into the (checked, empty) `out`.
inline conclave_status give_result(const conclave::Result<conclave::crypto::Secret>& result,
                                   conclave_buffer* out) noexcept {
  if (!result) return status_of(result.error());
  return give(out, result->view());
}

}  // namespace conclave_capi
