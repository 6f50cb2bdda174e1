#include "conclave/mls/treekem.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace conclave::mls {

namespace {

constexpr std::string_view update_path_label = "UpdatePathNode";

using tree_math::is_ancestor;

// The sender's copath node below `parent`.
NodeIndex copath_child(NodeIndex parent, LeafIndex sender) {
  return tree_math::child_away_from(parent, tree_math::node_of(sender));
}

// The position in `path` (bottom up) of the lowest node above `leaf`.
std::optional<std::size_t> lowest_above(std::span<const NodeIndex> path, LeafIndex leaf) {
  const NodeIndex node = tree_math::node_of(leaf);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (is_ancestor(path[i], node)) return i;
  }
  return std::nullopt;
}

// The leaves a commit adds, which MUST be left out of the resolutions its
// UpdatePath encrypts to (sections 7.5 and 7.6).
class AddedLeaves {
 public:
  explicit AddedLeaves(std::span<const LeafIndex> added) : leaves_(added.begin(), added.end()) {
    std::sort(leaves_.begin(), leaves_.end());
  }
  bool contains(NodeIndex node) const {
    const auto leaf = tree_math::leaf_of(node);
    return leaf && std::binary_search(leaves_.begin(), leaves_.end(), *leaf);
  }

 private:
  std::vector<LeafIndex> leaves_;
};

// Section 7.4: the path secrets and node key pairs of `count` nodes from
// the first path secret, and the commit secret after them (section 12.4.1).
struct DerivedPath {
  std::vector<crypto::Secret> path_secrets;
  std::vector<crypto::KemKeyPair> key_pairs;
  crypto::Secret commit_secret;
};

Result<crypto::KemKeyPair> node_key_pair(const CipherSuite& suite, BytesView path_secret) {
  return suite.derive_key_pair(suite.derive_secret(path_secret, "node").view());
}

Result<DerivedPath> derive_path(const CipherSuite& suite, crypto::Secret first, std::size_t count) {
  DerivedPath out;
  out.path_secrets.reserve(count);
  out.key_pairs.reserve(count);
  crypto::Secret secret = std::move(first);
  for (std::size_t i = 0; i < count; ++i) {
    auto key_pair = node_key_pair(suite, secret.view());
    if (!key_pair) return key_pair.error();
    out.key_pairs.push_back(std::move(*key_pair));
    crypto::Secret next = suite.derive_secret(secret.view(), "path");
    out.path_secrets.push_back(std::move(secret));
    secret = std::move(next);
  }
  out.commit_secret = std::move(secret);
  return out;
}

std::vector<Bytes> public_keys_of(std::span<const crypto::KemKeyPair> key_pairs) {
  std::vector<Bytes> keys;
  keys.reserve(key_pairs.size());
  for (const auto& key_pair : key_pairs) keys.push_back(key_pair.public_key);
  return keys;
}

std::vector<Bytes> public_keys_of(const UpdatePath& path) {
  std::vector<Bytes> keys;
  keys.reserve(path.nodes.size());
  for (const auto& node : path.nodes) keys.push_back(node.encryption_key);
  return keys;
}

// Section 7.5, step 6: each derived public key is the one the path sent,
// which the merged tree now holds.
Status check_derived_keys(const RatchetTree& tree, std::span<const NodeIndex> nodes,
                          std::span<const crypto::KemKeyPair> key_pairs) {
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!same_bytes(tree.encryption_key(nodes[i]), key_pairs[i].public_key)) {
      return Errc::invalid_value;
    }
  }
  return {};
}

// Section 12.4.2 requires that the new leaf's encryption key differ from
// the current one and that no key of the path appear in any node of the
// tree; nor may a key appear twice in the path, nor the leaf's signature key
// at another leaf (section 7.3). Checked before the merge, so that the merge
// and the leaf replacement cannot fail halfway.
Status check_keys_fresh(const RatchetTree& tree, LeafIndex sender, const LeafNode& leaf,
                        std::span<const Bytes> keys) {
  std::vector<BytesView> all(keys.begin(), keys.end());
  all.emplace_back(leaf.encryption_key);
  for (const auto key : all) {
    if (tree.node_with_encryption_key(key)) return Errc::duplicate_key;
  }
  auto less = [](BytesView a, BytesView b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
  };
  std::sort(all.begin(), all.end(), less);
  if (std::adjacent_find(all.begin(), all.end(), same_bytes) != all.end()) {
    return Errc::duplicate_key;
  }
  const auto signer = tree.leaf_with_signature_key(leaf.signature_key);
  if (signer && *signer != sender) return Errc::duplicate_key;
  return {};
}

