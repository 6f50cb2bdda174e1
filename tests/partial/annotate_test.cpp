// draft-ietf-mls-partial, the annotating side: annotate_commit() and
// annotate_welcome() for a committer (CommitOptions::annotate) and for a
// server that follows the group (PublicGroup::follow()). The resolution
// index is checked against what the committer really encrypted: each
// receiver's ciphertext opens under the private key it holds.

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/public_group.hpp"
#include "../group_fixtures.hpp"
#include "mls/group_storage.hpp"

namespace conclave::mls {
namespace {

using test::fails_with;
using test::is_ok;

const CommitOptions with_path{.include_received = false, .force_path = true};

std::vector<Proposal> removing(std::initializer_list<std::uint32_t> leaves) {
  std::vector<Proposal> out;
  for (const auto leaf : leaves) out.push_back(Proposal{Remove{leaf}});
  return out;
}

const UpdatePath& path_of(const MlsMessage& commit) {
  return *commit.body.get_if<PublicMessage>()->content.content.get_if<Commit>()->path;
}

// The resolution index by its definition (RFC 9420 sections 4.1.1 and
// 12.4.1): the whole resolution of the receiver's copath node under the
// lowest common ancestor, less the added leaves; the receiver's own leaf
// when listed, otherwise its ancestor.
std::uint32_t expected_index(const RatchetTree& after, LeafIndex committer, LeafIndex receiver,
                             const std::vector<LeafIndex>& added) {
  const NodeIndex receiver_node = tree_math::node_of(receiver);
  NodeIndex copath_node = receiver_node;
  for (const NodeIndex above : tree_math::direct_path(receiver_node, after.leaf_count())) {
    if (tree_math::is_ancestor(above, tree_math::node_of(committer))) break;
    copath_node = above;
  }
  auto resolution = after.resolution(copath_node);
  resolution.erase(std::remove_if(resolution.begin(), resolution.end(),
                                  [&added](NodeIndex node) {
                                    const auto leaf = tree_math::leaf_of(node);
                                    return leaf && std::find(added.begin(), added.end(), *leaf) != added.end();
                                  }),
                   resolution.end());
  auto found = std::find(resolution.begin(), resolution.end(), receiver_node);
  if (found == resolution.end()) {
    found = std::find_if(resolution.begin(), resolution.end(),
                         [&](NodeIndex node) { return tree_math::is_ancestor(node, receiver_node); });
  }
  EXPECT_NE(found, resolution.end());
  return static_cast<std::uint32_t>(found - resolution.begin());
}

// A group of 20 members whose tree has set parents, blank leaves and
// parents, and unmerged leaves; a server follows it.
class AnnotateTest : public GroupTest {
 protected:
  std::vector<Group> members;
  std::optional<PublicGroup> server;

  void SetUp() override {
    members.push_back(create("m0"));
    for (auto& joined : add(members[0], {"m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11",
                                         "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19"})) {
      members.push_back(std::move(joined));
    }
    for (const std::uint32_t leaf : {3u, 9u, 14u, 18u}) commit_as(LeafIndex{leaf}, with_path);
    commit_as(LeafIndex{0}, {.proposals = removing({5, 12, 16}), .include_received = false});
    std::vector<Group*> others;
    for (auto& member : members) {
      if (member.own_leaf() != LeafIndex{7}) others.push_back(&member);
    }
    for (auto& joined : add(at(LeafIndex{7}), {"n1", "n2"}, others)) members.push_back(std::move(joined));
    auto info = members[0].group_info(true);
    server.emplace(std::move(*PublicGroup::from_group_info(*info->body.get_if<GroupInfo>(), std::nullopt, {})));
  }

  Group& at(LeafIndex leaf) {
    return *std::find_if(members.begin(), members.end(), [leaf](const Group& g) { return g.own_leaf() == leaf; });
  }

  // Every other member processes `commit`; the removed ones leave.
  void deliver(const MlsMessage& commit, LeafIndex from) {
    std::vector<Group> staying;
    for (auto& member : members) {
      if (member.own_leaf() != from) {
        auto received = member.process(commit);
        ASSERT_TRUE(is_ok(received));
        if (received->removed) continue;
      }
      staying.push_back(std::move(member));
    }
    members = std::move(staying);
  }

