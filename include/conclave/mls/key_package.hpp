#pragma once

/// @file
/// RFC 9420 section 10: key packages.

#include <cstdint>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/crypto/signature.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// RFC 9420 section 10: KeyPackage, a client's signed offer to be added to
/// a group.
struct KeyPackage {
  static constexpr WireFormat tag = WireFormat::key_package;  ///< Selects this case in MessageBody.
  ProtocolVersion version = ProtocolVersion::mls10;  ///< The protocol version, mls10.
  CipherSuiteId cipher_suite{};  ///< The one suite this KeyPackage is for.
  Bytes init_key;                ///< HPKE public key a Welcome's GroupSecrets are encrypted to.
  LeafNode leaf_node;            ///< The leaf the client takes in the tree (source key_package).
  ExtensionList extensions;      ///< KeyPackage extensions (last_resort, say).
  Bytes signature;               ///< Over KeyPackageTBS, by the leaf's signature key.
  CONCLAVE_FIELDS(version, cipher_suite, init_key, leaf_node, extensions, signature)
  /// Memberwise equality.
  friend bool operator==(const KeyPackage&, const KeyPackage&) = default;
};

/// The private keys that belong to a KeyPackage.
struct KeyPackageKeys {
  crypto::Secret init_private_key;        ///< For KeyPackage::init_key.
  crypto::Secret encryption_private_key;  ///< For the leaf node's encryption_key.
  crypto::Secret signature_private_key;   ///< For the leaf node's signature_key.
};

/// A KeyPackage together with its private keys, as create_key_package()
/// returns them.
struct KeyPackageBundle {
  KeyPackage key_package;  ///< The public KeyPackage, to publish.
  KeyPackageKeys keys;     ///< Its private keys, to keep until it is used.
};

/// What create_key_package() puts in a KeyPackage beyond its keys and
/// credential.
struct KeyPackageOptions {
  Lifetime lifetime{0, ~std::uint64_t{0}};  ///< The leaf's validity; unbounded by default.
  ExtensionList extensions;       ///< the KeyPackage's (last_resort, say)
  ExtensionList leaf_extensions;  ///< the LeafNode's
  /// Added to the defaults: protocol version 1, this suite, the credential's
  /// type, and the types of the KeyPackage's and the leaf's extensions
  /// (sections 7.2 and 10).
  Capabilities capabilities;
};

/// RFC 9420 section 10: a KeyPackage with fresh init and encryption keys,
/// signed with `signer`, whose public key it carries. When the leaf
/// advertises app_data_dictionary, its dictionary carries app_components
/// (prepare_leaf_components()); any app_data_dictionary gets random GREASE
/// components (draft-ietf-mls-extensions, "GREASE").
/// @param suite The cipher suite the KeyPackage is for.
/// @param credential The client's credential, carried in the leaf node.
/// @param signer The client's signature key pair; its private key signs the
///   leaf node and the KeyPackage and is returned in the bundle.
/// @param options Lifetime, extensions and extra capabilities.
/// @param random The source of the fresh HPKE key pairs.
/// @errors The signing errors: `Errc::invalid_private_key` when `signer`'s
/// private key is malformed for the suite's signature scheme,
/// `Errc::internal` if the crypto provider fails; the decoding errors
/// (`Errc::truncated`, ...) when an app_data_dictionary in the options, or a
/// ComponentsList in it, does not parse.
Result<KeyPackageBundle> create_key_package(const CipherSuite& suite, Credential credential,
                                            crypto::SignatureKeyPair signer,
                                            const KeyPackageOptions& options,
                                            crypto::RandomSource& random);

/// RFC 9420 sections 10, 10.1 and 13: what a KeyPackage must satisfy on its
/// own: version, suite, distinct init and encryption keys that are public
/// keys of the suite's KEM, distinct extension types, its extensions listed
/// in the leaf's capabilities, both signatures, the leaf's source and (when
/// `now` is set) lifetime. Checks against a group are the leaf node
/// validation of section 7.3.
/// @param suite The cipher suite the KeyPackage must be for.
/// @param key_package The KeyPackage to check.
/// @param now Seconds since the Unix epoch; unset skips the lifetime check.
/// @errors `Errc::invalid_value` for a version other than mls10, another
/// cipher suite, a leaf whose source is not key_package, or an init key equal
/// to the encryption key; `Errc::duplicate_extension` for two extensions of
/// one type (section 13); `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once (draft-ietf-mls-extensions), the
/// decoding errors for one that does not parse; `Errc::capability_mismatch` for a KeyPackage
/// extension of a non-default type that the leaf's capabilities do not list;
/// `Errc::invalid_public_key` for an init or encryption key that is not a
/// public key of the suite's KEM; `Errc::lifetime_invalid` when `now` is
/// outside the leaf's lifetime; `Errc::signature_invalid` (or
/// `Errc::invalid_public_key` for a malformed signature key) when the
/// KeyPackage or leaf node signature does not verify; `Errc::internal` if the
/// crypto provider fails.
Status validate_key_package(const CipherSuite& suite, const KeyPackage& key_package,
                            std::optional<std::uint64_t> now);

/// RFC 9420 section 10: KeyPackageTBS, the signed part of a KeyPackage,
/// every field but the signature, encoded.
Bytes key_package_tbs(const KeyPackage& key_package);

/// RFC 9420 section 5.2: RefHash("MLS 1.0 KeyPackage Reference",
/// KeyPackage), the KeyPackageRef by which a Welcome names its new members.
Bytes key_package_ref(const CipherSuite& suite, const KeyPackage& key_package);

}  // namespace conclave::mls
