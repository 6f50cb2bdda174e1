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
crypto::Secret random_chars(std::string_view alphabet, std::size_t size, crypto::RandomSource& random) {
  const std::size_t limit = 256 - 256 % alphabet.size();
  crypto::Secret out(size);
  const MutableBytesView chars = out.mutable_view();
  std::size_t filled = 0;
  std::array<std::uint8_t, 32> bytes{};
  while (filled < size) {
    random.fill(bytes);
    for (const std::uint8_t byte : bytes) {
      if (byte < limit && filled < size) chars[filled++] = static_cast<std::uint8_t>(alphabet[byte % alphabet.size()]);
    }
  }
  crypto::secure_zero(bytes);
  return out;
}

// The parts one after another, in zeroizing storage.
crypto::Secret joined(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const auto part : parts) size += part.size();
  crypto::Secret out(size);
  auto next = out.mutable_view().begin();
  for (const auto part : parts) next = std::copy(as_bytes(part).begin(), as_bytes(part).end(), next);
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
  std::string id(random_chars(id_alphabet, meeting_id_size, random).text());
  return MeetingLink{std::string(base), std::move(id), random_chars(password_alphabet, link_password_size, random)};
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
  return MeetingLink{std::string(base), std::string(id), crypto::Secret(as_bytes(password))};
}

MeetingLink MeetingLink::clone() const { return MeetingLink{base, meeting_id, link_password.clone()}; }

crypto::Secret MeetingLink::url() const {
  return joined({base, join_marker, meeting_id, password_marker, link_password.text()});
}

Result<crypto::Secret> MeetingLink::meeting_password(std::optional<std::string_view> custom_password) const {
  if (!custom_password) return link_password.clone();
  if (custom_password->empty()) return Errc::invalid_argument;
  return joined({link_password.text(), "_", *custom_password});
}

}  // namespace conclave::meeting
