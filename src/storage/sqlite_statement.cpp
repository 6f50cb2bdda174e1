#include "sqlite_statement.hpp"

#include <climits>

namespace conclave::storage::sqlite {

Errc error_of(int code) noexcept {
  const int primary = code & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? Errc::storage_corrupt
                                                               : Errc::storage_failure;
}

Result<Statement> Statement::prepare(sqlite3* db, const char* sql, bool persistent) {
  sqlite3_stmt* raw = nullptr;
  const unsigned flags = persistent ? SQLITE_PREPARE_PERSISTENT : 0;
  const int code = sqlite3_prepare_v3(db, sql, -1, flags, &raw, nullptr);
  Statement statement;
  statement.statement_.reset(raw);
  if (code != SQLITE_OK) return error_of(code);
  return statement;
}

Status Statement::bind(int index, BytesView bytes) noexcept {
  if (bytes.size() > INT_MAX) return Errc::storage_failure;
  const int size = static_cast<int>(bytes.size());
  const int code = bytes.empty() ? sqlite3_bind_zeroblob(statement_.get(), index, 0)
                                 : sqlite3_bind_blob(statement_.get(), index, bytes.data(), size,
                                                     SQLITE_STATIC);
  if (code != SQLITE_OK) return error_of(code);
  return {};
}

Status Statement::bind(int index, std::int64_t value) noexcept {
  const int code = sqlite3_bind_int64(statement_.get(), index, value);
  if (code != SQLITE_OK) return error_of(code);
  return {};
}

Result<bool> Statement::step() noexcept {
  const int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return error_of(code);
}

Status Statement::run() noexcept {
  const Resetting resetting(*this);
  for (;;) {
    const auto row = step();
    if (!row) return row.error();
    if (!*row) return {};
  }
}

BytesView Statement::blob(int column) const noexcept {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_.get(), column));
  const int size = sqlite3_column_bytes(statement_.get(), column);
  if (data == nullptr || size <= 0) return {};
  return {data, static_cast<std::size_t>(size)};
}

std::int64_t Statement::integer(int column) const noexcept {
  return sqlite3_column_int64(statement_.get(), column);
}

void Statement::reset() noexcept {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

Status execute(sqlite3* db, const char* sql) noexcept {
  const int code = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return error_of(code);
  return {};
}

Result<std::int64_t> query_integer(sqlite3* db, const char* sql) {
  auto statement = Statement::prepare(db, sql, false);
  if (!statement) return statement.error();
  const auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return Errc::storage_corrupt;
  return statement->integer(0);
}

}  // namespace conclave::storage::sqlite
