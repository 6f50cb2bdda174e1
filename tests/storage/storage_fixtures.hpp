#pragma once

// Helpers shared by the storage tests: a scratch directory, the raw bytes of
// a file, direct SQL on a store's database, and records to compare.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "conclave/storage/store.hpp"

namespace conclave::test {

// A new directory under the system's temporary directory, removed with
// everything in it when the object goes.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    static std::atomic<int> count{0};
    path_ = std::filesystem::temp_directory_path() /
            ("conclave-storage-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The bytes of the file at `path`; nothing when there is no such file.
inline Bytes file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::string& path, BytesView bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

inline bool occurs_in(BytesView haystack, BytesView needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// Whether `marker` occurs in the database file at `path` or in its WAL file.
inline bool database_files_hold(const std::string& path, BytesView marker) {
  return occurs_in(file_bytes(path), marker) || occurs_in(file_bytes(path + "-wal"), marker);
}

// A connection of its own to the database at `path`, as another process's.
class OtherConnection {
 public:
  explicit OtherConnection(const std::string& path) { sqlite3_open(path.c_str(), &db_); }
  OtherConnection(const OtherConnection&) = delete;
  OtherConnection& operator=(const OtherConnection&) = delete;
  ~OtherConnection() { sqlite3_close(db_); }

  // Runs `sql`, one statement or several: whether it succeeded.
  bool run(const std::string& sql) {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  }

 private:
  sqlite3* db_ = nullptr;
};

// Runs `sql` on the database at `path` through a connection of its own.
inline void run_sql(const std::string& path, const std::string& sql) {
  EXPECT_TRUE(OtherConnection(path).run(sql)) << sql;
}

// The integer `sql` (a query of one value) returns from the database at `path`.
inline std::int64_t query_integer(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_stmt* statement = nullptr;
  std::int64_t value = -1;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    value = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

inline crypto::Secret secret_of(std::string_view text) { return crypto::Secret(as_bytes(text)); }

// A record as plain bytes, so that lists compare with ==.
using PlainRecord = std::pair<Bytes, Bytes>;

inline std::vector<PlainRecord> plain(const std::vector<storage::Record>& records) {
  std::vector<PlainRecord> out;
  for (const auto& record : records) {
    out.emplace_back(record.key, Bytes(record.value.view().begin(), record.value.view().end()));
  }
  return out;
}

}  // namespace conclave::test
