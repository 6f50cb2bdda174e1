#pragma once

// Reading the SRP vector files: hex with spaces and either case, integers
// compared by value, and the exchange run through Client and Server.

#include <optional>
#include <string>

#include "check.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::vectors {

// A hex field, spaces and an odd number of digits allowed.
Bytes srp_hex(const Json& object, const char* key);

// The same integer, whatever its leading (big-endian) or trailing
// (little-endian) zero bytes.
void expect_same_integer(CaseCheck& check, BytesView actual, BytesView expected,
                         srp::ByteOrder order, std::string_view what);

// The integer as len(N) bytes.
Bytes padded(BytesView integer, std::size_t size, srp::ByteOrder order);

// What one run of the exchange should give; absent values are not compared.
struct Exchange {
  Bytes identity, password, salt, verifier, client_secret, server_secret;
  Bytes client_key, server_key, session_key;
  std::optional<Bytes> client_proof, server_proof;
};

// Registers nothing: runs Client against Server from the given secrets and
// checks A, B, M1, M2 and both session keys.
void check_exchange(const srp::Variant& variant, const Exchange& expected, CaseCheck& check);

// The client alone, when the server's secret is unknown: A, M1, M2 and K.
void check_client_exchange(const srp::Variant& variant, const Exchange& expected,
                           CaseCheck& check);

}  // namespace conclave::vectors
