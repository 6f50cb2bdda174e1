#include "conclave/storage/key_packages.hpp"

#include "conclave/codec/codec.hpp"
#include "conclave/mls/extension.hpp"
#include "key_package_records.hpp"

namespace conclave::storage {

namespace {

struct StoredKeyPackage {
  mls::KeyPackage key_package;
  crypto::Secret init_private_key;
  crypto::Secret encryption_private_key;
  crypto::Secret signature_private_key;
  CONCLAVE_FIELDS(key_package, init_private_key, encryption_private_key, signature_private_key)
};

Result<Bytes> ref_of(const mls::KeyPackage& key_package) {
  auto suite = mls::CipherSuite::find(key_package.cipher_suite);
  if (!suite) return suite.error();
  return mls::key_package_ref(*suite, key_package);
}

}  // namespace

Status save_key_package(Store& store, const mls::KeyPackageBundle& bundle) {
  auto ref = ref_of(bundle.key_package);
  if (!ref) return ref.error();
  const auto& keys = bundle.keys;
  Bytes encoded = codec::encode(StoredKeyPackage{bundle.key_package, keys.init_private_key.clone(),
                                                 keys.encryption_private_key.clone(),
                                                 keys.signature_private_key.clone()});
  Batch batch;
  batch.put(Table::key_package, std::move(*ref), crypto::Secret(encoded));
  crypto::secure_zero(encoded);
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  return {};
}

Status erase_key_package(Store& store, const mls::KeyPackage& key_package) {
  auto ref = ref_of(key_package);
  if (!ref) return ref.error();
  Batch batch;
  batch.erase(Table::key_package, std::move(*ref));
  if (auto applied = store.apply(batch); !applied) return Errc::storage_failure;
  return {};
}

Result<KeptKeyPackage> kept_key_package_for(Store& store, const mls::Welcome& welcome) {
  for (const auto& entry : welcome.secrets) {
    auto record = store.get(Table::key_package, entry.new_member);
    if (!record) return record.error();
    if (!*record) continue;
    auto stored = codec::decode<StoredKeyPackage>((*record)->view());
    if (!stored) return Errc::storage_corrupt;
    const bool last_resort =
        mls::find_extension(stored->key_package.extensions, mls::ExtensionType::last_resort) != nullptr;
    return KeptKeyPackage{entry.new_member,
                          {std::move(stored->key_package),
                           {std::move(stored->init_private_key), std::move(stored->encryption_private_key),
                            std::move(stored->signature_private_key)}},
                          last_resort};
  }
  return Errc::not_in_group;
}

}  // namespace conclave::storage
