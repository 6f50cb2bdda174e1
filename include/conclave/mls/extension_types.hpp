#pragma once

// The extensions RFC 9420 defines (section 13 and its references), as typed
// values that parse from and serialize to an Extension's opaque data.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

// Section 5.3.3.
struct ApplicationId {
  static constexpr ExtensionType type = ExtensionType::application_id;
  Bytes application_id;
  CONCLAVE_FIELDS(application_id)
};

// Section 12.4.3.3.
struct RatchetTreeExtension {
  static constexpr ExtensionType type = ExtensionType::ratchet_tree;
  RatchetTreeNodes nodes;
  CONCLAVE_FIELDS(nodes)
};

// Section 11.1.
struct RequiredCapabilities {
  static constexpr ExtensionType type = ExtensionType::required_capabilities;
  std::vector<ExtensionType> extension_types;
  std::vector<ProposalType> proposal_types;
  std::vector<CredentialType> credential_types;
  CONCLAVE_FIELDS(extension_types, proposal_types, credential_types)
};

// Section 12.4.3.2.
struct ExternalPub {
  static constexpr ExtensionType type = ExtensionType::external_pub;
  Bytes external_pub;
  CONCLAVE_FIELDS(external_pub)
};

// Section 12.1.8.1.
struct ExternalSender {
  Bytes signature_key;
  Credential credential;
  CONCLAVE_FIELDS(signature_key, credential)
  friend bool operator==(const ExternalSender&, const ExternalSender&) = default;
};

struct ExternalSenders {
  static constexpr ExtensionType type = ExtensionType::external_senders;
  std::vector<ExternalSender> senders;
  CONCLAVE_FIELDS(senders)
};

// draft-ietf-mls-extensions: a KeyPackage that may be used more than once.
struct LastResort {
  static constexpr ExtensionType type = ExtensionType::last_resort;
  CONCLAVE_FIELDS()
};

// Each typed extension's data is the encoding of its fields, as a struct
// (so ApplicationId's data is a length-prefixed opaque, and LastResort's is
// empty).
template <class T>
Extension make_extension(const T& value) {
  return {T::type, codec::encode(value)};
}

template <class T>
Result<T> parse_extension(const Extension& extension, codec::Limits limits = {}) {
  if (extension.extension_type != T::type) return Errc::invalid_argument;
  return codec::decode<T>(extension.extension_data, limits);
}

}  // namespace conclave::mls