  CommitOutput commit_as(LeafIndex from, const CommitOptions& options) {
    auto output = at(from).commit(options, random);
    EXPECT_TRUE(is_ok(output));
    EXPECT_TRUE(is_ok(at(from).merge_pending_commit()));
    deliver(output->commit, from);
    return std::move(*output);
  }

  // A Commit from leaf 9 with a path, Removes of leaves 13 and 17 and an
  // Add per joiner (filling leaves 13 and 16), annotated by its committer.
  // Leaf 5 stays unmerged at node 7.
  CommitOutput annotated_commit(const std::vector<KeyPackage>& joiners, bool encrypt = false) {
    CommitOptions options{.proposals = removing({13, 17}), .include_received = false, .force_path = true,
                          .encrypt = encrypt, .annotate = true};
    for (const auto& joiner : joiners) options.proposals.push_back(Proposal{Add{joiner}});
    return commit_as(committer, options);
  }

  const LeafIndex committer{9};
};

// Every private key a member holds: its leaf's and its direct path's.
struct HeldKeys {
  LeafIndex leaf;
  TreePrivateKeys keys;
};

HeldKeys held_keys(const CipherSuite& suite, const Group& member) {
  auto stored = codec::decode<StoredGroup>(member.serialize()->view());
  return {member.own_leaf(), std::move(*TreePrivateKeys::restore(suite, std::move(stored->private_keys)))};
}

// Whether `ciphertext` opens under one of the keys `held` has.
bool opens(const CipherSuite& suite, const HeldKeys& held, const RatchetTree& before, BytesView context,
           const HpkeCiphertext& ciphertext) {
  std::vector<NodeIndex> nodes{tree_math::node_of(held.leaf)};
  for (const auto node : tree_math::direct_path(nodes[0], before.leaf_count())) nodes.push_back(node);
  return std::any_of(nodes.begin(), nodes.end(), [&](NodeIndex node) {
    const auto* pair = held.keys.key_pair(node);
    return pair != nullptr && suite.decrypt_with_label(*pair, "UpdatePathNode", context, ciphertext).ok();
  });
}

// The tree is as the fixture means it: blank leaves, blank and set
// parents, unmerged leaves.
TEST_F(AnnotateTest, FixtureTreeHasBlanksAndUnmergedLeaves) {
  const RatchetTree& tree = members[0].tree();
  EXPECT_EQ(tree.member_count(), 19u);
  EXPECT_FALSE(tree.is_member(LeafIndex{16}));
  std::size_t blank_parents = 0;
  std::size_t unmerged = 0;
  for (std::uint32_t node = 1; node < 2 * tree.leaf_count().value() - 1; node += 2) {
    if (tree.is_blank(NodeIndex{node})) ++blank_parents;
    unmerged += tree.unmerged_leaves(NodeIndex{node}).size();
  }
  EXPECT_GT(blank_parents, 0u);
  EXPECT_GT(unmerged, 0u);
}

// RFC 9420 section 12.4.1 / draft "Annotated Commit": for every receiver of
// a real Commit (path, Adds and a Remove, unmerged leaves and blanks in the
// tree), the ciphertext at resolution_index of the UpdatePath node at the
// lowest common ancestor opens under a key the receiver holds, and the
// index is the resolution's by its definition.
TEST_F(AnnotateTest, ResolutionIndexOpensEachReceiversCiphertext) {
  std::vector<HeldKeys> receivers;
  for (const auto& member : members) {
    if (member.own_leaf() != committer) receivers.push_back(held_keys(suite, member));
  }
  const RatchetTree before = at(committer).tree();
  GroupContext provisional = at(committer).context();
  const auto output = annotated_commit({key_package("j1").key_package, key_package("j2").key_package});
  ASSERT_TRUE(output.annotation);
  const auto& input = *output.annotation;
  EXPECT_EQ(input.added, (std::vector<LeafIndex>{LeafIndex{13}, LeafIndex{16}}));
  EXPECT_EQ(at(committer).tree().unmerged_leaves(NodeIndex{7}), std::vector<std::uint32_t>{5});
  const RatchetTree& after = at(committer).tree();
  // Section 12.4.1: the provisional GroupContext, with the old confirmed
  // transcript hash, is the encryption context.
  provisional.epoch += 1;
  provisional.tree_hash = after.tree_hash();
  const Bytes context = codec::encode(provisional);
  const auto filtered = after.filtered_direct_path(committer);
  std::size_t checked = 0;
  for (const auto& receiver : receivers) {
    if (receiver.leaf == LeafIndex{13} || receiver.leaf == LeafIndex{17}) continue;  // removed
    auto annotated = annotate_commit(after, input, receiver.leaf);
    ASSERT_TRUE(is_ok(annotated));
    ASSERT_TRUE(annotated->resolution_index);
    EXPECT_EQ(*annotated->resolution_index, expected_index(after, committer, receiver.leaf, input.added));
    const auto lca = std::find_if(filtered.begin(), filtered.end(), [&](NodeIndex node) {
      return tree_math::is_ancestor(node, tree_math::node_of(receiver.leaf));
    });
    ASSERT_NE(lca, filtered.end());
    const auto& node = path_of(output.commit).nodes[static_cast<std::size_t>(lca - filtered.begin())];
    ASSERT_LT(*annotated->resolution_index, node.encrypted_path_secret.size());
    EXPECT_TRUE(opens(suite, receiver, before, context, node.encrypted_path_secret[*annotated->resolution_index]))
        << "receiver " << receiver.leaf.value;
    ++checked;
  }
  EXPECT_EQ(checked, 16u);
}

// draft "Annotated Commit": the proofs and the tree hash are of the right
// trees: the committer's before the Commit, both after it under
// tree_hash_after, which is the new GroupContext's.
TEST_F(AnnotateTest, ProofsReferenceTheTreesBeforeAndAfter) {
  const Bytes hash_before = at(committer).context().tree_hash;
  const auto output = annotated_commit({key_package("j1").key_package});
  const LeafIndex receiver{18};
  auto annotated = annotate_commit(at(committer).tree(), *output.annotation, receiver);
  ASSERT_TRUE(is_ok(annotated));
  EXPECT_EQ(annotated->commit, output.commit);
  EXPECT_EQ(annotated->tree_hash_after, at(receiver).context().tree_hash);
  ASSERT_TRUE(annotated->sender_membership_proof);
  EXPECT_EQ(annotated->sender_membership_proof->leaf_index, committer.value);
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, *annotated->sender_membership_proof, hash_before)));
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, annotated->sender_membership_proof_after,
                                            annotated->tree_hash_after)));
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, annotated->receiver_membership_proof_after,
                                            annotated->tree_hash_after)));
  EXPECT_EQ(annotated->sender_membership_proof_after.leaf_index, committer.value);
  EXPECT_EQ(annotated->receiver_membership_proof_after.leaf_index, receiver.value);
  EXPECT_EQ(proven_leaf(annotated->sender_membership_proof_after)->encryption_key,
            path_of(output.commit).leaf_node.encryption_key);
}

