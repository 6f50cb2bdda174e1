#pragma once

// What the SRP and frame tests of the C API share: a conclave_buffer that
// frees itself, and status codes printed by name (handles of another kind
// come from mls_fixtures.hpp's wrong_kind).

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>

#include "conclave.h"
#include "conclave/bytes.hpp"

// GoogleTest prints status codes by name.
inline void PrintTo(conclave_status status, std::ostream* os) {
  *os << static_cast<int>(status) << " (" << conclave_status_name(status) << ")";
}

namespace capi_test {

// A library buffer, freed (and wiped) when it goes out of scope.
class Buffer {
 public:
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { conclave_buffer_free(&buffer_); }

  conclave_buffer* out() { return &buffer_; }
  conclave::Bytes bytes() const { return conclave::Bytes(buffer_.data, buffer_.data + buffer_.size); }
  bool empty() const { return buffer_.data == nullptr && buffer_.size == 0; }

 private:
  conclave_buffer buffer_{nullptr, 0};
};

}  // namespace capi_test
