#pragma once

/// @file
/// A Store in memory, for tests: nothing survives the object.

#include <map>

#include "conclave/storage/store.hpp"

namespace conclave::storage {

/// Records in memory, each table ordered by key in byte order. Values are
/// zeroized when erased, overwritten or destroyed.
class MemoryStore final : public Store {
 public:
  /// The record at `key` in `table`, or nothing.
  /// @errors None: a MemoryStore always reads.
  Result<std::optional<crypto::Secret>> get(Table table, BytesView key) override;
  /// Every record of `table` whose key starts with `prefix`, by key in
  /// ascending byte order.
  /// @errors None: a MemoryStore always reads.
  Result<std::vector<Record>> list(Table table, BytesView prefix) override;
  /// Applies `batch`'s changes in order.
  /// @errors `Errc::storage_failure` when fail_next_apply() was called since
  /// the last apply(); the store is then unchanged.
  Status apply(const Batch& batch) override;

  /// Makes the next apply() fail with `Errc::storage_failure` and change
  /// nothing, as a store whose disk failed would: for tests of a caller's
  /// state after a failed write.
  void fail_next_apply() noexcept { fail_next_apply_ = true; }

 private:
  // Byte order (memcmp, then the shorter first), and lookups by BytesView.
  struct ByteOrder {
    using is_transparent = void;
    bool operator()(BytesView a, BytesView b) const noexcept;
  };
  using Records = std::map<Bytes, crypto::Secret, ByteOrder>;

  void erase_prefix(Records& records, BytesView prefix);

  std::map<Table, Records> tables_;
  bool fail_next_apply_ = false;
};

}  // namespace conclave::storage
