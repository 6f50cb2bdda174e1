#pragma once

// What a PublicGroup (a follower of a group's public state) must leave as it
// was when it refuses a message: its GroupContext, tree and interim
// transcript hash.

#include <gtest/gtest.h>

#include "conclave/mls/public_group.hpp"
#include "test_support.hpp"

namespace conclave::mls::validation {

// What a refusal must leave as it was.
struct FollowerSnapshot {
  GroupContext context;
  Bytes tree_hash;
  Bytes encoded_tree;
  Bytes interim;
};

inline FollowerSnapshot snapshot_of(const PublicGroup& follower) {
  return {follower.context(), follower.tree().tree_hash(), follower.tree().encoded_nodes(),
          test::copy_of(follower.interim_transcript_hash())};
}

inline ::testing::AssertionResult unchanged(const PublicGroup& follower, const FollowerSnapshot& before) {
  const FollowerSnapshot after = snapshot_of(follower);
  if (!(after.context == before.context)) return ::testing::AssertionFailure() << "context changed";
  if (after.tree_hash != before.tree_hash) return ::testing::AssertionFailure() << "tree hash changed";
  if (after.encoded_tree != before.encoded_tree) return ::testing::AssertionFailure() << "tree changed";
  if (after.interim != before.interim) return ::testing::AssertionFailure() << "interim hash changed";
  return ::testing::AssertionSuccess();
}

}  // namespace conclave::mls::validation
