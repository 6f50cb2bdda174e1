#pragma once

/// @file
/// The meeting's roles and lock, a component of the GroupContext's
/// app_data_dictionary (draft-ietf-mls-extensions, "Updating Application
/// Data in the GroupContext"; spec-notes/meeting-profile.md, "Continuity").
/// On the wire:
/// @code{.unparsed}
///   struct { uint32 host; uint32 co_hosts<V>; uint8 locked; } MeetingRoles;
/// @endcode
/// co_hosts are strictly ascending and never name the host. The component
/// changes only by an AppDataUpdate that carries the whole new MeetingRoles.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/component_logic.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/proposal.hpp"

namespace conclave::meeting {

/// The roles component's ID, 0xF0CC (private use: draft-ietf-mls-extensions,
/// "Component IDs", 0x8000 to 0xFFFF).
inline constexpr auto meeting_roles_component = static_cast<mls::ComponentId>(0xF0CC);

/// Who hosts the meeting, who co-hosts it, and whether it is locked.
struct MeetingRoles {
  std::uint32_t host = 0;               ///< the host's leaf index
  std::vector<std::uint32_t> co_hosts;  ///< co-hosts' leaf indices, strictly ascending, none the host's
  std::uint8_t locked = 0;              ///< 0 or 1
  CONCLAVE_FIELDS(host, co_hosts, locked)
  /// Field-by-field equality.
  friend bool operator==(const MeetingRoles&, const MeetingRoles&) = default;

  /// Whether `leaf` is a co-host.
  bool is_co_host(std::uint32_t leaf) const noexcept;
  /// Whether `leaf` is the host or a co-host.
  bool holds_role(std::uint32_t leaf) const noexcept { return leaf == host || is_co_host(leaf); }
  /// Whether `leaf` may admit (propose Adds) and remove plain members: the host or a co-host.
  bool may_admit(std::uint32_t leaf) const noexcept { return holds_role(leaf); }
};

/// The roles a Commit that takes out `removed` must leave (spec-notes/meeting-profile.md,
/// "Succession"): removed co-hosts dropped; a removed host replaced by the
/// remaining co-host on the lowest leaf, or by `committer` when none remains;
/// the lock unchanged. Every member computes it alike from the GroupContext
/// and the Commit.
/// @param roles The roles before the Commit.
/// @param removed The leaves the Commit's Removes and SelfRemoves take out.
/// @param committer The committer's leaf.
MeetingRoles succession(const MeetingRoles& roles, const std::vector<std::uint32_t>& removed,
                        std::uint32_t committer);

/// The leaf that may remove the host (the host that dropped without a word):
/// the co-host on the lowest leaf; none without co-hosts.
std::optional<std::uint32_t> host_successor(const MeetingRoles& roles);

/// Decodes and checks a MeetingRoles.
/// @param data The component's data.
/// @errors the errors of decoding it (`Errc::truncated`, `Errc::trailing_data`
/// and the like); `Errc::invalid_value` for co-hosts not strictly ascending,
/// a co-host that is the host, or a locked byte other than 0 and 1.
Result<MeetingRoles> decode_roles(BytesView data);

/// The roles in the GroupContext's app_data_dictionary.
/// @param extensions The GroupContext's extensions.
/// @errors `Errc::invalid_argument` without an app_data_dictionary or
/// without the roles component in it; the errors of
/// mls::find_app_data_dictionary() (`Errc::invalid_value` for a dictionary
/// out of order, the decoding errors); the errors of decode_roles().
Result<MeetingRoles> meeting_roles_of(const mls::ExtensionList& extensions);

/// The app_data_dictionary extension that holds only `roles`: the group's
/// first.
mls::Extension roles_dictionary(const MeetingRoles& roles);

/// The AppDataUpdate proposal that sets the roles to `roles`.
mls::Proposal roles_update(const MeetingRoles& roles);

/// The meeting's component logic (mls::GroupConfig::components): the roles
/// component is known, and its data is the one update of the Commit, well
/// formed. Who may propose it is the meeting's CommitPolicy's to check.
/// The logic's `update` refuses with `Errc::invalid_proposal` more than one
/// update per Commit and a malformed MeetingRoles.
mls::ComponentLogic meeting_components();

}  // namespace conclave::meeting
