#pragma once

// partial_fuzz's input format, shared with the seed generator: the first
// byte names the draft-ietf-mls-partial structure the rest is decoded as.

#include <cstdint>

#include "conclave/bytes.hpp"

namespace conclave::fuzz {

enum class PartialKind : std::uint8_t {
  copath_hash,
  membership_proof,
  sender_authenticated_welcome,
  sender_authenticated_group_info,
  sender_authenticated_public_message,
  sender_authenticated_private_message,
  annotated_welcome,
  annotated_commit,
};
inline constexpr std::uint8_t partial_kinds = 8;

// A partial_fuzz input: the kind's byte, then the encoded structure.
inline Bytes partial_input(PartialKind kind, BytesView encoded) {
  return concat({Bytes{static_cast<std::uint8_t>(kind)}, encoded});
}

}  // namespace conclave::fuzz
