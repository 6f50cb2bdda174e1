#pragma once

/// @file
/// The meeting password as an MLS external PSK (RFC 9420 section 8.4), as
/// Proton Meet derives it. The derivation:
/// @code{.unparsed}
///   psk    = Argon2id v1.3(password, salt = SHA-256(link name)[0..16],
///                          m = 19 MiB, t = 2, p = 1), 32 bytes
///   psk_id = the link name's bytes
/// @endcode
/// A server that stores meetings but never sees the password cannot compute
/// the PSK, so it can never derive an epoch's keys. The link name is the
/// meeting ID.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

/// Argon2id's cost for the password PSK: t = 2 passes over m = 19 MiB
/// (19,456 KiB), on one lane.
inline constexpr crypto::Argon2idParams password_psk_argon2id{2, std::size_t{19} << 20};
/// The length of the password PSK, in bytes.
inline constexpr std::size_t password_psk_size = 32;

/// The password PSK with its identifier, as the group's PSK lookup serves it.
struct PasswordPsk {
  Bytes psk_id;         ///< the link name, as the PSK's ExternalPskId
  crypto::Secret psk;   ///< 32 bytes
};

/// The Argon2id salt for a link name: `SHA-256(link name)[0..16]`.
/// @return 16 bytes.
Bytes password_psk_salt(std::string_view link_name);

/// Derives the password PSK (one Argon2id, 19 MiB of memory).
/// @param link_name The meeting ID; it becomes the PSK's ID.
/// @param password The meeting password (MeetingLink::meeting_password()).
/// @errors `Errc::invalid_argument` for an empty link name or password;
/// `Errc::internal` when Argon2id's memory cannot be had.
Result<PasswordPsk> password_psk(std::string_view link_name, std::string_view password);

/// A 32-byte key for one of Conclave's own uses of the password (the session
/// key wrap, join requests), so no second Argon2id is needed:
/// `HKDF-SHA256(IKM = psk, salt = empty, info = label, 32)` (RFC 5869).
/// @param psk The password PSK.
/// @param label The use: "conclave session key wrap" or "conclave join request".
crypto::Secret password_subkey(const PasswordPsk& psk, std::string_view label);

}  // namespace conclave::meeting
