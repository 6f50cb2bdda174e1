// draft-ietf-mls-partial, "Membership Proofs and Partial Trees".

#include "conclave/mls/membership_proof.hpp"

#include <bit>

#include "conclave/codec/writer.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::mls {
namespace {

using codec::Writer;

// RFC 9420 section 7.8: TreeHashInput of a non-blank leaf.
Bytes leaf_tree_hash(const CipherSuite& suite, std::uint32_t index, const LeafNode& leaf) {
  Bytes input;
  Writer w(input);
  w.write_u8(static_cast<std::uint8_t>(NodeType::leaf));
  w.write_u32(index);
  w.write_u8(1);
  w.write_bytes(codec::encode(leaf));
  return suite.hash(input);
}

// RFC 9420 section 7.8: TreeHashInput of a parent, blank or not.
Bytes parent_tree_hash(const CipherSuite& suite, const ParentNode* node, BytesView left, BytesView right) {
  Bytes input;
  Writer w(input);
  w.write_u8(static_cast<std::uint8_t>(NodeType::parent));
  w.write_u8(node == nullptr ? 0 : 1);
  if (node != nullptr) w.write_bytes(codec::encode(*node));
  w.write_vector(left);
  w.write_vector(right);
  return suite.hash(input);
}

// One node per level, the leaf first (and present), parents above; one
// Nh-byte hash per copath node.
bool well_formed(const CipherSuite& suite, const MembershipProof& proof, LeafCount leaves) {
  const auto depth = static_cast<std::size_t>(std::countr_zero(leaves.value()));
  if (!leaves.contains(LeafIndex{proof.leaf_index})) return false;
  if (proof.direct_path_nodes.size() != depth + 1 || proof.copath_hashes.size() != depth) return false;
  if (proven_leaf(proof) == nullptr) return false;
  for (std::size_t i = 1; i < proof.direct_path_nodes.size(); ++i) {
    const auto& node = proof.direct_path_nodes[i];
    if (node && node->get_if<ParentNode>() == nullptr) return false;
  }
  for (const CopathHash& hash : proof.copath_hashes) {
    if (hash.hash_value.size() != suite.secret_size()) return false;
  }
  return true;
}

}  // namespace

const LeafNode* proven_leaf(const MembershipProof& proof) {
  if (proof.direct_path_nodes.empty() || !proof.direct_path_nodes.front()) return nullptr;
  return proof.direct_path_nodes.front()->get_if<LeafNode>();
}

Result<Bytes> proof_tree_hash(const CipherSuite& suite, const MembershipProof& proof) {
  const auto leaves = LeafCount::of(proof.n_leaves);
  if (!leaves || !well_formed(suite, proof, *leaves)) return Errc::membership_proof_invalid;
  NodeIndex node = tree_math::node_of(LeafIndex{proof.leaf_index});
  Bytes hash = leaf_tree_hash(suite, proof.leaf_index, *proven_leaf(proof));
  for (std::size_t level = 0; level < proof.copath_hashes.size(); ++level) {
    const NodeIndex above = *tree_math::parent(node, *leaves);
    const BytesView sibling = proof.copath_hashes[level].hash_value;
    const auto& slot = proof.direct_path_nodes[level + 1];
    const ParentNode* parent_node = slot ? slot->get_if<ParentNode>() : nullptr;
    hash = node < above ? parent_tree_hash(suite, parent_node, hash, sibling)
                        : parent_tree_hash(suite, parent_node, sibling, hash);
    node = above;
  }
  return hash;
}

Status verify_membership_proof(const CipherSuite& suite, const MembershipProof& proof,
                               BytesView tree_hash) {
  const auto hash = proof_tree_hash(suite, proof);
  if (!hash) return hash.error();
  if (!crypto::constant_time_equal(*hash, tree_hash)) return Errc::membership_proof_invalid;
  return {};
}

Result<Bytes> same_tree(const CipherSuite& suite, const MembershipProof& first,
                        const MembershipProof& second) {
  auto hash = proof_tree_hash(suite, first);
  if (!hash) return hash.error();
  if (first.n_leaves != second.n_leaves) return Errc::membership_proof_invalid;
  if (auto status = verify_membership_proof(suite, second, *hash); !status) return status.error();
  return hash;
}

Result<MembershipProof> make_membership_proof(const RatchetTree& tree, LeafIndex leaf) {
  auto leaf_node = tree.leaf(leaf);
  if (!leaf_node) return Errc::invalid_sender;
  MembershipProof proof{leaf.value, tree.leaf_count().value(), {}, {}};
  const NodeIndex node = tree_math::node_of(leaf);
  proof.direct_path_nodes.emplace_back(Node{std::move(*leaf_node)});
  for (const NodeIndex above : tree_math::direct_path(node, tree.leaf_count())) {
    auto parent_node = tree.parent(above);
    if (parent_node) {
      proof.direct_path_nodes.emplace_back(Node{std::move(*parent_node)});
    } else {
      proof.direct_path_nodes.emplace_back(std::nullopt);
    }
  }
  for (const NodeIndex sibling : tree_math::copath(node, tree.leaf_count())) {
    proof.copath_hashes.push_back(CopathHash{tree.tree_hash(sibling)});
  }
  return proof;
}

}  // namespace conclave::mls
