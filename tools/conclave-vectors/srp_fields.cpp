#include "srp_fields.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/server.hpp"

namespace conclave::vectors {

namespace {

// The integer's significant bytes, most significant first.
Bytes significant(BytesView integer, srp::ByteOrder order) {
  Bytes out(integer.begin(), integer.end());
  if (order == srp::ByteOrder::little_endian) std::reverse(out.begin(), out.end());
  out.erase(out.begin(), std::find_if(out.begin(), out.end(), [](std::uint8_t b) { return b; }));
  return out;
}

bool equals(const Result<Bytes>& actual, const std::optional<Bytes>& expected) {
  return actual.ok() && (!expected || *actual == *expected);
}

bool same_key(const Result<crypto::Secret>& key, BytesView expected) {
  return key.ok() && crypto::constant_time_equal(key->view(), expected);
}

// Client from `start_for_testing` to `respond`; M1 when all went as expected.
Result<Bytes> client_proof(srp::Client& client, const Exchange& e, BytesView server_key,
                           CaseCheck& check) {
  const auto client_key = client.start_for_testing(crypto::Secret(e.client_secret));
  check.expect(equals(client_key, e.client_key), "A from the client differs");
  auto proof = client.respond(e.salt, server_key);
  check.expect(equals(proof, e.client_proof), "M1 from the client differs");
  return proof;
}

}  // namespace

Bytes srp_hex(const Json& object, const char* key) {
  std::string text = object.at(key).get<std::string>();
  text.erase(std::remove_if(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); }),
             text.end());
  if (text.size() % 2 != 0) text.insert(text.begin(), '0');
  auto bytes = from_hex(text);
  if (!bytes) throw std::invalid_argument(std::string("field ") + key + " is not hex");
  return std::move(*bytes);
}

void expect_same_integer(CaseCheck& check, BytesView actual, BytesView expected,
                         srp::ByteOrder order, std::string_view what) {
  check.expect_equal(significant(actual, order), significant(expected, order), what);
}

Bytes padded(BytesView integer, std::size_t size, srp::ByteOrder order) {
  Bytes out = significant(integer, order);
  if (out.size() > size) throw std::invalid_argument("integer longer than the modulus");
  out.insert(out.begin(), size - out.size(), 0);
  if (order == srp::ByteOrder::little_endian) std::reverse(out.begin(), out.end());
  return out;
}

void check_exchange(const srp::Variant& variant, const Exchange& e, CaseCheck& check) {
  auto& random = crypto::system_random();
  auto server = srp::Server::create(variant, {e.identity, e.salt, e.verifier}, random);
  check.expect(server.ok(), "the server refused the record");
  if (!server) return;
  const auto server_key = server->challenge_for_testing(crypto::Secret(e.server_secret));
  check.expect(equals(server_key, e.server_key), "B from the server differs");
  if (!server_key) return;
  check.expect(server->receive(e.client_key).ok(), "the server refused A");
  srp::Client client(variant, e.identity, e.password, random);
  const auto proof = client_proof(client, e, *server_key, check);
  if (!proof) return;
  const auto server_proof = server->verify(*proof);
  check.expect(equals(server_proof, e.server_proof), "M2 from the server differs");
  check.expect(server_proof.ok() && client.verify(*server_proof).ok(), "the client refused M2");
  check.expect(same_key(client.session_key(), e.session_key), "the client's K differs");
  check.expect(same_key(server->session_key(), e.session_key), "the server's K differs");
}

void check_client_exchange(const srp::Variant& variant, const Exchange& e, CaseCheck& check) {
  srp::Client client(variant, e.identity, e.password, crypto::system_random());
  if (!client_proof(client, e, e.server_key, check).ok() || !e.server_proof) return;
  check.expect(client.verify(*e.server_proof).ok(), "the client refused the published M2");
  check.expect(same_key(client.session_key(), e.session_key), "the client's K differs");
}

}  // namespace conclave::vectors
