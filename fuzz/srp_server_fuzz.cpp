// Feeds a Conclave SRP server the client's messages A and M1 from arbitrary
// input, over RFC 5054 (SHA-256) or Proton's auth version 4, both over a
// 64-bit group (see party_for). Input: a control byte (bit 0: the variant;
// bit 1: the mode), then
//   raw mode:     A (len(N) bytes, or fewer if the input ends), then M1;
//   honest mode:  a client secret a (32 bytes), then bytes XORed into the
//                 honest A and then into the honest M1.
// Every call gives a value or a typed error; the server accepts M1 only from
// an untampered honest client, and then agrees with it on K and M2.

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/srp6a.hpp"
#include "conclave/srp/verifier.hpp"
#include "srp_small_group.hpp"

namespace {

using namespace conclave;

constexpr std::size_t secret_size = 32;

crypto::RandomSource& setup_random() {
  static crypto::DeterministicRandom source(as_bytes("srp server fuzz"));
  return source;
}

// A variant with one registered password: a random x and its verifier (the
// Proton password hash needs a 2048-bit N).
struct Party {
  explicit Party(const srp::Variant& v)
      : variant(v),
        password_key(setup_random().secret(secret_size)),
        record{concat({as_bytes("fuzz")}), Bytes(v.salt_size(), 0x5a),
               srp::verifier(v, password_key)} {}

  const srp::Variant& variant;
  crypto::Secret password_key;
  srp::VerifierRecord record;
};

// With RFC 5054's 1024-bit group and Proton's 2048-bit one the fuzzer ran
// about 150 executions a second under ASan, nearly all of them in OpenSSL's
// exponentiations. Both variants now run over test::small_srp_group (64
// bits), where the server takes the same paths through Conclave's code for
// every message: A's length and range checks (0, 1, N - 1 and N are within
// the fuzzer's reach at 8 bytes, and half of all 8-byte values are N or
// more), u, S, K, M1 and M2 in both byte orders with each variant's hashes
// (Proton's u stays 256 bytes, unreduced), the proof comparison and the
// state machine. Only OpenSSL's arithmetic runs on fewer words. The groups'
// own checks (Group::create, proton::modulus_group) and the password hashes
// run once per setup, not per message: the SRP tests and vectors cover them.
const Party& party_for(std::uint8_t control) {
  static const srp::Rfc5054 rfc5054(test::small_srp_group(), crypto::HashId::sha256);
  static const srp::ProtonV4 proton = srp::ProtonV4::create_for_testing(test::small_srp_group());
  static const Party parties[] = {Party(rfc5054), Party(proton)};
  return parties[control & 1];
}

BytesView take(BytesView& input, std::size_t size) {
  const BytesView part = input.first(std::min(size, input.size()));
  input = input.subspan(part.size());
  return part;
}

void mix_into(Bytes& message, BytesView& input) {
  const BytesView mask = take(input, message.size());
  for (std::size_t i = 0; i < mask.size(); ++i) message[i] ^= mask[i];
}

// What an honest client sends for B, and the K it derives.
struct ClientMessages {
  Bytes client_key;
  Bytes client_proof;
  crypto::Secret session_key;
};

ClientMessages honest_client(const Party& party, const crypto::Secret& secret, BytesView server_key) {
  const auto& variant = party.variant;
  ClientMessages out{srp::client_public_key(variant, secret), {}, {}};
  const Bytes u = variant.scrambler(out.client_key, server_key);
  auto premaster = srp::client_premaster_secret(variant, party.password_key, secret, u, server_key);
  if (!premaster) return out;
  out.session_key = variant.session_key(*premaster);
  out.client_proof = variant.client_proof({party.record.identity, party.record.salt,
                                           out.client_key, server_key, out.session_key.view()});
  return out;
}

void run_raw(srp::Server& server, BytesView input, std::size_t size) {
  const BytesView client_key = take(input, size);
  if (server.receive(client_key).ok()) (void)server.verify(input);
}

void expect_agreement(const Party& party, const srp::Server& server, const ClientMessages& client,
                      BytesView server_proof) {
  const auto key = server.session_key();
  const Bytes expected = party.variant.server_proof(client.client_key, client.client_proof,
                                                    client.session_key);
  if (!key || !(*key == client.session_key) || !std::equal(server_proof.begin(), server_proof.end(),
                                                             expected.begin(), expected.end())) {
    std::abort();
  }
}

void run_honest(const Party& party, srp::Server& server, BytesView server_key, BytesView input) {
  const crypto::Secret secret(take(input, secret_size));
  const ClientMessages honest = honest_client(party, secret, server_key);
  ClientMessages sent{honest.client_key, honest.client_proof, honest.session_key.clone()};
  mix_into(sent.client_key, input);
  mix_into(sent.client_proof, input);
  // a = 0 gives A = 1, which the server rightly refuses.
  const bool faithful = sent.client_key == honest.client_key &&
                        sent.client_proof == honest.client_proof &&
                        srp::check_public_key(party.variant, honest.client_key).ok();
  const bool received = server.receive(sent.client_key).ok();
  const auto server_proof = received ? server.verify(sent.client_proof) : Result<Bytes>(Errc::internal);
  if (server_proof.ok() != faithful) std::abort();
  if (server_proof) expect_agreement(party, server, sent, *server_proof);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  BytesView input(data, size);
  if (input.empty()) return 0;
  const std::uint8_t control = input[0];
  input = input.subspan(1);
  const Party& party = party_for(control);
  crypto::DeterministicRandom random(as_bytes("srp server"));
  auto server = srp::Server::create(party.variant, party.record, random);
  if (!server) std::abort();
  const auto server_key = server->challenge();
  if (!server_key) std::abort();
  if (control & 2) {
    run_honest(party, *server, *server_key, input);
  } else {
    run_raw(*server, input, party.variant.group().size());
  }
  return 0;
}
