// draft-ietf-mls-extensions: application data in extension lists, the
// AppDataUpdate builders, and safe AAD.

#include "conclave/mls/app_data.hpp"

#include <algorithm>

#include "conclave/mls/extension_types.hpp"

namespace conclave::mls {

namespace {

// Strictly increasing component IDs: sorted, none twice.
template <class T>
bool strictly_sorted(const std::vector<T>& entries) {
  return std::adjacent_find(entries.begin(), entries.end(), [](const T& a, const T& b) {
           return a.component_id >= b.component_id;
         }) == entries.end();
}

template <class T>
const T* entry_of(const std::vector<T>& entries, ComponentId component) {
  const auto found = std::lower_bound(entries.begin(), entries.end(), component,
                                      [](const T& entry, ComponentId id) { return entry.component_id < id; });
  return found != entries.end() && found->component_id == component ? &*found : nullptr;
}

}  // namespace

// "Attaching Application Data to MLS Messages": the entries MUST be sorted
// by component_id, with at most one entry for each component_id.
Status check_app_data_dictionary(const AppDataDictionary& dictionary) {
  return strictly_sorted(dictionary.component_data) ? Status() : Status(Errc::invalid_value);
}

Result<std::optional<AppDataDictionary>> find_app_data_dictionary(const ExtensionList& extensions) {
  const auto* extension = find_extension(extensions, ExtensionType::app_data_dictionary);
  if (extension == nullptr) return std::optional<AppDataDictionary>();
  auto dictionary = parse_extension<AppDataDictionary>(*extension);
  if (!dictionary) return dictionary.error();
  if (auto sorted = check_app_data_dictionary(*dictionary); !sorted) return sorted.error();
  return std::optional<AppDataDictionary>(std::move(*dictionary));
}

Status check_extension_list(const ExtensionList& list) {
  if (auto unique = check_extensions_unique(list); !unique) return unique;
  auto dictionary = find_app_data_dictionary(list);
  return dictionary ? Status() : Status(dictionary.error());
}

const Bytes* component_data(const AppDataDictionary& dictionary, ComponentId component) {
  const auto* entry = entry_of(dictionary.component_data, component);
  return entry != nullptr ? &entry->data : nullptr;
}

Result<std::optional<Bytes>> group_app_data(const GroupContext& context, ComponentId component) {
  auto dictionary = find_app_data_dictionary(context.extensions);
  if (!dictionary) return dictionary.error();
  const Bytes* data = *dictionary ? component_data(**dictionary, component) : nullptr;
  return data != nullptr ? std::optional<Bytes>(*data) : std::nullopt;
}

Proposal app_data_update(ComponentId component, Bytes update) {
  return Proposal{AppDataUpdate{component, {ComponentUpdate{std::move(update)}}}};
}

Proposal app_data_removal(ComponentId component) {
  return Proposal{AppDataUpdate{component, {ComponentRemoval{}}}};
}

Result<bool> requires_safe_aad(const GroupContext& context) {
  auto dictionary = find_app_data_dictionary(context.extensions);
  if (!dictionary) return dictionary.error();
  return *dictionary && component_data(**dictionary, ComponentId::safe_aad) != nullptr;
}

Result<Bytes> make_safe_aad(std::vector<SafeAadItem> items) {
  std::sort(items.begin(), items.end(),
            [](const SafeAadItem& a, const SafeAadItem& b) { return a.component_id < b.component_id; });
  if (!strictly_sorted(items)) return Errc::invalid_argument;
  return codec::encode(SafeAad{std::move(items)});
}

// "Safe Additional Authenticated Data": the aad_items are sorted in
// increasing order of component_id.
Result<SafeAad> parse_safe_aad(BytesView authenticated_data) {
  auto aad = codec::decode<SafeAad>(authenticated_data);
  if (!aad) return aad.error();
  if (!strictly_sorted(aad->aad_items)) return Errc::invalid_value;
  return aad;
}

const Bytes* safe_aad_item(const SafeAad& aad, ComponentId component) {
  const auto* item = entry_of(aad.aad_items, component);
  return item != nullptr ? &item->aad_item_data : nullptr;
}

// "Safe Additional Authenticated Data": with safe_aad in the GroupContext,
// the entire authenticated_data is a SafeAad.
Status check_authenticated_data(const GroupContext& context, BytesView authenticated_data) {
  auto required = requires_safe_aad(context);
  if (!required) return required.error();
  if (!*required) return {};
  auto aad = parse_safe_aad(authenticated_data);
  return aad ? Status() : Status(aad.error());
}

}  // namespace conclave::mls
