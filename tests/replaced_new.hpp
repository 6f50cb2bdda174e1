#pragma once

// Every form of the global operator new and delete, over malloc and free,
// with two hooks that the including header defines before it includes this
// one, in conclave::test:
//   void* on_allocated(void* p) noexcept;  // each block (null if malloc failed); returns p
//   void on_freeing(void* p) noexcept;     // each non-null block, just before it is freed
// Reach it from exactly one source file of an executable.

#include <cstddef>
#include <cstdlib>
#include <new>

namespace conclave::test::replaced_new {

inline void* or_throw(void* p) {
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

inline void* block(std::size_t size) noexcept { return on_allocated(std::malloc(size == 0 ? 1 : size)); }

inline void* aligned_block(std::size_t size, std::align_val_t alignment) noexcept {
  const auto align = static_cast<std::size_t>(alignment);
  return on_allocated(std::aligned_alloc(align, (size + align - 1) / align * align));
}

inline void release(void* p) noexcept {
  if (p == nullptr) return;
  on_freeing(p);
  std::free(p);
}

}  // namespace conclave::test::replaced_new

[[gnu::noinline]] void* operator new(std::size_t size) {
  return conclave::test::replaced_new::or_throw(conclave::test::replaced_new::block(size));
}
[[gnu::noinline]] void* operator new[](std::size_t size) { return operator new(size); }
[[gnu::noinline]] void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return conclave::test::replaced_new::block(size);
}
[[gnu::noinline]] void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
[[gnu::noinline]] void* operator new(std::size_t size, std::align_val_t alignment) {
  return conclave::test::replaced_new::or_throw(conclave::test::replaced_new::aligned_block(size, alignment));
}
[[gnu::noinline]] void* operator new[](std::size_t size, std::align_val_t alignment) {
  return operator new(size, alignment);
}
[[gnu::noinline]] void operator delete(void* p) noexcept { conclave::test::replaced_new::release(p); }
[[gnu::noinline]] void operator delete[](void* p) noexcept { conclave::test::replaced_new::release(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { conclave::test::replaced_new::release(p); }
[[gnu::noinline]] void operator delete[](void* p, std::size_t) noexcept { conclave::test::replaced_new::release(p); }
[[gnu::noinline]] void operator delete(void* p, const std::nothrow_t&) noexcept {
  conclave::test::replaced_new::release(p);
}
[[gnu::noinline]] void operator delete[](void* p, const std::nothrow_t&) noexcept {
  conclave::test::replaced_new::release(p);
}
[[gnu::noinline]] void operator delete(void* p, std::align_val_t) noexcept {
  conclave::test::replaced_new::release(p);
}
[[gnu::noinline]] void operator delete[](void* p, std::align_val_t) noexcept {
  conclave::test::replaced_new::release(p);
}
[[gnu::noinline]] void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  conclave::test::replaced_new::release(p);
}
[[gnu::noinline]] void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  conclave::test::replaced_new::release(p);
}
