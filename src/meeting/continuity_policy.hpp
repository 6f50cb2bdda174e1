#pragma once

// The continuity rules for a received Commit (spec-notes/meeting-profile.md,
// "Continuity"): who may propose what by the meeting's roles, who may change
// the roles, and the succession a Commit that takes out a role holder must
// carry.

#include <vector>

#include "conclave/error.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::meeting {

// A resync: an external Commit that removes the joiner's old leaf (checked
// by check_meeting_resync). It takes out no one and keeps the roles.
bool is_resync(const mls::Sender& committer, const std::vector<mls::ResolvedProposal>& proposals);

// invalid_proposal: more than one AppDataUpdate of the roles, a removal of
// the roles, or a malformed MeetingRoles. not_permitted: a roles change its
// sender may not make; a Commit that takes out a role holder without
// exactly the succession update by its committer, or by an external
// joiner; an Add from neither the host nor a co-host, or into a locked
// meeting; a Remove of the host not from its successor, of a co-host not
// from the host, or of a plain member from neither host nor co-host (one's
// own aside); a GroupContextExtensions or ReInit not from the host; an
// ExternalInit other than a resync into a locked meeting.
Status check_continuity(const MeetingRoles& roles, const mls::Sender& committer,
                        const std::vector<mls::ResolvedProposal>& proposals);

// A proposal a member or the server receives before any Commit: whether
// its sender may make it by the current roles (the errors of
// check_continuity for that proposal alone; a roles update only as its
// sender's own change, never a succession, which goes by value).
Status check_proposal_sender(const MeetingRoles& roles, const mls::Sender& sender, const mls::Proposal& proposal);

}  // namespace conclave::meeting
