#pragma once

/// @file
/// draft-ietf-mls-extensions: the structures of the safe application
/// interface (component IDs and their labels, application data, safe AAD)
/// and of the negotiation of components, wire formats and media types.

#include <cstdint>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// "Component IDs": a component of the application, named by 16 bits. The
/// "MLS Component Types" registry's values are named here; 0x8000-0xFFFF are
/// for private use, and any value round-trips.
enum class ComponentId : std::uint16_t {
  app_components = 0x0001,           ///< ComponentsList: supported (leaf) or required (group) components.
  safe_aad = 0x0002,                 ///< ComponentsList: components that use safe AAD.
  content_media_types = 0x0003,      ///< MediaTypeList: media types a client receives or a group requires.
  last_resort_key_package = 0x0004,  ///< Empty: marks a last-resort KeyPackage.
  app_ack = 0x0005,                  ///< AppAck, in AppEphemeral proposals.
};

/// "Component IDs": the label of a component's operation, in place of the
/// label of the MLS operation it uses (base_label is "MLS Component").
struct ComponentOperationLabel {
  Bytes base_label;            ///< Always "MLS Component".
  ComponentId component_id{};  ///< The component performing the operation.
  Bytes label;                 ///< The operation.
  CONCLAVE_FIELDS(base_label, component_id, label)
};

/// "Attaching Application Data to MLS Messages": one component's data.
struct ComponentData {
  ComponentId component_id{};  ///< Whose data.
  Bytes data;                  ///< The data, opaque to MLS.
  CONCLAVE_FIELDS(component_id, data)
  /// Memberwise equality.
  friend bool operator==(const ComponentData&, const ComponentData&) = default;
};

/// The app_data_dictionary extension: component data sorted by component
/// ID, at most one entry per ID.
struct AppDataDictionary {
  static constexpr ExtensionType type = ExtensionType::app_data_dictionary;  ///< The type this parses.
  std::vector<ComponentData> component_data;  ///< Sorted by component_id, each ID once.
  CONCLAVE_FIELDS(component_data)
  /// Memberwise equality.
  friend bool operator==(const AppDataDictionary&, const AppDataDictionary&) = default;
};

/// "Negotiating Extensions and Components": a list of component IDs, the
/// data of the app_components and safe_aad components.
struct ComponentsList {
  std::vector<ComponentId> component_ids;  ///< Supported (in a leaf) or required (in the group).
  CONCLAVE_FIELDS(component_ids)
  /// Memberwise equality.
  friend bool operator==(const ComponentsList&, const ComponentsList&) = default;
};

/// "Negotiating Extensions and Components": supported_wire_formats, in a
/// leaf node: the non-default wire formats its client supports.
struct SupportedWireFormats {
  static constexpr ExtensionType type = ExtensionType::supported_wire_formats;  ///< The type this parses.
  std::vector<WireFormat> wire_formats;  ///< The wire formats.
  CONCLAVE_FIELDS(wire_formats)
};

/// "Negotiating Extensions and Components": required_wire_formats, in the
/// GroupContext: the non-default wire formats every member must support.
struct RequiredWireFormats {
  static constexpr ExtensionType type = ExtensionType::required_wire_formats;  ///< The type this parses.
  std::vector<WireFormat> wire_formats;  ///< The wire formats.
  CONCLAVE_FIELDS(wire_formats)
};

/// "Safe Additional Authenticated Data": one component's AAD.
struct SafeAadItem {
  ComponentId component_id{};  ///< Whose AAD.
  Bytes aad_item_data;         ///< The AAD.
  CONCLAVE_FIELDS(component_id, aad_item_data)
  /// Memberwise equality.
  friend bool operator==(const SafeAadItem&, const SafeAadItem&) = default;
};

/// "Safe Additional Authenticated Data": the whole authenticated_data of a
/// message when the group requires safe_aad, items sorted by component ID.
struct SafeAad {
  std::vector<SafeAadItem> aad_items;  ///< Sorted by component_id.
  CONCLAVE_FIELDS(aad_items)
  /// Memberwise equality.
  friend bool operator==(const SafeAad&, const SafeAad&) = default;
};

/// "Content Advertisement": a media type parameter, its value unquoted.
struct MediaTypeParameter {
  Bytes parameter_name;   ///< For example "charset".
  Bytes parameter_value;  ///< For example "UTF-8", without quotes or escapes.
  CONCLAVE_FIELDS(parameter_name, parameter_value)
  /// Memberwise equality.
  friend bool operator==(const MediaTypeParameter&, const MediaTypeParameter&) = default;
};

/// "Content Advertisement": an IANA media type and its parameters.
struct MediaType {
  Bytes type;                                 ///< "type/subtype"; empty in framing means the group's first.
  std::vector<MediaTypeParameter> parameters;  ///< Zero or more parameters.
  CONCLAVE_FIELDS(type, parameters)
  /// Memberwise equality.
  friend bool operator==(const MediaType&, const MediaType&) = default;
};

/// "Content Advertisement": the data of the content_media_types component,
/// at least one media type.
struct MediaTypeList {
  std::vector<MediaType> media_type_list;  ///< The media types, in preference order.
  CONCLAVE_FIELDS(media_type_list)
  /// Memberwise equality.
  friend bool operator==(const MediaTypeList&, const MediaTypeList&) = default;
};

/// "Framing of application_data": application data in a group whose
/// GroupContext has the content_media_types component.
struct ApplicationFraming {
  MediaType media_type;                ///< The content's media type.
  Bytes inner_application_content;     ///< The content.
  CONCLAVE_FIELDS(media_type, inner_application_content)
  /// Memberwise equality.
  friend bool operator==(const ApplicationFraming&, const ApplicationFraming&) = default;
};

}  // namespace conclave::mls
