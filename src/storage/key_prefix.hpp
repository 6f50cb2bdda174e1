#pragma once

#include <optional>

#include "conclave/bytes.hpp"

namespace conclave::storage {

// Whether `key` starts with `prefix`.
bool has_prefix(BytesView key, BytesView prefix) noexcept;

// The least byte string greater than every string that starts with `prefix`:
// the prefix without its trailing 0xff bytes, its last byte incremented.
// Nothing for an empty or all-0xff prefix, whose strings have no upper bound.
std::optional<Bytes> prefix_successor(BytesView prefix);

}  // namespace conclave::storage
