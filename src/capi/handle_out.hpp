#pragma once

// Handing results to the caller: the bytes or secret of a Result (SRP and
// frame areas).

#include <memory>
#include <utility>

#include "conclave.h"
#include "capi/boundary.hpp"
#include "capi/handle_table.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave_capi {

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
