// The C API's stores (include/conclave.h): groups and KeyPackages kept
// across restarts (spec-notes/storage.md).

#include <mutex>
#include <string>
#include <utility>

#include "capi/mls_support.hpp"
#include "conclave/storage/encrypted_store.hpp"
#include "conclave/storage/key_packages.hpp"
#include "conclave/storage/memory_store.hpp"
#include "conclave/storage/sqlite_store.hpp"

using namespace conclave_capi;
using conclave::mls::Group;
using conclave::storage::Store;

namespace {

// An EncryptedStore with the SQLite store it writes to, which it must not outlive.
class SealedSqliteStore final : public Store {
 public:
  SealedSqliteStore(std::unique_ptr<conclave::storage::SqliteStore> inner,
                    conclave::storage::EncryptedStore sealed) noexcept
      : inner_(std::move(inner)), sealed_(std::move(sealed)) {}

  conclave::Result<std::optional<conclave::crypto::Secret>> get(conclave::storage::Table table,
                                                                conclave::BytesView key) override {
    return sealed_.get(table, key);
  }
  conclave::Result<std::vector<conclave::storage::Record>> list(conclave::storage::Table table,
                                                                 conclave::BytesView prefix) override {
    return sealed_.list(table, prefix);
  }
  conclave::Status apply(const conclave::storage::Batch& batch) override { return sealed_.apply(batch); }

 private:
  std::unique_ptr<conclave::storage::SqliteStore> inner_;
  conclave::storage::EncryptedStore sealed_;
};

// A store whose calls take turns. Every group and participant kept in a
// store writes to it, and conclave.h lets different handles be used from
// different threads at once, while a Store is used by one thread at a time.
class SerializedStore final : public Store {
 public:
  explicit SerializedStore(std::shared_ptr<Store> inner) noexcept : inner_(std::move(inner)) {}

  conclave::Result<std::optional<conclave::crypto::Secret>> get(conclave::storage::Table table,
                                                                conclave::BytesView key) override {
    const std::lock_guard lock(mutex_);
    return inner_->get(table, key);
  }
  conclave::Result<std::vector<conclave::storage::Record>> list(conclave::storage::Table table,
                                                                 conclave::BytesView prefix) override {
    const std::lock_guard lock(mutex_);
    return inner_->list(table, prefix);
  }
  conclave::Status apply(const conclave::storage::Batch& batch) override {
    const std::lock_guard lock(mutex_);
    return inner_->apply(batch);
  }

 private:
  std::mutex mutex_;
  std::shared_ptr<Store> inner_;
};

conclave_status give_store(std::shared_ptr<Store> store, conclave_store** out) {
  auto serialized = std::make_shared<SerializedStore>(std::move(store));
  return give_handle(std::make_unique<StoreObject>(StoreObject{std::move(serialized)}), out);
}

conclave::Result<std::unique_ptr<conclave::storage::SqliteStore>> open_sqlite(const char* path) {
  auto opened = conclave::storage::SqliteStore::open(std::string(path));
  if (!opened.ok()) return opened.error();
  return std::make_unique<conclave::storage::SqliteStore>(std::move(*opened));
}

conclave_status open_sealed(const char* path, conclave::BytesView key, conclave_store** store) {
  // The key is checked before the file is opened (or created).
  if (key.size() != conclave::storage::EncryptedStore::key_size) return CONCLAVE_E_INVALID_LENGTH;
  auto inner = open_sqlite(path);
  if (!inner.ok()) return status_of(inner.error());
  auto sealed = conclave::storage::EncryptedStore::create(**inner, conclave::crypto::Secret(key));
  if (!sealed.ok()) return status_of(sealed.error());
  return give_store(std::make_shared<SealedSqliteStore>(std::move(*inner), std::move(*sealed)), store);
}

}  // namespace

extern "C" {

conclave_status conclave_store_open_memory(conclave_store** store) {
  return guard([&] {
    if (store == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_store(std::make_shared<conclave::storage::MemoryStore>(), store);
  });
}

conclave_status conclave_store_open_sqlite(const char* path, conclave_store** store) {
  return guard([&] {
    if (path == nullptr || store == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto opened = open_sqlite(path);
    if (!opened.ok()) return status_of(opened.error());
    return give_store(std::shared_ptr<Store>(std::move(*opened)), store);
  });
}

conclave_status conclave_store_open_sqlite_encrypted(const char* path, const uint8_t* key, size_t key_size,
                                                     conclave_store** store) {
  return guard([&] {
    const auto bytes = bytes_in(key, key_size);
    if (path == nullptr || !bytes || store == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    return open_sealed(path, *bytes, store);
  });
}

void conclave_store_free(conclave_store* store) { free_handle(store); }

conclave_status conclave_store_save_key_package(conclave_store* store, const conclave_key_package* key_package) {
  return guard([&] {
    const auto* kept = object_of(store);
    const auto* object = object_of(key_package);
    if (kept == nullptr || object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto* bundle = bundle_of(*object);
    if (bundle == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(conclave::storage::save_key_package(*kept->store, *bundle));
  });
}

conclave_status conclave_group_join_from_store(const uint8_t* welcome, size_t welcome_size, conclave_store* store,
                                               const uint8_t* ratchet_tree, size_t ratchet_tree_size,
                                               const conclave_group_config* config, conclave_group** group) {
  return guard([&] {
    const auto* kept = object_of(store);
    if (kept == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto message = bytes_in(welcome, welcome_size);
    const auto tree_bytes = bytes_in(ratchet_tree, ratchet_tree_size);
    auto settings = settings_of(config);
    if (!message || !tree_bytes || !settings || group == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto decoded = decode_body<conclave::mls::Welcome>(*message);
    if (!decoded.ok()) return status_of(decoded.error());
    const auto tree = decode_tree(*tree_bytes);
    if (!tree.ok()) return status_of(tree.error());
    auto joined = Group::join(*decoded, *kept->store, *tree, settings->config);
    return give_group(std::move(joined), std::move(*settings), kept->store, group);
  });
}

conclave_status conclave_group_persist(conclave_group* group, conclave_store* store) {
  return guard([&] {
    auto* object = object_of(group);
    const auto* kept = object_of(store);
    if (object == nullptr || kept == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const ChangeScope change(*object);
    const auto status = object->group.persist(*kept->store);
    // The group writes to the store from now on: it keeps the store open.
    if (status.ok()) object->store = kept->store;
    return status_of(status);
  });
}

conclave_status conclave_group_load(conclave_store* store, const uint8_t* group_id, size_t group_id_size,
                                    const conclave_group_config* config, conclave_group** group) {
  return guard([&] {
    const auto* kept = object_of(store);
    if (kept == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto id = bytes_in(group_id, group_id_size);
    auto settings = settings_of(config);
    if (!id || !settings || group == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto loaded = Group::load(*kept->store, *id, settings->config);
    return give_group(std::move(loaded), std::move(*settings), kept->store, group);
  });
}

conclave_status conclave_group_erase(conclave_store* store, const uint8_t* group_id, size_t group_id_size) {
  return guard([&] {
    const auto* kept = object_of(store);
    if (kept == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto id = bytes_in(group_id, group_id_size);
    if (!id) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(Group::erase(*kept->store, *id));
  });
}

}  // extern "C"