// Sections 7.5 and 12.4.2: the tree side of a checked path. After
// check_keys_fresh and with `parent_hash` computed on the unmerged tree,
// neither step can fail.
Status apply_path(RatchetTree& tree, LeafIndex sender, LeafNode leaf, std::span<const Bytes> keys,
                  const Bytes& parent_hash) {
  if (auto fresh = check_keys_fresh(tree, sender, leaf, keys); !fresh) return fresh;
  auto merged = tree.merge_path_keys(sender, keys);
  if (!merged) return merged.error();
  if (*merged != parent_hash) return Errc::internal;
  return tree.replace_leaf(sender, std::move(leaf));
}

// That `path` is the one merged into the tree: the same leaf, and its keys
// on the sender's filtered direct path `nodes`.
Status check_merged(const RatchetTree& tree, LeafIndex sender, const UpdatePath& path,
                    std::span<const NodeIndex> nodes) {
  if (path.nodes.size() != nodes.size()) return Errc::invalid_length;
  const auto leaf = tree.leaf(sender);
  if (!leaf || !(*leaf == path.leaf_node)) return Errc::invalid_argument;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!same_bytes(tree.encryption_key(nodes[i]), path.nodes[i].encryption_key)) {
      return Errc::invalid_argument;
    }
  }
  return {};
}

// The provisional GroupContext is built on this tree (section 12.4.1).
bool context_fits(const RatchetTree& tree, const GroupContext& context) {
  return context.cipher_suite == tree.suite().id() && context.tree_hash == tree.tree_hash();
}

Result<std::vector<HpkeCiphertext>> encrypt_to_resolution(const RatchetTree& tree, NodeIndex copath,
                                                          const crypto::Secret& path_secret,
                                                          BytesView context,
                                                          const AddedLeaves& added,
                                                          crypto::RandomSource& random) {
  std::vector<HpkeCiphertext> ciphertexts;
  for (const auto node : tree.resolution(copath)) {
    if (added.contains(node)) continue;
    auto sealed = tree.suite().encrypt_with_label(tree.encryption_key(node), update_path_label,
                                                  context, path_secret.view(), random);
    if (!sealed) return sealed.error();
    ciphertexts.push_back(std::move(*sealed));
  }
  return ciphertexts;
}

}  // namespace

const crypto::Secret* PathSecrets::for_joiner(LeafIndex joiner) const {
  const auto position = lowest_above(nodes_, joiner);
  return position ? &secrets_[*position] : nullptr;
}

Result<TreePrivateKeys> TreePrivateKeys::create(const CipherSuite& suite, LeafIndex leaf,
                                                crypto::Secret leaf_private_key) {
  auto public_key = suite.hpke().kem().public_key_of(leaf_private_key);
  if (!public_key) return public_key.error();
  return TreePrivateKeys(suite, leaf,
                         crypto::KemKeyPair{std::move(leaf_private_key), std::move(*public_key)});
}

TreePrivateKeys TreePrivateKeys::clone() const {
  auto clone_of = [](const crypto::KemKeyPair& key_pair) {
    return crypto::KemKeyPair{key_pair.private_key.clone(), key_pair.public_key};
  };
  TreePrivateKeys copy(suite_, leaf_, clone_of(leaf_key_));
  for (const auto& [node, key_pair] : path_keys_) copy.path_keys_.emplace(node, clone_of(key_pair));
  return copy;
}

TreePrivateKeys::Stored TreePrivateKeys::store() const {
  Stored stored{leaf_.value, leaf_key_.private_key.clone(), {}};
  for (const auto& [node, pair] : path_keys_) {
    stored.path_private_keys.push_back({node.value, pair.private_key.clone()});
  }
  return stored;
}

