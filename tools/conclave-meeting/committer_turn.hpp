#pragma once

// The designated committer of the simulation's current epoch
// (spec-notes/meeting-profile.md, "Continuity"): the first-ranked member
// that is present, and how long it waited, in simulated time.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "conclave/meeting/participant.hpp"

namespace conclave::tools {

struct CommitterTurn {
  std::size_t committer = 0;           // its index among the members
  std::chrono::milliseconds wait{0};   // rank * step, from when the oldest pending proposal came
  std::size_t ranked_before = 0;       // absent members ranked before it
};

// The turn in the epoch of `members[reference]` (a present full member):
// `absent(i)` tells who does not commit (gone, leaving, offline, partial).
// None when no one is present, or the schedule cannot be made.
std::optional<CommitterTurn> committer_turn(const std::vector<meeting::Participant>& members, std::size_t reference,
                                            const std::function<bool(std::size_t)>& absent,
                                            std::chrono::milliseconds step);

// The members' indices by rank in the epoch of `members[reference]`, each
// member that holds a leaf in it (the ones removed or gone included).
std::vector<std::size_t> ranked_members(const std::vector<meeting::Participant>& members, std::size_t reference);

}  // namespace conclave::tools
