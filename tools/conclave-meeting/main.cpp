// conclave-meeting: simulates a meeting through the in-memory reference
// server and checks every step (spec-notes/meeting-profile.md):
//
//   conclave-meeting [--participants N] [--batch K] [--suite ID] [--threads T] [--partial F] [--storage DIR]
//                    [--host-leaves] [--churn C] [--progress]
//
// N participants (default 8, at least 3) of cipher suite ID (default 1); K
// guests admitted per Commit (default 100); the share F (0 to 1, default 0)
// of the guests joining by Welcome that join as partial members
// (draft-ietf-mls-partial), the host and every committer staying full; the participants' own work
// (password hashing, joins, processing) on T threads (default: every core);
// with DIR, each participant keeps its state in DIR/participant-I.db
// (SQLite), and a participant restarts from its file mid-meeting; with
// --host-leaves the host drops without a word halfway and its successor
// goes on; with --churn C, C members leave by SelfRemove and C guests join
// (spec-notes/meeting-profile.md, "Continuity"), and the wait of each
// pending proposal before its Commit is printed.
// Exits with 1 when any check fails, 2 for bad arguments.

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

#include "simulation.hpp"

namespace {

using conclave::tools::SimulationOptions;

[[noreturn]] void usage(std::string_view problem) {
  std::cerr << "conclave-meeting: " << problem << "\n"
            << "usage: conclave-meeting [--participants N] [--batch K] [--suite ID] [--threads T] [--partial F]"
               " [--storage DIR] [--host-leaves] [--churn C] [--progress]\n";
  std::exit(2);
}

std::size_t number(std::string_view text) {
  std::size_t value = 0;
  if (text.empty() || text.size() > 9) usage("not a number: " + std::string(text));
  for (const char c : text) {
    if (c < '0' || c > '9') usage("not a number: " + std::string(text));
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

// A share from 0 to 1, in decimal.
double fraction(const char* text) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || errno != 0 || !(value >= 0 && value <= 1)) {
    usage("not a share from 0 to 1: " + std::string(text));
  }
  return value;
}

SimulationOptions parse(int argc, char** argv) {
  SimulationOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  options.progress = isatty(STDERR_FILENO) != 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--progress") {
      options.progress = true;
      continue;
    }
    if (flag == "--host-leaves") {
      options.host_leaves = true;
      continue;
    }
    if (i + 1 >= argc) usage("missing value after " + std::string(flag));
    if (flag == "--storage") {
      options.storage = argv[++i];
      if (options.storage.empty()) usage("--storage needs a directory");
      continue;
    }
    if (flag == "--partial") {
      options.partial = fraction(argv[++i]);
      continue;
    }
    const std::size_t value = number(argv[++i]);
    if (flag == "--participants") {
      options.participants = value;
    } else if (flag == "--batch") {
      options.batch = value;
    } else if (flag == "--suite") {
      options.suite = static_cast<conclave::mls::CipherSuiteId>(value);
    } else if (flag == "--churn") {
      options.churn = value;
    } else if (flag == "--threads") {
      options.threads = static_cast<unsigned>(value);
    } else {
      usage("unknown option " + std::string(flag));
    }
  }
  if (options.participants < 3) usage("--participants must be at least 3");
  if (options.batch == 0 || options.threads == 0) usage("--batch and --threads must be at least 1");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const SimulationOptions options = parse(argc, argv);
  return conclave::tools::run_simulation(options) == 0 ? 0 : 1;
}