Result<TreePrivateKeys> TreePrivateKeys::restore(const CipherSuite& suite, Stored stored) {
  auto keys = create(suite, LeafIndex{stored.leaf}, std::move(stored.leaf_private_key));
  if (!keys) return keys.error();
  for (auto& entry : stored.path_private_keys) {
    auto public_key = suite.hpke().kem().public_key_of(entry.secret);
    if (!public_key) return public_key.error();
    keys->path_keys_.insert_or_assign(NodeIndex{entry.node},
                                      crypto::KemKeyPair{std::move(entry.secret), std::move(*public_key)});
  }
  return keys;
}

const crypto::KemKeyPair* TreePrivateKeys::key_pair(NodeIndex node) const {
  if (node == tree_math::node_of(leaf_)) return &leaf_key_;
  const auto found = path_keys_.find(node);
  return found == path_keys_.end() ? nullptr : &found->second;
}

Status TreePrivateKeys::add_path_secret(NodeIndex node, BytesView path_secret) {
  if (tree_math::is_leaf(node) || !is_ancestor(node, tree_math::node_of(leaf_))) {
    return Errc::invalid_argument;
  }
  auto key_pair = node_key_pair(suite_, path_secret);
  if (!key_pair) return key_pair.error();
  path_keys_.insert_or_assign(node, std::move(*key_pair));
  return {};
}

Status TreePrivateKeys::add_path_secret_from(const RatchetTree& tree, LeafIndex committer,
                                             crypto::Secret path_secret) {
  const auto nodes = tree.filtered_direct_path(committer);
  const auto lowest = lowest_above(nodes, leaf_);
  if (committer == leaf_ || !lowest) return Errc::invalid_argument;
  const auto above = std::span<const NodeIndex>(nodes).subspan(*lowest);
  auto derived = derive_path(suite_, std::move(path_secret), above.size());
  if (!derived) return derived.error();
  if (auto valid = check_derived_keys(tree, above, derived->key_pairs); !valid) return valid;
  replace_path_keys(committer, above, std::move(derived->key_pairs));
  return {};
}

Result<crypto::Secret> TreePrivateKeys::replace_path_from(std::span<const NodeIndex> nodes,
                                                          std::span<const BytesView> public_keys,
                                                          crypto::Secret path_secret) {
  const NodeIndex leaf = tree_math::node_of(leaf_);
  const bool above_leaf = std::all_of(nodes.begin(), nodes.end(), [&](NodeIndex node) {
    return !tree_math::is_leaf(node) && is_ancestor(node, leaf);
  });
  if (nodes.empty() || nodes.size() != public_keys.size() || !above_leaf) return Errc::invalid_argument;
  auto derived = derive_path(suite_, std::move(path_secret), nodes.size());
  if (!derived) return derived.error();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!same_bytes(public_keys[i], derived->key_pairs[i].public_key)) return Errc::invalid_value;
  }
  std::erase_if(path_keys_, [&](const auto& entry) { return is_ancestor(entry.first, nodes.front()); });
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    path_keys_.insert_or_assign(nodes[i], std::move(derived->key_pairs[i]));
  }
  return std::move(derived->commit_secret);
}

void TreePrivateKeys::keep_path_nodes(std::span<const NodeIndex> non_blank) {
  std::erase_if(path_keys_, [&](const auto& entry) {
    return std::find(non_blank.begin(), non_blank.end(), entry.first) == non_blank.end();
  });
}

Status TreePrivateKeys::replace_leaf_key(crypto::Secret leaf_private_key) {
  auto replaced = create(suite_, leaf_, std::move(leaf_private_key));
  if (!replaced) return replaced.error();
  leaf_key_ = std::move(replaced->leaf_key_);
  return {};
}

void TreePrivateKeys::forget_blank_nodes(const RatchetTree& tree) {
  std::erase_if(path_keys_, [&](const auto& entry) { return tree.is_blank(entry.first); });
}

bool TreePrivateKeys::consistent(const RatchetTree& tree) const {
  if (!same_bytes(tree.encryption_key(tree_math::node_of(leaf_)), leaf_key_.public_key)) {
    return false;
  }
  return std::all_of(path_keys_.begin(), path_keys_.end(), [&](const auto& entry) {
    return same_bytes(tree.encryption_key(entry.first), entry.second.public_key);
  });
}

