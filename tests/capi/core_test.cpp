// The C API's conventions (include/conclave.h): version, status codes,
// buffers.

#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "conclave.h"
#include "conclave/error.hpp"

namespace {

TEST(CApiCore, VersionMatchesTheHeader) {
  EXPECT_STREQ(conclave_version_string(), CONCLAVE_VERSION_STRING);
  EXPECT_EQ(conclave_version_number(),
            CONCLAVE_VERSION_MAJOR * 10000u + CONCLAVE_VERSION_MINOR * 100u + CONCLAVE_VERSION_PATCH);
}

TEST(CApiCore, EveryErrcHasItsCodeAndName) {
  for (int code = CONCLAVE_E_TRUNCATED; code <= CONCLAVE_E_INTERNAL; ++code) {
    const auto errc = static_cast<conclave::Errc>(code - 1);
    EXPECT_EQ(std::string(conclave_status_name(code)), std::string(conclave::to_string(errc))) << code;
  }
  EXPECT_EQ(CONCLAVE_E_BUFFER_TOO_SMALL, static_cast<int>(conclave::Errc::buffer_too_small) + 1);
  EXPECT_EQ(CONCLAVE_E_INTERNAL, static_cast<int>(conclave::Errc::internal) + 1);
}

TEST(CApiCore, CApiCodesAndUnknownValuesHaveNames) {
  EXPECT_STREQ(conclave_status_name(CONCLAVE_OK), "success");
  EXPECT_STREQ(conclave_status_name(CONCLAVE_E_INVALID_HANDLE), "invalid handle");
  EXPECT_STREQ(conclave_status_name(CONCLAVE_E_NO_MEMORY), "out of memory");
  EXPECT_STREQ(conclave_status_name(-1), "unknown status");
  EXPECT_STREQ(conclave_status_name(CONCLAVE_E_INTERNAL + 1), "unknown status");
  EXPECT_STREQ(conclave_status_name(199), "unknown status");
}

TEST(CApiCore, BufferFreeAcceptsNullAndEmpty) {
  conclave_buffer_free(nullptr);
  conclave_buffer empty = {nullptr, 0};
  conclave_buffer_free(&empty);
  EXPECT_EQ(empty.data, nullptr);
  EXPECT_EQ(empty.size, 0u);
}

}  // namespace
