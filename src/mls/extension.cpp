#include "conclave/mls/extension.hpp"

#include <algorithm>

namespace conclave::mls {

const Extension* find_extension(const ExtensionList& list, ExtensionType type) {
  const auto found = std::find_if(list.begin(), list.end(),
                                  [type](const Extension& e) { return e.extension_type == type; });
  return found == list.end() ? nullptr : &*found;
}

}  // namespace conclave::mls
