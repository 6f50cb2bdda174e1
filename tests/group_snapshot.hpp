#pragma once

// What a refused operation must leave as it was: a group's epoch,
// GroupContext, epoch_authenticator, tree and the serialization of its
// whole state.

#include <gtest/gtest.h>

#include "conclave/mls/group.hpp"
#include "test_support.hpp"

namespace conclave::mls {

// What a rejection must leave as it was; `stored` is the whole state's
// serialization.
struct Snapshot {
  std::uint64_t epoch = 0;
  GroupContext context;
  Bytes epoch_authenticator;
  Bytes tree_hash;
  RatchetTreeNodes nodes;
  bool pending = false;
  crypto::Secret stored;
};

inline Snapshot snapshot(const Group& group) {
  return {group.epoch(),
          group.context(),
          test::copy_of(group.epoch_authenticator()),
          group.tree().tree_hash(),
          group.tree().to_nodes(),
          group.has_pending_commit(),
          *group.serialize()};
}

inline ::testing::AssertionResult unchanged(const Group& group, const Snapshot& before) {
  const Snapshot after = snapshot(group);
  if (after.epoch != before.epoch) {
    return ::testing::AssertionFailure() << "epoch " << before.epoch << " became " << after.epoch;
  }
  if (!(after.context == before.context)) return ::testing::AssertionFailure() << "context changed";
  if (after.epoch_authenticator != before.epoch_authenticator) {
    return ::testing::AssertionFailure() << "epoch_authenticator changed";
  }
  if (after.tree_hash != before.tree_hash) return ::testing::AssertionFailure() << "tree hash changed";
  if (after.nodes != before.nodes) return ::testing::AssertionFailure() << "tree nodes changed";
  if (after.pending != before.pending) return ::testing::AssertionFailure() << "pending commit changed";
  if (!(after.stored == before.stored)) return ::testing::AssertionFailure() << "serialization changed";
  return ::testing::AssertionSuccess();
}

}  // namespace conclave::mls
