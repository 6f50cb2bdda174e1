#include "capi/boundary.hpp"

#include <cstdlib>
#include <cstring>

#include "conclave/crypto/secret.hpp"

namespace conclave_capi {

static_assert(static_cast<int>(conclave::Errc::internal) + 1 == CONCLAVE_E_INTERNAL,
              "conclave.h's codes 1 to 62 are Errc's, in order");

conclave_status status_of(conclave::Errc code) noexcept {
  return static_cast<conclave_status>(static_cast<int>(code) + 1);
}

conclave_status status_of(const conclave::Status& status) noexcept {
  return status.ok() ? CONCLAVE_OK : status_of(status.error());
}

std::optional<conclave::BytesView> bytes_in(const std::uint8_t* data, std::size_t size) noexcept {
  if (data == nullptr) {
    if (size != 0) return std::nullopt;
    return conclave::BytesView{};
  }
  return conclave::BytesView(data, size);
}

std::optional<std::string_view> string_in(const char* text) noexcept {
  if (text == nullptr) return std::nullopt;
  return std::string_view(text);
}

bool buffer_out_ok(const conclave_buffer* out) noexcept {
  return out != nullptr && out->data == nullptr && out->size == 0;
}

namespace {

conclave_status allocate(conclave_buffer* out, conclave::BytesView bytes, std::size_t extra) noexcept {
  auto* data = static_cast<std::uint8_t*>(std::malloc(bytes.size() + extra));
  if (data == nullptr) return CONCLAVE_E_NO_MEMORY;
  if (!bytes.empty()) std::memcpy(data, bytes.data(), bytes.size());
  if (extra != 0) data[bytes.size()] = 0;
  out->data = data;
  out->size = bytes.size();
  return CONCLAVE_OK;
}

}  // namespace

conclave_status give(conclave_buffer* out, conclave::BytesView bytes) noexcept {
  // malloc(0) may return NULL: an empty output stays {NULL, 0}.
  if (bytes.empty()) return CONCLAVE_OK;
  return allocate(out, bytes, 0);
}

conclave_status give_string(conclave_buffer* out, std::string_view text) noexcept {
  const conclave::BytesView bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  return allocate(out, bytes, 1);
}

conclave_status copy_out(conclave::BytesView bytes, std::uint8_t* out, std::size_t capacity,
                         std::size_t* written) noexcept {
  if (written != nullptr) *written = bytes.size();
  if (capacity < bytes.size()) return CONCLAVE_E_BUFFER_TOO_SMALL;
  if (out == nullptr && !bytes.empty()) return CONCLAVE_E_INVALID_ARGUMENT;
  if (!bytes.empty()) std::memcpy(out, bytes.data(), bytes.size());
  return CONCLAVE_OK;
}

}  // namespace conclave_capi

extern "C" {

void conclave_buffer_free(conclave_buffer* buffer) {
  if (buffer == nullptr || buffer->data == nullptr) return;
  conclave::crypto::secure_zero(conclave::MutableBytesView(buffer->data, buffer->size));
  std::free(buffer->data);
  buffer->data = nullptr;
  buffer->size = 0;
}

const char* conclave_status_name(int status) {
  if (status == CONCLAVE_OK) return "success";
  if (status == CONCLAVE_E_INVALID_HANDLE) return "invalid handle";
  if (status == CONCLAVE_E_NO_MEMORY) return "out of memory";
  if (status < CONCLAVE_E_TRUNCATED || status > CONCLAVE_E_INTERNAL) return "unknown status";
  // Every Errc's description is a string literal, so it ends with a NUL.
  return conclave::to_string(static_cast<conclave::Errc>(status - 1)).data();
}

const char* conclave_version_string(void) { return CONCLAVE_VERSION_STRING; }

uint32_t conclave_version_number(void) {
  return CONCLAVE_VERSION_MAJOR * 10000 + CONCLAVE_VERSION_MINOR * 100 + CONCLAVE_VERSION_PATCH;
}

}  // extern "C"
