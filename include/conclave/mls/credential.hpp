#pragma once

// RFC 9420 section 5.3: credentials.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

struct BasicCredential {
  static constexpr CredentialType tag = CredentialType::basic;
  Bytes identity;
  CONCLAVE_FIELDS(identity)
  friend bool operator==(const BasicCredential&, const BasicCredential&) = default;
};

struct Certificate {
  Bytes cert_data;
  CONCLAVE_FIELDS(cert_data)
  friend bool operator==(const Certificate&, const Certificate&) = default;
};

// A certificate chain, the end-entity certificate first.
struct X509Credential {
  static constexpr CredentialType tag = CredentialType::x509;
  std::vector<Certificate> certificates;
  CONCLAVE_FIELDS(certificates)
  friend bool operator==(const X509Credential&, const X509Credential&) = default;
};

using Credential = codec::Select<CredentialType, BasicCredential, X509Credential>;

}  // namespace conclave::mls
