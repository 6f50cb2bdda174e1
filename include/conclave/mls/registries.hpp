#pragma once

// Code points of RFC 9420: the enumerations of section 6 and the registries
// of section 17 (cipher suites are in cipher_suite.hpp, extension types in
// extension.hpp). Fields of these types decode every value, so unknown and
// GREASE code points round-trip.

#include <cstdint>

namespace conclave::mls {

// Section 6.
enum class ProtocolVersion : std::uint16_t { mls10 = 0x0001 };

// Section 6.
enum class ContentType : std::uint8_t { application = 1, proposal = 2, commit = 3 };

// Section 6.
enum class SenderType : std::uint8_t {
  member = 1,
  external = 2,
  new_member_proposal = 3,
  new_member_commit = 4,
};

// Section 17.2.
enum class WireFormat : std::uint16_t {
  public_message = 0x0001,
  private_message = 0x0002,
  welcome = 0x0003,
  group_info = 0x0004,
  key_package = 0x0005,
};

// Section 17.4.
enum class ProposalType : std::uint16_t {
  add = 0x0001,
  update = 0x0002,
  remove = 0x0003,
  psk = 0x0004,
  reinit = 0x0005,
  external_init = 0x0006,
  group_context_extensions = 0x0007,
};

// Section 17.5.
enum class CredentialType : std::uint16_t { basic = 0x0001, x509 = 0x0002 };

}  // namespace conclave::mls
