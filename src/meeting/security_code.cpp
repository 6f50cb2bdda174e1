#include "conclave/meeting/security_code.hpp"

namespace conclave::meeting {

namespace {

constexpr std::size_t group_size = 4;
constexpr std::uint64_t decimal_modulus = 1'000'000'000'000;  // twelve digits

std::string grouped(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); i += group_size) {
    if (i != 0) out.push_back(' ');
    out += digits.substr(i, group_size);
  }
  return out;
}

}  // namespace

Result<SecurityCode> SecurityCode::of(std::uint64_t epoch, BytesView epoch_authenticator) {
  if (epoch_authenticator.size() < 8) return Errc::invalid_length;
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < 8; ++i) head = head << 8 | epoch_authenticator[i];
  std::string digits = std::to_string(head % decimal_modulus);
  digits.insert(0, 12 - digits.size(), '0');
  return SecurityCode{epoch, grouped(to_hex(epoch_authenticator)), grouped(digits)};
}

}  // namespace conclave::meeting
