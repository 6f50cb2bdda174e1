#pragma once

// RFC 9420 sections 4 and 7: the public ratchet tree, held as a flat array in
// the node order of appendix C, each node as its wire encoding (one
// allocation a node; fields are read in place or decoded on demand). Tree
// hashes are cached per node and invalidated only along the paths that
// change; signature and encryption keys are indexed, so the uniqueness checks
// of section 7.3 are O(1).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/node_key_index.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

class RatchetTree {
 public:
  // A tree of one leaf: a group's creator.
  RatchetTree(const CipherSuite& suite, LeafNode creator);

  // Section 12.4.3.3: a tree from the ratchet_tree extension's node list.
  // Checks the structure only: the last node is non-blank, leaves and parents
  // sit at their positions, unmerged leaves are non-blank leaves below their
  // parent, and no encryption or signature key appears twice. Signatures and
  // parent hashes are verify_leaf_signatures() and verify_parent_hashes().
  static Result<RatchetTree> from_nodes(const CipherSuite& suite, const RatchetTreeNodes& nodes);
  // The node list with trailing blank nodes removed (section 12.4.3.3).
  RatchetTreeNodes to_nodes() const;
  // The same list in its wire encoding (the ratchet_tree extension's data),
  // written from the stored encodings without decoding them.
  Bytes encoded_nodes() const;

  const CipherSuite& suite() const noexcept { return suite_; }
  LeafCount leaf_count() const noexcept { return leaves_; }
  std::uint32_t member_count() const noexcept { return members_; }

  bool is_blank(NodeIndex node) const;
  // The leaf is in the tree and not blank.
  bool is_member(LeafIndex leaf) const;
  // A node's contents, decoded from the tree's encoding; nullopt when the
  // node is blank.
  std::optional<LeafNode> leaf(LeafIndex leaf) const;
  std::optional<ParentNode> parent(NodeIndex node) const;
  // Fields read in place, without decoding; empty when the node is blank.
  BytesView encryption_key(NodeIndex node) const;
  BytesView signature_key(LeafIndex leaf) const;
  std::vector<std::uint32_t> unmerged_leaves(NodeIndex node) const;

  // Section 4.1.1.
  std::vector<NodeIndex> resolution(NodeIndex node) const;
  // Section 4.1.2: the direct path less the nodes whose copath child has an
  // empty resolution.
  std::vector<NodeIndex> filtered_direct_path(LeafIndex leaf) const;

  // Section 7.8: the tree hash of the root, or of any node.
  Bytes tree_hash() const;
  Bytes tree_hash(NodeIndex node) const;

  // Section 7.9: the parent hash that `parent`'s child on the other side of
  // `copath_child` carries: Hash(ParentHashInput) with the tree hash of
  // copath_child taken without parent's unmerged leaves.
  Bytes parent_hash(NodeIndex parent, NodeIndex copath_child) const;

  // Section 7.9.2: every non-blank parent node is parent-hash valid with
  // respect to exactly one descendant.
  Status verify_parent_hashes() const;
  // Section 7.3: every leaf's signature over its LeafNodeTBS. With threads
  // above one the leaves are split across that many threads.
  Status verify_leaf_signatures(BytesView group_id, unsigned threads = 1) const;

  // Section 7.8: the leftmost blank leaf, extending the tree when there is
  // none; the leaf becomes unmerged at every non-blank parent above it.
  // Fails with duplicate_key, changing nothing, when a key is in use.
  Result<LeafIndex> add_leaf(LeafNode leaf);
  // Section 12.1.2: a new leaf node for a member; its direct path is blanked.
  Status update_leaf(LeafIndex leaf, LeafNode node);
  // Section 12.1.3: blanks the leaf and its direct path, then truncates.
  Status remove_leaf(LeafIndex leaf);
  // Section 7.9: the parent hashes a path would carry once the sender's
  // filtered direct path holds `encryption_keys` (one per node, bottom up)
  // and no unmerged leaves, computed top down without changing the tree.
  struct PathParentHashes {
    Bytes leaf;                // the sender's new leaf's
    std::vector<Bytes> nodes;  // each path node's, bottom up (the top one empty)
  };
  Result<PathParentHashes> path_parent_hashes(LeafIndex sender,
                                              std::span<const Bytes> encryption_keys) const;

