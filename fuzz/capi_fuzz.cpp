// Drives the C API (include/conclave.h) with arbitrary call sequences and
// arguments: each input is a program for the interpreter of
// capi_fuzz_machine.hpp, one call per step (the step's first byte picks the
// function, the next ones its arguments), over handles that may be live,
// freed, of another kind, NULL or raw values. No call may crash, return a
// status the library does not name, or write an output when it fails; every
// handle made is freed at the end, so LeakSanitizer sees anything the
// library leaks.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "capi_fuzz_media.hpp"
#include "capi_fuzz_meeting.hpp"
#include "capi_fuzz_mls.hpp"

namespace {

using fuzz::CapiOp;

std::vector<CapiOp> all_calls() {
  std::vector<CapiOp> calls;
  for (const auto& area : {std::vector<CapiOp>(std::begin(fuzz::capi::mls_calls), std::end(fuzz::capi::mls_calls)),
                           std::vector<CapiOp>(std::begin(fuzz::capi::media_calls), std::end(fuzz::capi::media_calls)),
                           std::vector<CapiOp>(std::begin(fuzz::capi::meeting_calls),
                                               std::end(fuzz::capi::meeting_calls))}) {
    calls.insert(calls.end(), area.begin(), area.end());
  }
  return calls;
}

// Bounds one input's work: a Commit or an SRP exchange costs milliseconds.
constexpr std::size_t max_calls = 64;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<CapiOp> calls = all_calls();
  fuzz::CapiMachine machine(data, size);
  for (std::size_t step = 0; step < max_calls && !machine.done(); ++step) {
    machine.next_call();
    calls[machine.byte() % calls.size()](machine);
  }
  return 0;
}
