// spec-notes/rfc9420-musts.md, the table of RFC 9420's receiver MUSTs, is
// kept honest: every test it names is defined in tests/*.cpp and does not
// skip itself, and no row is without a test (a PENDING cell counts as none).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path source_dir{CONCLAVE_SOURCE_DIR};

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "Suite.Name" of every TEST, TEST_F and TEST_P in tests/*.cpp, with
// whether its body (up to the next definition) skips itself.
std::map<std::string, bool> defined_tests() {
  const std::regex definition(R"(\bTEST(?:_F|_P)?\(\s*(\w+)\s*,\s*(\w+)\s*\))");
  std::map<std::string, bool> skips;
  for (const auto& entry : fs::directory_iterator(source_dir / "tests")) {
    if (entry.path().extension() != ".cpp") continue;
    const std::string text = read_file(entry.path());
    std::vector<std::smatch> found;
    for (std::sregex_iterator it(text.begin(), text.end(), definition), end; it != end; ++it) found.push_back(*it);
    for (std::size_t i = 0; i < found.size(); ++i) {
      const auto body_start = static_cast<std::size_t>(found[i].position(0) + found[i].length(0));
      const auto body_end = i + 1 < found.size() ? static_cast<std::size_t>(found[i + 1].position(0)) : text.size();
      const bool skips_itself = text.substr(body_start, body_end - body_start).find("GTEST_SKIP") != std::string::npos;
      skips.emplace(found[i][1].str() + "." + found[i][2].str(), skips_itself);
    }
  }
  return skips;
}

struct Row {
  std::string id;
  std::string section;
  std::string checked_by;
  std::string tests;
};

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '|') {
      cell += line[i];
      continue;
    }
    const auto first = cell.find_first_not_of(' ');
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, cell.find_last_not_of(' ') - first + 1));
    cell.clear();
  }
  return cells;
}

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

// The `Suite.Name` spans of a test cell.
std::vector<std::string> named_tests(const std::string& cell) {
  const std::regex name(R"(`(\w+\.\w+)`)");
  std::vector<std::string> names;
  for (std::sregex_iterator it(cell.begin(), cell.end(), name), end; it != end; ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

TEST(Rfc9420MustTable, HasRowsForEverySection) {
  std::set<std::string> sections;
  for (const auto& row : table_rows()) {
    EXPECT_EQ(row.id.rfind("R-" + row.section + "-", 0), 0u) << row.id << " is not numbered in its section";
    sections.insert(row.section.substr(0, row.section.find('.')));
  }
  EXPECT_EQ(sections, (std::set<std::string>{"5", "6", "7", "10", "12", "13"}));
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
