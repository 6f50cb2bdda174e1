// rfc5054.json (RFC 5054 appendix B), and secure-remote-password-rfc5054.json
// and secure-remote-password-srptools.json (secure-remote-password/test-
// vectors): SRP-6a value by value over the RFC 5054 appendix A groups, then
// the same exchange through Client and Server. srptools cases under a BLAKE2
// hash are skipped: Conclave's SRP offers the SHA family only.

#include <algorithm>
#include <cctype>
#include <optional>

#include "check.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/srp6a.hpp"
#include "srp_fields.hpp"

namespace conclave::vectors {

namespace {

constexpr auto order = srp::ByteOrder::big_endian;

std::optional<crypto::HashId> hash_named(std::string name) {
  name.erase(std::remove(name.begin(), name.end(), '-'), name.end());
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (name == "sha1") return crypto::HashId::sha1;
  if (name == "sha256") return crypto::HashId::sha256;
  if (name == "sha384") return crypto::HashId::sha384;
  if (name == "sha512") return crypto::HashId::sha512;
  return std::nullopt;
}

Bytes text_field(const Json& v, const char* key) {
  const auto text = v.at(key).get<std::string>();
  return Bytes(text.begin(), text.end());
}

// The appendix A group of the case's N, checked to have its g.
std::optional<srp::Group> group_of(const Json& v, CaseCheck& check) {
  const Bytes modulus = padded(srp_hex(v, "N"), srp_hex(v, "N").size(), order);
  auto group = srp::rfc5054_group(modulus.size() * 8, {.min_bits = 1024});
  check.expect(group.ok(), "N is not the size of an appendix A group");
  if (!group) return std::nullopt;
  expect_same_integer(check, group->modulus(), modulus, order, "N");
  expect_same_integer(check, group->generator(), srp_hex(v, "g"), order, "g");
  return std::move(*group);
}

void check_premaster(const srp::Variant& variant, const Json& v, const crypto::Secret& x,
                     const Exchange& e, CaseCheck& check) {
  const Bytes u = variant.scrambler(e.client_key, e.server_key);
  expect_same_integer(check, u, srp_hex(v, "u"), order, "u");
  const Bytes expected = srp_hex(v, "S");
  const auto client = srp::client_premaster_secret(variant, x, crypto::Secret(e.client_secret), u,
                                                   e.server_key);
  const auto server = srp::server_premaster_secret(variant, e.client_key, e.verifier, u,
                                                   crypto::Secret(e.server_secret));
  check.expect(client.ok() && server.ok(), "a premaster secret failed");
  if (client) expect_same_integer(check, client->view(), expected, order, "S (client)");
  if (server) expect_same_integer(check, server->view(), expected, order, "S (server)");
}

// K, M1 and M2 where the file gives them (RFC 5054 itself does not).
void check_proofs(const srp::Variant& variant, const Json& v, Exchange& e, CaseCheck& check) {
  const crypto::Secret premaster(padded(srp_hex(v, "S"), variant.group().size(), order));
  const crypto::Secret session_key = variant.session_key(premaster);
  e.session_key.assign(session_key.view().begin(), session_key.view().end());
  if (!v.contains("K")) return;
  check.expect_equal(e.session_key, srp_hex(v, "K"), "K");
  e.client_proof = srp_hex(v, "M1");
  e.server_proof = srp_hex(v, "M2");
  const Bytes proof = variant.client_proof(
      {e.identity, e.salt, e.client_key, e.server_key, e.session_key});
  check.expect_equal(proof, *e.client_proof, "M1");
  check.expect_equal(variant.server_proof(e.client_key, proof, crypto::Secret(e.session_key)),
                     *e.server_proof, "M2");
}

void check_case(const Json& v, crypto::HashId hash, CaseCheck& check) {
  const auto group = group_of(v, check);
  if (!group) return;
  const srp::Rfc5054 variant(*group, hash);
  Exchange e{.identity = text_field(v, "I"), .password = text_field(v, "P"), .salt = srp_hex(v, "s")};
  expect_same_integer(check, variant.multiplier(), srp_hex(v, "k"), order, "k");
  const auto x = variant.password_key(e.identity, e.password, e.salt);
  check.expect(x.ok(), "x failed");
  if (!x) return;
  expect_same_integer(check, x->view(), srp_hex(v, "x"), order, "x");
  e.verifier = srp::verifier(variant, *x);
  expect_same_integer(check, e.verifier, srp_hex(v, "v"), order, "v");
  e.client_secret = srp_hex(v, "a");
  e.server_secret = srp_hex(v, "b");
  e.client_key = padded(srp_hex(v, "A"), group->size(), order);
  e.server_key = padded(srp_hex(v, "B"), group->size(), order);
  check.expect_equal(srp::client_public_key(variant, crypto::Secret(e.client_secret)),
                     e.client_key, "A");
  const auto server_key =
      srp::server_public_key(variant, e.verifier, crypto::Secret(e.server_secret));
  check.expect(server_key.ok() && *server_key == e.server_key, "B differs");
  check_premaster(variant, v, *x, e, check);
  check_proofs(variant, v, e, check);
  check_exchange(variant, e, check);
}

// The case's hash: "H" in the test-vectors files, "hash" in rfc5054.json.
std::optional<crypto::HashId> hash_of(const Json& v) {
  return hash_named(v.at(v.contains("H") ? "H" : "hash").get<std::string>());
}

// Every case with a SHA-family hash, the others counted as skipped.
Tally check_cases(const Json& cases) {
  Json supported = Json::array();
  std::size_t skipped = 0;
  for (const auto& v : cases) {
    if (hash_of(v)) {
      supported.push_back(v);
    } else {
      ++skipped;
    }
  }
  Tally tally = check_each(supported, [](const Json& v, CaseCheck& check) {
    check_case(v, *hash_of(v), check);
  });
  tally.skipped = skipped;
  return tally;
}

}  // namespace

Tally check_srp_rfc5054(const Json& doc) { return check_cases(Json::array({doc})); }

Tally check_srp_test_vectors(const Json& doc) { return check_cases(doc.at("testVectors")); }

}  // namespace conclave::vectors
