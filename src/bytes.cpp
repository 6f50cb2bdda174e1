#include "conclave/bytes.hpp"

namespace conclave {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string to_hex(BytesView data) {
  std::string out;
  out.reserve(2 * data.size());
  for (const auto byte : data) {
    out.push_back(hex_digits[byte >> 4]);
    out.push_back(hex_digits[byte & 0xf]);
  }
  return out;
}

Result<Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return Errc::invalid_hex;
  Bytes out(hex.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = hex_value(hex[2 * i]);
    const int low = hex_value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return Errc::invalid_hex;
    out[i] = static_cast<std::uint8_t>((high << 4) | low);
  }
  return out;
}

}  // namespace conclave
