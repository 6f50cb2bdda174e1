#pragma once

/// @file
/// RFC 9420 section 6: MLSMessage, the outermost framing.

#include "conclave/codec/codec.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::mls {

/// The body of an MLSMessage, selected by its WireFormat.
using MessageBody =
    codec::Select<WireFormat, PublicMessage, PrivateMessage, Welcome, GroupInfo, KeyPackage>;

/// RFC 9420 section 6: MLSMessage, any message as it travels: a protocol
/// version and a body tagged by wire format.
struct MlsMessage {
  ProtocolVersion version = ProtocolVersion::mls10;  ///< The protocol version, mls10.
  MessageBody body;  ///< The message proper.
  CONCLAVE_FIELDS(version, body)
  /// Memberwise equality.
  friend bool operator==(const MlsMessage&, const MlsMessage&) = default;
};

}  // namespace conclave::mls