// A committer's PrivateMessage Commit is annotated as its PublicMessage
// would be: the encrypted Commit, the same resolution indexes.
TEST_F(AnnotateTest, CommitterAnnotatesItsPrivateMessageCommit) {
  const auto output = annotated_commit({key_package("j1").key_package}, true);
  ASSERT_TRUE(output.commit.body.holds<PrivateMessage>());
  auto annotated = annotate_commit(at(committer).tree(), *output.annotation, LeafIndex{18});
  ASSERT_TRUE(is_ok(annotated));
  EXPECT_EQ(annotated->commit, output.commit);
  EXPECT_EQ(annotated->resolution_index,
            expected_index(at(committer).tree(), committer, LeafIndex{18}, output.annotation->added));
}

// A server that follows the group annotates a Commit as its committer does.
TEST_F(AnnotateTest, ServerAnnotatesAsTheCommitterDoes) {
  const auto output = annotated_commit({key_package("j1").key_package, key_package("j2").key_package});
  auto followed = server->follow(output.commit);
  ASSERT_TRUE(is_ok(followed));
  const auto& mine = *output.annotation;
  EXPECT_EQ(followed->annotation.commit, mine.commit);
  EXPECT_EQ(followed->annotation.sender_before, mine.sender_before);
  EXPECT_EQ(followed->annotation.committer, mine.committer);
  EXPECT_EQ(followed->annotation.added, mine.added);
  EXPECT_TRUE(followed->annotation.has_path);
  EXPECT_EQ(followed->applied.added.size(), 2u);
  for (const auto& member : members) {
    if (member.own_leaf() == committer || !member.tree().is_member(member.own_leaf())) continue;
    if (std::find(mine.added.begin(), mine.added.end(), member.own_leaf()) != mine.added.end()) continue;
    const auto theirs = annotate_commit(server->tree(), followed->annotation, member.own_leaf());
    const auto ours = annotate_commit(at(committer).tree(), mine, member.own_leaf());
    ASSERT_TRUE(is_ok(theirs));
    ASSERT_TRUE(is_ok(ours));
    EXPECT_EQ(*theirs, *ours);
  }
}

