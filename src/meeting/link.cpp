#include "conclave/meeting/link.hpp"

#include <algorithm>
#include <array>

namespace conclave::meeting {

namespace {

constexpr std::string_view id_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view password_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::string_view join_marker = "/join/id-";
constexpr std::string_view password_marker = "#pwd-";

// Characters drawn uniformly: bytes at or above the largest multiple of the
// alphabet's size are drawn again, so no character is likelier than another.
std::string random_string(std::string_view alphabet, std::size_t size, crypto::RandomSource& random) {
  const std::size_t limit = 256 - 256 % alphabet.size();
  std::string out;
  while (out.size() < size) {
    std::array<std::uint8_t, 32> bytes{};
    random.fill(bytes);
    for (const std::uint8_t byte : bytes) {
      if (byte < limit && out.size() < size) out.push_back(alphabet[byte % alphabet.size()]);
    }
  }
  return out;
}

bool only(std::string_view text, std::string_view alphabet) {
  return std::all_of(text.begin(), text.end(), [&](char c) { return alphabet.find(c) != std::string_view::npos; });
}

bool valid_base(std::string_view base) {
  constexpr std::string_view scheme = "https://";
  return base.size() > scheme.size() && base.substr(0, scheme.size()) == scheme && base.back() != '/' &&
         base.find_first_of("?# ") == std::string_view::npos;
}

}  // namespace

Result<MeetingLink> MeetingLink::generate(std::string_view base, crypto::RandomSource& random) {
  if (!valid_base(base)) return Errc::invalid_link;
  return MeetingLink{std::string(base), random_string(id_alphabet, meeting_id_size, random),
                     random_string(password_alphabet, link_password_size, random)};
}

Result<MeetingLink> MeetingLink::parse(std::string_view url) {
  const std::size_t join = url.find(join_marker);
  if (join == std::string_view::npos) return Errc::invalid_link;
  const std::string_view base = url.substr(0, join);
  const std::string_view rest = url.substr(join + join_marker.size());
  if (rest.size() != meeting_id_size + password_marker.size() + link_password_size) return Errc::invalid_link;
  const std::string_view id = rest.substr(0, meeting_id_size);
  const std::string_view marker = rest.substr(meeting_id_size, password_marker.size());
  const std::string_view password = rest.substr(meeting_id_size + password_marker.size());
  if (!valid_base(base) || marker != password_marker || !only(id, id_alphabet) ||
      !only(password, password_alphabet)) {
    return Errc::invalid_link;
  }
  return MeetingLink{std::string(base), std::string(id), std::string(password)};
}

std::string MeetingLink::url() const {
  return base + std::string(join_marker) + meeting_id + std::string(password_marker) + link_password;
}

Result<std::string> MeetingLink::meeting_password(std::optional<std::string_view> custom_password) const {
  if (!custom_password) return link_password;
  if (custom_password->empty()) return Errc::invalid_argument;
  return link_password + "_" + std::string(*custom_password);
}

}  // namespace conclave::meeting
