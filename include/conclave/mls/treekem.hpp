#pragma once

/// @file
/// RFC 9420 sections 7.4 to 7.6, 12.4.1 and 12.4.2: TreeKEM, the committer's
/// side and the receiver's side of an UpdatePath, and a member's private view
/// of the ratchet tree.
///
/// Committer (section 12.4.1), on the tree with the proposals applied:
///
/// @code
///   auto prepared = PreparedPath::prepare(tree, me, next_leaf(*tree.leaf(me), fresh_key),
///                                         signature_private_key, group_id, random);
///   GroupContext provisional = ...;  // tree_hash = tree.tree_hash()
///   auto sent = std::move(*prepared).encrypt(tree, provisional, added_leaves, random);
/// @endcode
///
/// Receiver (section 12.4.2), on the tree with the proposals applied:
///
/// @code
///   merge_update_path(tree, sender, path);
///   GroupContext provisional = ...;  // tree_hash = tree.tree_hash()
///   auto received = my_keys.decrypt_path(tree, sender, path, provisional, added_leaves);
/// @endcode
///
/// Every function here checks everything before it changes anything, so a
/// failure leaves the tree, the private keys and the PreparedPath as they
/// were. Each costs O(log n) plus the sizes of the resolutions it walks.

#include <map>
#include <span>
#include <utility>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/dhkem.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/update_path.hpp"

namespace conclave::mls {

/// The path secrets of a committer's filtered direct path, bottom up, for the
/// Welcome it sends with the commit.
class PathSecrets {
 public:
  /// Section 12.4.3.1: the path secret a new member's GroupSecrets carry, that
  /// of the lowest path node above `joiner`; null when no node is above it.
  /// The pointer is valid while this object lives.
  const crypto::Secret* for_joiner(LeafIndex joiner) const;

 private:
  friend class PreparedPath;
  PathSecrets(std::vector<NodeIndex> nodes, std::vector<crypto::Secret> secrets)
      : nodes_(std::move(nodes)), secrets_(std::move(secrets)) {}

  std::vector<NodeIndex> nodes_;
  std::vector<crypto::Secret> secrets_;
};

/// What a receiver learns from an UpdatePath.
struct ReceivedPath {
  crypto::Secret path_secret;    ///< Of the lowest path node above the receiver.
  crypto::Secret commit_secret;  ///< Section 12.4.2: the commit secret, for the key schedule.
};

/// A member's private view of the tree: its leaf's HPKE key pair and the key
/// pairs of the nodes on its direct path that it knows. Path secrets are not
/// kept: section 7.5 requires deleting them once their key pairs are derived.
class TreePrivateKeys {
 public:
  /// A member that knows only its leaf's private key.
  /// @errors `Errc::invalid_private_key` when `leaf_private_key` is not a
  /// valid private key for the suite's KEM; `Errc::internal` if the crypto
  /// provider fails.
  static Result<TreePrivateKeys> create(const CipherSuite& suite, LeafIndex leaf,
                                        crypto::Secret leaf_private_key);

  /// A second, independent copy, for staging a commit.
  TreePrivateKeys clone() const;

  /// As stored (group state serialization): the private keys only; the
  /// public keys are derived again on restore.
  struct Stored {
    std::uint32_t leaf = 0;           ///< The member's leaf index.
    crypto::Secret leaf_private_key;  ///< The leaf's HPKE private key.
    std::vector<StoredNodeSecret> path_private_keys;  ///< The direct path's private keys, by node.
    CONCLAVE_FIELDS(leaf, leaf_private_key, path_private_keys)
  };
  /// The private keys as stored (see Stored); the result holds secrets.
  Stored store() const;
  /// The keys that store() gave, with their public keys derived again.
  /// @errors `Errc::invalid_private_key` when the leaf's or a node's private
  /// key is not a valid private key for the suite's KEM; `Errc::internal` if
  /// the crypto provider fails.
  static Result<TreePrivateKeys> restore(const CipherSuite& suite, Stored stored);

