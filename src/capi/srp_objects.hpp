#pragma once

// The C++ object behind the C API's SRP variant handle, shared by the areas
// that take a variant (SRP logins and the meeting server).

#include <memory>

#include "conclave.h"
#include "capi/handle_table.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave_capi {

/// A variant, shared with every client, server and meeting server made with
/// it so that it outlives them whatever order the handles are freed in.
struct SrpVariantObject {
  std::shared_ptr<const conclave::srp::Variant> variant;
};

template <>
struct HandleTraits<conclave_srp_variant> {
  static constexpr Kind kind = Kind::srp_variant;
  using Object = SrpVariantObject;
};

}  // namespace conclave_capi
