#include "ct.hpp"

#ifdef CONCLAVE_HAVE_VALGRIND
#include <valgrind/memcheck.h>
#endif

namespace conclave::crypto::ct {

void declassify(const void* data, std::size_t size) noexcept {
#ifdef CONCLAVE_HAVE_VALGRIND
  VALGRIND_MAKE_MEM_DEFINED(data, size);
#else
  static_cast<void>(data);
  static_cast<void>(size);
#endif
}

bool declassify(bool verdict) noexcept {
  declassify(&verdict, sizeof verdict);
  return verdict;
}

}  // namespace conclave::crypto::ct
