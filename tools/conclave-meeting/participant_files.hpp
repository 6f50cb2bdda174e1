#pragma once

// With --storage DIR: each participant of the simulation keeps its state
// in its own SQLite file under DIR (Participant::persist), and one step
// restarts a participant from its file.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "conclave/meeting/participant.hpp"
#include "conclave/storage/sqlite_store.hpp"

namespace conclave::tools {

class ParticipantFiles {
 public:
  // Files under `directory`, which is created if it does not exist.
  explicit ParticipantFiles(std::string directory);

  // Opens (afresh) the file of participant `index` and keeps `participant` in it.
  Status keep(std::size_t index, meeting::Participant& participant);
  // Closes the file of participant `index` (destroyed before), opens it
  // again, and loads the participant of `group_id` from it.
  Result<meeting::Participant> reload(std::size_t index, BytesView group_id, const meeting::MeetingProfile& profile,
                                      crypto::RandomSource& random);

 private:
  std::string path(std::size_t index) const;

  std::string directory_;
  std::vector<std::unique_ptr<storage::SqliteStore>> stores_;  // by participant index
};

}  // namespace conclave::tools
