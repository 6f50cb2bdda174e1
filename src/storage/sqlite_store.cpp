#include "conclave/storage/sqlite_store.hpp"

#include <optional>

#include "key_prefix.hpp"
#include "sqlite_schema.hpp"
#include "sqlite_statement.hpp"

namespace conclave::storage {

namespace {

// The statements of a store, prepared once per connection.
struct Statements {
  sqlite::Statement get;
  sqlite::Statement list_range;  // a prefix with a successor
  sqlite::Statement list_from;   // the empty or an all-0xff prefix
  sqlite::Statement put;
  sqlite::Statement erase;
  sqlite::Statement erase_range;
  sqlite::Statement erase_from;
  sqlite::Statement begin;
  sqlite::Statement commit;
  sqlite::Statement rollback;
};

Result<Statements> prepare_statements(sqlite3* db) {
  Statements statements;
  const std::pair<sqlite::Statement*, const char*> sources[] = {
      {&statements.get, "SELECT value FROM record WHERE tbl = ?1 AND key = ?2"},
      {&statements.list_range,
       "SELECT key, value FROM record WHERE tbl = ?1 AND key >= ?2 AND key < ?3 ORDER BY key"},
      {&statements.list_from, "SELECT key, value FROM record WHERE tbl = ?1 AND key >= ?2 ORDER BY key"},
      {&statements.put,
       "INSERT INTO record (tbl, key, value) VALUES (?1, ?2, ?3) "
       "ON CONFLICT (tbl, key) DO UPDATE SET value = excluded.value"},
      {&statements.erase, "DELETE FROM record WHERE tbl = ?1 AND key = ?2"},
      {&statements.erase_range, "DELETE FROM record WHERE tbl = ?1 AND key >= ?2 AND key < ?3"},
      {&statements.erase_from, "DELETE FROM record WHERE tbl = ?1 AND key >= ?2"},
      {&statements.begin, "BEGIN IMMEDIATE"},
      {&statements.commit, "COMMIT"},
      {&statements.rollback, "ROLLBACK"},
  };
  for (const auto& [statement, sql] : sources) {
    auto prepared = sqlite::Statement::prepare(db, sql, true);
    if (!prepared) return prepared.error();
    *statement = std::move(*prepared);
  }
  return statements;
}

Status check(const SqliteOptions& options) {
  const auto size = options.page_size;
  const bool power_of_two = (size & (size - 1)) == 0;
  if (options.checkpoint_every == 0 || size < 512 || size > 65536 || !power_of_two) {
    return Errc::invalid_argument;
  }
  return {};
}

// Connection settings, none of which writes to the file. secure_delete
// overwrites deleted content with zeros; DEFENSIVE and trusted_schema=OFF
// keep a tampered file's schema from running code or writing the schema.
Status configure(sqlite3* db, const SqliteOptions& options) {
  if (sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr) != SQLITE_OK) {
    return Errc::storage_failure;
  }
  const auto set = sqlite::execute(
      db, "PRAGMA secure_delete = ON; PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON");
  if (!set) return set;
  return sqlite::execute(db, options.synchronous == Synchronous::full ? "PRAGMA synchronous = FULL"
                                                                      : "PRAGMA synchronous = NORMAL");
}

// Binds a table and a key prefix to ?1, ?2 and, when the prefix has an
// upper bound, ?3; returns the statement to run.
Result<sqlite::Statement*> bind_prefix(sqlite::Statement& range, sqlite::Statement& from,
                                       Table table, BytesView prefix,
                                       const std::optional<Bytes>& successor) {
  sqlite::Statement& statement = successor ? range : from;
  Status bound = statement.bind(1, static_cast<std::int64_t>(table));
  if (bound) bound = statement.bind(2, prefix);
  if (bound && successor) bound = statement.bind(3, *successor);
  if (!bound) return bound.error();
  return &statement;
}

}  // namespace

struct SqliteStore::Connection {
  // Declared first, so closed last: after every statement is finalized.
  sqlite::Database db;
  Statements statements;
  SqliteOptions options;
  std::uint32_t applies_since_checkpoint = 0;

  Status write(const Batch::Operation& operation);
  Status erase_prefix(Table table, BytesView prefix);
  void roll_back() noexcept;
};

