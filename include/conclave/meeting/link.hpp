#pragma once

// Meeting links (spec-notes/meeting-profile.md):
//   <base>/join/id-<meeting ID>#pwd-<link password>
// The meeting ID is 10 characters of [A-Z0-9]; the link password is 12
// characters of [A-Za-z0-9] and lives only in the URL fragment, which
// browsers never send to the server. The host may set a custom password
// that participants type: the meeting password is then
// <link password> "_" <custom password>.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

inline constexpr std::size_t meeting_id_size = 10;
inline constexpr std::size_t link_password_size = 12;

struct MeetingLink {
  std::string base;           // "https://host[:port][/path]", no trailing slash
  std::string meeting_id;     // the server's name for the meeting, and the PSK's ID
  std::string link_password;  // from the fragment; never sent to the server

  // A fresh meeting ID and link password, each character uniform over its
  // alphabet. invalid_link for a base that is not https://, or that holds
  // '?' or '#'.
  static Result<MeetingLink> generate(std::string_view base, crypto::RandomSource& random);
  // Strict: exactly the form above, nothing after the password. Errors:
  // invalid_link.
  static Result<MeetingLink> parse(std::string_view url);

  std::string url() const;
  // The password the PSK and SRP use: the link password, then "_" and the
  // custom password when the host set one (invalid_argument for an empty one).
  Result<std::string> meeting_password(std::optional<std::string_view> custom_password = std::nullopt) const;
};

}  // namespace conclave::meeting
