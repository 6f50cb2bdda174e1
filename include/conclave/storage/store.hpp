#pragma once

/// @file
/// What a client keeps between runs: records in tables, read one at a time
/// or by key prefix, and written in batches that apply all or nothing.
/// MemoryStore (memory_store.hpp) and SqliteStore (sqlite_store.hpp)
/// implement it; the group, KeyPackage and PSK records of
/// spec-notes/storage.md are written through it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"

namespace conclave::storage {

/// The tables a client's records live in.
enum class Table : std::uint8_t {
  group,        ///< one record per group: its current epoch
  tree_node,    ///< the groups' ratchet tree nodes, one record per non-blank node
  past_epoch,   ///< the groups' retained past epochs
  secret_tree,  ///< the secret trees of current and past epochs: frontier and used leaves
  pending,      ///< a group's staged Commit, awaiting merge or discard
  key_package,  ///< KeyPackage private keys until their Welcome arrives
  psk,          ///< external pre-shared keys
  meeting,      ///< one record per meeting participant (keyed by its group ID): its meeting state
};

/// One record: its key within its table and its value.
struct Record {
  Bytes key;             ///< The key, unique within the table.
  crypto::Secret value;  ///< The value, which may hold secrets.
};

/// Changes to make together: applied in order, all or none.
class Batch {
 public:
  /// One change.
  struct Operation {
    /// What the change does.
    enum class Kind : std::uint8_t {
      put,           ///< sets the record at `key` to `value`
      erase,         ///< removes the record at `key`, if any
      erase_prefix,  ///< removes every record whose key starts with `key`
    };
    Kind kind = Kind::put;     ///< What the change does.
    Table table = Table::group;  ///< The table it changes.
    Bytes key;                 ///< The record's key, or the prefix.
    crypto::Secret value;      ///< The new value, for a put.
  };

  /// Sets the record at `key` in `table` to `value`.
  void put(Table table, Bytes key, crypto::Secret value);
  /// Removes the record at `key` in `table`, if any.
  void erase(Table table, Bytes key);
  /// Removes every record of `table` whose key starts with `prefix`.
  void erase_prefix(Table table, Bytes prefix);

  /// The changes, in the order they were added.
  const std::vector<Operation>& operations() const noexcept { return operations_; }
  /// Whether the batch holds no change.
  bool empty() const noexcept { return operations_.empty(); }

 private:
  std::vector<Operation> operations_;
};

/// Records in tables. A Store is used by one thread at a time; one process
/// at a time should write a given store.
class Store {
 public:
  virtual ~Store() = default;

  /// The record at `key` in `table`, or nothing.
  /// @errors `Errc::storage_failure` when the store cannot be read;
  /// `Errc::storage_corrupt` for a record that fails its integrity check.
  virtual Result<std::optional<crypto::Secret>> get(Table table, BytesView key) = 0;
  /// Every record of `table` whose key starts with `prefix`, by key in
  /// ascending byte order.
  /// @errors As get().
  virtual Result<std::vector<Record>> list(Table table, BytesView prefix) = 0;
  /// Applies `batch` atomically: after it returns, and after a crash at any
  /// instant during it, the store holds either every change or none.
  /// @errors `Errc::storage_failure` when the store cannot be written (it is
  /// then unchanged).
  virtual Status apply(const Batch& batch) = 0;
};

}  // namespace conclave::storage
