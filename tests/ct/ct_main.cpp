// Runs every constant-time case under memcheck and prints one line per case
// (scripts/check-ct counts them); exit 1 on any failure. An argument runs
// only the cases whose names contain it. memcheck counts its reports
// (suppressed ones excepted): a case's reports are the count's change
// across it.

#include <valgrind/memcheck.h>

#include <cstdio>
#include <cstring>

#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

const char* wrong_result = nullptr;

}  // namespace

void mark_secret(const void* data, std::size_t size) { VALGRIND_MAKE_MEM_UNDEFINED(data, size); }

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

bool run_case(const Case& c) {
  wrong_result = nullptr;
  // Heads the case's part of the valgrind log, where scripts/check-ct finds its reports.
  VALGRIND_PRINTF("ct case: %s\n", c.name);
  const unsigned before = VALGRIND_COUNT_ERRORS;
  c.run();
  const unsigned reports = VALGRIND_COUNT_ERRORS - before;
  const bool reported_as_expected = c.expects_report ? reports > 0 : reports == 0;
  const bool passed = reported_as_expected && wrong_result == nullptr;
  std::printf("%s %s: %u reports%s%s%s\n", passed ? "PASS" : "FAIL", c.name, reports,
              c.expects_report ? " (expected)" : "", wrong_result ? ", wrong result: " : "",
              wrong_result ? wrong_result : "");
  std::fflush(stdout);
  return passed;
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
