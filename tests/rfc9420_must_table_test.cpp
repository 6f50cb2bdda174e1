// spec-notes/rfc9420-musts.md, the table of RFC 9420's receiver MUSTs, is
// kept honest: every test it names is defined in tests/*.cpp and does not
// skip itself, and no row is without a test (a PENDING cell counts as none).

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "spec_tables.hpp"

namespace {

using conclave::test::cells_of;
using conclave::test::defined_tests;
using conclave::test::named_tests;
using conclave::test::source_dir;

struct Row {
  std::string id;
  std::string section;
  std::string checked_by;
  std::string tests;
};

// The table rows: | id | section | requirement | checked by | test |, id R-...
std::vector<Row> table_rows() {
  std::ifstream in(source_dir / "spec-notes" / "rfc9420-musts.md");
  std::vector<Row> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("| R-", 0) != 0) continue;
    const auto cells = cells_of(line);
    if (cells.size() != 5) {
      ADD_FAILURE() << "a row without its five cells: " << line;
      continue;
    }
    rows.push_back({cells[0], cells[1], cells[3], cells[4]});
  }
  return rows;
}

TEST(Rfc9420MustTable, HasRowsForEverySection) {
  std::set<std::string> sections;
  for (const auto& row : table_rows()) {
    EXPECT_EQ(row.id.rfind("R-" + row.section + "-", 0), 0u) << row.id << " is not numbered in its section";
    sections.insert(row.section.substr(0, row.section.find('.')));
  }
  EXPECT_EQ(sections, (std::set<std::string>{"5", "6", "7", "10", "12", "13", "P5", "P6", "P7", "P8", "P10",
                                              "P11", "X-SR", "X-SAFE", "X-NEG", "X-AD", "X-AE",
                                              "X-SA"}));
}

TEST(Rfc9420MustTable, EveryNamedTestExists) {
  const auto defined = defined_tests();
  for (const auto& row : table_rows()) {
    for (const auto& name : named_tests(row.tests)) {
      EXPECT_TRUE(defined.contains(name)) << row.id << " names " << name << ", which no test file defines";
    }
  }
}

// Intended to fail while a named test skips itself: a skipped test proves
// nothing.
TEST(Rfc9420MustTable, NoNamedTestIsSkipped) {
  const auto defined = defined_tests();
  std::string skipped;
  for (const auto& row : table_rows()) {
    for (const auto& name : named_tests(row.tests)) {
      const auto found = defined.find(name);
      if (found != defined.end() && found->second) skipped += " " + row.id + " (" + name + ")";
    }
  }
  EXPECT_TRUE(skipped.empty()) << "rows whose test is skipped:" << skipped;
}

// Intended to fail while the table has PENDING rows: each is a gap to close.
TEST(Rfc9420MustTable, EveryRowHasATestAndACheck) {
  std::string gaps;
  for (const auto& row : table_rows()) {
    const bool pending = row.checked_by.find("PENDING") != std::string::npos ||
                         row.tests.find("PENDING") != std::string::npos;
    if (pending || named_tests(row.tests).empty()) gaps += " " + row.id;
  }
  EXPECT_TRUE(gaps.empty()) << "rows without a check or a test:" << gaps;
}

}  // namespace
