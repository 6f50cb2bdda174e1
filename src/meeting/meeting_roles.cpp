// The meeting's roles component (spec-notes/meeting-profile.md,
// "Continuity"): its codec, the succession rule and its component logic.

#include "conclave/meeting/meeting_roles.hpp"

#include <algorithm>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"

namespace conclave::meeting {

bool MeetingRoles::is_co_host(std::uint32_t leaf) const noexcept {
  return std::binary_search(co_hosts.begin(), co_hosts.end(), leaf);
}

MeetingRoles succession(const MeetingRoles& roles, const std::vector<std::uint32_t>& removed,
                        std::uint32_t committer) {
  const auto gone = [&removed](std::uint32_t leaf) {
    return std::find(removed.begin(), removed.end(), leaf) != removed.end();
  };
  MeetingRoles next{roles.host, {}, roles.locked};
  std::copy_if(roles.co_hosts.begin(), roles.co_hosts.end(), std::back_inserter(next.co_hosts),
               [&gone](std::uint32_t leaf) { return !gone(leaf); });
  if (!gone(roles.host)) return next;
  if (next.co_hosts.empty()) {
    next.host = committer;
    return next;
  }
  next.host = next.co_hosts.front();
  next.co_hosts.erase(next.co_hosts.begin());
  return next;
}

std::optional<std::uint32_t> host_successor(const MeetingRoles& roles) {
  if (roles.co_hosts.empty()) return std::nullopt;
  return roles.co_hosts.front();
}

Result<MeetingRoles> decode_roles(BytesView data) {
  auto roles = codec::decode<MeetingRoles>(data);
  if (!roles) return roles.error();
  const auto& co_hosts = roles->co_hosts;
  const bool ascending = std::adjacent_find(co_hosts.begin(), co_hosts.end(), std::greater_equal<>()) == co_hosts.end();
  if (!ascending || roles->is_co_host(roles->host) || roles->locked > 1) return Errc::invalid_value;
  return roles;
}

Result<MeetingRoles> meeting_roles_of(const mls::ExtensionList& extensions) {
  auto dictionary = mls::find_app_data_dictionary(extensions);
  if (!dictionary) return dictionary.error();
  const Bytes* data = *dictionary ? mls::component_data(**dictionary, meeting_roles_component) : nullptr;
  if (data == nullptr) return Errc::invalid_argument;
  return decode_roles(*data);
}

mls::Extension roles_dictionary(const MeetingRoles& roles) {
  return mls::make_extension(mls::AppDataDictionary{{{meeting_roles_component, codec::encode(roles)}}});
}

mls::Proposal roles_update(const MeetingRoles& roles) {
  return mls::Proposal{mls::AppDataUpdate{meeting_roles_component, {mls::ComponentUpdate{codec::encode(roles)}}}};
}

mls::ComponentLogic meeting_components() {
  mls::ComponentLogic logic;
  logic.known = {meeting_roles_component};
  logic.update = [](mls::ComponentId component, const Bytes*,
                    const std::vector<mls::ProposedUpdate>& updates) -> Result<Bytes> {
    if (component != meeting_roles_component || updates.size() != 1) return Errc::invalid_proposal;
    if (!decode_roles(updates.front().update)) return Errc::invalid_proposal;
    return Bytes(updates.front().update.begin(), updates.front().update.end());
  };
  return logic;
}

}  // namespace conclave::meeting
