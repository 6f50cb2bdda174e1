// conclave-meeting: simulates a meeting through the in-memory reference
// server and checks every step (spec-notes/meeting-profile.md); `usage`
// below gives the options. Exits with 1 when any check fails, 2 for bad
// arguments.

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <thread>

#include "common/options.hpp"
#include "simulation.hpp"

namespace {

using conclave::tools::SimulationOptions;

constexpr conclave::tools::Usage usage{
    "conclave-meeting",
    "conclave-meeting [--participants N] [--batch K] [--suite ID] [--threads T] [--partial F]\n"
    "                        [--storage DIR] [--host-leaves] [--churn C] [--progress]",
    "Simulates a meeting through the in-memory reference server and checks every step:\n"
    "N participants (default 8, at least 3) of cipher suite ID (default 1); K guests admitted per Commit\n"
    "(default 100); the share F (0 to 1, default 0) of the guests joining by Welcome that join as partial\n"
    "members (draft-ietf-mls-partial), the host and every committer staying full; the participants' own\n"
    "work (password hashing, joins, processing) on T threads (default: every core); with DIR, each\n"
    "participant keeps its state in DIR/participant-I.db (SQLite), and a participant restarts from its\n"
    "file mid-meeting; with --host-leaves the host drops without a word halfway and its successor goes on;\n"
    "with --churn C, C members leave by SelfRemove and C guests join, and the wait of each pending\n"
    "proposal before its Commit is printed; --progress reports progress on stderr (default: when it is a\n"
    "terminal). Exits with 1 when any check fails, 2 for bad arguments."};

[[noreturn]] void usage_error(std::string_view problem) { conclave::tools::usage_error(usage, problem); }

std::size_t number(std::string_view text) { return conclave::tools::number_operand(usage, text); }

// A share from 0 to 1, in decimal.
double fraction(const char* text) {
  char* end = nullptr;
  errno = 0;
  const double value = std::strtod(text, &end);
  if (end == text || *end != '\0' || errno != 0 || !(value >= 0 && value <= 1)) {
    usage_error("not a share from 0 to 1: " + std::string(text));
  }
  return value;
}

SimulationOptions parse(int argc, char** argv) {
  SimulationOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  options.progress = isatty(STDERR_FILENO) != 0;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    const auto value = [&] {
      if (i + 1 >= argc) usage_error("missing value after " + std::string(flag));
      return argv[++i];
    };
    if (flag == "--progress") {
      options.progress = true;
    } else if (flag == "--host-leaves") {
      options.host_leaves = true;
    } else if (flag == "--storage") {
      options.storage = value();
      if (options.storage.empty()) usage_error("--storage needs a directory");
    } else if (flag == "--partial") {
      options.partial = fraction(value());
    } else if (flag == "--participants") {
      options.participants = number(value());
    } else if (flag == "--batch") {
      options.batch = number(value());
    } else if (flag == "--suite") {
      options.suite = static_cast<conclave::mls::CipherSuiteId>(number(value()));
    } else if (flag == "--churn") {
      options.churn = number(value());
    } else if (flag == "--threads") {
      options.threads = static_cast<unsigned>(number(value()));
    } else {
      conclave::tools::common_option(usage, flag);
    }
  }
  if (options.participants < 3) usage_error("--participants must be at least 3");
  if (options.batch == 0 || options.threads == 0) usage_error("--batch and --threads must be at least 1");
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const SimulationOptions options = parse(argc, argv);
  return conclave::tools::run_simulation(options) == 0 ? 0 : 1;
}
