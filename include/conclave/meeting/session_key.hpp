#pragma once

// The meeting's session key (32 random bytes from the host, the input of
// MetadataKey) as the server keeps it, wrapped under the password:
//   wrap key = password_subkey(psk, "conclave session key wrap")
//   wrapped  = IV (12 random bytes) | AES-256-GCM(wrap key, IV, AAD = meeting ID, session key)
// A participant that knows the password unwraps it before joining, so it
// can read the meeting title and seal its own display name.

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/meeting/password_psk.hpp"

namespace conclave::meeting {

inline constexpr std::size_t wrapped_session_key_size = 12 + 32 + 16;

// invalid_length unless the session key has 32 bytes.
Result<Bytes> wrap_session_key(const PasswordPsk& psk, BytesView session_key, crypto::RandomSource& random);
// aead_failure for another password or meeting, or a tampered wrap.
Result<crypto::Secret> unwrap_session_key(const PasswordPsk& psk, BytesView wrapped);

}  // namespace conclave::meeting