// A Commit without a path has no resolution index (draft: "MUST be
// included if and only if the Commit has a path").
TEST_F(AnnotateTest, CommitWithoutPathHasNoResolutionIndex) {
  const auto output = commit_as(committer, {.proposals = {Proposal{Add{key_package("j1").key_package}}},
                                            .include_received = false, .annotate = true});
  ASSERT_TRUE(output.annotation);
  EXPECT_FALSE(output.annotation->has_path);
  auto annotated = annotate_commit(at(committer).tree(), *output.annotation, LeafIndex{18});
  ASSERT_TRUE(is_ok(annotated));
  EXPECT_FALSE(annotated->resolution_index);
}

// A commit not asked to annotate carries no annotation.
TEST_F(AnnotateTest, NoAnnotationUnlessAsked) {
  EXPECT_FALSE(commit_as(committer, with_path).annotation);
}

// Receivers an AnnotatedCommit cannot be for: a blank leaf, a leaf outside
// the tree, the committer, a joiner; and a blank committer.
TEST_F(AnnotateTest, RefusesReceiversThatAreNoRecipients) {
  const auto output = annotated_commit({key_package("j1").key_package});
  const RatchetTree& after = at(committer).tree();
  const auto& input = *output.annotation;
  EXPECT_TRUE(fails_with(annotate_commit(after, input, LeafIndex{17}), Errc::invalid_sender));  // blank
  EXPECT_TRUE(fails_with(annotate_commit(after, input, LeafIndex{after.leaf_count().value()}), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(annotate_commit(after, input, committer), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(annotate_commit(after, input, LeafIndex{13}), Errc::invalid_sender));  // added
  auto blank_committer = input;
  blank_committer.committer = LeafIndex{17};
  EXPECT_TRUE(fails_with(annotate_commit(after, blank_committer, LeafIndex{18}), Errc::invalid_sender));
}

// draft "Joining via Annotated Welcome": the proofs verify against the
// tree hash in the Welcome's GroupInfo, prove the committer (the GroupInfo's
// signer) and the joiner at the leaf it joins at.
TEST_F(AnnotateTest, WelcomeProofsVerifyAgainstGroupInfoTreeHash) {
  auto joiner = key_package("j1");
  const auto output = annotated_commit({joiner.key_package});
  const auto& welcome = *output.welcome->body.get_if<Welcome>();
  const LeafIndex joiner_leaf = output.annotation->added[0];
  auto annotated = annotate_welcome(at(committer).tree(), welcome, committer, joiner_leaf);
  ASSERT_TRUE(is_ok(annotated));
  EXPECT_EQ(annotated->welcome.message, welcome);
  auto joined = Group::join(welcome, joiner.key_package, std::move(joiner.keys), std::nullopt, member_config);
  ASSERT_TRUE(is_ok(joined));
  const Bytes& group_info_hash = joined->context().tree_hash;
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, annotated->welcome.sender_membership_proof, group_info_hash)));
  EXPECT_TRUE(is_ok(verify_membership_proof(suite, annotated->joiner_membership_proof, group_info_hash)));
  EXPECT_EQ(annotated->joiner_membership_proof.leaf_index, joined->own_leaf().value);
  EXPECT_EQ(proven_leaf(annotated->joiner_membership_proof)->signature_key,
            joiner.key_package.leaf_node.signature_key);
  EXPECT_EQ(annotated->welcome.sender_membership_proof.leaf_index, committer.value);
}

