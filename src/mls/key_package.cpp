#include "conclave/mls/key_package.hpp"

#include <algorithm>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/negotiation.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::mls {

namespace {

struct KeyPackageTbs {
  const KeyPackage& kp;
  CONCLAVE_FIELDS(kp.version, kp.cipher_suite, kp.init_key, kp.leaf_node, kp.extensions)
};

}  // namespace

Bytes key_package_tbs(const KeyPackage& key_package) {
  return codec::encode(KeyPackageTbs{key_package});
}

Bytes key_package_ref(const CipherSuite& suite, const KeyPackage& key_package) {
  return suite.ref_hash("MLS 1.0 KeyPackage Reference", codec::encode(key_package));
}

namespace {

template <class T>
void add_once(std::vector<T>& list, T value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

Capabilities capabilities_for(const CipherSuite& suite, const Credential& credential,
                              const KeyPackageOptions& options) {
  Capabilities caps = options.capabilities;
  add_once(caps.versions, ProtocolVersion::mls10);
  add_once(caps.cipher_suites, suite.id());
  add_once(caps.credentials, credential.tag());
  // Section 10: the KeyPackage's and the leaf's extensions are listed.
  for (const auto& extension : options.extensions) add_once(caps.extensions, extension.extension_type);
  for (const auto& extension : options.leaf_extensions) add_once(caps.extensions, extension.extension_type);
  return caps;
}

}  // namespace

Result<KeyPackageBundle> create_key_package(const CipherSuite& suite, Credential credential,
                                            crypto::SignatureKeyPair signer,
                                            const KeyPackageOptions& options,
                                            crypto::RandomSource& random) {
  auto init = suite.hpke().kem().generate_key_pair(random);
  auto encryption = suite.hpke().kem().generate_key_pair(random);
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components" and
  // "GREASE": app_components advertised, GREASE components added.
  auto extensions = with_grease_components(options.extensions, random);
  if (!extensions) return extensions.error();
  const Capabilities capabilities = capabilities_for(suite, credential, options);
  auto leaf_extensions = prepare_leaf_components(options.leaf_extensions, capabilities, random);
  if (!leaf_extensions) return leaf_extensions.error();
  KeyPackage key_package;
  key_package.cipher_suite = suite.id();
  key_package.init_key = std::move(init.public_key);
  key_package.extensions = std::move(*extensions);
  auto& leaf = key_package.leaf_node;
  leaf.encryption_key = std::move(encryption.public_key);
  leaf.signature_key = std::move(signer.public_key);
  leaf.capabilities = capabilities;
  leaf.credential = std::move(credential);
  leaf.source = LeafNodeSourceData{options.lifetime};
  leaf.extensions = std::move(*leaf_extensions);
  auto leaf_signature = suite.sign_with_label(signer.private_key, "LeafNodeTBS",
                                              leaf_node_tbs(leaf, {}, {}));
  if (!leaf_signature) return leaf_signature.error();
  leaf.signature = std::move(*leaf_signature);
  auto signature = suite.sign_with_label(signer.private_key, "KeyPackageTBS", key_package_tbs(key_package));
  if (!signature) return signature.error();
  key_package.signature = std::move(*signature);
  return KeyPackageBundle{std::move(key_package),
                          {std::move(init.private_key), std::move(encryption.private_key),
                           std::move(signer.private_key)}};
}

Status validate_key_package(const CipherSuite& suite, const KeyPackage& key_package,
                            std::optional<std::uint64_t> now) {
  const auto& leaf = key_package.leaf_node;
  const auto* lifetime = leaf.source.get_if<Lifetime>();
  if (key_package.version != ProtocolVersion::mls10 || key_package.cipher_suite != suite.id() ||
      lifetime == nullptr || key_package.init_key == leaf.encryption_key) {
    return Errc::invalid_value;
  }
  // Section 13: one extension of each type; the draft: a sorted app_data_dictionary.
  if (auto listed = check_extension_list(key_package.extensions); !listed) return listed;
  // Section 10: the KeyPackage's extensions are listed in the leaf's
  // capabilities (the leaf's own are checked by section 7.3).
  if (auto listed = supports_extensions(leaf, key_package.extensions); !listed) return listed;
  // Section 10: init_key and the leaf's encryption_key are public keys of
  // the suite's KEM.
  for (const BytesView key : {BytesView(key_package.init_key), BytesView(leaf.encryption_key)}) {
    if (auto valid = suite.hpke().kem().validate_public_key(key); !valid) return valid;
  }
  if (now && (*now < lifetime->not_before || *now > lifetime->not_after)) {
    return Errc::lifetime_invalid;
  }
  if (auto valid = suite.verify_with_label(leaf.signature_key, "KeyPackageTBS",
                                           key_package_tbs(key_package), key_package.signature);
      !valid) {
    return valid;
  }
  return suite.verify_with_label(leaf.signature_key, "LeafNodeTBS",
                                 leaf_node_tbs(leaf, {}, {}), leaf.signature);
}

}  // namespace conclave::mls
