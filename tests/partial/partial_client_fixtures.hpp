#pragma once

// The fixture of the partial client tests: full members (Group) alice, bob
// and carol, and pat, a partial client (PartialGroup) that alice adds. The
// annotations a server would make are built here from a full member's tree
// (make_membership_proof), as draft-ietf-mls-partial describes them.

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "../group_fixtures.hpp"
#include "conclave/mls/partial_group.hpp"

namespace conclave::mls {

// What a refused call must leave as it was: the epoch, its GroupContext,
// epoch_authenticator, an exporter value and the own proof.
struct PartialSnapshot {
  std::uint64_t epoch = 0;
  GroupContext context;
  Bytes epoch_authenticator;
  Bytes exported;
  MembershipProof own_proof;
};

inline Bytes exported_from(const PartialGroup& group) {
  auto secret = group.export_secret("partial test", {}, 32);
  return secret ? test::copy_of(secret->view()) : Bytes{};
}

inline Bytes exported_from(const Group& group) {
  auto secret = group.export_secret("partial test", {}, 32);
  return secret ? test::copy_of(secret->view()) : Bytes{};
}

inline PartialSnapshot snapshot(const PartialGroup& group) {
  return {group.epoch(), group.context(), test::copy_of(group.epoch_authenticator()), exported_from(group),
          group.own_membership_proof()};
}

inline ::testing::AssertionResult unchanged(const PartialGroup& group, const PartialSnapshot& before) {
  const PartialSnapshot after = snapshot(group);
  if (after.epoch != before.epoch) return ::testing::AssertionFailure() << "epoch changed";
  if (!(after.context == before.context)) return ::testing::AssertionFailure() << "context changed";
  if (after.epoch_authenticator != before.epoch_authenticator) {
    return ::testing::AssertionFailure() << "epoch_authenticator changed";
  }
  if (after.exported != before.exported) return ::testing::AssertionFailure() << "exporter changed";
  if (!(after.own_proof == before.own_proof)) return ::testing::AssertionFailure() << "own proof changed";
  return ::testing::AssertionSuccess();
}

// Whether a partial client and a full member are in the same epoch with the
// same epoch_authenticator and exporter.
inline ::testing::AssertionResult agree(const PartialGroup& partial, const Group& full) {
  if (partial.epoch() != full.epoch()) return ::testing::AssertionFailure() << "epochs differ";
  if (test::copy_of(partial.epoch_authenticator()) != test::copy_of(full.epoch_authenticator())) {
    return ::testing::AssertionFailure() << "epoch_authenticators differ";
  }
  if (exported_from(partial) != exported_from(full)) return ::testing::AssertionFailure() << "exporters differ";
  if (partial.context().tree_hash != full.tree().tree_hash()) return ::testing::AssertionFailure() << "tree hashes differ";
  return ::testing::AssertionSuccess();
}

class PartialClientTest : public GroupTest {
 protected:
  PartialClientTest() = default;
  // Every member's KeyPackage has `options`.
  explicit PartialClientTest(KeyPackageOptions options) : GroupTest(std::move(options)) {}

  // alice, bob and carol, full members at leaves 0 to 2; pat is added next.
  void SetUp() override {
    auto joined = add(alice, {"bob", "carol"});
    bob = std::move(joined[0]);
    carol = std::move(joined[1]);
  }

  std::vector<Group*> full_members() { return {&alice, &*bob, &*carol}; }

  // A Commit of `committer` with `options` and its annotation input, merged
  // and processed by every other full member.
  CommitOutput commit_by(Group& committer, CommitOptions options) {
    options.annotate = true;
    auto output = committer.commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(committer.merge_pending_commit()));
    for (auto* member : full_members()) {
      if (member != &committer) {
        EXPECT_TRUE(test::is_ok(member->process(output->commit)));
      }
    }
    return std::move(*output);
  }

  // alice adds the owner of `key_package` (with a path when `with_path`,
  // so that its GroupSecrets carry a path secret).
  struct Added {
    CommitOutput sent;
    LeafIndex leaf;
    const Welcome& welcome() const { return *sent.welcome->body.get_if<Welcome>(); }
  };
  Added alice_adds(const KeyPackage& key_package, bool with_path) {
    CommitOptions options;
    options.proposals.push_back(Proposal{Add{key_package}});
    options.force_path = with_path;
    auto sent = commit_by(alice, options);
    return {std::move(sent), *alice.tree().leaf_with_signature_key(key_package.leaf_node.signature_key)};
  }

  // alice adds pat with a path, and pat joins as a partial client.
  PartialGroup join_pat() {
    auto bundle = key_package("pat");
    const auto added = alice_adds(bundle.key_package, true);
    auto group = PartialGroup::join(welcome_for(alice, added.welcome(), added.leaf), bundle.key_package,
                                    std::move(bundle.keys), member_config);
    EXPECT_TRUE(test::is_ok(group));
    return std::move(*group);
  }

  // The AnnotatedWelcome for `joiner`, the signer being `committer`.
  static AnnotatedWelcome welcome_for(const Group& committer, Welcome welcome, LeafIndex joiner) {
    return *annotate_welcome(committer.tree(), std::move(welcome), committer.own_leaf(), joiner);
  }

  // The committer's AnnotatedCommit of `sent` for `receiver`, from its
  // tree after the Commit.
  static AnnotatedCommit annotate(const Group& committer, const CommitOutput& sent, LeafIndex receiver) {
    return *annotate_commit(committer.tree(), *sent.annotation, receiver);
  }

  Group alice = create("alice");
  std::optional<Group> bob;
  std::optional<Group> carol;
};

}  // namespace conclave::mls
