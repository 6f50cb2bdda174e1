#pragma once

// Constant-time checking (the ctgrind technique, tests/ct/): a run under
// valgrind's memcheck marks the secrets undefined, so that any branch or
// memory index computed from them is reported. Where a value derived from
// secrets becomes public by design (a public key, a tag's verdict), the
// library says so here, each call with the reason. Outside valgrind these
// cost a few instructions and change nothing. Private to the library.

#include <cstddef>

namespace conclave::crypto::ct {

// Marks `size` bytes at `data` as public (defined, to memcheck).
void declassify(const void* data, std::size_t size) noexcept;

// `verdict`, marked public: the outcome of a check that the caller acts on.
bool declassify(bool verdict) noexcept;

}  // namespace conclave::crypto::ct
