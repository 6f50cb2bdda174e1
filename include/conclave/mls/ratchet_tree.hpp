#pragma once

/// @file
/// RFC 9420 sections 4 and 7: the public ratchet tree, held as a flat array in
/// the node order of appendix C, each node as its wire encoding (one
/// allocation a node; fields are read in place or decoded on demand). Tree
/// hashes are cached per node and invalidated only along the paths that
/// change; signature and encryption keys are indexed, so the uniqueness checks
/// of section 7.3 are O(1).

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

/// The public ratchet tree of a group (RFC 9420 sections 4 and 7): its
/// nodes, their tree hashes, and indexes of their keys and capabilities.
/// Every change keeps encryption keys unique across the tree and signature
/// keys across its leaves (section 7.3), and a change that fails changes
/// nothing. Const calls may fill the tree hash cache, so one tree must not
/// be used from several threads at once.
class RatchetTree {
 public:
  /// A tree of one leaf: a group's creator. The leaf is stored as given,
  /// without validation.
  RatchetTree(const CipherSuite& suite, LeafNode creator);

  /// Section 12.4.3.3: a tree from the ratchet_tree extension's node list.
  /// Checks the structure only: the last node is non-blank, leaves and parents
  /// sit at their positions, unmerged leaves are non-blank leaves below their
  /// parent, and no encryption or signature key appears twice. Signatures and
  /// parent hashes are verify_leaf_signatures() and verify_parent_hashes().
  /// @errors `Errc::invalid_tree` when the list is empty, of even length,
  /// longer than 2^31 nodes, or ends in a blank node; when a leaf sits at a
  /// parent's position or a parent at a leaf's; or when an unmerged_leaves
  /// list is unsorted, repeats a leaf, or names a leaf that is blank, not
  /// below the node, or not unmerged at every non-blank node in between.
  /// `Errc::duplicate_key` when an encryption key appears at two nodes or a
  /// signature key at two leaves.
  /// Time and memory are linear in the tree's size.
  static Result<RatchetTree> from_nodes(const CipherSuite& suite, const RatchetTreeNodes& nodes);
  /// Section 12.4.3.3: the same tree, straight from the ratchet_tree
  /// extension's data (the encoding of a RatchetTreeNodes): each node is
  /// decoded once to check it and kept as its encoding, and a blank node
  /// costs no allocation, so a tree takes about its encoded size plus 70
  /// bytes a node (the memory a RatchetTreeNodes would take is some 300
  /// bytes a node). The same checks as from_nodes().
  /// @param suite the group's cipher suite, which the tree's hashes use.
  /// @param encoded the extension's data.
  /// @param limits bounds for decoding: Limits::max_tree_nodes caps the
  /// nodes, and each node is decoded within its own memory budget.
  /// @errors the errors of from_nodes(); `Errc::decode_limit` for more than
  /// Limits::max_tree_nodes nodes or a node beyond the memory budget;
  /// `Errc::trailing_data` when bytes follow the list; and the errors of
  /// `codec::decode<RatchetTreeNodes>` for a list that does not decode
  /// (`Errc::truncated`, `Errc::length_limit`, `Errc::invalid_value`,
  /// `Errc::unknown_variant`, ...).
  static Result<RatchetTree> from_encoded(const CipherSuite& suite, BytesView encoded,
                                          codec::Limits limits = {});
  /// The node list with trailing blank nodes removed (section 12.4.3.3).
  RatchetTreeNodes to_nodes() const;
  /// The same list in its wire encoding (the ratchet_tree extension's data),
  /// written from the stored encodings without decoding them.
  Bytes encoded_nodes() const;

  /// The tree's cipher suite, which its hashes use.
  const CipherSuite& suite() const noexcept { return suite_; }
  /// The number of leaf positions, a power of two, blank leaves included.
  LeafCount leaf_count() const noexcept { return leaves_; }
  /// The number of non-blank leaves: the group's size.
  std::uint32_t member_count() const noexcept { return members_; }

  /// Whether `node` is blank; nodes outside the tree count as blank.
  bool is_blank(NodeIndex node) const;
  /// The leaf is in the tree and not blank.
  bool is_member(LeafIndex leaf) const;
  /// A leaf's contents, decoded from the tree's encoding; nullopt when the
  /// leaf is blank or outside the tree.
  std::optional<LeafNode> leaf(LeafIndex leaf) const;
  /// A parent node's contents, decoded from the tree's encoding; nullopt
  /// when the node is blank, outside the tree, or a leaf.
  std::optional<ParentNode> parent(NodeIndex node) const;
  /// A node's encryption key, read in place without decoding; empty when the
  /// node is blank or outside the tree. The view is valid until the node
  /// changes.
  BytesView encryption_key(NodeIndex node) const;
  /// A leaf's signature key, read in place without decoding; empty when the
  /// leaf is blank or outside the tree. The view is valid until the leaf
  /// changes.
  BytesView signature_key(LeafIndex leaf) const;
  /// A parent node's unmerged leaves, read in place without decoding; empty
  /// for a leaf, a blank node, or a node outside the tree.
  std::vector<std::uint32_t> unmerged_leaves(NodeIndex node) const;

