#pragma once

// The fixture of the PublicGroup tests: the group of
// group_validation_fixtures.hpp and a follower of its public state, made
// from alice's GroupInfo.

#include <gtest/gtest.h>

#include "conclave/mls/public_group.hpp"
#include "follower_snapshot.hpp"
#include "group_validation_fixtures.hpp"

namespace conclave::mls::validation {

inline GroupInfo info_of(const Group& member) { return *member.group_info(true)->body.get_if<GroupInfo>(); }

class PublicGroupTest : public GroupValidationTest {
 protected:
  void SetUp() override {
    GroupValidationTest::SetUp();
    auto made = PublicGroup::from_group_info(info_of(group(alice)), std::nullopt, follower_config());
    ASSERT_TRUE(is_ok(made));
    follower_.emplace(std::move(*made));
  }

  virtual GroupConfig follower_config() const { return config_for(alice); }

  PublicGroup& follower() { return *follower_; }

  // The follower agrees with `member` on the epoch's public state.
  void expect_following(const Group& member) {
    EXPECT_TRUE(follower().context() == member.context());
    EXPECT_EQ(follower().tree().tree_hash(), member.tree().tree_hash());
    EXPECT_EQ(follower().tree().encoded_nodes(), member.tree().encoded_nodes());
  }

  // The follower refuses `message` with `expected`, unchanged.
  void expect_follower_refuses(const MlsMessage& message, Errc expected) {
    const FollowerSnapshot before = snapshot_of(follower());
    EXPECT_TRUE(fails_with(follower().process(message), expected));
    EXPECT_TRUE(unchanged(follower(), before));
  }

  // Bob commits; the follower refuses tamper(commit) unchanged, then
  // follows bob's genuine commit.
  void expect_follower_refuses_tampered(const Tamper& tamper, Errc expected,
                                        const CommitOptions& options = {.include_received = false,
                                                                        .force_path = true}) {
    auto genuine = group(bob).commit(options, random);
    ASSERT_TRUE(is_ok(genuine));
    expect_follower_refuses(tamper(genuine->commit), expected);
    ASSERT_TRUE(is_ok(group(bob).merge_pending_commit()));
    ASSERT_TRUE(is_ok(follower().process(genuine->commit)));
    expect_following(group(bob));
  }

  // `committer` commits `options`; the follower and `members` (those that
  // stay) process it and all agree. What the follower saw.
  PublicCommit commit_everywhere(std::uint32_t committer, const CommitOptions& options,
                                 const std::vector<std::uint32_t>& members) {
    auto output = group(committer).commit(options, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(group(committer).merge_pending_commit()));
    auto seen = follower().process(output->commit);
    EXPECT_TRUE(is_ok(seen));
    for (const auto leaf : members) {
      if (leaf == committer) continue;
      EXPECT_TRUE(is_ok(group(leaf).process(output->commit)));
      expect_same_epoch(group(leaf), group(committer));
    }
    expect_following(group(committer));
    return seen ? std::move(*seen) : PublicCommit{};
  }

  // Bob's genuine commit, re-signed by bob after `change` to its content.
  Tamper with_content(std::function<void(FramedContent&)> change) {
    return [this, change](const MlsMessage& genuine) {
      auto message = public_of(genuine);
      change(message.content);
      return forger().sign_public(std::move(message.content), *message.auth.confirmation_tag);
    };
  }

 private:
  std::optional<PublicGroup> follower_;
};

}  // namespace conclave::mls::validation
