#pragma once

/// @file
/// RFC 9420 section 5.3: credentials.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// Section 5.3: a basic credential, an identity that only the application
/// interprets; it proves nothing by itself.
struct BasicCredential {
  static constexpr CredentialType tag = CredentialType::basic;  ///< Selects this case in Credential.
  Bytes identity;  ///< The identity, opaque to MLS.
  CONCLAVE_FIELDS(identity)
  /// Memberwise equality.
  friend bool operator==(const BasicCredential&, const BasicCredential&) = default;
};

/// Section 5.3: one certificate of an X509Credential.
struct Certificate {
  Bytes cert_data;  ///< The certificate's DER encoding.
  CONCLAVE_FIELDS(cert_data)
  /// Memberwise equality.
  friend bool operator==(const Certificate&, const Certificate&) = default;
};

/// Section 5.3: an X.509 credential, a certificate chain, the end-entity
/// certificate first.
struct X509Credential {
  static constexpr CredentialType tag = CredentialType::x509;  ///< Selects this case in Credential.
  std::vector<Certificate> certificates;  ///< The chain, end-entity certificate first.
  CONCLAVE_FIELDS(certificates)
  /// Memberwise equality.
  friend bool operator==(const X509Credential&, const X509Credential&) = default;
};

/// Section 5.3: Credential, a basic or an X.509 credential selected by
/// CredentialType. Other credential types do not decode
/// (`Errc::unknown_variant`).
using Credential = codec::Select<CredentialType, BasicCredential, X509Credential>;

}  // namespace conclave::mls