  /// Section 4.1.1: the resolution of `node`, the non-blank nodes that cover
  /// its subtree: the node and its unmerged leaves when it is non-blank,
  /// otherwise its children's resolutions, left to right. Empty for a node
  /// outside the tree.
  std::vector<NodeIndex> resolution(NodeIndex node) const;
  /// Section 4.1.2: the direct path less the nodes whose copath child has an
  /// empty resolution, bottom up.
  std::vector<NodeIndex> filtered_direct_path(LeafIndex leaf) const;

  /// Section 7.8: the tree hash of the root.
  Bytes tree_hash() const;
  /// Section 7.8: the tree hash of the subtree at `node`, which must be
  /// inside the tree.
  Bytes tree_hash(NodeIndex node) const;

  /// Section 7.9: the parent hash that `parent`'s child on the other side of
  /// `copath_child` carries: Hash(ParentHashInput) with the tree hash of
  /// copath_child taken without parent's unmerged leaves.
  /// @param parent a non-blank parent node.
  /// @param copath_child the child of `parent` whose tree hash is the
  /// original sibling tree hash.
  /// @return the hash, or empty when `parent` is a leaf or blank.
  Bytes parent_hash(NodeIndex parent, NodeIndex copath_child) const;

  /// Section 7.9.2: every non-blank parent node is parent-hash valid with
  /// respect to exactly one descendant.
  /// @errors `Errc::parent_hash_invalid` when a non-blank parent node is
  /// parent-hash valid with respect to no descendant, or to one on each side.
  Status verify_parent_hashes() const;
  /// Section 7.3: every leaf's signature over its LeafNodeTBS. With threads
  /// above one the leaves are split across that many threads.
  /// @param group_id the group's ID, which update and commit leaves sign.
  /// @param threads how many threads to verify with (0 counts as 1; at most
  /// one per leaf position is used).
  /// @errors the errors of CipherSuite::verify_with_label() for a leaf whose
  /// signature fails (`Errc::signature_invalid`, `Errc::invalid_public_key`
  /// or `Errc::internal`).
  Status verify_leaf_signatures(BytesView group_id, unsigned threads = 1) const;

  /// Section 7.7: the leftmost blank leaf, extending the tree when there is
  /// none; the leaf becomes unmerged at every non-blank parent above it.
  /// Fails with duplicate_key, changing nothing, when a key is in use. The
  /// leaf is not otherwise validated (see validate_leaf_node()).
  /// @return the index of the new member's leaf.
  /// @errors `Errc::duplicate_key` when the leaf's encryption key is at any
  /// node or its signature key at any leaf.
  Result<LeafIndex> add_leaf(LeafNode leaf);
  /// Section 12.1.2: a new leaf node for a member; its direct path is blanked.
  /// @errors `Errc::invalid_sender` when `leaf` is blank or outside the tree;
  /// `Errc::duplicate_key` when the new encryption key is at another node or
  /// the signature key at another leaf.
  Status update_leaf(LeafIndex leaf, LeafNode node);
  /// Section 12.1.3: blanks the leaf and its direct path, then truncates
  /// (section 7.7).
  /// @errors `Errc::invalid_sender` when `leaf` is blank or outside the tree.
  Status remove_leaf(LeafIndex leaf);
  /// The parent hashes of a path, as path_parent_hashes() computes them.
  struct PathParentHashes {
    Bytes leaf;                ///< The one the sender's new leaf carries.
    std::vector<Bytes> nodes;  ///< Each path node's, bottom up (the top one empty).
  };
  /// Section 7.9: the parent hashes a path would carry once the sender's
  /// filtered direct path holds `encryption_keys` (one per node, bottom up)
  /// and no unmerged leaves, computed top down without changing the tree.
  /// @errors `Errc::invalid_sender` when `sender` is blank or outside the
  /// tree; `Errc::invalid_length` when the number of keys differs from the
  /// length of its filtered direct path.
  Result<PathParentHashes> path_parent_hashes(LeafIndex sender,
                                              std::span<const Bytes> encryption_keys) const;

  /// Section 7.5 / 12.4.2, the tree side of merging an UpdatePath: the
  /// sender's filtered direct path gets the given encryption keys with no
  /// unmerged leaves and the parent hashes above, and the rest of its direct
  /// path is blanked. Returns the parent hash the sender's new leaf must
  /// carry. Fails, changing nothing, when the key count differs from the
  /// path's length or a key is already in the tree (section 12.4.2).
  /// @errors `Errc::invalid_sender` when `sender` is blank or outside the
  /// tree; `Errc::invalid_length` when the number of keys differs from the
  /// length of its filtered direct path; `Errc::duplicate_key` when a key is
  /// already at a node of the tree or appears twice among `encryption_keys`.
  Result<Bytes> merge_path_keys(LeafIndex sender, std::span<const Bytes> encryption_keys);
  /// Replaces a member's leaf node and nothing else (a committer's new leaf,
  /// after merge_path_keys).
  /// @errors `Errc::invalid_sender` when `leaf` is blank or outside the tree;
  /// `Errc::duplicate_key` when the new encryption key is at another node or
  /// the signature key at another leaf.
  Status replace_leaf(LeafIndex leaf, LeafNode node);

