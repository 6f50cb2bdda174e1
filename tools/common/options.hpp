#pragma once

// What every command-line tool shares about its options: --help prints the
// usage on stdout and --version the tool's name and Conclave's version, both
// exiting with 0; any other option, or arguments the tool cannot use, print
// the problem and the usage on stderr and exit with 2.

#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "conclave.h"

namespace conclave::tools {

/// How a tool is called: its name, its synopsis (one or more lines, each
/// starting with the name) and what it does.
struct Usage {
  std::string_view name;
  std::string_view synopsis;
  std::string_view description;
};

/// Prints `problem` and the synopsis on stderr and exits with 2.
[[noreturn]] inline void usage_error(const Usage& usage, std::string_view problem) {
  std::cerr << usage.name << ": " << problem << "\nusage: " << usage.synopsis << "\n"
            << "Try '" << usage.name << " --help'.\n";
  std::exit(2);
}

/// Whether `argument` is an option (starts with "-", and is not "-" alone).
inline bool is_option(std::string_view argument) { return argument.size() > 1 && argument.front() == '-'; }

/// Answers an argument the tool does not handle itself: --help and
/// --version exit with 0, anything else is a usage_error().
[[noreturn]] inline void common_option(const Usage& usage, std::string_view option) {
  if (option == "--help") {
    std::cout << "usage: " << usage.synopsis << "\n\n" << usage.description << "\n";
    std::exit(0);
  }
  if (option == "--version") {
    std::cout << usage.name << " (Conclave) " << CONCLAVE_VERSION_STRING << "\n";
    std::exit(0);
  }
  usage_error(usage, (is_option(option) ? "unknown option " : "unexpected argument ") + std::string(option));
}

/// A decimal operand of one to nine digits, or a usage_error() naming it.
inline std::size_t number_operand(const Usage& usage, std::string_view text) {
  std::size_t value = 0;
  if (text.empty() || text.size() > 9) usage_error(usage, "not a number: " + std::string(text));
  for (const char c : text) {
    if (c < '0' || c > '9') usage_error(usage, "not a number: " + std::string(text));
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

/// For tools whose arguments are all positional (a command and its
/// operands): answers the first argument through common_option() when it is
/// an option.
inline void positional_only(const Usage& usage, int argc, char** argv) {
  if (argc > 1 && is_option(argv[1])) common_option(usage, argv[1]);
}

}  // namespace conclave::tools
