#pragma once

/// @file
/// The meeting's shared rules, as a GroupContext extension (RFC 9420
/// section 13.3, private-use type 0xF0CC) that every member agrees on per
/// epoch. On the wire:
/// @code{.unparsed}
///   struct { opaque meeting_id<V>; uint32 host_leaf; uint8 locked; } MeetingState;
/// @endcode
/// meeting_id names the password PSK every Commit must carry; host_leaf is
/// the only member that may remove others, lock or rotate the link; while
/// locked, no Commit may add a member.

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"

namespace conclave::meeting {

/// The MeetingState's extension type, 0xF0CC (private use). The group's
/// required_capabilities list it, so every member supports it.
inline constexpr auto meeting_state_extension = static_cast<mls::ExtensionType>(0xF0CC);

/// The MeetingState GroupContext extension: the meeting's rules for one
/// epoch.
struct MeetingState {
  /// The extension type, for mls::make_extension and mls::parse_extension.
  static constexpr mls::ExtensionType type = meeting_state_extension;
  Bytes meeting_id;             ///< the ID of the password PSK every Commit must carry
  std::uint32_t host_leaf = 0;  ///< the host's leaf index (the creator's, 0)
  std::uint8_t locked = 0;  ///< 0 or 1
  CONCLAVE_FIELDS(meeting_id, host_leaf, locked)
  /// Field-by-field equality.
  friend bool operator==(const MeetingState&, const MeetingState&) = default;
};

/// The one well-formed MeetingState among `extensions`.
/// @errors `Errc::invalid_argument` when there is none, or more than one;
/// the errors of decoding it (`Errc::truncated`, `Errc::trailing_data` and
/// the like); `Errc::invalid_value` for an empty meeting ID or a locked
/// byte other than 0 and 1.
Result<MeetingState> meeting_state_of(const mls::ExtensionList& extensions);

}  // namespace conclave::meeting
