// draft-ietf-mls-partial, "Annotated Commit": the path steps of a partial
// member, and the proven direct paths they (and a partial joiner) walk.

#include "conclave/mls/partial_path.hpp"

#include <algorithm>

#include "partial_state.hpp"

namespace conclave::mls {

namespace {

NodeIndex leaf_node_of(const MembershipProof& proof) { return tree_math::node_of(LeafIndex{proof.leaf_index}); }

// The proven nodes from `from` up, and their public keys.
struct PathFrom {
  std::vector<NodeIndex> nodes;
  std::vector<BytesView> keys;
};
PathFrom path_from(std::span<const ProvenNode> path, NodeIndex from) {
  PathFrom out;
  for (const auto& node : path) {
    if (!tree_math::is_ancestor(node.index, from)) continue;
    out.nodes.push_back(node.index);
    out.keys.push_back(node.encryption_key);
  }
  return out;
}

// The key this member decrypts with: that of the highest non-blank node of
// its proven path below `ancestor` (its leaf included) that it holds, with
// the proof's public key.
const crypto::KemKeyPair* recipient_key(const TreePrivateKeys& keys, const MembershipProof& receiver,
                                        NodeIndex ancestor) {
  std::vector<ProvenNode> below{{leaf_node_of(receiver), proven_leaf(receiver)->encryption_key}};
  for (const auto& node : proven_path(receiver)) {
    if (node.index != ancestor && tree_math::is_ancestor(ancestor, node.index)) below.push_back(node);
  }
  for (auto node = below.rbegin(); node != below.rend(); ++node) {
    const auto* key_pair = keys.key_pair(node->index);
    if (key_pair != nullptr && same_bytes(key_pair->public_key, node->encryption_key)) return key_pair;
  }
  return nullptr;
}

// Section 7.5: the committer's non-blank path nodes (after the Commit) are
// the UpdatePath's, one each, with its keys.
Status check_path_nodes(const UpdatePath& path, std::span<const ProvenNode> sender_path) {
  if (path.nodes.size() != sender_path.size()) return Errc::invalid_length;
  for (std::size_t i = 0; i < sender_path.size(); ++i) {
    if (!same_bytes(path.nodes[i].encryption_key, sender_path[i].encryption_key)) return Errc::invalid_value;
  }
  return {};
}

}  // namespace

std::vector<ProvenNode> proven_path(const MembershipProof& proof) {
  std::vector<ProvenNode> out;
  const auto leaves = LeafCount::of(proof.n_leaves);
  if (!leaves) return out;
  const auto direct_path = tree_math::direct_path(leaf_node_of(proof), *leaves);
  for (std::size_t i = 0; i < direct_path.size() && i + 1 < proof.direct_path_nodes.size(); ++i) {
    const auto& node = proof.direct_path_nodes[i + 1];
    const auto* parent = node ? node->get_if<ParentNode>() : nullptr;
    if (parent != nullptr) out.push_back({direct_path[i], parent->encryption_key});
  }
  return out;
}

void keep_proven_nodes(TreePrivateKeys& keys, std::span<const ProvenNode> path) {
  std::vector<NodeIndex> non_blank;
  non_blank.reserve(path.size());
  for (const auto& node : path) non_blank.push_back(node.index);
  keys.keep_path_nodes(non_blank);
}

Result<crypto::Secret> derive_proven_path(TreePrivateKeys& keys, const MembershipProof& own, NodeIndex from,
                                          crypto::Secret path_secret) {
  const auto path = proven_path(own);
  const auto above = path_from(path, from);
  if (above.nodes.empty() || above.nodes.front() != from) return Errc::invalid_argument;
  return keys.replace_path_from(above.nodes, above.keys, std::move(path_secret));
}

Result<ReceivedPath> receive_partial_path(TreePrivateKeys& keys, const UpdatePath& path,
                                          std::uint32_t resolution_index, const MembershipProof& sender_after,
                                          const MembershipProof& receiver_after, BytesView provisional_context) {
  if (proven_leaf(sender_after) == nullptr || proven_leaf(receiver_after) == nullptr ||
      sender_after.n_leaves != receiver_after.n_leaves || receiver_after.leaf_index != keys.leaf().value ||
      sender_after.leaf_index == receiver_after.leaf_index) {
    return Errc::membership_proof_invalid;
  }
  const auto sender_path = proven_path(sender_after);
  if (auto valid = check_path_nodes(path, sender_path); !valid) return valid.error();
  // The lowest common ancestor, where the new path secret is inserted, and
  // its position among the committer's non-blank path nodes.
  const NodeIndex ancestor = tree_math::common_ancestor(leaf_node_of(sender_after), leaf_node_of(receiver_after));
  const auto at = std::find_if(sender_path.begin(), sender_path.end(),
                               [&](const ProvenNode& node) { return node.index == ancestor; });
  if (at == sender_path.end()) return Errc::invalid_argument;
  const auto& ciphertexts = path.nodes[static_cast<std::size_t>(at - sender_path.begin())].encrypted_path_secret;
  if (resolution_index >= ciphertexts.size()) return Errc::invalid_length;
  const auto* recipient = recipient_key(keys, receiver_after, ancestor);
  if (recipient == nullptr) return Errc::invalid_argument;
  auto plaintext = keys.suite().decrypt_with_label(*recipient, "UpdatePathNode", provisional_context,
                                                   ciphertexts[resolution_index]);
  if (!plaintext) return plaintext.error();
  crypto::Secret path_secret(*plaintext);
  crypto::secure_zero(*plaintext);
  // The receiver's nodes from the ancestor up are the committer's.
  const auto receiver_path = proven_path(receiver_after);
  const auto above = path_from(receiver_path, ancestor);
  const auto shared = static_cast<std::size_t>(sender_path.end() - at);
  if (above.nodes.size() != shared ||
      !std::equal(above.keys.begin(), above.keys.end(), at, sender_path.end(),
                  [](BytesView key, const ProvenNode& node) { return same_bytes(key, node.encryption_key); })) {
    return Errc::invalid_value;
  }
  auto updated = keys.clone();
  auto commit_secret = updated.replace_path_from(above.nodes, above.keys, path_secret.clone());
  if (!commit_secret) return commit_secret.error();
  keep_proven_nodes(updated, receiver_path);
  keys = std::move(updated);
  return ReceivedPath{std::move(path_secret), std::move(*commit_secret)};
}

}  // namespace conclave::mls
