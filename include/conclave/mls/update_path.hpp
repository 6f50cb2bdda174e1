#pragma once

// RFC 9420 section 7.6: update paths.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/leaf_node.hpp"

namespace conclave::mls {

struct UpdatePathNode {
  Bytes encryption_key;
  std::vector<HpkeCiphertext> encrypted_path_secret;
  CONCLAVE_FIELDS(encryption_key, encrypted_path_secret)
  friend bool operator==(const UpdatePathNode&, const UpdatePathNode&) = default;
};

struct UpdatePath {
  LeafNode leaf_node;
  std::vector<UpdatePathNode> nodes;
  CONCLAVE_FIELDS(leaf_node, nodes)
  friend bool operator==(const UpdatePath&, const UpdatePath&) = default;
};

}  // namespace conclave::mls
