#pragma once

// Thin RAII over SQLite's C API for the SQLite store: the connection, its
// prepared statements, and the Errc of an SQLite result code. No SQLite
// message reaches an error: they may quote data.

#include <sqlite3.h>

#include <cstdint>
#include <memory>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::storage::sqlite {

// SQLITE_CORRUPT and SQLITE_NOTADB are storage_corrupt; every other failure
// (busy, locked, I/O, full, out of memory) is storage_failure.
Errc error_of(int code) noexcept;

struct CloseDatabase {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement() = default;
  // `persistent` for a statement kept and reused for the connection's life.
  static Result<Statement> prepare(sqlite3* db, const char* sql, bool persistent);

  // Binds without copying: the bytes must outlive the statement's next
  // reset(). An empty string binds an empty blob, not NULL.
  Status bind(int index, BytesView bytes) noexcept;
  Status bind(int index, std::int64_t value) noexcept;
  // True for a row, false when done.
  Result<bool> step() noexcept;
  // Steps to the end, then resets.
  Status run() noexcept;
  // The column of the current row, valid until the next step() or reset().
  BytesView blob(int column) const noexcept;
  std::int64_t integer(int column) const noexcept;
  // Ready to run again, with no bytes bound.
  void reset() noexcept;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
  };
  std::unique_ptr<sqlite3_stmt, Finalize> statement_;
};

// Resets a statement when the scope that runs it ends, however it ends.
class Resetting {
 public:
  explicit Resetting(Statement& statement) noexcept : statement_(statement) {}
  Resetting(const Resetting&) = delete;
  Resetting& operator=(const Resetting&) = delete;
  ~Resetting() { statement_.reset(); }

 private:
  Statement& statement_;
};

// Runs one statement, or several separated by semicolons, that return no rows.
Status execute(sqlite3* db, const char* sql) noexcept;
// The integer in the first column of the first row `sql` returns.
Result<std::int64_t> query_integer(sqlite3* db, const char* sql);

}  // namespace conclave::storage::sqlite
