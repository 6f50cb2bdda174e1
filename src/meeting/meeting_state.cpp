#include "conclave/meeting/meeting_state.hpp"

#include <algorithm>

#include "conclave/mls/extension_types.hpp"

namespace conclave::meeting {

namespace {

const std::vector<mls::ExtensionType> meeting_extension_types{meeting_state_extension,
                                                              mls::ExtensionType::app_data_dictionary};
const std::vector<mls::ProposalType> meeting_proposal_types{mls::ProposalType::app_data_update,
                                                            mls::ProposalType::self_remove};

}  // namespace

void add_meeting_capabilities(mls::Capabilities& capabilities) {
  capabilities.extensions.insert(capabilities.extensions.end(), meeting_extension_types.begin(),
                                 meeting_extension_types.end());
  capabilities.proposals.insert(capabilities.proposals.end(), meeting_proposal_types.begin(),
                                meeting_proposal_types.end());
}

mls::RequiredCapabilities meeting_required_capabilities() {
  return {meeting_extension_types, meeting_proposal_types, {}};
}

Result<MeetingState> meeting_state_of(const mls::ExtensionList& extensions) {
  const auto count = std::count_if(extensions.begin(), extensions.end(), [](const mls::Extension& e) {
    return e.extension_type == meeting_state_extension;
  });
  if (count != 1) return Errc::invalid_argument;
  auto state = mls::parse_extension<MeetingState>(*mls::find_extension(extensions, meeting_state_extension));
  if (!state) return state.error();
  if (state->meeting_id.empty()) return Errc::invalid_value;
  return state;
}

}  // namespace conclave::meeting
