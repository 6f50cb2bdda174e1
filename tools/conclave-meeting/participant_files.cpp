#include "participant_files.hpp"

#include <filesystem>
#include <utility>

namespace conclave::tools {

namespace {

Result<std::unique_ptr<storage::SqliteStore>> open_store(const std::string& path) {
  auto store = storage::SqliteStore::open(path);
  if (!store) return store.error();
  return std::make_unique<storage::SqliteStore>(std::move(*store));
}

}  // namespace

ParticipantFiles::ParticipantFiles(std::string directory) : directory_(std::move(directory)) {
  std::error_code ignored;
  std::filesystem::create_directories(directory_, ignored);
}

std::string ParticipantFiles::path(std::size_t index) const {
  return directory_ + "/participant-" + std::to_string(index) + ".db";
}

Status ParticipantFiles::keep(std::size_t index, meeting::Participant& participant) {
  // A file of an earlier run is replaced: this run's meeting is another.
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path(index) + suffix, ignored);
  auto store = open_store(path(index));
  if (!store) return store.error();
  if (stores_.size() <= index) stores_.resize(index + 1);
  stores_[index] = std::move(*store);
  return participant.persist(*stores_[index]);
}

Result<meeting::Participant> ParticipantFiles::reload(std::size_t index, BytesView group_id,
                                                      const meeting::MeetingProfile& profile,
                                                      crypto::RandomSource& random) {
  if (index >= stores_.size() || !stores_[index]) return Errc::invalid_argument;
  stores_[index].reset();
  auto store = open_store(path(index));
  if (!store) return store.error();
  stores_[index] = std::move(*store);
  return meeting::Participant::load(*stores_[index], group_id, profile, random);
}

}  // namespace conclave::tools
