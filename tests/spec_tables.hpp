#pragma once

// The tables in spec-notes/ that name tests (the RFC 9420 MUSTs, the
// meeting's threat model) are kept honest by tests that read them: what
// the tables name must be defined under tests/ and must not skip itself.

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace conclave::test {

namespace fs = std::filesystem;

inline const fs::path source_dir{CONCLAVE_SOURCE_DIR};

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "Suite.Name" of every TEST, TEST_F and TEST_P in tests/ (its folders too), with
// whether its body (up to the next definition) skips itself.
inline std::map<std::string, bool> defined_tests() {
  const std::regex definition(R"(\bTEST(?:_F|_P)?\(\s*(\w+)\s*,\s*(\w+)\s*\))");
  std::map<std::string, bool> skips;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir / "tests")) {
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

// The cells of a Markdown table row.
inline std::vector<std::string> cells_of(const std::string& line) {
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

// The `Suite.Name` spans of a test cell.
inline std::vector<std::string> named_tests(const std::string& cell) {
  const std::regex name(R"(`(\w+\.\w+)`)");
  std::vector<std::string> names;
  for (std::sregex_iterator it(cell.begin(), cell.end(), name), end; it != end; ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

}  // namespace conclave::test