Status SqliteStore::Connection::write(const Batch::Operation& operation) {
  using Kind = Batch::Operation::Kind;
  if (operation.kind == Kind::erase_prefix) return erase_prefix(operation.table, operation.key);
  auto& statement = operation.kind == Kind::put ? statements.put : statements.erase;
  const sqlite::Resetting resetting(statement);
  Status bound = statement.bind(1, static_cast<std::int64_t>(operation.table));
  if (bound) bound = statement.bind(2, operation.key);
  if (bound && operation.kind == Kind::put) bound = statement.bind(3, operation.value.view());
  if (!bound) return bound;
  return statement.run();
}

Status SqliteStore::Connection::erase_prefix(Table table, BytesView prefix) {
  const auto successor = prefix_successor(prefix);
  const auto statement =
      bind_prefix(statements.erase_range, statements.erase_from, table, prefix, successor);
  if (!statement) return statement.error();
  return (*statement)->run();
}

void SqliteStore::Connection::roll_back() noexcept {
  if (!sqlite3_get_autocommit(db.get())) (void)statements.rollback.run();
}

Result<SqliteStore> SqliteStore::open(const std::string& path, SqliteOptions options) {
  if (auto valid = check(options); !valid) return valid.error();
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  sqlite::Database db(raw);
  if (code != SQLITE_OK) return sqlite::error_of(code);
  if (auto configured = configure(db.get(), options); !configured) return configured.error();
  if (auto schema = sqlite::prepare_schema(db.get(), options.page_size); !schema) {
    return schema.error();
  }
  auto statements = prepare_statements(db.get());
  if (!statements) return statements.error();
  SqliteStore store(std::unique_ptr<Connection>(new Connection{std::move(db), std::move(*statements), options, 0}));
  // A WAL left by a crash may hold values erased since: they leave the files
  // now. A reader that blocks it delays this to the next checkpoint.
  static_cast<void>(store.checkpoint());
  return store;
}

SqliteStore::SqliteStore(std::unique_ptr<Connection> connection) noexcept
    : connection_(std::move(connection)) {}
SqliteStore::SqliteStore(SqliteStore&& other) noexcept = default;
SqliteStore& SqliteStore::operator=(SqliteStore&& other) noexcept = default;
SqliteStore::~SqliteStore() = default;

Result<std::optional<crypto::Secret>> SqliteStore::get(Table table, BytesView key) {
  if (!connection_) return Errc::storage_failure;
  auto& statement = connection_->statements.get;
  const sqlite::Resetting resetting(statement);
  Status bound = statement.bind(1, static_cast<std::int64_t>(table));
  if (bound) bound = statement.bind(2, key);
  if (!bound) return bound.error();
  const auto row = statement.step();
  if (!row) return row.error();
  if (!*row) return std::optional<crypto::Secret>{};
  return std::optional<crypto::Secret>{crypto::Secret(statement.blob(0))};
}

Result<std::vector<Record>> SqliteStore::list(Table table, BytesView prefix) {
  if (!connection_) return Errc::storage_failure;
  auto& statements = connection_->statements;
  const auto successor = prefix_successor(prefix);
  const auto statement =
      bind_prefix(statements.list_range, statements.list_from, table, prefix, successor);
  if (!statement) return statement.error();
  const sqlite::Resetting resetting(**statement);
  std::vector<Record> records;
  for (;;) {
    const auto row = (*statement)->step();
    if (!row) return row.error();
    if (!*row) return records;
    const BytesView key = (*statement)->blob(0);
    records.push_back({Bytes(key.begin(), key.end()), crypto::Secret((*statement)->blob(1))});
  }
}

Status SqliteStore::apply(const Batch& batch) {
  if (!connection_) return Errc::storage_failure;
  if (batch.empty()) return {};
  auto& connection = *connection_;
  if (auto begun = connection.statements.begin.run(); !begun) return begun;
  for (const auto& operation : batch.operations()) {
    if (auto written = connection.write(operation); !written) {
      connection.roll_back();
      return written;
    }
  }
  if (auto committed = connection.statements.commit.run(); !committed) {
    connection.roll_back();
    return committed;
  }
  if (++connection.applies_since_checkpoint >= connection.options.checkpoint_every) {
    (void)checkpoint();
  }
  return {};
}

Status SqliteStore::checkpoint() {
  if (!connection_) return Errc::storage_failure;
  const int code = sqlite3_wal_checkpoint_v2(connection_->db.get(), nullptr,
                                             SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  if (code != SQLITE_OK) return sqlite::error_of(code);
  connection_->applies_since_checkpoint = 0;
  return {};
}

}  // namespace conclave::storage
