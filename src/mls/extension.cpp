#include "conclave/mls/extension.hpp"

#include <algorithm>

namespace conclave::mls {

const Extension* find_extension(const ExtensionList& list, ExtensionType type) {
  const auto found = std::find_if(list.begin(), list.end(),
                                  [type](const Extension& e) { return e.extension_type == type; });
  return found == list.end() ? nullptr : &*found;
}

// Section 13: "Any field containing a list of extensions MUST NOT have more
// than one extension of any given type."
Status check_extensions_unique(const ExtensionList& list) {
  std::vector<ExtensionType> types;
  types.reserve(list.size());
  for (const auto& extension : list) types.push_back(extension.extension_type);
  std::sort(types.begin(), types.end());
  if (std::adjacent_find(types.begin(), types.end()) != types.end()) return Errc::duplicate_extension;
  return {};
}

}  // namespace conclave::mls
