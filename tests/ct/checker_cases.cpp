// The checker's own tests: code that is secret-dependent on purpose, which
// memcheck must report (scripts/check-ct also finds its name in the log).

#include <array>
#include <cstdint>

#include "ct_check.hpp"

namespace conclave::ct_check {

// A branch on a secret bit. Not inlined, and in a file of its own purpose,
// so that the compiler keeps the branch.
[[gnu::noinline]] int secret_dependent_branch_for_testing(const volatile std::uint8_t* secret) {
  int rounds = 0;
  for (std::uint8_t left = *secret; left != 0; left = static_cast<std::uint8_t>(left >> 1)) ++rounds;
  return rounds;
}

// A table lookup at a secret index.
[[gnu::noinline]] std::uint8_t secret_dependent_index_for_testing(const volatile std::uint8_t* secret) {
  static const std::array<std::uint8_t, 256> table = [] {
    std::array<std::uint8_t, 256> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(i * 7);
    return out;
  }();
  return table[*secret];
}

namespace {

void reports_secret_branch() {
  std::uint8_t secret = 0x5a;
  mark_secret(&secret, 1);
  int rounds = secret_dependent_branch_for_testing(&secret);
  reveal(&rounds, sizeof rounds);
}

void reports_secret_index() {
  std::uint8_t secret = 0x5a;
  mark_secret(&secret, 1);
  std::uint8_t value = secret_dependent_index_for_testing(&secret);
  reveal(&value, 1);
}

// A case that marks no secret fails, however clean its code: it would
// check nothing.
void refuses_a_case_without_secrets() {
  std::uint8_t secret = 0x5a;
  mark_secret(&secret, 1);
  const Case unmarked{"unmarked", [] {}};
  expect(!passed(unmarked, run_counted(unmarked)), "a case that marked no secret passed");
  const Case marked{"marked", [] {
                      std::uint8_t inner = 1;
                      mark_secret(&inner, 1);
                    }};
  expect(passed(marked, run_counted(marked)), "a clean case that marked a secret failed");
}

}  // namespace

std::vector<Case> checker_cases() {
  return {{"checker.reports_secret_branch", reports_secret_branch, true},
          {"checker.reports_secret_index", reports_secret_index, true},
          {"checker.refuses_a_case_without_secrets", refuses_a_case_without_secrets}};
}

}  // namespace conclave::ct_check
