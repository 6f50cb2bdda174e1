#pragma once

// RFC 9420 sections 7.1 and 12.4.3.3: ratchet tree nodes and the tree as
// the ratchet_tree extension carries it.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/leaf_node.hpp"

namespace conclave::mls {

enum class NodeType : std::uint8_t { leaf = 1, parent = 2 };

struct ParentNode {
  static constexpr NodeType tag = NodeType::parent;
  Bytes encryption_key;
  Bytes parent_hash;
  std::vector<std::uint32_t> unmerged_leaves;
  CONCLAVE_FIELDS(encryption_key, parent_hash, unmerged_leaves)
  friend bool operator==(const ParentNode&, const ParentNode&) = default;
};

}  // namespace conclave::mls

namespace conclave::codec {
template <>
struct SelectTag<mls::NodeType, mls::LeafNode> {
  static constexpr mls::NodeType value = mls::NodeType::leaf;
};
}  // namespace conclave::codec

namespace conclave::mls {

using Node = codec::Select<NodeType, LeafNode, ParentNode>;

// The nodes in array order, blanks as empty optionals.
using RatchetTreeNodes = std::vector<std::optional<Node>>;

}  // namespace conclave::mls