  /// The member's leaf.
  LeafIndex leaf() const noexcept { return leaf_; }
  /// The group's cipher suite.
  const CipherSuite& suite() const noexcept { return suite_; }
  /// The key pair held for the leaf or a node of its direct path, or null.
  /// The pointer is valid until the keys change.
  const crypto::KemKeyPair* key_pair(NodeIndex node) const;

  /// Section 7.4: the key pair of a node on the leaf's direct path, from the
  /// node's path secret (as a test vector or a stored state gives it).
  /// It replaces any key pair held for that node.
  /// @errors `Errc::invalid_argument` when `node` is a leaf or not above this
  /// member's leaf; `Errc::derive_key_pair_failed` or `Errc::internal` when
  /// the key pair cannot be derived.
  Status add_path_secret(NodeIndex node, BytesView path_secret);
  /// Section 12.4.3.1, a new member: the path secret from GroupSecrets is that
  /// of the lowest node of the committer's filtered direct path above this
  /// leaf. Derives the key pairs from there to the root and checks each
  /// against the tree (section 7.5).
  /// @errors `Errc::invalid_argument` when `committer` is this member or no
  /// node of its filtered direct path is above this leaf;
  /// `Errc::invalid_value` when a derived public key is not the tree's key
  /// at its node; `Errc::derive_key_pair_failed` or `Errc::internal` when a
  /// key pair cannot be derived.
  Status add_path_secret_from(const RatchetTree& tree, LeafIndex committer,
                              crypto::Secret path_secret);
  /// draft-ietf-mls-partial, a member without the tree: derives from
  /// `path_secret`, the path secret of `nodes.front()`, the key pairs of
  /// `nodes` (this leaf's non-blank direct-path nodes from there to the
  /// root, bottom up, as a membership proof gives them; section 7.4),
  /// checks each public key against `public_keys` (section 7.5), and
  /// replaces every key pair held at or above `nodes.front()` with them.
  /// @return The path secret after the last node: the commit secret
  /// (section 12.4.2).
  /// @errors `Errc::invalid_argument` when `nodes` is empty, has another
  /// size than `public_keys`, or holds a node not above this leaf;
  /// `Errc::invalid_value` when a derived public key is not the one given;
  /// `Errc::derive_key_pair_failed` or `Errc::internal` when a key pair
  /// cannot be derived.
  Result<crypto::Secret> replace_path_from(std::span<const NodeIndex> nodes, std::span<const BytesView> public_keys,
                                           crypto::Secret path_secret);
  /// draft-ietf-mls-partial: drops the key pairs of direct-path nodes that
  /// are not in `non_blank` (which a membership proof shows non-blank).
  void keep_path_nodes(std::span<const NodeIndex> non_blank);
  /// Section 12.1.2: this member's own Update was committed; its leaf's key
  /// pair becomes the one of `leaf_private_key`.
  /// @errors `Errc::invalid_private_key` when `leaf_private_key` is not a
  /// valid private key for the suite's KEM; `Errc::internal` if the crypto
  /// provider fails.
  Status replace_leaf_key(crypto::Secret leaf_private_key);
  /// Drops the key pairs of nodes that are now blank or outside the tree
  /// (after Update and Remove proposals blanked them, section 7.5).
  void forget_blank_nodes(const RatchetTree& tree);
  /// Whether every held key pair's public key, the leaf's included, is the
  /// tree's key for its node.
  bool consistent(const RatchetTree& tree) const;