  /// Starts staging, for a commit that must apply atomically (section
  /// 12.4.2): after begin_staging(), every change is journaled until
  /// keep_staged() accepts them or discard_staged() undoes them, in reverse,
  /// in time proportional to the changes (no copy of the tree). Calling it
  /// while staging starts a new journal, so earlier changes can no longer be
  /// undone.
  void begin_staging();
  /// Ends staging, keeping every change made since begin_staging().
  void keep_staged();
  /// Ends staging, undoing every change made since begin_staging(); does
  /// nothing when not staging.
  void discard_staged();

  /// A node's stored encoding (its LeafNode or ParentNode, without the
  /// node type), empty for a blank node or one outside the tree.
  BytesView node_encoding(NodeIndex node) const;

  /// Starts recording which nodes change, for storage that writes only
  /// what changed; nothing is recorded before.
  void record_changes();
  /// The nodes written since record_changes() or forget_changes(), in
  /// ascending order, each once (blank ones, and ones now outside the tree,
  /// included: their stored records go).
  std::vector<NodeIndex> changed_nodes() const;
  /// Starts the record of changes again, empty.
  void forget_changes();
  /// Applies changes staged by this member's own Commit and kept by
  /// storage (see changed_nodes()) to the tree they were staged on:
  /// the tree takes `leaves` leaf positions and each node its stored
  /// encoding (empty: blank), journaled as after begin_staging(), so that
  /// discard_staged() undoes them. The encodings are not checked here: the
  /// caller checks the tree they make (from_encoded()) first.
  /// @param leaves The staged tree's leaf count.
  /// @param nodes Each changed node and its staged encoding.
  void restore_staged(LeafCount leaves, const std::vector<std::pair<NodeIndex, Bytes>>& nodes);
  /// A leaf that staged changes touched, with its signature key before them.
  struct LeafSigner {
    LeafIndex leaf;                       ///< The leaf.
    std::optional<Bytes> signature_key;  ///< Its key before; nullopt when it was blank or absent.
  };
  /// The leaves changed since begin_staging() (added, updated, removed,
  /// given a new path leaf), in leaf order, each once with its signature key
  /// as it was before staging: what a member keeps to verify a past epoch's
  /// late messages (RFC 9420 section 14). Empty when not staging. Time
  /// proportional to the changes, not to the tree.
  std::vector<LeafSigner> staged_leaf_signers() const;

  /// Section 7.3 uniqueness index: the leaf whose signature key is `key`, if
  /// any.
  std::optional<LeafIndex> leaf_with_signature_key(BytesView key) const;
  /// Section 7.3 uniqueness index: the node, leaf or parent, whose
  /// encryption key is `key`, if any.
  std::optional<NodeIndex> node_with_encryption_key(BytesView key) const;

  /// Section 7.3 capability index: how many members use a credential type.
  std::uint32_t members_using(CredentialType type) const;
  /// Section 7.3 capability index: how many members list a credential type
  /// in their capabilities.
  std::uint32_t members_supporting(CredentialType type) const;
  /// Section 7.3 capability index: how many members list an extension type
  /// in their capabilities.
  std::uint32_t members_supporting(ExtensionType type) const;
  /// The credential types some member uses, in no particular order.
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
  // from_nodes() and from_encoded() once each node is encoded (empty when
  // blank) and checked to sit at a position of its kind.
  static Result<RatchetTree> from_encodings(const CipherSuite& suite, std::vector<Bytes> encodings);

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
  // The nodes written since the last take_changed_nodes(), once
  // record_changes() has started the record.
  std::optional<std::vector<std::uint32_t>> changed_;
  NodeKeyIndex signature_keys_;   // by leaf index
  NodeKeyIndex encryption_keys_;  // by node index
  std::unordered_map<std::uint16_t, std::uint32_t> credentials_used_;
  std::unordered_map<std::uint16_t, std::uint32_t> credentials_supported_;
  std::unordered_map<std::uint16_t, std::uint32_t> extensions_supported_;
};

/// Section 12.4.3.3: the ratchet_tree extension's data for nodes given as
/// their encodings (a LeafNode's or ParentNode's, as
/// RatchetTree::node_encoding() gives them; empty for a blank node), by
/// node index; trailing blank nodes are left out.
/// @param encodings Each node's encoding, by node index.
Bytes encode_node_list(std::span<const Bytes> encodings);

/// Section 7.2: LeafNodeTBS, the bytes a leaf's signature covers. Leaves from
/// updates and commits bind the group and their position.
/// @param leaf the leaf, whose `signature` field is ignored.
/// @param group_id the group's ID, used for update and commit leaves only.
/// @param index the leaf's position, used for update and commit leaves only.
Bytes leaf_node_tbs(const LeafNode& leaf, BytesView group_id, LeafIndex index);

}  // namespace conclave::mls
