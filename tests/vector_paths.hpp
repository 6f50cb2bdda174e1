#pragma once

// Where the vector files live: the shared reference vectors (env
// CONCLAVE_VECTORS, else ../shared/vectors next to the project) and the
// project's own vectors/ directory.

#include <cstdlib>
#include <filesystem>

#ifndef CONCLAVE_SOURCE_DIR
#error "CONCLAVE_SOURCE_DIR must name the project's source directory"
#endif

namespace conclave::test {

inline std::filesystem::path shared_vectors_dir() {
  const char* env = std::getenv("CONCLAVE_VECTORS");
  if (env != nullptr && *env != '\0') return env;
  return CONCLAVE_SOURCE_DIR "/../shared/vectors";
}

inline std::filesystem::path project_vectors_dir() { return CONCLAVE_SOURCE_DIR "/vectors"; }

}  // namespace conclave::test