  /// Section 12.4.2, after merge_update_path: decrypts the path secret of the
  /// lowest node of the sender's filtered direct path above this leaf,
  /// derives the rest of the path and the commit secret, checks the derived
  /// public keys against the path, and replaces the key pairs of the sender's
  /// direct path. `context` is the provisional GroupContext; `added` are the
  /// leaves the commit added, which the sender encrypted to no one.
  /// @param tree the tree with the proposals applied and `path` merged.
  /// @param sender the committer's leaf.
  /// @param path the commit's UpdatePath.
  /// @param context the provisional GroupContext, built on `tree`.
  /// @param added the leaves the commit's Add proposals filled.
  /// @errors `Errc::invalid_length` when `path` has another number of nodes
  /// than the sender's filtered direct path, or the node this member decrypts
  /// has another number of ciphertexts than its resolution less `added`;
  /// `Errc::invalid_argument` when `tree` does not hold `path` merged, the
  /// sender is this member, no path node is above this leaf, `context` does
  /// not match the tree (cipher suite or tree hash), or this member holds no
  /// private key for that resolution; the errors of
  /// CipherSuite::decrypt_with_label() (`Errc::aead_failure`, ...);
  /// `Errc::derive_key_pair_failed` or `Errc::internal` when a key pair
  /// cannot be derived; `Errc::invalid_value` when a derived public key is
  /// not the path's.
  Result<ReceivedPath> decrypt_path(const RatchetTree& tree, LeafIndex sender,
                                    const UpdatePath& path, const GroupContext& context,
                                    std::span<const LeafIndex> added);

 private:
  friend class PreparedPath;
  TreePrivateKeys(const CipherSuite& suite, LeafIndex leaf, crypto::KemKeyPair leaf_key)
      : suite_(suite), leaf_(leaf), leaf_key_(std::move(leaf_key)) {}

  Result<crypto::Secret> decrypt_path_secret(const RatchetTree& tree, NodeIndex parent,
                                             LeafIndex sender, const UpdatePathNode& node,
                                             BytesView context,
                                             std::span<const LeafIndex> added) const;
  void replace_path_keys(LeafIndex sender, std::span<const NodeIndex> nodes,
                         std::vector<crypto::KemKeyPair> key_pairs);

  CipherSuite suite_;
  LeafIndex leaf_;
  crypto::KemKeyPair leaf_key_;
  std::map<NodeIndex, crypto::KemKeyPair> path_keys_;
};

/// The committer's new leaf as it chooses it (section 7.5, step 4); TreeKEM
/// sets the encryption key's public half, the source and the signature.
struct CommitterLeaf {
  crypto::Secret encryption_private_key;  ///< The leaf's new HPKE private key, fresh (section 7.4).
  Bytes signature_key;                    ///< The member's signature public key.
  Credential credential;                  ///< The member's credential.
  Capabilities capabilities;              ///< The member's capabilities.
  ExtensionList extensions;               ///< The leaf's extensions.
};

/// The committer's current leaf contents with a fresh encryption key.
CommitterLeaf next_leaf(const LeafNode& current, crypto::Secret encryption_private_key);

/// What the committer sends and keeps.
struct SentPath {
  UpdatePath path;               ///< The UpdatePath for the Commit.
  crypto::Secret commit_secret;  ///< Section 12.4.1: the commit secret, for the key schedule.
  TreePrivateKeys private_keys;  ///< The committer's, for the new tree.
  PathSecrets path_secrets;      ///< For the Welcome; drop them after it.
};

/// The committer's side of an UpdatePath between its two steps: the tree
/// holds the new path, whose secrets are not yet encrypted.
class PreparedPath {
 public:
  /// Sections 7.4, 7.5 and 12.4.1: on the tree with the proposals applied,
  /// derives the path secrets of the sender's filtered direct path from
  /// `first_path_secret`, merges the public keys and parent hashes into the
  /// tree, and replaces the sender's leaf with one signed over LeafNodeTBS.
  /// @param tree the tree with the proposals applied; changed on success.
  /// @param sender the committer's leaf.
  /// @param leaf the committer's new leaf contents (see next_leaf()).
  /// @param signature_private_key the private key of `leaf.signature_key`.
  /// @param group_id the group's ID, which the new leaf signs.
  /// @param first_path_secret the path secret of the lowest path node.
  /// @errors `Errc::invalid_sender` when `sender` is blank or outside the
  /// tree; `Errc::invalid_private_key` when `leaf.encryption_private_key` is
  /// not a valid KEM private key or `signature_private_key` not a valid
  /// signature key; `Errc::derive_key_pair_failed` when a node's key pair
  /// cannot be derived; `Errc::duplicate_key` when the new leaf's encryption
  /// key or a derived node key is already in the tree or repeated, or the
  /// signature key is at another leaf; `Errc::internal` if the crypto
  /// provider fails.
  static Result<PreparedPath> prepare(RatchetTree& tree, LeafIndex sender, CommitterLeaf leaf,
                                      const crypto::Secret& signature_private_key,
                                      BytesView group_id, crypto::Secret first_path_secret);
  /// The same with a random first path secret of KDF.Nh bytes.
  /// @errors those of the other overload.
  static Result<PreparedPath> prepare(RatchetTree& tree, LeafIndex sender, CommitterLeaf leaf,
                                      const crypto::Secret& signature_private_key,
                                      BytesView group_id, crypto::RandomSource& random);

