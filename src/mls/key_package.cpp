#include "conclave/mls/key_package.hpp"

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

}  // namespace conclave::mls