Result<ReceivedPath> TreePrivateKeys::decrypt_path(const RatchetTree& tree, LeafIndex sender,
                                                   const UpdatePath& path,
                                                   const GroupContext& context,
                                                   std::span<const LeafIndex> added) {
  const auto nodes = tree.filtered_direct_path(sender);
  if (auto merged = check_merged(tree, sender, path, nodes); !merged) return merged.error();
  const auto lowest = lowest_above(nodes, leaf_);
  if (sender == leaf_ || !lowest || !context_fits(tree, context)) return Errc::invalid_argument;
  auto secret = decrypt_path_secret(tree, nodes[*lowest], sender, path.nodes[*lowest],
                                    codec::encode(context), added);
  if (!secret) return secret.error();
  // Section 7.5, steps 4 to 7.
  const auto above = std::span<const NodeIndex>(nodes).subspan(*lowest);
  auto derived = derive_path(suite_, std::move(*secret), above.size());
  if (!derived) return derived.error();
  if (auto valid = check_derived_keys(tree, above, derived->key_pairs); !valid) {
    return valid.error();
  }
  replace_path_keys(sender, above, std::move(derived->key_pairs));
  return ReceivedPath{std::move(derived->path_secrets.front()), std::move(derived->commit_secret)};
}

// Section 7.5, steps 1 to 3: this member's node in the resolution of the
// copath child below `parent`, less the added leaves, is the one it holds a
// private key for; the ciphertext at its position is for it.
Result<crypto::Secret> TreePrivateKeys::decrypt_path_secret(
    const RatchetTree& tree, NodeIndex parent, LeafIndex sender, const UpdatePathNode& node,
    BytesView context, std::span<const LeafIndex> added) const {
  const AddedLeaves excluded(added);
  const crypto::KemKeyPair* recipient = nullptr;
  std::size_t position = 0;
  std::size_t count = 0;
  for (const auto candidate : tree.resolution(copath_child(parent, sender))) {
    if (excluded.contains(candidate)) continue;
    if (recipient == nullptr) {
      recipient = key_pair(candidate);
      position = count;
    }
    ++count;
  }
  if (recipient == nullptr) return Errc::invalid_argument;
  // Section 7.6: one ciphertext per resolution node, in resolution order.
  if (node.encrypted_path_secret.size() != count) return Errc::invalid_length;
  auto plaintext = suite_.decrypt_with_label(*recipient, update_path_label, context,
                                             node.encrypted_path_secret[position]);
  if (!plaintext) return plaintext.error();
  crypto::Secret secret(*plaintext);
  crypto::secure_zero(*plaintext);
  return secret;
}

// Section 7.5: the sender's direct path was blanked or replaced, so every
// key pair held on it is outdated and deleted; `nodes` get the new ones.
void TreePrivateKeys::replace_path_keys(LeafIndex sender, std::span<const NodeIndex> nodes,
                                        std::vector<crypto::KemKeyPair> key_pairs) {
  const NodeIndex sender_node = tree_math::node_of(sender);
  std::erase_if(path_keys_,
                [&](const auto& entry) { return is_ancestor(entry.first, sender_node); });
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    path_keys_.insert_or_assign(nodes[i], std::move(key_pairs[i]));
  }
}

CommitterLeaf next_leaf(const LeafNode& current, crypto::Secret encryption_private_key) {
  return CommitterLeaf{std::move(encryption_private_key), current.signature_key, current.credential,
                       current.capabilities, current.extensions};
}

Result<PreparedPath> PreparedPath::prepare(RatchetTree& tree, LeafIndex sender, CommitterLeaf leaf,
                                           const crypto::Secret& signature_private_key,
                                           BytesView group_id, crypto::RandomSource& random) {
  auto first = random.secret(tree.suite().secret_size());
  return prepare(tree, sender, std::move(leaf), signature_private_key, group_id, std::move(first));
}

