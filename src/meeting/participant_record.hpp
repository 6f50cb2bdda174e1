#pragma once

// A persisted participant's meeting state as one record of the store's
// meeting table (keyed by its group ID); its group is kept beside it as
// the group's own records (Group::persist).

#include <memory>

#include "participant_state.hpp"

namespace conclave::meeting {

// The participant's record: everything of `state` but its group, profile,
// random source, media and store. Every secret in it is a Secret.
crypto::Secret encode_participant(const Participant::State& state);

// The state a record describes, without its group.
// @errors `Errc::storage_corrupt` for a record that does not decode or
// whose link, keys or flags are malformed.
Result<std::unique_ptr<Participant::State>> decode_participant(BytesView record, const MeetingProfile& profile,
                                                               crypto::RandomSource& random);

}  // namespace conclave::meeting
