#pragma once

// The draft-ietf-mls-partial vector files, for tests that take values from
// them: the cases of one file for one cipher suite.

#include <filesystem>
#include <fstream>
#include <string>

#include "check.hpp"
#include "../vector_paths.hpp"

namespace conclave::test {

// The cases of `partial/<name>.json` whose cipher suite is `suite`; empty
// when the shared vectors are not there.
inline vectors::Json partial_cases(const std::string& name, std::uint16_t suite) {
  vectors::Json cases = vectors::Json::array();
  std::ifstream in(shared_vectors_dir() / "partial" / (name + ".json"));
  if (!in) return cases;
  for (auto& item : vectors::Json::parse(in)) {
    if (item.at("cipher_suite").get<std::uint16_t>() == suite) cases.push_back(std::move(item));
  }
  return cases;
}

}  // namespace conclave::test
