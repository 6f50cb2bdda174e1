#pragma once

/// @file
/// The embedded Store: one SQLite database file, written so that an erased
/// record leaves the files (spec-notes/storage.md, "The SQLite store").

#include <cstdint>
#include <memory>
#include <string>

#include "conclave/storage/store.hpp"

namespace conclave::storage {

/// When SQLite waits for the disk (its `PRAGMA synchronous`).
enum class Synchronous : std::uint8_t {
  /// Every apply() is on the disk when it returns, even after a power loss.
  full,
  /// A power loss (not a crash of the process) may undo the last applies;
  /// the database stays consistent.
  normal,
};

/// How a SqliteStore uses its file.
struct SqliteOptions {
  /// When SQLite waits for the disk.
  Synchronous synchronous = Synchronous::full;
  /// Checkpoint (SqliteStore::checkpoint()) after this many applies: 1, the
  /// default, leaves no erased record in the files once apply() returns;
  /// more makes fewer writes but keeps erased records in the files for up to
  /// that many applies. At least 1.
  std::uint32_t checkpoint_every = 1;
  /// The page size of a new database file in bytes: a power of two from 512
  /// to 65536. A file that exists keeps the page size it was created with.
  /// The default, 512, writes the fewest bytes for a Commit's small records
  /// scattered over a large group's tree (spec-notes/storage.md).
  std::uint32_t page_size = 512;
};

/// Records in an SQLite database file, in WAL mode with secure_delete: an
/// apply() is one transaction, and after a checkpoint no erased or
/// overwritten value remains in the database file or its WAL file.
///
/// The file carries a schema version; open() migrates an older one.
class SqliteStore final : public Store {
 public:
  /// The schema version this library writes and reads.
  static constexpr std::uint32_t schema_version = 1;

  /// Opens the database at `path`, creating it if it does not exist, and
  /// migrates it to schema_version in one transaction.
  /// @errors `Errc::invalid_argument` for options out of range;
  /// `Errc::storage_failure` when the file cannot be opened, read or written
  /// (a missing directory, a locked database, a full disk);
  /// `Errc::storage_corrupt` for a file that is not an SQLite database, is
  /// damaged, is another application's database, or has a schema version
  /// newer than schema_version (the file is then left as it was).
  static Result<SqliteStore> open(const std::string& path, SqliteOptions options = {});

  /// Takes the database of `other`, which is left closed.
  SqliteStore(SqliteStore&& other) noexcept;
  /// Closes this database, then takes that of `other`, which is left closed.
  SqliteStore& operator=(SqliteStore&& other) noexcept;
  SqliteStore(const SqliteStore&) = delete;             ///< Not copyable.
  SqliteStore& operator=(const SqliteStore&) = delete;  ///< Not copyable.
  /// Closes the database: SQLite checkpoints and removes the WAL file.
  ~SqliteStore() override;

  /// The record at `key` in `table`, or nothing.
  /// @errors `Errc::storage_failure` when the database cannot be read or was
  /// moved from; `Errc::storage_corrupt` when it is damaged.
  Result<std::optional<crypto::Secret>> get(Table table, BytesView key) override;
  /// Every record of `table` whose key starts with `prefix`, by key in
  /// ascending byte order.
  /// @errors As get().
  Result<std::vector<Record>> list(Table table, BytesView prefix) override;
  /// Applies `batch` in one transaction, then checkpoints if
  /// SqliteOptions::checkpoint_every applies have passed since the last
  /// checkpoint. A checkpoint that fails then does not fail the apply (the
  /// batch is already durable); the next apply tries it again.
  /// @errors `Errc::storage_failure` when the database cannot be written
  /// (locked by another connection, a full disk, an I/O error) or was moved
  /// from; `Errc::storage_corrupt` when it is damaged. The store is then
  /// unchanged.
  Status apply(const Batch& batch) override;

  /// Copies the WAL file's pages into the database file and truncates the
  /// WAL file to nothing, so that no erased value remains in either.
  /// @errors `Errc::storage_failure` when another connection's reader or
  /// writer prevents it, on an I/O error, or when the store was moved from.
  Status checkpoint();

 private:
  struct Connection;
  explicit SqliteStore(std::unique_ptr<Connection> connection) noexcept;

  std::unique_ptr<Connection> connection_;
};

}  // namespace conclave::storage
