#include "key_prefix.hpp"

#include <algorithm>

namespace conclave::storage {

bool has_prefix(BytesView key, BytesView prefix) noexcept {
  return key.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), key.begin());
}

std::optional<Bytes> prefix_successor(BytesView prefix) {
  Bytes successor(prefix.begin(), prefix.end());
  while (!successor.empty() && successor.back() == 0xff) successor.pop_back();
  if (successor.empty()) return std::nullopt;
  ++successor.back();
  return successor;
}

}  // namespace conclave::storage
