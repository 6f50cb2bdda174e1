#pragma once

// RFC 9420 section 10: key packages.

#include "conclave/bytes.hpp"
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

// Section 10: the signed part of a KeyPackage, every field but the signature.
Bytes key_package_tbs(const KeyPackage& key_package);

// Section 5.2: RefHash("MLS 1.0 KeyPackage Reference", KeyPackage).
Bytes key_package_ref(const CipherSuite& suite, const KeyPackage& key_package);

}  // namespace conclave::mls
