// draft-ietf-mls-partial, "Joining via Annotated Welcome" and "Annotated
// Commit": the annotating side, which holds the full ratchet tree.

#include "conclave/mls/annotated_messages.hpp"

#include <algorithm>

namespace conclave::mls {
namespace {

bool is_added(const CommitAnnotationInput& input, LeafIndex leaf) {
  return std::find(input.added.begin(), input.added.end(), leaf) != input.added.end();
}

// A non-blank parent's unmerged leaves less the added ones.
std::vector<std::uint32_t> unmerged_not_added(const RatchetTree& tree, const CommitAnnotationInput& input,
                                              NodeIndex node) {
  auto unmerged = tree.unmerged_leaves(node);
  unmerged.erase(std::remove_if(unmerged.begin(), unmerged.end(),
                                [&input](std::uint32_t leaf) { return is_added(input, LeafIndex{leaf}); }),
                 unmerged.end());
  return unmerged;
}

// RFC 9420 section 12.4.1: the committer encrypts to the resolution
// (section 4.1.1) of each copath node less the added leaves. The number of
// entries of that list for `node`.
std::size_t resolution_size(const RatchetTree& tree, const CommitAnnotationInput& input, NodeIndex node) {
  if (const auto leaf = tree_math::leaf_of(node)) return tree.is_member(*leaf) && !is_added(input, *leaf) ? 1 : 0;
  if (!tree.is_blank(node)) return 1 + unmerged_not_added(tree, input, node).size();
  return resolution_size(tree, input, *tree_math::left(node)) +
         resolution_size(tree, input, *tree_math::right(node));
}

// The position, in the list resolution_size() counts for `top`, of the
// entry whose private key `receiver` holds: going down from `top`, the
// first non-blank node, or the receiver's own leaf when it is unmerged
// there. Counts only the entries to its left, so a tree whose parents are
// set costs O(log n).
std::uint32_t covering_position(const RatchetTree& tree, const CommitAnnotationInput& input, NodeIndex top,
                                LeafIndex receiver) {
  const NodeIndex target = tree_math::node_of(receiver);
  std::size_t before = 0;
  NodeIndex node = top;
  while (tree.is_blank(node)) {
    const NodeIndex left = *tree_math::left(node);
    if (target < node) {
      node = left;
    } else {
      before += resolution_size(tree, input, left);
      node = *tree_math::right(node);
    }
  }
  if (node != target) {
    const auto unmerged = unmerged_not_added(tree, input, node);
    const auto found = std::find(unmerged.begin(), unmerged.end(), receiver.value);
    if (found != unmerged.end()) before += 1 + static_cast<std::size_t>(found - unmerged.begin());
  }
  return static_cast<std::uint32_t>(before);
}

}  // namespace

Result<AnnotatedWelcome> annotate_welcome(const RatchetTree& tree, Welcome welcome, LeafIndex sender,
                                          LeafIndex joiner) {
  auto sender_proof = make_membership_proof(tree, sender);
  if (!sender_proof) return sender_proof.error();
  auto joiner_proof = make_membership_proof(tree, joiner);
  if (!joiner_proof) return joiner_proof.error();
  return AnnotatedWelcome{{std::move(welcome), std::move(*sender_proof)}, std::move(*joiner_proof)};
}

Result<AnnotatedCommit> annotate_commit(const RatchetTree& after, const CommitAnnotationInput& input,
                                        LeafIndex receiver) {
  // draft-ietf-mls-partial, "Annotated Commit": the receiver is a member
  // before and after the Commit, which neither the committer nor a joiner
  // is.
  if (receiver == input.committer || is_added(input, receiver)) return Errc::invalid_sender;
  auto sender_after = make_membership_proof(after, input.committer);
  if (!sender_after) return sender_after.error();
  auto receiver_after = make_membership_proof(after, receiver);
  if (!receiver_after) return receiver_after.error();
  AnnotatedCommit out{input.commit,      input.sender_before,      after.tree_hash(), std::nullopt,
                      std::move(*sender_after), std::move(*receiver_after)};
  // The resolution index is present exactly when the Commit has a path: the
  // receiver's entry under the copath child of its lowest common ancestor
  // with the committer.
  if (input.has_path) {
    const NodeIndex committer = tree_math::node_of(input.committer);
    const NodeIndex ancestor = tree_math::common_ancestor(committer, tree_math::node_of(receiver));
    out.resolution_index =
        covering_position(after, input, tree_math::child_away_from(ancestor, committer), receiver);
  }
  return out;
}

}  // namespace conclave::mls
