#include "conclave/mls/tree_math.hpp"

namespace conclave::mls::tree_math {

std::vector<NodeIndex> direct_path(NodeIndex x, LeafCount n) {
  std::vector<NodeIndex> path;
  path.reserve(std::bit_width(n.value()));
  for (auto p = parent(x, n); p; p = parent(*p, n)) path.push_back(*p);
  return path;
}

std::vector<NodeIndex> copath(NodeIndex x, LeafCount n) {
  std::vector<NodeIndex> path;
  path.reserve(std::bit_width(n.value()));
  if (!n.contains(x)) return path;
  for (NodeIndex node = x; node != root(n); node = *parent(node, n)) {
    path.push_back(*sibling(node, n));
  }
  return path;
}

}  // namespace conclave::mls::tree_math