// annotate_welcome() for a blank or outside sender or joiner.
TEST_F(AnnotateTest, WelcomeRefusesBlankLeaves) {
  const auto output = annotated_commit({key_package("j1").key_package});
  const auto& welcome = *output.welcome->body.get_if<Welcome>();
  const RatchetTree& after = at(committer).tree();
  const LeafIndex outside{after.leaf_count().value()};
  EXPECT_TRUE(fails_with(annotate_welcome(after, welcome, LeafIndex{17}, LeafIndex{13}), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(annotate_welcome(after, welcome, committer, LeafIndex{17}), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(annotate_welcome(after, welcome, outside, LeafIndex{13}), Errc::invalid_sender));
  EXPECT_TRUE(fails_with(annotate_welcome(after, welcome, committer, outside), Errc::invalid_sender));
}

// PublicGroup::follow() refuses what it cannot annotate (a PrivateMessage
// Commit, a proposal) and stays in its epoch with its tree.
TEST_F(AnnotateTest, FollowRefusesPrivateCommitsAndProposals) {
  const auto epoch = server->context().epoch;
  const Bytes hash = server->tree().tree_hash();
  auto proposal = at(LeafIndex{18}).propose(Proposal{Remove{3}});
  ASSERT_TRUE(is_ok(proposal));
  EXPECT_TRUE(fails_with(server->follow(*proposal), Errc::content_not_allowed));
  at(LeafIndex{18}).discard_pending_commit();
  auto output = at(committer).commit({.include_received = false, .force_path = true, .encrypt = true}, random);
  ASSERT_TRUE(is_ok(output));
  EXPECT_TRUE(fails_with(server->follow(output->commit), Errc::content_not_allowed));
  EXPECT_EQ(server->context().epoch, epoch);
  EXPECT_EQ(server->tree().tree_hash(), hash);
}

// PublicGroup::follow() of a Commit that fails process() (another epoch's)
// fails as process() does and changes nothing.
TEST_F(AnnotateTest, FollowFailsAsProcessDoes) {
  const auto output = annotated_commit({key_package("j1").key_package});
  ASSERT_TRUE(is_ok(server->follow(output.commit)));
  const Bytes hash = server->tree().tree_hash();
  EXPECT_TRUE(fails_with(server->follow(output.commit), Errc::wrong_epoch));
  EXPECT_EQ(server->tree().tree_hash(), hash);
}

// PublicGroup::follow(commit, next) checks the GroupInfo as process() does:
// another epoch's fails and changes nothing; the new epoch's gives the same
// annotation as the committer's.
TEST_F(AnnotateTest, FollowWithGroupInfoChecksIt) {
  const auto stale = members[0].group_info(false);
  ASSERT_TRUE(is_ok(stale));
  auto output = at(committer).commit({.proposals = removing({13}), .include_received = false, .group_info = true,
                                      .annotate = true},
                                     random);
  ASSERT_TRUE(is_ok(output));
  const auto epoch = server->context().epoch;
  EXPECT_TRUE(fails_with(server->follow(output->commit, *stale->body.get_if<GroupInfo>()), Errc::wrong_epoch));
  EXPECT_EQ(server->context().epoch, epoch);
  auto followed = server->follow(output->commit, *output->group_info->body.get_if<GroupInfo>());
  ASSERT_TRUE(is_ok(followed));
  EXPECT_EQ(followed->annotation.sender_before, output->annotation->sender_before);
  EXPECT_EQ(followed->applied.removed, std::vector<LeafIndex>{LeafIndex{13}});
}

// draft "Annotated Commit": a new member's Commit has no sender proof
// ("otherwise MUST be absent"); the server annotates it from the joiner's
// placed leaf, with its path's resolution index.
TEST_F(AnnotateTest, ServerAnnotatesAnExternalCommitWithoutSenderProof) {
  const auto info = members[0].group_info(true);
  ASSERT_TRUE(is_ok(info));
  auto joined = Group::join_external(*info->body.get_if<GroupInfo>(), key_package("x1"), std::nullopt, member_config,
                                     random);
  ASSERT_TRUE(is_ok(joined));
  auto followed = server->follow(joined->commit);
  ASSERT_TRUE(is_ok(followed));
  const LeafIndex joiner = joined->group.own_leaf();
  EXPECT_FALSE(followed->annotation.sender_before);
  EXPECT_EQ(followed->annotation.committer, joiner);
  EXPECT_TRUE(followed->annotation.has_path);
  EXPECT_TRUE(followed->annotation.added.empty());
  const LeafIndex receiver{5};  // an unmerged leaf of the nodes above it
  auto annotated = annotate_commit(server->tree(), followed->annotation, receiver);
  ASSERT_TRUE(is_ok(annotated));
  EXPECT_FALSE(annotated->sender_membership_proof);
  EXPECT_EQ(annotated->sender_membership_proof_after.leaf_index, joiner.value);
  EXPECT_EQ(annotated->resolution_index, expected_index(server->tree(), joiner, receiver, {}));
}

}  // namespace
}  // namespace conclave::mls
