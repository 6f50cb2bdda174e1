#pragma once

// The application messages of a meeting group (MLS PrivateMessages):
//   struct { uint8 type; opaque body<V>; } MeetingMessage;
//   type 1, chat:          body = UTF-8 text
//   type 2, link rotation: body = LinkRotation, from the host only
//   struct { opaque url<V>; opaque meeting_password<V>; } LinkRotation;
// A link rotation announces the link whose PSK the host's next Commit
// carries.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"

namespace conclave::meeting {

enum class MeetingMessageType : std::uint8_t { chat = 1, link_rotation = 2 };

struct MeetingMessage {
  MeetingMessageType type{};
  Bytes body;
  CONCLAVE_FIELDS(type, body)
};

struct LinkRotation {
  Bytes url;
  Bytes meeting_password;
  CONCLAVE_FIELDS(url, meeting_password)
};

}  // namespace conclave::meeting