  /// Sections 7.5 and 7.6: encrypts each path secret to the resolution of
  /// the copath child less the `added` leaves, under the provisional
  /// GroupContext built on the prepared tree. Fails with invalid_argument
  /// when the tree or context is not the prepared one; leaves *this intact
  /// on failure. Call it on an rvalue: it moves the result out of *this.
  /// @param tree the tree prepare() changed, with no change since.
  /// @param provisional_context the provisional GroupContext built on `tree`.
  /// @param added the leaves the commit's Add proposals filled.
  /// @param random the source of the HPKE ephemeral keys.
  /// @errors `Errc::invalid_argument` when `tree` does not hold the prepared
  /// path, or `provisional_context` does not match it (cipher suite, tree
  /// hash or group ID); the errors of CipherSuite::encrypt_with_label() for a
  /// resolution node's key (`Errc::invalid_public_key`, `Errc::dh_failure`,
  /// `Errc::internal`).
  Result<SentPath> encrypt(const RatchetTree& tree, const GroupContext& provisional_context,
                           std::span<const LeafIndex> added, crypto::RandomSource& random) &&;

 private:
  PreparedPath(UpdatePath path, Bytes group_id, TreePrivateKeys keys, PathSecrets secrets,
               crypto::Secret commit_secret)
      : path_(std::move(path)),
        group_id_(std::move(group_id)),
        keys_(std::move(keys)),
        secrets_(std::move(secrets)),
        commit_secret_(std::move(commit_secret)) {}

  Status check_prepared(const RatchetTree& tree, const GroupContext& context) const;

  UpdatePath path_;  // public keys only, no ciphertexts yet
  Bytes group_id_;
  TreePrivateKeys keys_;
  PathSecrets secrets_;
  crypto::Secret commit_secret_;
};

/// Section 12.4.2, the first half: checks the UpdatePath's shape (one node
/// per node of the sender's filtered direct path), that its leaf comes from a
/// commit and carries the parent hash the path implies (section 7.9.2), and
/// that none of its keys is in the tree (section 12.4.2); then merges it
/// (section 7.5). The leaf's other checks (section 7.3) are the caller's.
/// @errors `Errc::invalid_sender` when `sender` is blank or outside the
/// tree; `Errc::invalid_value` when the leaf's source is not `commit`;
/// `Errc::invalid_length` when the path has another number of nodes than
/// the sender's filtered direct path; `Errc::parent_hash_invalid` when the
/// leaf's parent hash is not the one the path implies;
/// `Errc::duplicate_key` when the leaf's encryption key (the sender's
/// current one included) or a path key is already in the tree or repeated,
/// or the leaf's signature key is at another leaf.
Status merge_update_path(RatchetTree& tree, LeafIndex sender, const UpdatePath& path);

}  // namespace conclave::mls
