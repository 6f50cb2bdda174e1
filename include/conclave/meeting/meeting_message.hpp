#pragma once

/// @file
/// The application messages of a meeting group, sent as MLS PrivateMessages.
/// On the wire:
/// @code{.unparsed}
///   struct { uint8 type; opaque body<V>; } MeetingMessage;
///   type 1, chat:          body = UTF-8 text
///   type 2, link rotation: body = LinkRotation, from the host only
///   struct { opaque url<V>; opaque meeting_password<V>; opaque session_key<V>; } LinkRotation;
/// @endcode
/// A link rotation announces the link whose PSK the host's next Commit
/// carries. Both structs hold their bytes in zeroizing storage, as a
/// rotation carries a password: encode them with codec::encode_secret().

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::meeting {

/// What a MeetingMessage's body holds: `chat` (1), UTF-8 text, or
/// `link_rotation` (2), a LinkRotation from the host.
enum class MeetingMessageType : std::uint8_t { chat = 1, link_rotation = 2 };

/// One application message of the meeting group, the plaintext of an MLS
/// PrivateMessage.
struct MeetingMessage {
  MeetingMessageType type{};  ///< what `body` holds
  crypto::Secret body;        ///< UTF-8 text, or an encoded LinkRotation
  CONCLAVE_FIELDS(type, body)
};

/// The host's announcement of the next link, sent to the members before the
/// Commit that moves the group to the new link's PSK.
struct LinkRotation {
  crypto::Secret url;               ///< the new link's URL (MeetingLink::url())
  crypto::Secret meeting_password;  ///< the new meeting password, from which members derive the next PSK
  crypto::Secret session_key;       ///< the new link's session key (32 bytes), fresh at every rotation
  CONCLAVE_FIELDS(url, meeting_password, session_key)
};

}  // namespace conclave::meeting
