#pragma once

// Counts the bytes the C++ heap holds (as malloc_usable_size() reports
// them) and their peak, for the decoding budget checks of issue 18: the
// tests of decode_budget_test.cpp and the fuzz targets that decode. Include
// it from exactly one source file of an executable: it replaces every form
// of the global operator new and delete.

#include <malloc.h>

#include <atomic>
#include <cstddef>

namespace conclave::test {

inline std::atomic<std::size_t> live_bytes{0};
inline std::atomic<std::size_t> peak_bytes{0};

inline void* on_allocated(void* p) noexcept {
  if (p == nullptr) return p;
  const std::size_t now = live_bytes += malloc_usable_size(p);
  std::size_t peak = peak_bytes;
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
  return p;
}

inline void on_freeing(void* p) noexcept { live_bytes -= malloc_usable_size(p); }

// The peak allocation, above what was live when it was made, of the work
// done while it lives (one at a time).
class PeakAllocation {
 public:
  PeakAllocation() noexcept : before_(live_bytes) { peak_bytes = before_; }
  std::size_t bytes() const noexcept { return peak_bytes - before_; }

 private:
  std::size_t before_;
};

}  // namespace conclave::test

#include "replaced_new.hpp"
