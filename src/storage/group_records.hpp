#pragma once

// A group's state as records of a Store (spec-notes/storage.md): its group
// record, its ratchet tree's nodes, its secret trees' parts, its past
// epochs and its staged Commit. Group::persist() writes them all; each
// later call writes what it changed, in one batch.

#include <memory>

#include "conclave/storage/store.hpp"
#include "mls/group_state.hpp"

namespace conclave::storage {

// What a call may have changed: only secret tree state (an application
// message sent or received), or anything.
enum class Changed : std::uint8_t { secret_trees, everything };

// Erases every record of the group; a state of this process that wrote it
// writes no more.
Status erase_group(Store& store, BytesView group_id);

// Whether `store` holds a group of that ID.
Result<bool> holds_group(Store& store, BytesView group_id);

// Writes every record of the group, replacing any the store held for its
// group ID, after the changes `batch` already holds, all in one batch; and
// links the state to `store`, taking the group over from any other state
// of this process that wrote it (which then fails every write).
// Errc::invalid_argument while a Commit is pending.
Status save_group(Store& store, mls::GroupState& state, Batch batch = {});

// Writes what the last call changed, in one batch. On failure the state is
// marked failed: every later call refuses with Errc::storage_failure.
Status save_changes(mls::GroupState& state, Changed changed);

// The group save_group() and save_changes() kept, linked to `store` and
// taken over from any other state of this process that wrote it.
Result<std::unique_ptr<mls::GroupState>> load_group(Store& store, BytesView group_id,
                                                    mls::GroupConfig config);

}  // namespace conclave::storage
