#pragma once

// What the C API tests share: a conclave_buffer that frees itself, status
// codes printed by name, and a handle of one kind passed as another.

#include <gtest/gtest.h>

#include <cstdint>
#include <ostream>

#include "conclave.h"
#include "conclave/bytes.hpp"

// GoogleTest prints status codes by name.
inline void PrintTo(conclave_status status, std::ostream* os) {
  *os << static_cast<int>(status) << " (" << conclave_status_name(status) << ")";
}

namespace conclave::capi_test {

// A library buffer, freed (and wiped) when it goes out of scope.
class Buffer {
 public:
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer() { conclave_buffer_free(&buffer_); }

  conclave_buffer* out() { return &buffer_; }
  Bytes bytes() const { return Bytes(buffer_.data, buffer_.data + buffer_.size); }
  bool empty() const { return buffer_.data == nullptr && buffer_.size == 0; }

 private:
  conclave_buffer buffer_{nullptr, 0};
};

// A live handle of one kind passed where another kind is expected, as a C
// caller's cast would.
template <class To, class From>
To* as_handle(From* handle) {
  return reinterpret_cast<To*>(handle);
}

}  // namespace conclave::capi_test
