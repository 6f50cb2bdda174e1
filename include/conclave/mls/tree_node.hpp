#pragma once

/// @file
/// RFC 9420 sections 7.1 and 12.4.3.3: ratchet tree nodes and the tree as
/// the ratchet_tree extension carries it.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/leaf_node.hpp"

namespace conclave::mls {

/// Section 7.1: NodeType, which kind of node a Node holds: a `leaf` or a
/// `parent`.
enum class NodeType : std::uint8_t { leaf = 1, parent = 2 };

/// Section 7.1: ParentNode, the public contents of a non-blank parent node.
struct ParentNode {
  static constexpr NodeType tag = NodeType::parent;  ///< Selects this case in Node.
  Bytes encryption_key;  ///< The node's HPKE public key.
  Bytes parent_hash;     ///< Section 7.9: the parent hash of this node's parent; empty at the root.
  std::vector<std::uint32_t> unmerged_leaves;  ///< Leaves added below since the key was set, ascending.
  CONCLAVE_FIELDS(encryption_key, parent_hash, unmerged_leaves)
  /// Memberwise equality.
  friend bool operator==(const ParentNode&, const ParentNode&) = default;
};

}  // namespace conclave::mls

namespace conclave::codec {
/// Gives LeafNode, which carries no `tag` of its own (it also appears outside
/// Node), the NodeType::leaf tag in a Node.
template <>
struct SelectTag<mls::NodeType, mls::LeafNode> {
  static constexpr mls::NodeType value = mls::NodeType::leaf;  ///< The tag that names LeafNode.
};
}  // namespace conclave::codec

namespace conclave::mls {

/// Section 7.1: Node, a LeafNode or a ParentNode selected by NodeType.
using Node = codec::Select<NodeType, LeafNode, ParentNode>;

/// The nodes in array order, blanks as empty optionals: the ratchet_tree
/// extension's content (section 12.4.3.3).
using RatchetTreeNodes = std::vector<std::optional<Node>>;

}  // namespace conclave::mls

namespace conclave::codec {
/// A ratchet tree's node list is capped by Limits::max_tree_nodes.
template <>
struct VectorItemLimit<std::optional<mls::Node>> {
  static constexpr std::size_t Limits::*field = &Limits::max_tree_nodes;  ///< The cap's field.
};
}  // namespace conclave::codec
