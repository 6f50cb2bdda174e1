#pragma once

// RFC 9420 section 10: key packages.

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

struct KeyPackage {
  static constexpr WireFormat tag = WireFormat::key_package;
  ProtocolVersion version = ProtocolVersion::mls10;
  CipherSuiteId cipher_suite{};
  Bytes init_key;
  LeafNode leaf_node;
  ExtensionList extensions;
  Bytes signature;
  CONCLAVE_FIELDS(version, cipher_suite, init_key, leaf_node, extensions, signature)
  friend bool operator==(const KeyPackage&, const KeyPackage&) = default;
};

// The private keys that belong to a KeyPackage.
struct KeyPackageKeys {
  crypto::Secret init_private_key;
  crypto::Secret encryption_private_key;
  crypto::Secret signature_private_key;
};

struct KeyPackageBundle {
  KeyPackage key_package;
  KeyPackageKeys keys;
};

struct KeyPackageOptions {
  Lifetime lifetime{0, ~std::uint64_t{0}};
  ExtensionList extensions;       // the KeyPackage's (last_resort, say)
  ExtensionList leaf_extensions;  // the LeafNode's
  // Added to the defaults: protocol version 1, this suite, the credential's
  // type, and the leaf extensions' types (section 7.2).
  Capabilities capabilities;
};

// Section 10: a KeyPackage with fresh init and encryption keys, signed with
// `signer`, whose public key it carries.
Result<KeyPackageBundle> create_key_package(const CipherSuite& suite, Credential credential,
                                            crypto::SignatureKeyPair signer,
                                            const KeyPackageOptions& options,
                                            crypto::RandomSource& random);

// Section 10.1: what a KeyPackage must satisfy on its own: version, suite,
// distinct init and encryption keys, both signatures, the leaf's source and
// (when `now` is set) lifetime. Checks against a group are the leaf node
// validation of section 7.3.
Status validate_key_package(const CipherSuite& suite, const KeyPackage& key_package,
                            std::optional<std::uint64_t> now);

// Section 10: the signed part of a KeyPackage, every field but the signature.
Bytes key_package_tbs(const KeyPackage& key_package);

// Section 5.2: RefHash("MLS 1.0 KeyPackage Reference", KeyPackage).
Bytes key_package_ref(const CipherSuite& suite, const KeyPackage& key_package);

}  // namespace conclave::mls
