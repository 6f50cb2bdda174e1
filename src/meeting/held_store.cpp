#include "held_store.hpp"

#include <utility>

namespace conclave::meeting {

using storage::Batch;

Result<std::optional<crypto::Secret>> HeldStore::get(storage::Table table, BytesView key) {
  return store_->get(table, key);
}

Result<std::vector<storage::Record>> HeldStore::list(storage::Table table, BytesView prefix) {
  return store_->list(table, prefix);
}

Status HeldStore::apply(const Batch& batch) {
  for (const auto& operation : batch.operations()) {
    switch (operation.kind) {
      case Batch::Operation::Kind::put:
        held_.put(operation.table, operation.key, operation.value.clone());
        break;
      case Batch::Operation::Kind::erase:
        held_.erase(operation.table, operation.key);
        break;
      case Batch::Operation::Kind::erase_prefix:
        held_.erase_prefix(operation.table, operation.key);
        break;
    }
  }
  return {};
}

Status HeldStore::write_with(storage::Table table, Bytes key, crypto::Secret value) {
  Batch batch = std::exchange(held_, Batch{});
  batch.put(table, std::move(key), std::move(value));
  if (auto applied = store_->apply(batch); !applied) return Errc::storage_failure;
  return {};
}

}  // namespace conclave::meeting