  // Section 7.5 / 12.4.2, the tree side of merging an UpdatePath: the
  // sender's filtered direct path gets the given encryption keys with no
  // unmerged leaves and the parent hashes above, and the rest of its direct
  // path is blanked. Returns the parent hash the sender's new leaf must
  // carry. Fails, changing nothing, when the key count differs from the
  // path's length or a key is already in the tree (section 12.4.2).
  Result<Bytes> merge_path_keys(LeafIndex sender, std::span<const Bytes> encryption_keys);
  // Replaces a member's leaf node and nothing else (a committer's new leaf,
  // after merge_path_keys).
  Status replace_leaf(LeafIndex leaf, LeafNode node);

  // Staging, for a commit that must apply atomically (section 12.4.2):
  // after begin_staging(), every change is journaled until keep_staged()
  // accepts them or discard_staged() undoes them, in reverse, in time
  // proportional to the changes (no copy of the tree).
  void begin_staging();
  void keep_staged();
  void discard_staged();

  // Section 7.3 uniqueness indexes.
  std::optional<LeafIndex> leaf_with_signature_key(BytesView key) const;
  std::optional<NodeIndex> node_with_encryption_key(BytesView key) const;

  // Section 7.3 capability indexes: how many members use a credential type,
  // and how many list a credential or extension type in their capabilities.
  std::uint32_t members_using(CredentialType type) const;
  std::uint32_t members_supporting(CredentialType type) const;
  std::uint32_t members_supporting(ExtensionType type) const;
  // The credential types some member uses.
  std::vector<CredentialType> credential_types_in_use() const;

 private:
  // Per node: how many non-blank nodes, and non-blank leaves, its subtree
  // holds; kept along every change so emptiness and the leftmost blank leaf
  // are found in O(log n).
  struct Occupancy {
    std::uint32_t nodes = 0;
    std::uint32_t leaves = 0;
  };

  // One journaled change: a node's previous encoding, or a resize (from
  // `leaves_before`).
  struct Change {
    std::uint32_t node = 0;
    Bytes previous;
    std::optional<LeafCount> leaves_before;
  };

  RatchetTree(const CipherSuite& suite, LeafCount leaves);

  void set_node(NodeIndex node, Bytes encoded);
  void write_node(NodeIndex node, Bytes encoded);
  void blank_direct_path(LeafIndex leaf);
  void resize(LeafCount leaves);
  void grow();
  void shrink();
  void truncate();
  BytesView cached_tree_hash(NodeIndex node) const;
  Bytes compute_tree_hash(NodeIndex node, std::span<const std::uint32_t> excluded) const;
  void collect_resolution(NodeIndex node, std::vector<NodeIndex>& out) const;
  std::optional<Bytes> carried_parent_hash(NodeIndex node) const;
  bool parent_hash_valid_below(NodeIndex parent, NodeIndex child, NodeIndex sibling) const;
  Status check_unique(BytesView encryption_key, BytesView signature_key,
                      std::span<const NodeIndex> replacing) const;
  Status check_unmerged_leaves(NodeIndex node) const;
  void index_node(NodeIndex node, bool add);
  void index_capabilities(const LeafNode& leaf, int delta);
  std::optional<LeafIndex> leftmost_blank_leaf() const;

  CipherSuite suite_;
  LeafCount leaves_;
  std::uint32_t members_ = 0;
  // Each node as its encoded LeafNode or ParentNode (one allocation), empty
  // when blank.
  std::vector<Bytes> nodes_;
  std::vector<Occupancy> occupancy_;
  // Tree hashes, hash-size bytes per node, valid where hash_valid_ is set.
  mutable Bytes hashes_;
  mutable std::vector<bool> hash_valid_;
  std::optional<std::vector<Change>> journal_;
  NodeKeyIndex signature_keys_;   // by leaf index
  NodeKeyIndex encryption_keys_;  // by node index
  std::unordered_map<std::uint16_t, std::uint32_t> credentials_used_;
  std::unordered_map<std::uint16_t, std::uint32_t> credentials_supported_;
  std::unordered_map<std::uint16_t, std::uint32_t> extensions_supported_;
};

// Section 7.2: LeafNodeTBS, the bytes a leaf's signature covers. Leaves from
// updates and commits bind the group and their position.
Bytes leaf_node_tbs(const LeafNode& leaf, BytesView group_id, LeafIndex index);

}  // namespace conclave::mls
