#pragma once

// Counts the bytes the C++ heap holds (as malloc_usable_size() reports
// them) and their peak, for the decoding budget checks of issue 18: the
// tests of decode_budget_test.cpp and the fuzz targets that decode. Include
// it from exactly one source file of an executable: it replaces every form
// of the global operator new and delete.

#include <malloc.h>

#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>

namespace conclave::test {

inline std::atomic<std::size_t> live_bytes{0};
inline std::atomic<std::size_t> peak_bytes{0};

inline void* counted(void* p) noexcept {
  if (p == nullptr) return p;
  const std::size_t now = live_bytes += malloc_usable_size(p);
  std::size_t peak = peak_bytes;
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now)) {
  }
  return p;
}

inline void release(void* p) noexcept {
  if (p == nullptr) return;
  live_bytes -= malloc_usable_size(p);
  std::free(p);
}

inline void* counted_or_throw(void* p) {
  if (p == nullptr) throw std::bad_alloc();
  return counted(p);
}

inline void* aligned(std::size_t size, std::align_val_t alignment) noexcept {
  const auto align = static_cast<std::size_t>(alignment);
  return std::aligned_alloc(align, (size + align - 1) / align * align);
}

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

[[gnu::noinline]] void* operator new(std::size_t size) {
  return conclave::test::counted_or_throw(std::malloc(size == 0 ? 1 : size));
}
[[gnu::noinline]] void* operator new[](std::size_t size) { return operator new(size); }
[[gnu::noinline]] void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return conclave::test::counted(std::malloc(size == 0 ? 1 : size));
}
[[gnu::noinline]] void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
[[gnu::noinline]] void* operator new(std::size_t size, std::align_val_t alignment) {
  return conclave::test::counted_or_throw(conclave::test::aligned(size, alignment));
}
[[gnu::noinline]] void* operator new[](std::size_t size, std::align_val_t alignment) {
  return operator new(size, alignment);
}
[[gnu::noinline]] void operator delete(void* p) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete[](void* p, const std::nothrow_t&) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete(void* p, std::align_val_t) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete[](void* p, std::align_val_t) noexcept { conclave::test::release(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  conclave::test::release(p);
}
[[gnu::noinline]] void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  conclave::test::release(p);
}
