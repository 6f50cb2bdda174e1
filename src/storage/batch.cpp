#include "conclave/storage/store.hpp"

namespace conclave::storage {

void Batch::put(Table table, Bytes key, crypto::Secret value) {
  operations_.push_back({Operation::Kind::put, table, std::move(key), std::move(value)});
}

void Batch::erase(Table table, Bytes key) {
  operations_.push_back({Operation::Kind::erase, table, std::move(key), {}});
}

void Batch::erase_prefix(Table table, Bytes prefix) {
  operations_.push_back({Operation::Kind::erase_prefix, table, std::move(prefix), {}});
}

}  // namespace conclave::storage
