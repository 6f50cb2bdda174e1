#pragma once

/// @file
/// The meeting's session key (32 random bytes from the host, the input of
/// MetadataKey) as the server keeps it, wrapped under the password. The wrap:
/// @code{.unparsed}
///   wrap key = password_subkey(psk, "conclave session key wrap")
///   wrapped  = IV (12 random bytes) | AES-256-GCM(wrap key, IV, AAD = meeting ID, session key)
/// @endcode
/// A participant that knows the password unwraps it before joining, so it
/// can read the meeting title and seal its own display name.

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/meeting/password_psk.hpp"

namespace conclave::meeting {

/// The length of a wrapped session key: IV, key and tag, 60 bytes.
inline constexpr std::size_t wrapped_session_key_size = 12 + 32 + 16;

/// Wraps the session key under `psk`'s wrap subkey, with the PSK's ID (the
/// meeting ID) as AAD and a fresh IV from `random`.
/// @return wrapped_session_key_size bytes.
/// @errors `Errc::invalid_length` unless the session key has 32 bytes;
/// `Errc::internal` if the AEAD fails.
Result<Bytes> wrap_session_key(const PasswordPsk& psk, BytesView session_key, crypto::RandomSource& random);
/// Unwraps a session key wrapped under the same PSK.
/// @errors `Errc::aead_failure` for another password or meeting, a tampered
/// wrap, or one that is not wrapped_session_key_size bytes;
/// `Errc::internal` if the AEAD fails.
Result<crypto::Secret> unwrap_session_key(const PasswordPsk& psk, BytesView wrapped);

}  // namespace conclave::meeting
