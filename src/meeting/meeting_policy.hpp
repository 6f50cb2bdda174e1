#pragma once

// The meeting profile's rules for a Commit a member receives
// (spec-notes/meeting-profile.md, "The meeting group"), as the group's
// CommitPolicy.

#include <vector>

#include "conclave/error.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::meeting {

// psk_missing: no PreSharedKey for the meeting ID in force after the
// Commit. invalid_proposal: a GroupContextExtensions without a valid
// MeetingState. The errors of meeting_state_of and meeting_roles_of for the
// current GroupContext, and those of check_continuity (continuity_policy.hpp)
// for who proposed what by the meeting's roles.
Status check_meeting_commit(const mls::GroupContext& context, const mls::Sender& committer,
                            const std::vector<mls::ResolvedProposal>& proposals);

// A proposal received before its Commit (a SelfRemove, or an Add a host or
// co-host proposed): whether its sender may make it by the current roles
// (check_proposal_sender), so that no Commit that includes received
// proposals takes in one the members would refuse.
Status check_meeting_proposal(const mls::GroupContext& context, const mls::Sender& sender,
                              const mls::Proposal& proposal);

// A resync (an external Commit removing the joiner's old leaf) is the same
// member coming back: the same signature key and the same credential
// (not_permitted otherwise). Only the holder of a member's signing key can
// take its place.
Status check_meeting_resync(const mls::LeafNode& removed, const mls::LeafNode& joiner);

// The rules every member and the server apply, with no secret: the Commit
// and resync checks above, and the roles component's logic.
mls::GroupConfig meeting_rules();

}  // namespace conclave::meeting
