#include "conclave/meeting/meeting_state.hpp"

#include <algorithm>

#include "conclave/mls/extension_types.hpp"

namespace conclave::meeting {

Result<MeetingState> meeting_state_of(const mls::ExtensionList& extensions) {
  const auto count = std::count_if(extensions.begin(), extensions.end(), [](const mls::Extension& e) {
    return e.extension_type == meeting_state_extension;
  });
  if (count != 1) return Errc::invalid_argument;
  auto state = mls::parse_extension<MeetingState>(*mls::find_extension(extensions, meeting_state_extension));
  if (!state) return state.error();
  if (state->meeting_id.empty() || state->locked > 1) return Errc::invalid_value;
  return state;
}

}  // namespace conclave::meeting
