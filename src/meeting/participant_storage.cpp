// A participant kept in a Store: its record (participant_record.cpp) and
// its group's records, written together.
//
// Why every crash recovers. The group writes inside each of its calls, but
// through a HeldStore: its changes wait, and go to the store in one batch
// with the participant's record (save_participant()). So the stored group
// and the stored meeting state (cursor, link, keys, flags) are always of
// the same instant: after a crash, the cursor neither lags the group nor
// runs ahead of it. The writes come at these points:
// - after each message sync() reads, with the cursor past it: a crash
//   before that write reads the message again, as if for the first time;
// - before each post (the record names the post by its SHA-256, `in_flight`,
//   and holds what the group wrote for it: the generation a message
//   consumed, or the staged Commit), so that nothing it sealed is sealed
//   again with the same key after a crash;
// - at the end of every call (its position in the log, a merged Commit).
// A crash between a post and the write after it leaves `in_flight`: the
// next sync() looks for it in the log (settle_in_flight()). There, it is
// this member's own post, skipped like any other, and a staged Commit is
// merged; not there, the server never took it (the process that would have
// posted it is gone), and a staged Commit is discarded. Each is the state
// the call would have left had it finished. A resync is the exception: its
// new group is not written before the post, and it is not noted in flight.
// A crash after the server took it leaves the member to read its own
// external Commit, which it refuses (is_own_lost_resync()): stranded, it
// resyncs again, onto the leaf the lost resync made.

#include "participant_record.hpp"

namespace conclave::meeting {

Status save_participant(Participant::State& state) {
  if (!state.store) return {};
  // After a failed write, memory is ahead of the store by changes that are
  // no longer held: nothing more may be written.
  if (state.failed) return Errc::storage_failure;
  const Bytes& group_id = state.group->context().group_id;
  if (auto written = state.store->write_with(storage::Table::meeting, group_id, encode_participant(state));
      !written) {
    state.failed = true;
    return written;
  }
  return {};
}

Status Participant::persist(storage::Store& store) {
  auto& state = *state_;
  if (state.failed) return Errc::storage_failure;
  if (state.partial) return Errc::partial_unsupported;
  auto held = std::make_unique<HeldStore>(store);
  if (auto kept = state.group->persist(*held); !kept) return kept;
  state.store = std::move(held);
  return save_participant(state);
}

Result<Participant> Participant::load(storage::Store& store, BytesView group_id, const MeetingProfile& profile,
                                      crypto::RandomSource& random) {
  if (profile.srp == nullptr) return Errc::invalid_argument;
  auto record = store.get(storage::Table::meeting, group_id);
  if (!record) return record.error();
  if (!*record) return Errc::not_in_group;
  auto state = decode_participant((*record)->view(), profile, random);
  if (!state) return state.error();
  auto held = std::make_unique<HeldStore>(store);
  auto group = mls::Group::load(*held, group_id, meeting_config(**state));
  if (!group) return group.error();
  // The record's signature key must be the one of this member's leaf.
  const auto own = group->tree().leaf(group->own_leaf());
  if (own && own->signature_key != (*state)->signing.public_key) return Errc::storage_corrupt;
  (*state)->group.emplace(std::move(*group));
  (*state)->store = std::move(held);
  if (auto media = start_media(**state); !media) return media.error();
  return Participant(std::move(*state));
}

}  // namespace conclave::meeting
