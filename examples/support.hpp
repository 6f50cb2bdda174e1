#pragma once

// What the examples share: what they do with an error (print the step and
// the error's name, and stop: an application would recover or report
// instead, since every call returns its error as a value), and a new
// member's KeyPackage.

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>

#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/key_package.hpp"

inline void check(bool ok, conclave::Errc error, std::string_view what) {
  if (ok) return;
  std::cerr << what << " failed: " << conclave::to_string(error) << "\n";
  std::exit(EXIT_FAILURE);
}

// The value of a successful Result.
template <class T>
T take(conclave::Result<T> result, std::string_view what) {
  check(result.ok(), result.error(), what);
  return std::move(*result);
}

inline void apply(const conclave::Status& status, std::string_view what) {
  check(status.ok(), status.error(), what);
}

// A member's KeyPackage (public) and its private keys, under a basic
// credential that names it.
inline conclave::mls::KeyPackageBundle new_member(const conclave::mls::CipherSuite& suite, std::string_view name) {
  auto& random = conclave::crypto::system_random();
  const conclave::mls::Credential credential{conclave::mls::BasicCredential{conclave::Bytes(name.begin(), name.end())}};
  return take(conclave::mls::create_key_package(suite, credential, suite.signature().generate_key_pair(random), {},
                                                random),
              "KeyPackage");
}
