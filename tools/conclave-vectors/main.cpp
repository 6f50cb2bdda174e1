// conclave-vectors: verifies every vector file under the given directories
// (default $CONCLAVE_VECTORS, else ../shared/vectors) and prints one line per
// file, then the totals; with --json FILE it also writes that report as JSON
// for CI systems. Exits with 1 on any failure, 2 for bad arguments.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "check.hpp"
#include "common/options.hpp"

namespace fs = std::filesystem;
using conclave::vectors::Json;
using conclave::vectors::Tally;

namespace {

constexpr conclave::tools::Usage usage{
    "conclave-vectors", "conclave-vectors [--json FILE] [DIRECTORY...]",
    "Verifies every .json vector file under each DIRECTORY (default $CONCLAVE_VECTORS, else\n"
    "../shared/vectors) and prints per file the cases passed, failed and skipped, with each failure and\n"
    "why cases were skipped, then the totals.\n"
    "  --json FILE  also writes the report to FILE as JSON: {\"files\": [{\"file\", \"passed\", \"failed\",\n"
    "               \"skipped\", \"seconds\", \"failures\": [...], \"skip_reasons\": [...]}, ...],\n"
    "               \"totals\": {\"passed\", \"failed\", \"skipped\"}}\n"
    "Exits with 1 when any case fails, 2 for bad arguments."};

struct Arguments {
  std::vector<fs::path> dirs;
  std::optional<fs::path> json;
};

Arguments parse(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--json") {
      if (i + 1 >= argc) conclave::tools::usage_error(usage, "missing file after --json");
      arguments.json = argv[++i];
    } else if (conclave::tools::is_option(argument)) {
      conclave::tools::common_option(usage, argument);
    } else {
      arguments.dirs.emplace_back(argument);
    }
  }
  if (arguments.dirs.empty()) {
    const char* env = std::getenv("CONCLAVE_VECTORS");
    arguments.dirs.emplace_back(env != nullptr ? env : "../shared/vectors");
  }
  return arguments;
}

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
  Tally tally;
  if (doc.is_discarded()) {
    tally.failed = 1;
    tally.failures.push_back("not valid JSON");
    return tally;
  }
  const auto* kind = conclave::vectors::recognize(file, doc);
  if (kind == nullptr) {
    tally.skipped = 1;
    tally.notes.push_back("not a kind of vector file conclave-vectors knows");
    return tally;
  }
  if (kind->check == nullptr) {
    tally.skipped = kind->case_count(doc);
    tally.notes.push_back(std::string(kind->name) + " vectors are recognized but not verified");
    return tally;
  }
  return kind->check(doc);
}

void print(const std::string& name, const Tally& tally, double seconds) {
  char shown[32];
  std::snprintf(shown, sizeof shown, "%.2f", seconds);
  std::cout << name << ": " << tally.passed << " passed, " << tally.failed << " failed, " << tally.skipped
            << " skipped (" << shown << " s)\n";
  for (const auto& failure : tally.failures) std::cout << "  " << failure << "\n";
  for (const auto& note : tally.notes) std::cout << "  skipped: " << note << "\n";
}

Json counts(const Tally& tally) {
  return Json{{"passed", tally.passed}, {"failed", tally.failed}, {"skipped", tally.skipped}};
}

Json file_report(const std::string& name, const Tally& tally, double seconds) {
  Json report = counts(tally);
  report["file"] = name;
  report["seconds"] = seconds;
  report["failures"] = tally.failures;
  report["skip_reasons"] = tally.notes;
  return report;
}

bool write_json(const fs::path& path, const Json& report) {
  std::ofstream out(path);
  out << report.dump(2) << "\n";
  return static_cast<bool>(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = parse(argc, argv);
  Tally total;
  Json files = Json::array();
  for (const auto& dir : arguments.dirs) {
    if (!fs::is_directory(dir)) conclave::tools::usage_error(usage, "no vector directory at " + dir.string());
    for (const auto& file : json_files_under(dir)) {
      const auto start = std::chrono::steady_clock::now();
      const Tally tally = run_file(file);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      const std::string name = fs::relative(file, dir).string();
      print(name, tally, elapsed.count());
      files.push_back(file_report(name, tally, elapsed.count()));
      conclave::vectors::merge(total, tally);
    }
  }
  std::cout << total.passed << " passed, " << total.failed << " failed, " << total.skipped << " skipped\n";
  if (arguments.json && !write_json(*arguments.json, Json{{"files", files}, {"totals", counts(total)}})) {
    std::cerr << "conclave-vectors: cannot write " << arguments.json->string() << "\n";
    return 2;
  }
  return total.failed == 0 ? 0 : 1;
}
