#pragma once

// The SQLite store's schema: its version in `PRAGMA user_version`, and the
// steps that migrate a database from any earlier version to the current one.

#include <sqlite3.h>

#include <cstdint>

#include "conclave/error.hpp"

namespace conclave::storage::sqlite {

// Refuses a database this library cannot use without writing to it: one of
// a newer schema version, of another application, or not a database.
// Then sets the page size of a new database and the WAL journal mode, and
// applies every migration step the database lacks, in one transaction.
Status prepare_schema(sqlite3* db, std::uint32_t page_size);

}  // namespace conclave::storage::sqlite
