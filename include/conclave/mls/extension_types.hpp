#pragma once

/// @file
/// The extensions RFC 9420 defines (section 13 and its references), as typed
/// values that parse from and serialize to an Extension's opaque data.

#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

/// Section 5.3.3: application_id, an application's identifier for a client,
/// in a leaf node's extensions.
struct ApplicationId {
  static constexpr ExtensionType type = ExtensionType::application_id;  ///< The type this parses.
  Bytes application_id;  ///< The identifier, opaque to MLS.
  CONCLAVE_FIELDS(application_id)
};

/// Section 12.4.3.3: ratchet_tree, the group's public tree, in a GroupInfo
/// for joiners. A joiner builds the tree straight from the extension's data
/// with RatchetTree::from_encoded(), which takes far less memory than this
/// decoded form (see codec::Limits).
struct RatchetTreeExtension {
  static constexpr ExtensionType type = ExtensionType::ratchet_tree;  ///< The type this parses.
  RatchetTreeNodes nodes;  ///< The nodes in array order, without trailing blanks.
  CONCLAVE_FIELDS(nodes)
};

/// Section 11.1: required_capabilities, in the GroupContext: what every
/// member's leaf must support (checked by validate_leaf_node).
struct RequiredCapabilities {
  static constexpr ExtensionType type = ExtensionType::required_capabilities;  ///< The type this parses.
  std::vector<ExtensionType> extension_types;    ///< Extension types every member must support.
  std::vector<ProposalType> proposal_types;      ///< Proposal types every member must support.
  std::vector<CredentialType> credential_types;  ///< Credential types every member must support.
  CONCLAVE_FIELDS(extension_types, proposal_types, credential_types)
};

/// Section 12.4.3.2: external_pub, in a GroupInfo: the HPKE public key that
/// lets a non-member join by external Commit.
struct ExternalPub {
  static constexpr ExtensionType type = ExtensionType::external_pub;  ///< The type this parses.
  Bytes external_pub;  ///< The public key derived from the epoch's external secret.
  CONCLAVE_FIELDS(external_pub)
};

/// Section 12.1.8.1: one sender outside the group allowed to send proposals.
struct ExternalSender {
  Bytes signature_key;    ///< The key that signs its proposals.
  Credential credential;  ///< Its credential.
  CONCLAVE_FIELDS(signature_key, credential)
  /// Memberwise equality.
  friend bool operator==(const ExternalSender&, const ExternalSender&) = default;
};

/// Section 12.1.8.1: external_senders, in the GroupContext: the senders
/// outside the group whose proposals the group accepts.
struct ExternalSenders {
  static constexpr ExtensionType type = ExtensionType::external_senders;  ///< The type this parses.
  std::vector<ExternalSender> senders;  ///< A proposal names its sender by index in this list.
  CONCLAVE_FIELDS(senders)
};

/// draft-ietf-mls-extensions: last_resort, marking a KeyPackage that may be
/// used more than once. It has no data.
struct LastResort {
  static constexpr ExtensionType type = ExtensionType::last_resort;  ///< The type this parses.
  CONCLAVE_FIELDS()
};

/// Serializes a typed extension into an Extension of type `T::type`. Each
/// typed extension's data is the encoding of its fields, as a struct (so
/// ApplicationId's data is a length-prefixed opaque, and LastResort's is
/// empty).
template <class T>
Extension make_extension(const T& value) {
  return {T::type, codec::encode(value)};
}

/// Parses an Extension's data as the typed extension `T`.
/// @param extension an extension that should be of type `T::type`.
/// @param limits bounds on the vector lengths and items accepted while
/// decoding, and its memory budget.
/// @errors `Errc::invalid_argument` when `extension` is of another type than
/// `T::type`; otherwise the errors of `codec::decode` when its data is not
/// exactly one `T` (`Errc::truncated`, `Errc::trailing_data`,
/// `Errc::length_limit`, `Errc::decode_limit`, `Errc::unknown_variant`, ...).
template <class T>
Result<T> parse_extension(const Extension& extension, codec::Limits limits = {}) {
  if (extension.extension_type != T::type) return Errc::invalid_argument;
  return codec::decode<T>(extension.extension_data, limits);
}

}  // namespace conclave::mls
