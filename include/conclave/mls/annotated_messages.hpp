#pragma once

/// @file
/// draft-ietf-mls-partial: the messages a partial client receives (a
/// message with a proof of its sender, an AnnotatedWelcome, an
/// AnnotatedCommit) and how a party that holds the full ratchet tree (a
/// committer, or a server following the group) annotates them. These
/// structures travel outside MLS's signed framing: everything in them is
/// checked by the partial client against tree hashes the key schedule
/// authenticates.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::mls {

/// draft-ietf-mls-partial, "Sender-Authenticated Messages":
/// SenderAuthenticatedMessage<T>, a signed message (a Welcome, GroupInfo,
/// PublicMessage or PrivateMessage, without MLSMessage framing) with a
/// membership proof of its sender.
/// @tparam T The message type.
template <class T>
struct SenderAuthenticatedMessage {
  T message;                                ///< The message.
  MembershipProof sender_membership_proof;  ///< Its sender's leaf, proven.
  CONCLAVE_FIELDS(message, sender_membership_proof)
  /// Memberwise equality.
  friend bool operator==(const SenderAuthenticatedMessage&, const SenderAuthenticatedMessage&) = default;
};

/// draft-ietf-mls-partial, "Joining via Annotated Welcome": a Welcome with
/// proofs of its sender and of the joiner in the tree it names.
struct AnnotatedWelcome {
  SenderAuthenticatedMessage<Welcome> welcome;  ///< The Welcome and its sender's proof.
  MembershipProof joiner_membership_proof;      ///< The recipient's leaf, proven.
  CONCLAVE_FIELDS(welcome, joiner_membership_proof)
  /// Memberwise equality.
  friend bool operator==(const AnnotatedWelcome&, const AnnotatedWelcome&) = default;
};

/// draft-ietf-mls-partial, "Annotated Commit": a Commit with what one
/// partial recipient needs to process it.
struct AnnotatedCommit {
  MlsMessage commit;  ///< A PublicMessage or PrivateMessage of content type commit.
  /// The committer's leaf in the tree before the Commit; present exactly
  /// for a member sender.
  std::optional<MembershipProof> sender_membership_proof;
  Bytes tree_hash_after;  ///< The tree hash once the Commit is applied.
  /// Which HPKECiphertext of the recipient's UpdatePathNode to decrypt;
  /// present exactly when the Commit has a path.
  std::optional<std::uint32_t> resolution_index;
  MembershipProof sender_membership_proof_after;    ///< The committer, in the tree after.
  MembershipProof receiver_membership_proof_after;  ///< The recipient, in the tree after.
  CONCLAVE_FIELDS(commit, sender_membership_proof, tree_hash_after, resolution_index,
                  sender_membership_proof_after, receiver_membership_proof_after)
  /// Memberwise equality.
  friend bool operator==(const AnnotatedCommit&, const AnnotatedCommit&) = default;
};

/// An AnnotatedWelcome for one joiner, from the tree the Welcome names
/// (the tree after the Commit that added the joiner).
/// @param tree The tree of the Welcome's epoch.
/// @param welcome The Welcome.
/// @param sender The leaf that signed the Welcome's GroupInfo.
/// @param joiner The joiner's leaf.
/// @errors `Errc::invalid_sender` when `sender` or `joiner` is blank or
/// outside the tree.
Result<AnnotatedWelcome> annotate_welcome(const RatchetTree& tree, Welcome welcome, LeafIndex sender,
                                          LeafIndex joiner);

/// What an annotating party knows of one Commit once it is applied, shared
/// by the annotations of every recipient. Group::commit() gives it to a
/// committer (CommitOptions::annotate) and PublicGroup::follow() to a
/// server that follows the group.
struct CommitAnnotationInput {
  /// The Commit as sent.
  MlsMessage commit;
  /// make_membership_proof() of a member committer in the tree before the
  /// Commit (taken before applying it); unset for a new_member_commit.
  std::optional<MembershipProof> sender_before;
  /// The committer's leaf in the tree after.
  LeafIndex committer;
  /// The leaves the Commit's Add proposals filled (their members join by
  /// Welcome, and the path was encrypted to none of them).
  std::vector<LeafIndex> added;
  /// Whether the Commit carries an UpdatePath.
  bool has_path = false;
};

/// An AnnotatedCommit for one recipient (a member before and after the
/// Commit, not the committer), from the tree after the Commit. The
/// resolution index is the position, in the resolution of the copath child
/// of the committer's and recipient's lowest common ancestor less the added
/// leaves (RFC 9420 sections 4.1.1 and 12.4.1), of the entry whose private
/// key the recipient holds: its lowest non-blank ancestor-or-self there, or
/// its own leaf when it is an unmerged leaf of that node. The subtree under
/// that copath child is as the committer encrypted to it (the path's merge
/// changes only the committer's direct path). O(log n) with the tree's
/// hash cache warm, plus the resolution entries left of the recipient's
/// under blank nodes.
/// @param after The tree with the Commit applied.
/// @param input The Commit and what is shared by all recipients.
/// @param receiver The recipient's leaf.
/// @errors `Errc::invalid_sender` when `receiver` or the committer is blank
/// or outside the tree, or `receiver` is the committer or an added leaf.
Result<AnnotatedCommit> annotate_commit(const RatchetTree& after, const CommitAnnotationInput& input,
                                        LeafIndex receiver);

}  // namespace conclave::mls
