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
// another member that the host did not propose, a changed host, a member's
// Remove of the host, or an Add or an ExternalInit that is not a resync
// while the meeting is locked.
// invalid_proposal: a GroupContextExtensions without a valid MeetingState.
Status check_meeting_commit(const mls::GroupContext& context, const mls::Sender& committer,
                            const std::vector<mls::ResolvedProposal>& proposals);

// A resync (an external Commit removing the joiner's old leaf) is the same
// member coming back: the same signature key and the same credential
// (not_permitted otherwise). Only the holder of a member's signing key can
// take its place.
Status check_meeting_resync(const mls::LeafNode& removed, const mls::LeafNode& joiner);

// The rules every member and the server apply, with no secret: the two
// checks above, and basic credentials only.
mls::GroupConfig meeting_rules();

}  // namespace conclave::meeting
