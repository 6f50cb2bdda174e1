#pragma once

// The constant-time checks (issue 24), run under valgrind's memcheck by
// scripts/check-ct: each case marks its secrets undefined (the ctgrind
// technique), runs the code that handles them, and passes when memcheck
// reports no branch or memory index that depends on them. Results are
// revealed (marked defined) before the case checks them, so that a check
// proves the path ran to its end without itself being reported.

#include <cstddef>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"

namespace conclave::ct_check {

inline Bytes bytes_of(std::string_view text) {
  const BytesView view = as_bytes(text);
  return Bytes(view.begin(), view.end());
}

// Marks bytes secret: undefined, to memcheck.
void mark_secret(const void* data, std::size_t size);
inline void mark_secret(BytesView bytes) { mark_secret(bytes.data(), bytes.size()); }
inline void mark_secret(const crypto::Secret& secret) { mark_secret(secret.view()); }

// Marks a result public again, for the case to check it.
void reveal(const void* data, std::size_t size);
inline void reveal(BytesView bytes) { reveal(bytes.data(), bytes.size()); }
inline void reveal(const crypto::Secret& secret) { reveal(secret.view()); }

// Records a wrong result of the running case (it then fails).
void expect(bool condition, const char* what);

// One check: its name and what it runs. `expects_report` only for the
// checker's own tests, whose code is secret-dependent on purpose.
struct Case {
  const char* name;
  void (*run)();
  bool expects_report = false;
};

// What running a case showed: memcheck's reports, how many secret bytes it
// marked, and its first wrong result.
struct Outcome {
  unsigned reports;
  std::size_t secrets_marked;
  const char* wrong_result;
};

// Runs a case, counting apart from the case that runs it (if any).
Outcome run_counted(const Case& c);

// Whether a case passed: the reports it expects, some secret marked (a
// case that marks none proves nothing), no wrong result.
bool passed(const Case& c, const Outcome& outcome);

std::vector<Case> checker_cases();
std::vector<Case> crypto_cases();
std::vector<Case> mls_cases();
std::vector<Case> srp_cases();
std::vector<Case> frame_cases();

}  // namespace conclave::ct_check
