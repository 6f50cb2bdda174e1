#pragma once

/// @file
/// Meeting links, as spec-notes/meeting-profile.md defines them. The form:
/// @code{.unparsed}
///   <base>/join/id-<meeting ID>#pwd-<link password>
/// @endcode
/// The meeting ID is 10 characters of [A-Z0-9]; the link password is 12
/// characters of [A-Za-z0-9] and lives only in the URL fragment, which
/// browsers never send to the server. The host may set a custom password
/// that participants type: the meeting password is then
/// `<link password>_<custom password>`.
///
/// The link password, the meeting password and the URL (which holds the
/// password) are key material: each lives in a crypto::Secret, wiped when it
/// is destroyed; Secret::text() reads it as text without a copy. A link is
/// copied only by clone().

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

/// The length of a meeting ID: characters of [A-Z0-9].
inline constexpr std::size_t meeting_id_size = 10;
/// The length of a link password: characters of [A-Za-z0-9], about 71.4
/// bits.
inline constexpr std::size_t link_password_size = 12;

/// A meeting link, split into its parts. Move-only, as its password is.
struct MeetingLink {
  std::string base;              ///< "https://host[:port][/path]", no trailing slash
  std::string meeting_id;        ///< the server's name for the meeting, and the PSK's ID
  crypto::Secret link_password;  ///< from the fragment; never sent to the server

  /// A fresh meeting ID and link password under `base`, each character
  /// uniform over its alphabet (bytes from `random` that would bias it are
  /// drawn again).
  /// @errors `Errc::invalid_link` for a base that is not https:// followed
  /// by at least one character, that ends in '/', or that holds '?', '#' or
  /// a space.
  static Result<MeetingLink> generate(std::string_view base, crypto::RandomSource& random);
  /// Splits a link URL into its parts. Strict: exactly the form
  /// `<base>/join/id-<meeting ID>#pwd-<link password>`, nothing after the
  /// password.
  /// @errors `Errc::invalid_link` for anything else: a base as generate()
  /// refuses it, an ID or password of the wrong length or alphabet, or a
  /// missing or misplaced marker.
  static Result<MeetingLink> parse(std::string_view url);

  /// An explicit copy, with its own copy of the password.
  MeetingLink clone() const;
  /// The link as a URL: `<base>/join/id-<meeting ID>#pwd-<link password>`.
  /// It holds the password, so it comes in zeroizing storage like the
  /// password itself (read it with Secret::text()); a caller that copies it
  /// into a string of its own owns that copy.
  crypto::Secret url() const;
  /// The password the PSK and SRP use: the link password, then "_" and the
  /// custom password when the host set one, in zeroizing storage.
  /// @param custom_password The password the host set, if any (the caller's
  /// memory, which the caller wipes).
  /// @errors `Errc::invalid_argument` for an empty custom password.
  Result<crypto::Secret> meeting_password(std::optional<std::string_view> custom_password = std::nullopt) const;
};

}  // namespace conclave::meeting
