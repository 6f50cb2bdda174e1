#pragma once

/// @file
/// draft-ietf-mls-partial, "Membership Proofs and Partial Trees": a tree
/// slice that proves a leaf node sits at a leaf index of the ratchet tree
/// with a given tree hash (RFC 9420 section 7.8), without the rest of the
/// tree. Verifying one costs one hash per level; building one from a full
/// tree reads the tree's cached subtree hashes.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

/// draft-ietf-mls-partial: CopathHash, the tree hash of one copath node.
struct CopathHash {
  Bytes hash_value;  ///< The subtree's tree hash (RFC 9420 section 7.8), Nh bytes.
  CONCLAVE_FIELDS(hash_value)
  /// Memberwise equality.
  friend bool operator==(const CopathHash&, const CopathHash&) = default;
};

/// draft-ietf-mls-partial: MembershipProof, a leaf's node and the nodes of
/// its direct path (leaf first, root last; blank ones absent) with the tree
/// hashes of its copath (bottom up), from which the root tree hash follows.
struct MembershipProof {
  std::uint32_t leaf_index = 0;  ///< The proven leaf's index.
  std::uint32_t n_leaves = 0;    ///< The tree's leaf positions, a power of two.
  /// The leaf node, then each node of its direct path up to the root.
  std::vector<std::optional<Node>> direct_path_nodes;
  /// The tree hash of each copath node, bottom up.
  std::vector<CopathHash> copath_hashes;
  CONCLAVE_FIELDS(leaf_index, n_leaves, direct_path_nodes, copath_hashes)
  /// Memberwise equality.
  friend bool operator==(const MembershipProof&, const MembershipProof&) = default;
};

/// The root tree hash a membership proof gives (RFC 9420 section 7.8 along
/// the proof's slice), once its shape is checked: `n_leaves` a power of two
/// from 1 to 2^31, `leaf_index` below it, one node per level (the first a
/// LeafNode, the others absent or ParentNodes) and one Nh-byte hash per
/// copath node. Time and memory linear in the proof's size.
/// @errors `Errc::membership_proof_invalid` for a proof of another shape.
Result<Bytes> proof_tree_hash(const CipherSuite& suite, const MembershipProof& proof);

/// Whether `proof` is valid relative to `tree_hash`: its root tree hash
/// (proof_tree_hash()) is `tree_hash`, compared in constant time.
/// @errors `Errc::membership_proof_invalid` for a malformed proof or
/// another tree hash.
Status verify_membership_proof(const CipherSuite& suite, const MembershipProof& proof,
                               BytesView tree_hash);

/// Whether two proofs reference the same tree: equal `n_leaves` and equal
/// root tree hashes.
/// @return The tree hash both give.
/// @errors `Errc::membership_proof_invalid` for a malformed proof, or two
/// proofs of different trees.
Result<Bytes> same_tree(const CipherSuite& suite, const MembershipProof& first,
                        const MembershipProof& second);

/// The leaf node a proof proves (its first node); null when the proof has
/// no leaf node there. Only meaningful once the proof is verified.
const LeafNode* proven_leaf(const MembershipProof& proof);

/// A membership proof for a member's leaf in a full tree (the annotating
/// side: a committer or a server that follows the tree). O(log n) with the
/// tree's hash cache warm.
/// @errors `Errc::invalid_sender` when `leaf` is blank or outside the tree.
Result<MembershipProof> make_membership_proof(const RatchetTree& tree, LeafIndex leaf);

}  // namespace conclave::mls
