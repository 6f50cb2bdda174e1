#pragma once

// The meeting password as an MLS external PSK (RFC 9420 section 8.4), as
// Proton Meet derives it:
//   psk    = Argon2id v1.3(password, salt = SHA-256(link name)[0..16],
//                          m = 19 MiB, t = 2, p = 1), 32 bytes
//   psk_id = the link name's bytes
// A server that stores meetings but never sees the password cannot compute
// the PSK, so it can never derive an epoch's keys.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/argon2id.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::meeting {

inline constexpr crypto::Argon2idParams password_psk_argon2id{2, std::size_t{19} << 20};
inline constexpr std::size_t password_psk_size = 32;

struct PasswordPsk {
  Bytes psk_id;         // the link name, as the PSK's ExternalPskId
  crypto::Secret psk;   // 32 bytes
};

// SHA-256(link name)[0..16].
Bytes password_psk_salt(std::string_view link_name);

// Errors: invalid_argument for an empty link name or password; internal
// when Argon2id's memory cannot be had.
Result<PasswordPsk> password_psk(std::string_view link_name, std::string_view password);

// A 32-byte key for one of Conclave's own uses of the password (the session
// key wrap, join requests), so no second Argon2id is needed:
//   HKDF-SHA256(IKM = psk, salt = empty, info = label, 32)
crypto::Secret password_subkey(const PasswordPsk& psk, std::string_view label);

}  // namespace conclave::meeting
