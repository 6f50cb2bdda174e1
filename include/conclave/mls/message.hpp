#pragma once

// RFC 9420 section 6: MLSMessage, the outermost framing.

#include "conclave/codec/codec.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::mls {

using MessageBody =
    codec::Select<WireFormat, PublicMessage, PrivateMessage, Welcome, GroupInfo, KeyPackage>;

struct MlsMessage {
  ProtocolVersion version = ProtocolVersion::mls10;
  MessageBody body;
  CONCLAVE_FIELDS(version, body)
  friend bool operator==(const MlsMessage&, const MlsMessage&) = default;
};

}  // namespace conclave::mls