Result<PreparedPath> PreparedPath::prepare(RatchetTree& tree, LeafIndex sender, CommitterLeaf leaf,
                                           const crypto::Secret& signature_private_key,
                                           BytesView group_id, crypto::Secret first_path_secret) {
  const CipherSuite& suite = tree.suite();
  if (!tree.is_member(sender)) return Errc::invalid_sender;
  auto keys = TreePrivateKeys::create(suite, sender, std::move(leaf.encryption_private_key));
  if (!keys) return keys.error();
  auto nodes = tree.filtered_direct_path(sender);
  // Section 7.4.
  auto derived = derive_path(suite, std::move(first_path_secret), nodes.size());
  if (!derived) return derived.error();
  const auto public_keys = public_keys_of(derived->key_pairs);
  auto hashes = tree.path_parent_hashes(sender, public_keys);
  if (!hashes) return hashes.error();
  const Bytes& parent_hash = hashes->leaf;
  // Section 7.5, step 4.
  LeafNode leaf_node{keys->leaf_key_.public_key,
                     std::move(leaf.signature_key),
                     std::move(leaf.credential),
                     std::move(leaf.capabilities),
                     {CommitSource{parent_hash}},
                     std::move(leaf.extensions),
                     {}};
  auto signature = suite.sign_with_label(signature_private_key, "LeafNodeTBS",
                                         leaf_node_tbs(leaf_node, group_id, sender));
  if (!signature) return signature.error();
  leaf_node.signature = std::move(*signature);
  if (auto applied = apply_path(tree, sender, leaf_node, public_keys, parent_hash); !applied) {
    return applied.error();
  }
  UpdatePath path{std::move(leaf_node), {}};
  for (const auto& key : public_keys) path.nodes.push_back(UpdatePathNode{key, {}});
  keys->replace_path_keys(sender, nodes, std::move(derived->key_pairs));
  return PreparedPath(std::move(path), Bytes(group_id.begin(), group_id.end()), std::move(*keys),
                      PathSecrets(std::move(nodes), std::move(derived->path_secrets)),
                      std::move(derived->commit_secret));
}

Status PreparedPath::check_prepared(const RatchetTree& tree, const GroupContext& context) const {
  const auto sender = keys_.leaf();
  if (auto merged = check_merged(tree, sender, path_, secrets_.nodes_); !merged) {
    return Errc::invalid_argument;
  }
  if (!context_fits(tree, context) || context.group_id != group_id_) {
    return Errc::invalid_argument;
  }
  return {};
}

Result<SentPath> PreparedPath::encrypt(const RatchetTree& tree,
                                       const GroupContext& provisional_context,
                                       std::span<const LeafIndex> added,
                                       crypto::RandomSource& random) && {
  if (auto prepared = check_prepared(tree, provisional_context); !prepared) {
    return prepared.error();
  }
  const Bytes context = codec::encode(provisional_context);
  const AddedLeaves excluded(added);
  const auto& nodes = secrets_.nodes_;
  std::vector<std::vector<HpkeCiphertext>> encrypted;
  encrypted.reserve(nodes.size());
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    auto ciphertexts = encrypt_to_resolution(tree, copath_child(nodes[i], keys_.leaf()),
                                             secrets_.secrets_[i], context, excluded, random);
    if (!ciphertexts) return ciphertexts.error();
    encrypted.push_back(std::move(*ciphertexts));
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    path_.nodes[i].encrypted_path_secret = std::move(encrypted[i]);
  }
  return SentPath{std::move(path_), std::move(commit_secret_), std::move(keys_),
                  std::move(secrets_)};
}

Status merge_update_path(RatchetTree& tree, LeafIndex sender, const UpdatePath& path) {
  if (!tree.is_member(sender)) return Errc::invalid_sender;
  // Section 12.4.2: the leaf_node_source MUST be commit.
  const auto* source = path.leaf_node.source.get_if<CommitSource>();
  if (source == nullptr) return Errc::invalid_value;
  const auto keys = public_keys_of(path);
  auto hashes = tree.path_parent_hashes(sender, keys);
  if (!hashes) return hashes.error();
  // Section 7.5, merging step 3.
  if (source->parent_hash != hashes->leaf) return Errc::parent_hash_invalid;
  return apply_path(tree, sender, path.leaf_node, keys, hashes->leaf);
}

}  // namespace conclave::mls
