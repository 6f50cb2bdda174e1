#pragma once

// Files for the storage tests and benchmarks (no GoogleTest here): a scratch
// directory, and the bytes this process has written.

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace conclave::test {

// A new directory under `base` (by default the system's temporary
// directory), removed with everything in it when the object goes.
class ScratchDirectory {
 public:
  explicit ScratchDirectory(const std::filesystem::path& base = std::filesystem::temp_directory_path()) {
    static std::atomic<int> count{0};
    path_ = base /
            ("conclave-storage-" + std::to_string(::getpid()) + "-" + std::to_string(count++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Bytes this process has passed to write(2) and its kin so far
// (/proc/self/io wchar).
inline std::uint64_t bytes_written_so_far() {
  std::ifstream io("/proc/self/io");
  std::string field;
  std::uint64_t value = 0;
  while (io >> field >> value) {
    if (field == "wchar:") return value;
  }
  return 0;
}

}  // namespace conclave::test
