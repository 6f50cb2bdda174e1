#pragma once

// The meeting's shared rules, as a GroupContext extension (RFC 9420
// section 13.3, private-use type 0xF0CC) that every member agrees on per
// epoch:
//   struct { opaque meeting_id<V>; uint32 host_leaf; uint8 locked; } MeetingState;
// meeting_id names the password PSK every Commit must carry; host_leaf is
// the only member that may remove others, lock or rotate the link; while
// locked, no Commit may add a member.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"

namespace conclave::meeting {

inline constexpr auto meeting_state_extension = static_cast<mls::ExtensionType>(0xF0CC);

struct MeetingState {
  static constexpr mls::ExtensionType type = meeting_state_extension;
  Bytes meeting_id;
  std::uint32_t host_leaf = 0;
  std::uint8_t locked = 0;  // 0 or 1
  CONCLAVE_FIELDS(meeting_id, host_leaf, locked)
  friend bool operator==(const MeetingState&, const MeetingState&) = default;
};

// Exactly one well-formed MeetingState among `extensions`: an empty
// meeting ID or a locked byte other than 0 and 1 is invalid_value; none at
// all, invalid_argument.
Result<MeetingState> meeting_state_of(const mls::ExtensionList& extensions);

}  // namespace conclave::meeting
