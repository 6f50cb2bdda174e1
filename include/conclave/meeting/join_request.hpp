#pragma once

// A participant's request to be added by Welcome, as the server queues it
// for the host:
//   struct { KeyPackage key_package; opaque tag<V>; } JoinRequest;
//   tag = HMAC-SHA256(password_subkey(psk, "conclave join request"), KeyPackage encoding)
// The tag shows the host that the requester holds the password PSK, so a
// server cannot slip its own KeyPackage into the meeting.

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/mls/key_package.hpp"

namespace conclave::meeting {

struct JoinRequest {
  mls::KeyPackage key_package;
  Bytes tag;
  CONCLAVE_FIELDS(key_package, tag)
};

JoinRequest make_join_request(const PasswordPsk& psk, mls::KeyPackage key_package);
// proof_invalid unless the tag is the PSK's, compared in constant time.
Status verify_join_request(const PasswordPsk& psk, const JoinRequest& request);

}  // namespace conclave::meeting
