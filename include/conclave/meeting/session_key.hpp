#pragma once

/// @file
/// The meeting's session key (32 random bytes from the host, the input of
/// MetadataKey) as the server keeps it, wrapped under the password. The wrap:
/// @code{.unparsed}
///   wrap key = password_subkey(psk, "conclave session key wrap")
///   wrapped  = IV (12 random bytes) | AES-256-GCM(wrap key, IV, AAD = meeting ID, session key)
/// @endcode
/// A participant that knows the password unwraps it before joining, so it
/// can read the meeting title and seal its own display name. Each link
/// rotation draws a fresh session key; the earlier ones (newest first) go
/// to later joiners sealed under the current one, so that they can open the
/// names sealed before the rotation (Conclave's choice):
/// @code{.unparsed}
///   chain key = HKDF-SHA256(IKM = session key, salt = empty, "conclave earlier session keys", 32)
///   sealed    = IV (12 random bytes) | AES-256-GCM(chain key, IV, AAD = empty, key | key | ...)
/// @endcode

#include <vector>

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

/// Seals the earlier session keys under the chain key of `session_key`;
/// empty for no earlier key.
/// @errors `Errc::invalid_length` unless every key has 32 bytes;
/// `Errc::internal` if the AEAD fails.
Result<Bytes> seal_earlier_session_keys(BytesView session_key, const std::vector<crypto::Secret>& earlier,
                                        crypto::RandomSource& random);
/// Opens what seal_earlier_session_keys() sealed; empty for empty.
/// @errors `Errc::aead_failure` for another session key or a tampered
/// seal; `Errc::invalid_length` for a session key that is not 32 bytes, or
/// a plaintext that is not whole keys; `Errc::internal` if the AEAD fails.
Result<std::vector<crypto::Secret>> open_earlier_session_keys(BytesView session_key, BytesView sealed);

}  // namespace conclave::meeting
