// draft-ietf-mls-extensions, "Negotiating Extensions and Components",
// "GREASE" and "Last-Resort KeyPackages".

#include "conclave/mls/negotiation.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "conclave/mls/extension_types.hpp"

namespace conclave::mls {

namespace {

template <class T>
void sort_unique(std::vector<T>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

template <class T>
bool lists_all(std::vector<T> listed, const std::vector<T>& required) {
  std::sort(listed.begin(), listed.end());
  return std::all_of(required.begin(), required.end(),
                     [&](T value) { return std::binary_search(listed.begin(), listed.end(), value); });
}

// The ComponentsList of `component` in `dictionary`; empty when absent.
Result<std::vector<ComponentId>> components_list(const std::optional<AppDataDictionary>& dictionary,
                                                 ComponentId component) {
  const Bytes* data = dictionary ? component_data(*dictionary, component) : nullptr;
  if (data == nullptr) return std::vector<ComponentId>{};
  auto list = codec::decode<ComponentsList>(*data);
  if (!list) return list.error();
  return std::move(list->component_ids);
}

// The wire formats of the extension of type T (WireFormats) in `extensions`.
template <class T>
Result<std::vector<WireFormat>> wire_formats(const ExtensionList& extensions) {
  const Extension* extension = find_extension(extensions, T::type);
  if (extension == nullptr) return std::vector<WireFormat>{};
  auto parsed = parse_extension<T>(*extension);
  if (!parsed) return parsed.error();
  return std::move(parsed->wire_formats);
}

// RFC 9420 section 17.2: the wire formats every MLS client supports.
bool is_default_wire_format(WireFormat format) noexcept {
  const auto value = static_cast<std::uint16_t>(format);
  return value >= 1 && value <= 5;
}

// What a leaf supports, in the shape of the group's requirements.
Result<ComponentRequirements> leaf_support(const LeafNode& leaf) {
  auto formats = wire_formats<SupportedWireFormats>(leaf.extensions);
  if (!formats) return formats.error();
  auto dictionary = find_app_data_dictionary(leaf.extensions);
  if (!dictionary) return dictionary.error();
  auto components = components_list(*dictionary, ComponentId::app_components);
  auto safe_aad = components_list(*dictionary, ComponentId::safe_aad);
  if (!components || !safe_aad) return components ? safe_aad.error() : components.error();
  return ComponentRequirements{std::move(*formats), std::move(*components), std::move(*safe_aad)};
}

// "GREASE": the registry's GREASE component IDs.
constexpr std::array<std::uint16_t, 8> grease_components = {0x0A0A, 0x1A1A, 0x2A2A, 0x3A3A,
                                                            0x4A4A, 0x5A5A, 0x6A6A, 0x7A7A};

ComponentId random_grease(crypto::RandomSource& random) {
  std::uint8_t pick = 0;
  random.fill(MutableBytesView(&pick, 1));
  return ComponentId{grease_components[pick % grease_components.size()]};
}

// `extensions` with `dictionary` as its app_data_dictionary.
ExtensionList with_dictionary(ExtensionList extensions, const AppDataDictionary& dictionary) {
  Extension encoded = make_extension(dictionary);
  auto found = std::find_if(extensions.begin(), extensions.end(), [](const Extension& e) {
    return e.extension_type == ExtensionType::app_data_dictionary;
  });
  if (found == extensions.end()) {
    extensions.push_back(std::move(encoded));
  } else {
    *found = std::move(encoded);
  }
  return extensions;
}

// Sets `component`'s entry in `dictionary`, keeping it sorted.
void set_component(AppDataDictionary& dictionary, ComponentData data) {
  auto& entries = dictionary.component_data;
  auto at = std::lower_bound(entries.begin(), entries.end(), data.component_id,
                             [](const ComponentData& e, ComponentId id) { return e.component_id < id; });
  if (at != entries.end() && at->component_id == data.component_id) {
    *at = std::move(data);
  } else {
    entries.insert(at, std::move(data));
  }
}

// Adds `extra` to the ComponentsList of `component`, if the dictionary has
// one.
Status extend_list(AppDataDictionary& dictionary, ComponentId component, const std::vector<ComponentId>& extra) {
  if (component_data(dictionary, component) == nullptr) return {};
  auto list = components_list(dictionary, component);
  if (!list) return list.error();
  list->insert(list->end(), extra.begin(), extra.end());
  sort_unique(*list);
  set_component(dictionary, {component, codec::encode(ComponentsList{std::move(*list)})});
  return {};
}

}  // namespace

Result<ComponentRequirements> find_component_requirements(const ExtensionList& group_extensions) {
  auto formats = wire_formats<RequiredWireFormats>(group_extensions);
  if (!formats) return formats.error();
  std::erase_if(*formats, is_default_wire_format);
  auto dictionary = find_app_data_dictionary(group_extensions);
  if (!dictionary) return dictionary.error();
  auto components = components_list(*dictionary, ComponentId::app_components);
  auto safe_aad = components_list(*dictionary, ComponentId::safe_aad);
  if (!components || !safe_aad) return components ? safe_aad.error() : components.error();
  ComponentRequirements required{std::move(*formats), std::move(*components), std::move(*safe_aad)};
  sort_unique(required.wire_formats);
  sort_unique(required.app_components);
  sort_unique(required.safe_aad);
  return required;
}

Status meets_component_requirements(const LeafNode& leaf, const ComponentRequirements& required) {
  if (required.wire_formats.empty() && required.app_components.empty() && required.safe_aad.empty()) return {};
  auto support = leaf_support(leaf);
  if (!support) return support.error();
  // "Negotiating Extensions and Components": a member supports what the
  // group requires, as section 7.3 of RFC 9420 has it for capabilities.
  if (!lists_all(std::move(support->wire_formats), required.wire_formats) ||
      !lists_all(std::move(support->app_components), required.app_components) ||
      !lists_all(std::move(support->safe_aad), required.safe_aad)) {
    return Errc::capability_mismatch;
  }
  return {};
}

Status supports_component_requirements(const LeafNode& leaf, const ExtensionList& group_extensions) {
  auto required = find_component_requirements(group_extensions);
  if (!required) return required.error();
  return meets_component_requirements(leaf, *required);
}

Status members_meet_component_requirements(const RatchetTree& tree, const ExtensionList& group_extensions) {
  auto required = find_component_requirements(group_extensions);
  if (!required) return required.error();
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    const auto leaf = tree.leaf(LeafIndex{i});
    if (!leaf) continue;
    if (auto meets = meets_component_requirements(*leaf, *required); !meets) return meets;
  }
  return {};
}

bool is_grease_component(ComponentId component) noexcept {
  const auto value = static_cast<std::uint16_t>(component);
  return std::find(grease_components.begin(), grease_components.end(), value) != grease_components.end();
}

Result<ExtensionList> with_component(ExtensionList extensions, ComponentData data) {
  auto dictionary = find_app_data_dictionary(extensions);
  if (!dictionary) return dictionary.error();
  AppDataDictionary updated = dictionary->value_or(AppDataDictionary{});
  set_component(updated, std::move(data));
  return with_dictionary(std::move(extensions), updated);
}

Result<ExtensionList> with_grease_components(ExtensionList extensions, crypto::RandomSource& random) {
  auto dictionary = find_app_data_dictionary(extensions);
  if (!dictionary) return dictionary.error();
  if (!*dictionary) return extensions;
  AppDataDictionary& updated = **dictionary;
  // "GREASE": a random selection SHOULD be included where the field is
  // present; a GREASE component already in the dictionary is kept.
  const ComponentId entry = random_grease(random);
  if (component_data(updated, entry) == nullptr) set_component(updated, {entry, {}});
  if (auto added = extend_list(updated, ComponentId::app_components, {random_grease(random)}); !added) {
    return added.error();
  }
  if (auto added = extend_list(updated, ComponentId::safe_aad, {random_grease(random)}); !added) {
    return added.error();
  }
  return with_dictionary(std::move(extensions), updated);
}

Result<ExtensionList> prepare_leaf_components(ExtensionList leaf_extensions, const Capabilities& capabilities,
                                              crypto::RandomSource& random) {
  const auto& listed = capabilities.extensions;
  if (std::find(listed.begin(), listed.end(), ExtensionType::app_data_dictionary) == listed.end()) {
    return with_grease_components(std::move(leaf_extensions), random);
  }
  auto dictionary = find_app_data_dictionary(leaf_extensions);
  if (!dictionary) return dictionary.error();
  AppDataDictionary updated = dictionary->value_or(AppDataDictionary{});
  std::vector<ComponentId> advertised{ComponentId::app_components};
  for (const auto& entry : updated.component_data) advertised.push_back(entry.component_id);
  if (component_data(updated, ComponentId::app_components) == nullptr) {
    set_component(updated, {ComponentId::app_components, codec::encode(ComponentsList{})});
  }
  if (auto added = extend_list(updated, ComponentId::app_components, advertised); !added) return added.error();
  return with_grease_components(with_dictionary(std::move(leaf_extensions), updated), random);
}

Result<ExtensionList> mark_last_resort(ExtensionList key_package_extensions) {
  return with_component(std::move(key_package_extensions), {ComponentId::last_resort_key_package, {}});
}

bool is_last_resort(const KeyPackage& key_package) {
  auto dictionary = find_app_data_dictionary(key_package.extensions);
  return dictionary && *dictionary && component_data(**dictionary, ComponentId::last_resort_key_package);
}

}  // namespace conclave::mls
