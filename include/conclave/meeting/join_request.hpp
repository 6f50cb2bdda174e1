#pragma once

/// @file
/// A participant's request to be added by Welcome, as the server queues it
/// for the host. On the wire:
/// @code{.unparsed}
///   struct { KeyPackage key_package; opaque tag<V>; } JoinRequest;
///   tag = HMAC-SHA256(password_subkey(psk, "conclave join request"), KeyPackage encoding)
/// @endcode
/// The tag shows the host that the requester holds the password PSK, so a
/// server cannot slip its own KeyPackage into the meeting.

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/mls/key_package.hpp"

namespace conclave::meeting {

/// A KeyPackage with the tag that proves its sender holds the password PSK
/// (spec-notes/meeting-profile.md, "Joining"). It travels TLS-encoded.
struct JoinRequest {
  mls::KeyPackage key_package;  ///< the requester's KeyPackage, for the host's Add
  Bytes tag;                    ///< HMAC-SHA256 of the KeyPackage's encoding under the join-request subkey
  CONCLAVE_FIELDS(key_package, tag)
};

/// Tags `key_package` with the PSK's `"conclave join request"` subkey.
JoinRequest make_join_request(const PasswordPsk& psk, mls::KeyPackage key_package);
/// Checks a JoinRequest's tag against `psk`, as the host does before it
/// adds the KeyPackage.
/// @errors `Errc::proof_invalid` unless the tag is the PSK's, compared in
/// constant time.
Status verify_join_request(const PasswordPsk& psk, const JoinRequest& request);

}  // namespace conclave::meeting
