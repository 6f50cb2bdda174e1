#pragma once

// Alice and Bob in one group (suite 1), for the tests of a group kept in a
// store: Alice commits and sends, Bob is persisted and reloaded.

#include <optional>
#include <string_view>

#include "../group_fixtures.hpp"

namespace conclave::mls {

class PersistedPairTest : public GroupTest {
 protected:
  void SetUp() override {
    alice.emplace(create("alice"));
    auto joined = add(*alice, {"bob"});
    bob.emplace(std::move(joined[0]));
  }

  // Bob as `where` keeps him, with `config`.
  Group load_bob(storage::Store& where, GroupConfig config) {
    auto loaded = Group::load(where, bob->context().group_id, std::move(config));
    EXPECT_TRUE(test::is_ok(loaded));
    return std::move(*loaded);
  }

  // Alice's Commit with a path and nothing else, merged.
  MlsMessage alice_commits() { return alice_commits_with({}); }

  // Alice's Commit of `proposals` with a path, merged.
  MlsMessage alice_commits_with(std::vector<Proposal> proposals) {
    CommitOptions options;
    options.proposals = std::move(proposals);
    options.force_path = true;
    auto output = alice->commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(alice->merge_pending_commit()));
    return std::move(output->commit);
  }

  // The Welcome of Alice's Commit adding `key_package`, merged.
  Welcome alice_welcomes(const KeyPackage& key_package) {
    CommitOptions options;
    options.proposals.push_back(Proposal{Add{key_package}});
    auto output = alice->commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(alice->merge_pending_commit()));
    return *output->welcome->body.get_if<Welcome>();
  }

  MlsMessage from_alice(std::string_view text) { return std::move(*alice->protect(as_bytes(text), {}, random)); }

  std::optional<Group> alice;
  std::optional<Group> bob;
};

}  // namespace conclave::mls
