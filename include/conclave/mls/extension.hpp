#pragma once

/// @file
/// RFC 9420 section 13: extensions. An Extension keeps its data opaque, so
/// unknown and GREASE types decode and re-encode unchanged; the typed
/// extensions of extension_types.hpp parse that data on demand.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/codepoints.hpp"
#include "conclave/error.hpp"

namespace conclave::mls {

/// The "MLS Extension Types" registry (RFC 9420 section 17.3). A field of
/// this type holds any 16-bit value, so unknown and GREASE types round-trip.
enum class ExtensionType : std::uint16_t {
  application_id = 0x0001,         ///< ApplicationId, in leaf nodes (section 5.3.3).
  ratchet_tree = 0x0002,           ///< RatchetTreeExtension, in GroupInfo (section 12.4.3.3).
  required_capabilities = 0x0003,  ///< RequiredCapabilities, in the GroupContext (section 11.1).
  external_pub = 0x0004,           ///< ExternalPub, in GroupInfo (section 12.4.3.2).
  external_senders = 0x0005,       ///< ExternalSenders, in the GroupContext (section 12.1.8.1).
  last_resort = 0x000a,  ///< LastResort, in KeyPackages: draft-ietf-mls-extensions, registered by IANA
  /// AppDataDictionary, in KeyPackages, leaf nodes, the GroupContext and
  /// GroupInfo (draft-ietf-mls-extensions, suggested 0x0006).
  app_data_dictionary = CONCLAVE_EXTENSION_APP_DATA_DICTIONARY,
  /// SupportedWireFormats, in leaf nodes (draft-ietf-mls-extensions, suggested 0x0007).
  supported_wire_formats = CONCLAVE_EXTENSION_SUPPORTED_WIRE_FORMATS,
  /// RequiredWireFormats, in the GroupContext (draft-ietf-mls-extensions, suggested 0x0008).
  required_wire_formats = CONCLAVE_EXTENSION_REQUIRED_WIRE_FORMATS,
};

/// Section 13: Extension, a type and its data, kept as opaque bytes.
struct Extension {
  ExtensionType extension_type{};  ///< Which extension this is.
  Bytes extension_data;            ///< Its body, parsed by parse_extension() for known types.
  CONCLAVE_FIELDS(extension_type, extension_data)
  /// Memberwise equality.
  friend bool operator==(const Extension&, const Extension&) = default;
};

}  // namespace conclave::mls

namespace conclave::codec {
/// Extension lists are capped by Limits::max_extensions.
template <>
struct VectorItemLimit<mls::Extension> {
  static constexpr std::size_t Limits::*field = &Limits::max_extensions;  ///< The cap's field.
};
}  // namespace conclave::codec

namespace conclave::mls {

/// A list of extensions, as carried by leaf nodes, KeyPackages, GroupInfo
/// and the GroupContext.
using ExtensionList = std::vector<Extension>;

/// The extension of a type in a list, if present.
/// @return the first extension of `type` in `list`, or null when there is
/// none; the pointer is valid while `list` is unchanged.
const Extension* find_extension(const ExtensionList& list, ExtensionType type);

/// RFC 9420 section 13: a list of extensions has at most one of each type.
/// Checked wherever a received list is validated: leaf nodes, KeyPackages,
/// GroupInfo and its GroupContext, GroupContextExtensions and ReInit
/// proposals.
/// @param list the extensions to check.
/// @errors `Errc::duplicate_extension` when two have one type.
Status check_extensions_unique(const ExtensionList& list);

/// RFC 9420 section 13.5: whether `value` is one of the GREASE values,
/// 0x0A0A, 0x1A1A, ... 0xEAEA (the reserved code points that exercise
/// extensibility).
constexpr bool is_grease(std::uint16_t value) noexcept {
  return (value & 0x0f0f) == 0x0a0a && (value >> 12) == ((value >> 4) & 0x0f) && value != 0xfafa;
}

}  // namespace conclave::mls
