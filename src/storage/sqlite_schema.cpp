#include "sqlite_schema.hpp"

#include <array>
#include <cstring>
#include <string>

#include "conclave/storage/sqlite_store.hpp"
#include "sqlite_statement.hpp"

namespace conclave::storage::sqlite {

namespace {

// `PRAGMA application_id` of a Conclave store: "CNCV".
constexpr std::int64_t application_id = 0x434e4356;

// migration_steps[n] takes a database from schema version n to n + 1.
// Version 0 is a new, empty database.
constexpr std::array<const char*, 1> migration_steps = {
    // Version 1: every table's records in one b-tree ordered by table, then
    // key, so that a prefix of a table is one range.
    "CREATE TABLE record (tbl INTEGER NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, "
    "PRIMARY KEY (tbl, key)) WITHOUT ROWID, STRICT",
};
static_assert(migration_steps.size() == SqliteStore::schema_version);

// A version-0 database must be empty; a later one must be Conclave's.
Status check_owner(sqlite3* db, std::int64_t version) {
  const auto found = version == 0 ? query_integer(db, "SELECT count(*) FROM sqlite_schema")
                                  : query_integer(db, "PRAGMA application_id");
  if (!found) return found.error();
  const std::int64_t expected = version == 0 ? 0 : application_id;
  if (*found != expected) return Errc::storage_corrupt;
  return {};
}

// The database's schema version, if this library can use the database.
Result<std::int64_t> usable_version(sqlite3* db) {
  const auto version = query_integer(db, "PRAGMA user_version");
  if (!version) return version;
  if (*version < 0 || *version > SqliteStore::schema_version) return Errc::storage_corrupt;
  if (auto owned = check_owner(db, *version); !owned) return owned.error();
  return version;
}

Status use_wal(sqlite3* db) {
  auto statement = Statement::prepare(db, "PRAGMA journal_mode = WAL", false);
  if (!statement) return statement.error();
  const auto row = statement->step();
  if (!row) return row.error();
  const BytesView mode = *row ? statement->blob(0) : BytesView{};
  if (mode.size() != 3 || std::memcmp(mode.data(), "wal", 3) != 0) return Errc::storage_failure;
  return {};
}

Status migrate(sqlite3* db, std::int64_t version) {
  for (auto step = static_cast<std::size_t>(version); step < migration_steps.size(); ++step) {
    if (auto done = execute(db, migration_steps[step]); !done) return done;
  }
  const std::string stamp = "PRAGMA user_version = " + std::to_string(SqliteStore::schema_version) +
                            "; PRAGMA application_id = " + std::to_string(application_id);
  return execute(db, stamp.c_str());
}

Status migrate_in_transaction(sqlite3* db) {
  if (auto begun = execute(db, "BEGIN IMMEDIATE"); !begun) return begun;
  // Read again under the write lock: another process may have migrated.
  const auto version = usable_version(db);
  Status done = version ? Status{} : Status{version.error()};
  if (done && *version < SqliteStore::schema_version) done = migrate(db, *version);
  if (done) done = execute(db, "COMMIT");
  if (!done && !sqlite3_get_autocommit(db)) (void)execute(db, "ROLLBACK");
  return done;
}

}  // namespace

Status prepare_schema(sqlite3* db, std::uint32_t page_size) {
  const auto version = usable_version(db);
  if (!version) return version.error();
  // Only a database with no page yet takes a page size; WAL mode then fixes it.
  const std::string size = "PRAGMA page_size = " + std::to_string(page_size);
  if (auto sized = execute(db, size.c_str()); !sized) return sized;
  if (auto wal = use_wal(db); !wal) return wal;
  if (*version == SqliteStore::schema_version) return {};
  return migrate_in_transaction(db);
}

}  // namespace conclave::storage::sqlite
