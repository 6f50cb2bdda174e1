#pragma once

// Scans every block the C++ heap frees for a few byte strings (passwords the
// test chose) and counts the blocks that still held one: a secret that went
// back to the allocator unwiped. Include it from exactly one source file of
// an executable: it replaces every form of the global operator new and
// delete.
//
// Only operator new's blocks are seen: libsodium and OpenSSL allocate with
// malloc, and what they free is not scanned (both wipe their own key
// material; the library hands them passwords as views, never as copies).
// Nor are stack frames.

#include <malloc.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <string_view>

namespace conclave::test {

// A byte string to look for, held outside the heap.
struct Needle {
  std::array<char, 64> bytes{};
  std::size_t size = 0;
};

inline std::array<Needle, 4> needles{};
inline std::atomic<bool> scanning{false};
inline std::atomic<std::size_t> blocks_with_needle{0};

// `text` as a needle; it must fit in 64 bytes.
inline Needle needle(std::string_view text) noexcept {
  Needle out;
  out.size = text.size();
  std::memcpy(out.bytes.data(), text.data(), text.size());
  return out;
}

inline bool holds_needle(const void* block, std::size_t size) noexcept {
  for (const auto& n : needles) {
    if (n.size != 0 && memmem(block, size, n.bytes.data(), n.size) != nullptr) return true;
  }
  return false;
}

inline void* on_allocated(void* p) noexcept { return p; }

inline void on_freeing(void* p) noexcept {
  if (scanning && holds_needle(p, malloc_usable_size(p))) ++blocks_with_needle;
}

}  // namespace conclave::test

#include "replaced_new.hpp"
