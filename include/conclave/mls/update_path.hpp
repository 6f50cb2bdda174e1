#pragma once

/// @file
/// RFC 9420 section 7.6: update paths.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/leaf_node.hpp"

namespace conclave::mls {

/// Section 7.6: UpdatePathNode, one node of a committer's filtered direct
/// path: its new public key, and its path secret encrypted to each node of
/// the copath child's resolution.
struct UpdatePathNode {
  Bytes encryption_key;  ///< The node's new HPKE public key.
  std::vector<HpkeCiphertext> encrypted_path_secret;  ///< One per resolution node, in resolution order.
  CONCLAVE_FIELDS(encryption_key, encrypted_path_secret)
  /// Memberwise equality.
  friend bool operator==(const UpdatePathNode&, const UpdatePathNode&) = default;
};

/// Section 7.6: UpdatePath, a committer's new leaf and the new keys of its
/// filtered direct path.
struct UpdatePath {
  LeafNode leaf_node;                 ///< The committer's new leaf, with source `commit`.
  std::vector<UpdatePathNode> nodes;  ///< One per filtered direct path node, bottom up.
  CONCLAVE_FIELDS(leaf_node, nodes)
  /// Memberwise equality.
  friend bool operator==(const UpdatePath&, const UpdatePath&) = default;
};

}  // namespace conclave::mls
