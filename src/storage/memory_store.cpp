#include "conclave/storage/memory_store.hpp"

#include <algorithm>
#include <cstring>

#include "key_prefix.hpp"

namespace conclave::storage {

bool MemoryStore::ByteOrder::operator()(BytesView a, BytesView b) const noexcept {
  const std::size_t common = std::min(a.size(), b.size());
  const int order = common == 0 ? 0 : std::memcmp(a.data(), b.data(), common);
  return order != 0 ? order < 0 : a.size() < b.size();
}

Result<std::optional<crypto::Secret>> MemoryStore::get(Table table, BytesView key) {
  const auto records = tables_.find(table);
  if (records == tables_.end()) return std::optional<crypto::Secret>{};
  const auto record = records->second.find(key);
  if (record == records->second.end()) return std::optional<crypto::Secret>{};
  return std::optional<crypto::Secret>{record->second.clone()};
}

Result<std::vector<Record>> MemoryStore::list(Table table, BytesView prefix) {
  std::vector<Record> out;
  const auto records = tables_.find(table);
  if (records == tables_.end()) return out;
  for (auto it = records->second.lower_bound(prefix);
       it != records->second.end() && has_prefix(it->first, prefix); ++it) {
    out.push_back({it->first, it->second.clone()});
  }
  return out;
}

Status MemoryStore::apply(const Batch& batch) {
  if (fail_next_apply_) {
    fail_next_apply_ = false;
    return Errc::storage_failure;
  }
  for (const auto& operation : batch.operations()) {
    auto& records = tables_[operation.table];
    switch (operation.kind) {
      case Batch::Operation::Kind::put:
        records.insert_or_assign(operation.key, operation.value.clone());
        break;
      case Batch::Operation::Kind::erase:
        records.erase(operation.key);
        break;
      case Batch::Operation::Kind::erase_prefix:
        erase_prefix(records, operation.key);
        break;
    }
  }
  return {};
}

void MemoryStore::erase_prefix(Records& records, BytesView prefix) {
  auto last = records.lower_bound(prefix);
  while (last != records.end() && has_prefix(last->first, prefix)) ++last;
  records.erase(records.lower_bound(prefix), last);
}

}  // namespace conclave::storage
