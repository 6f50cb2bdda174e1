#pragma once

// What the SRP tests share: groups, variants, registered parties, and an
// exchange driven step by step.

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/variant.hpp"
#include "conclave/srp/verifier.hpp"
#include "test_support.hpp"

namespace conclave::test {

inline const srp::Group& srp_group(std::size_t bits) {
  static const srp::Group group_2048 = *srp::rfc5054_group(2048);
  static const srp::Group group_3072 = *srp::rfc5054_group(3072);
  return bits == 3072 ? group_3072 : group_2048;
}

// A 2048-bit prime, 3 mod 8 (so 2 generates all of Z_N*), whose (N-1)/2 is
// composite: only the safe-prime test rejects it.
inline const Bytes& unsafe_prime_2048() {
  static const Bytes prime = hex(
      "e20b72d3a92dd00f6150e8319f16a407709d9c10a423b3198354d76d1a0c634b"
      "ba2c3b09e0b691c8e2ee67408cb30ee42e2c883850b88221659f575804aa3d0f"
      "1e40aed5892807b9458b1121ae97d61c905722f045da03de04e2f800632b662d"
      "d6792915a5a8b6de1624ccb60e40d8b1745b072906b9c096de45c92d2dbc3f8e"
      "61295e825d5191f6336ef2ef416a1e984aab25bfb3cdfddd05bc08947e8ff163"
      "aadcb08953bebd230c483e7bf55e46721e3d2a963c8507b3a4534903955971bf"
      "6a58d6731db56a902248254464baec856dc566a01e997153554c4dbbdcf8e7ae"
      "a5d1b1dbf74e368011c3f4b11400c1c910913126dbf1bd2ec5441822743b2d93");
  return prime;
}

inline Bytes reversed(BytesView bytes) { return Bytes(bytes.rbegin(), bytes.rend()); }

// N as the variant writes integers.
inline Bytes modulus_of(const srp::Variant& variant) {
  const Bytes modulus = variant.group().modulus();
  return variant.byte_order() == srp::ByteOrder::big_endian ? modulus : reversed(modulus);
}


// One login over `variant`: the server holds the record of `registered`,
// the client tries `attempted`. Each step asserts nothing; tests inspect.
class Handshake {
 public:
  Handshake(const srp::Variant& variant, std::string_view registered, std::string_view attempted)
      : random_(as_bytes("srp handshake")),
        server_(*srp::Server::create(variant, record(variant, registered), random_)),
        client_(variant, as_bytes("alice"), as_bytes(attempted), random_) {}

  srp::Client& client() { return client_; }
  srp::Server& server() { return server_; }

  // A, B and the server's receipt of A: what every later step needs.
  void exchange_keys() {
    client_key_ = *client_.start();
    server_key_ = *server_.challenge();
    ASSERT_TRUE(is_ok(server_.receive(client_key_)));
  }
  const Bytes& client_key() const { return client_key_; }
  const Bytes& server_key() const { return server_key_; }

 private:
  srp::VerifierRecord record(const srp::Variant& variant, std::string_view password) {
    return *srp::register_password(variant, as_bytes("alice"), as_bytes(password), random_);
  }

  crypto::DeterministicRandom random_;
  srp::Server server_;
  srp::Client client_;
  Bytes client_key_;
  Bytes server_key_;
};

}  // namespace conclave::test
