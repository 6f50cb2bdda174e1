// Runs every constant-time case under memcheck and prints one line per case
// (scripts/check-ct counts them); exit 1 on any failure. An argument runs
// only the cases whose names contain it. memcheck counts its reports
// (suppressed ones excepted): a case's reports are the count's change
// across it. A case that marks no secret proves nothing and fails.

#include <valgrind/memcheck.h>

#include <cstdio>
#include <cstring>

#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

const char* wrong_result = nullptr;
std::size_t secrets_marked = 0;

}  // namespace

void mark_secret(const void* data, std::size_t size) {
  VALGRIND_MAKE_MEM_UNDEFINED(data, size);
  secrets_marked += size;
}

void reveal(const void* data, std::size_t size) { VALGRIND_MAKE_MEM_DEFINED(data, size); }

void expect(bool condition, const char* what) {
  if (!condition && wrong_result == nullptr) wrong_result = what;
}

namespace {

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (auto* group : {checker_cases, crypto_cases, mls_cases, srp_cases, frame_cases}) {
    for (const Case& c : group()) cases.push_back(c);
  }
  return cases;
}

}  // namespace

Outcome run_counted(const Case& c) {
  const std::size_t outer_marked = secrets_marked;
  const char* const outer_wrong_result = wrong_result;
  secrets_marked = 0;
  wrong_result = nullptr;
  const unsigned before = VALGRIND_COUNT_ERRORS;
  c.run();
  const Outcome outcome{VALGRIND_COUNT_ERRORS - before, secrets_marked, wrong_result};
  secrets_marked += outer_marked;
  wrong_result = outer_wrong_result;
  return outcome;
}

bool passed(const Case& c, const Outcome& outcome) {
  const bool reported_as_expected = c.expects_report ? outcome.reports > 0 : outcome.reports == 0;
  return reported_as_expected && outcome.secrets_marked > 0 && outcome.wrong_result == nullptr;
}

namespace {

bool run_case(const Case& c) {
  // Heads the case's part of the valgrind log, where scripts/check-ct finds its reports.
  VALGRIND_PRINTF("ct case: %s\n", c.name);
  const Outcome outcome = run_counted(c);
  const bool ok = passed(c, outcome);
  std::printf("%s %s: %u reports, %zu secret bytes%s%s%s\n", ok ? "PASS" : "FAIL", c.name, outcome.reports,
              outcome.secrets_marked, c.expects_report ? " (expected)" : "",
              outcome.wrong_result ? ", wrong result: " : "", outcome.wrong_result ? outcome.wrong_result : "");
  std::fflush(stdout);
  return ok;
}

}  // namespace

}  // namespace conclave::ct_check

int main(int argc, char** argv) {
  using namespace conclave::ct_check;
  if (!RUNNING_ON_VALGRIND) {
    std::fprintf(stderr, "run under valgrind --tool=memcheck (scripts/check-ct)\n");
    return 2;
  }
  bool all_passed = true;
  const char* filter = argc > 1 ? argv[1] : "";
  for (const Case& c : all_cases()) {
    if (std::strstr(c.name, filter) != nullptr) all_passed = run_case(c) && all_passed;
  }
  std::printf("ct cases done\n");
  return all_passed ? 0 : 1;
}
