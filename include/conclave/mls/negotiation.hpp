#pragma once

/// @file
/// draft-ietf-mls-extensions, "Negotiating Extensions and Components",
/// "GREASE" and "Last-Resort KeyPackages": reading components from an
/// app_data_dictionary, the wire formats and components a group requires of
/// its members, GREASE components, and the last-resort mark.

#include <optional>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/app_data.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::mls {

/// "Negotiating Extensions and Components": what a GroupContext requires of
/// every member beyond required_capabilities, each list sorted and unique.
struct ComponentRequirements {
  /// required_wire_formats, without the five of RFC 9420 (every client
  /// supports those, as it does the default extensions of section 7.2).
  std::vector<WireFormat> wire_formats;
  /// The app_components component of the group's app_data_dictionary.
  std::vector<ComponentId> app_components;
  /// The safe_aad component of the group's app_data_dictionary.
  std::vector<ComponentId> safe_aad;
};

/// The requirements of a GroupContext with `group_extensions`; all empty
/// when it has neither required_wire_formats nor app_data_dictionary.
/// @errors The decoding errors (`Errc::truncated`, ...) when one of those
/// extensions, or the app_components or safe_aad component, does not parse.
Result<ComponentRequirements> find_component_requirements(const ExtensionList& group_extensions);

/// Whether `leaf` meets `required`: each required wire format is in its
/// supported_wire_formats extension, each required component in its
/// app_data_dictionary's app_components, each required safe AAD component in
/// its safe_aad. Values the leaf lists beyond those (unknown or GREASE
/// ones) are ignored ("GREASE": receivers MUST ignore them).
/// @errors `Errc::capability_mismatch` when one is missing (a leaf without
/// the extension or component supports none); the decoding errors when the
/// leaf's supported_wire_formats, app_data_dictionary, app_components or
/// safe_aad does not parse.
Status meets_component_requirements(const LeafNode& leaf, const ComponentRequirements& required);

/// meets_component_requirements() against the requirements of a
/// GroupContext with `group_extensions`: where RFC 9420 checks a leaf
/// against required_capabilities (an Add's KeyPackage, an Update, a
/// Commit's path).
/// @errors Those of find_component_requirements() and
/// meets_component_requirements().
Status supports_component_requirements(const LeafNode& leaf, const ExtensionList& group_extensions);

/// meets_component_requirements() for every member of `tree` against the
/// requirements of `group_extensions` (parsed once): a joiner's check of the
/// tree, and section 12.1.7's of a GroupContextExtensions proposal.
/// @errors Those of find_component_requirements() and
/// meets_component_requirements().
Status members_meet_component_requirements(const RatchetTree& tree, const ExtensionList& group_extensions);

/// "GREASE": whether `component` is one of the registry's GREASE component
/// IDs, 0x0A0A, 0x1A1A, ... 0x7A7A.
bool is_grease_component(ComponentId component) noexcept;

/// `extensions` with `data` set in its app_data_dictionary (added, or
/// replacing that component's entry), which is created when absent; the
/// dictionary stays sorted by component ID.
/// @errors The decoding errors when the app_data_dictionary present does not
/// parse.
Result<ExtensionList> with_component(ExtensionList extensions, ComponentData data);

/// "GREASE": `extensions` with random GREASE components added where the
/// draft allows them and the list already has the field: one GREASE entry
/// (with empty data) in its app_data_dictionary, and one GREASE ID in that
/// dictionary's app_components and safe_aad lists. A list without an
/// app_data_dictionary is returned unchanged.
/// @errors The decoding errors when the dictionary or a list in it does not
/// parse.
Result<ExtensionList> with_grease_components(ExtensionList extensions, crypto::RandomSource& random);

/// "Negotiating Extensions and Components": a leaf's app_data_dictionary
/// made ready for sending. When `capabilities` lists app_data_dictionary, the
/// dictionary is present and has an app_components list ("Every
/// implementation that advertises support for app_data_dictionary MUST
/// understand and advertise app_components") naming at least app_components
/// itself and every component of the dictionary; then GREASE is added as
/// with_grease_components() does.
/// @errors Those of with_grease_components().
Result<ExtensionList> prepare_leaf_components(ExtensionList leaf_extensions, const Capabilities& capabilities,
                                              crypto::RandomSource& random);

/// "Last-Resort KeyPackages": KeyPackage extensions marked with the
/// last_resort_key_package component (empty data), for
/// KeyPackageOptions::extensions.
/// @errors Those of with_component().
Result<ExtensionList> mark_last_resort(ExtensionList key_package_extensions);

/// "Last-Resort KeyPackages": whether `key_package` carries the
/// last_resort_key_package component in its app_data_dictionary. A
/// dictionary that does not parse marks nothing.
bool is_last_resort(const KeyPackage& key_package);

}  // namespace conclave::mls
