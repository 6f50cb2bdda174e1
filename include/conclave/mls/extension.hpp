#pragma once

// RFC 9420 section 13: extensions. An Extension keeps its data opaque, so
// unknown and GREASE types decode and re-encode unchanged; the typed
// extensions below parse that data on demand.

#include <cstdint>
#include <optional>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"

namespace conclave::mls {

// The "MLS Extension Types" registry (RFC 9420 section 17.3).
enum class ExtensionType : std::uint16_t {
  application_id = 0x0001,
  ratchet_tree = 0x0002,
  required_capabilities = 0x0003,
  external_pub = 0x0004,
  external_senders = 0x0005,
  last_resort = 0x000a,  // draft-ietf-mls-extensions, registered by IANA
};

struct Extension {
  ExtensionType extension_type{};
  Bytes extension_data;
  CONCLAVE_FIELDS(extension_type, extension_data)
  friend bool operator==(const Extension&, const Extension&) = default;
};

using ExtensionList = std::vector<Extension>;

// The extension of a type in a list, if present.
const Extension* find_extension(const ExtensionList& list, ExtensionType type);

// RFC 9420 section 13.5: the GREASE values, 0x0A0A, 0x1A1A, ... 0xEAEA.
constexpr bool is_grease(std::uint16_t value) noexcept {
  return (value & 0x0f0f) == 0x0a0a && (value >> 12) == ((value >> 4) & 0x0f) && value != 0xfafa;
}

}  // namespace conclave::mls
