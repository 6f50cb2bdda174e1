#pragma once

/// @file
/// The meeting's shared rules, as a GroupContext extension (RFC 9420
/// section 13.3, private-use type 0xF0CC) that every member agrees on per
/// epoch. On the wire:
/// @code{.unparsed}
///   struct { opaque meeting_id<V>; } MeetingState;
/// @endcode
/// meeting_id names the password PSK every Commit must carry; only the host
/// changes it (by the GroupContextExtensions of a link rotation). The roles
/// and the lock are a component of the app_data_dictionary
/// (meeting_roles.hpp).

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_node.hpp"

namespace conclave::meeting {

/// The MeetingState's extension type, 0xF0CC (private use). The group's
/// required_capabilities list it, so every member supports it.
inline constexpr auto meeting_state_extension = static_cast<mls::ExtensionType>(0xF0CC);

/// The MeetingState GroupContext extension: the meeting's rules for one
/// epoch.
struct MeetingState {
  /// The extension type, for mls::make_extension and mls::parse_extension.
  static constexpr mls::ExtensionType type = meeting_state_extension;
  Bytes meeting_id;  ///< the ID of the password PSK every Commit must carry
  CONCLAVE_FIELDS(meeting_id)
  /// Field-by-field equality.
  friend bool operator==(const MeetingState&, const MeetingState&) = default;
};

/// Adds what every member's leaf must support beyond RFC 9420's defaults
/// (spec-notes/meeting-profile.md, "Continuity"): the MeetingState and
/// app_data_dictionary extension types, and the AppDataUpdate and
/// SelfRemove proposal types.
/// @param capabilities A KeyPackage's or leaf's capabilities.
void add_meeting_capabilities(mls::Capabilities& capabilities);

/// The group's required_capabilities: the types of
/// add_meeting_capabilities(), so that every member supports them.
mls::RequiredCapabilities meeting_required_capabilities();

/// The one well-formed MeetingState among `extensions`.
/// @errors `Errc::invalid_argument` when there is none, or more than one;
/// the errors of decoding it (`Errc::truncated`, `Errc::trailing_data` and
/// the like); `Errc::invalid_value` for an empty meeting ID or a locked
/// byte other than 0 and 1.
Result<MeetingState> meeting_state_of(const mls::ExtensionList& extensions);

}  // namespace conclave::meeting
