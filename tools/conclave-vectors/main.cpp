// conclave-vectors: verifies every vector file under the given directories
// (default $CONCLAVE_VECTORS, else ../shared/vectors) and prints one line per
// file, then the totals. Exits non-zero on any failure.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "check.hpp"

namespace fs = std::filesystem;
using conclave::vectors::Json;
using conclave::vectors::Tally;

namespace {

std::vector<fs::path> json_files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Tally run_file(const fs::path& file) {
  std::ifstream in(file);
  const Json doc = Json::parse(in, nullptr, false);
  if (doc.is_discarded()) {
    Tally tally;
    tally.failed = 1;
    tally.failures.push_back("not valid JSON");
    return tally;
  }
  const auto* kind = conclave::vectors::recognize(file, doc);
  if (kind == nullptr || kind->check == nullptr) {
    Tally tally;
    tally.skipped = kind ? kind->case_count(doc) : 1;
    return tally;
  }
  return kind->check(doc);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> dirs(argv + 1, argv + argc);
  if (dirs.empty()) {
    const char* env = std::getenv("CONCLAVE_VECTORS");
    dirs.emplace_back(env != nullptr ? env : "../shared/vectors");
  }
  Tally total;
  for (const auto& dir : dirs) {
    if (!fs::is_directory(dir)) {
      std::cerr << "conclave-vectors: no vector directory at " << dir.string() << "\n";
      return 2;
    }
    for (const auto& file : json_files_under(dir)) {
      const auto start = std::chrono::steady_clock::now();
      const Tally tally = run_file(file);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.2f", elapsed.count());
      std::cout << fs::relative(file, dir).string() << ": " << tally.passed << " passed, "
                << tally.failed << " failed, " << tally.skipped << " skipped (" << seconds
                << " s)\n";
      for (const auto& failure : tally.failures) std::cout << "  " << failure << "\n";
      for (const auto& note : tally.notes) std::cout << "  skipped: " << note << "\n";
      total.passed += tally.passed;
      total.failed += tally.failed;
      total.skipped += tally.skipped;
    }
  }
  std::cout << total.passed << " passed, " << total.failed << " failed, " << total.skipped
            << " skipped\n";
  return total.failed == 0 ? 0 : 1;
}
