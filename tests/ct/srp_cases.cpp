// SRP: registration and a whole login, client and server, with the password,
// both private exponents (a, b) and the server's verifier secret; then a
// login with a forged proof. RFC 5054 over its 1024-bit group (the same
// code as 2048 bits and up: one Montgomery exponentiation per power, the
// group only sets the number of words), the Argon2id-hardened variant, and
// Proton's auth version 4 (little-endian integers, a 2048-bit modulus, the
// only size it takes). The last two hash the password with functions whose
// memory accesses depend on it by design (bcrypt's S-boxes, Argon2id's
// second half) and which take seconds to minutes under memcheck: there the
// password key x is made secret as it leaves the hash, and crypto.argon2id
// checks Argon2id itself at its smallest size.

#include <optional>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/hardened.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"
#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

// `inner` with a password key that turns secret as it leaves the hash,
// hashed once for registration and login alike (they hash the same inputs).
class SecretPasswordKey final : public srp::Variant {
 public:
  explicit SecretPasswordKey(const srp::Variant& inner)
      : Variant(inner.group(), inner.byte_order(), inner.multiplier()), inner_(inner) {}

  std::size_t salt_size() const noexcept override { return inner_.salt_size(); }
  Result<crypto::Secret> password_key(BytesView identity, BytesView password, BytesView salt) const override {
    if (!hashed_) {
      auto x = inner_.password_key(identity, password, salt);
      if (!x) return x;
      hashed_ = std::move(*x);
    }
    crypto::Secret x = hashed_->clone();
    mark_secret(x);
    return x;
  }
  Bytes scrambler(BytesView client_key, BytesView server_key) const override {
    return inner_.scrambler(client_key, server_key);
  }
  crypto::Secret session_key(const crypto::Secret& premaster) const override {
    return inner_.session_key(premaster);
  }
  Bytes client_proof(const srp::ProofInput& input) const override { return inner_.client_proof(input); }
  Bytes server_proof(BytesView client_key, BytesView client_proof, const crypto::Secret& key) const override {
    return inner_.server_proof(client_key, client_proof, key);
  }

 private:
  const srp::Variant& inner_;
  mutable std::optional<crypto::Secret> hashed_;
};

const srp::Group& small_group() {
  static const srp::Group group = *srp::rfc5054_group(1024, {.min_bits = 1024});
  return group;
}

crypto::Secret secret_exponent(std::uint8_t value) {
  crypto::Secret exponent(Bytes(32, value));
  mark_secret(exponent);
  return exponent;
}

// One login; `forge` flips a bit of the client's proof, which the server
// must refuse.
void login(const srp::Variant& variant, bool forge, bool secret_password = true) {
  Bytes password = bytes_of("correct horse");
  if (secret_password) mark_secret(password);
  const Bytes salt(variant.salt_size(), 0x5a);
  auto record = srp::make_verifier_record(variant, as_bytes("alice"), password, salt);
  expect(record.ok(), "registration failed");
  if (!record) return;
  mark_secret(record->verifier);
  crypto::DeterministicRandom random(as_bytes("ct"));
  auto server = srp::Server::create(variant, std::move(*record), random);
  expect(server.ok(), "Server::create failed");
  if (!server) return;
  srp::Client client(variant, as_bytes("alice"), password, random);
  const Bytes client_key = *client.start_for_testing(secret_exponent(0x0a));
  const Bytes server_key = *server->challenge_for_testing(secret_exponent(0x0b));
  expect(server->receive(client_key).ok(), "the server refused A");
  Bytes proof = *client.respond(salt, server_key);
  if (forge) {
    proof[0] ^= 1;
    expect(server->verify(proof).error() == Errc::proof_invalid, "a forged proof was accepted");
    return;
  }
  auto server_proof = server->verify(proof);
  expect(server_proof.ok(), "the server refused the proof");
  if (server_proof) expect(client.verify(*server_proof).ok(), "the client refused the server's proof");
}

const srp::Rfc5054& rfc5054() {
  static const srp::Rfc5054 variant(small_group(), crypto::HashId::sha256);
  return variant;
}

const srp::Variant& hardened() {
  static const srp::HardenedRfc5054 inner(small_group(), crypto::HashId::sha256);
  static const SecretPasswordKey variant(inner);
  return variant;
}

// RFC 5054's 2048-bit modulus passes Proton's checks.
const srp::Variant& proton() {
  static const srp::ProtonV4 inner = [] {
    const Bytes modulus = srp::rfc5054_group(2048)->modulus();
    return *srp::ProtonV4::create(Bytes(modulus.rbegin(), modulus.rend()));
  }();
  static const SecretPasswordKey variant(inner);
  return variant;
}

void rfc5054_login() { login(rfc5054(), false); }
void rfc5054_forged_proof() { login(rfc5054(), true); }
void hardened_login() { login(hardened(), false, false); }
void proton_login() { login(proton(), false, false); }

}  // namespace

std::vector<Case> srp_cases() {
  return {{"srp.rfc5054_login", rfc5054_login},
          {"srp.rfc5054_forged_proof", rfc5054_forged_proof},
          {"srp.hardened_login", hardened_login},
          {"srp.proton_login", proton_login}};
}

}  // namespace conclave::ct_check
