// spec-notes/meeting-profile.md's threat model table is kept honest: every
// test a cell names is defined under tests/ and does not skip itself, and
// every promise names at least one test.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "../spec_tables.hpp"

namespace {

using conclave::test::cells_of;
using conclave::test::defined_tests;
using conclave::test::named_tests;
using conclave::test::source_dir;

// Promise id, promise, then one cell per adversary.
constexpr std::size_t cells_per_row = 8;

std::vector<std::vector<std::string>> promise_rows() {
  std::ifstream in(source_dir / "spec-notes" / "meeting-profile.md");
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| P", 0) != 0) continue;
    auto cells = cells_of(line);
    EXPECT_EQ(cells.size(), cells_per_row) << line;
    rows.push_back(std::move(cells));
  }
  return rows;
}

TEST(ThreatModelTable, ListsThePromises) { EXPECT_GE(promise_rows().size(), 13u); }

TEST(ThreatModelTable, EveryNamedTestExistsAndRuns) {
  const auto defined = defined_tests();
  for (const auto& row : promise_rows()) {
    for (std::size_t i = 2; i < row.size(); ++i) {
      for (const auto& name : named_tests(row[i])) {
        const auto found = defined.find(name);
        EXPECT_TRUE(found != defined.end()) << row[0] << " names " << name << ", which no test file defines";
        if (found != defined.end()) {
          EXPECT_FALSE(found->second) << row[0] << " names " << name << ", which skips";
        }
      }
    }
  }
}

TEST(ThreatModelTable, EveryPromiseIsTried) {
  for (const auto& row : promise_rows()) {
    std::size_t tests = 0;
    for (std::size_t i = 2; i < row.size(); ++i) tests += named_tests(row[i]).size();
    EXPECT_GT(tests, 0u) << row[0] << " names no test";
  }
}

}  // namespace
