#pragma once

// The fixture of the partial client tests: full members (Group) alice, bob
// and carol, and pat, a partial client (PartialGroup) that alice adds. The
// annotations a server would make are built here from a full member's tree
// (make_membership_proof), as draft-ietf-mls-partial describes them.

#include <gtest/gtest.h>

#include <optional>
#include <span>
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

// The draft's resolution_index: the position, in the resolution of the
// committer's copath child below its and the receiver's common ancestor
// less the added leaves, of the node that covers the receiver.
inline std::uint32_t resolution_index(const RatchetTree& after, LeafIndex committer, LeafIndex receiver,
                                      std::span<const LeafIndex> added) {
  const NodeIndex receiver_node = tree_math::node_of(receiver);
  const NodeIndex ancestor = tree_math::common_ancestor(tree_math::node_of(committer), receiver_node);
  std::uint32_t index = 0;
  for (const auto node : after.resolution(tree_math::child_away_from(ancestor, tree_math::node_of(committer)))) {
    const auto leaf = tree_math::leaf_of(node);
    if (leaf && std::find(added.begin(), added.end(), *leaf) != added.end()) continue;
    if (tree_math::is_ancestor(node, receiver_node)) return index;
    ++index;
  }
  return index;
}

class PartialClientTest : public GroupTest {
 protected:
  // alice, bob and carol, full members at leaves 0 to 2; pat is added next.
  void SetUp() override {
    auto joined = add(alice, {"bob", "carol"});
    bob = std::move(joined[0]);
    carol = std::move(joined[1]);
  }

  std::vector<Group*> full_members() { return {&alice, &*bob, &*carol}; }

  // A Commit of `committer` with `options`, merged and processed by every
  // other full member; `sender_before` is its proof before the Commit.
  struct Sent {
    CommitOutput output;
    std::optional<MembershipProof> sender_before;
  };
  Sent commit_by(Group& committer, const CommitOptions& options) {
    auto sender_before = make_membership_proof(committer.tree(), committer.own_leaf());
    auto output = committer.commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(committer.merge_pending_commit()));
    for (auto* member : full_members()) {
      if (member != &committer) {
        EXPECT_TRUE(test::is_ok(member->process(output->commit)));
      }
    }
    return {std::move(*output), std::move(*sender_before)};
  }

  // alice adds the owner of `key_package` (with a path when `with_path`,
  // so that its GroupSecrets carry a path secret).
  struct Added {
    Sent sent;
    LeafIndex leaf;
    const Welcome& welcome() const { return *sent.output.welcome->body.get_if<Welcome>(); }
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
    return {{std::move(welcome), *make_membership_proof(committer.tree(), committer.own_leaf())},
            *make_membership_proof(committer.tree(), joiner)};
  }

  // The AnnotatedCommit of `sent` for `receiver`, from `committer`'s tree
  // after it (`added`: the leaves its Adds filled).
  static AnnotatedCommit annotate(const Group& committer, const Sent& sent, LeafIndex receiver,
                                  std::span<const LeafIndex> added = {}) {
    const auto& after = committer.tree();
    const auto* commit = commit_of(sent.output.commit);
    std::optional<std::uint32_t> index;
    if (commit != nullptr && commit->path) index = resolution_index(after, committer.own_leaf(), receiver, added);
    return {sent.output.commit,
            sent.sender_before,
            after.tree_hash(),
            index,
            *make_membership_proof(after, committer.own_leaf()),
            *make_membership_proof(after, receiver)};
  }

  static const Commit* commit_of(const MlsMessage& message) {
    const auto* pub = message.body.get_if<PublicMessage>();
    return pub ? pub->content.content.get_if<Commit>() : nullptr;
  }

  Group alice = create("alice");
  std::optional<Group> bob;
  std::optional<Group> carol;
};

}  // namespace conclave::mls
