#pragma once

// The meeting profile's rules for a Commit a member receives
// (spec-notes/meeting-profile.md, "The meeting group"), as the group's
// CommitPolicy.

#include <vector>

#include "conclave/error.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::meeting {

// psk_missing: no PreSharedKey for the meeting ID in force after the
// Commit. not_permitted: a GroupContextExtensions, Add, ReInit or Remove of
// another member that the host did not propose, a changed host, a Remove
// of the host or in an external Commit, or an Add or ExternalInit while
// the meeting is locked.
// invalid_proposal: a GroupContextExtensions without a valid MeetingState.
Status check_meeting_commit(const mls::GroupContext& context, const mls::Sender& committer,
                            const std::vector<mls::ResolvedProposal>& proposals);

}  // namespace conclave::meeting
