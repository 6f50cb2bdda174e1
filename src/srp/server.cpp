#include "conclave/srp/server.hpp"

#include "conclave/srp/srp6a.hpp"
#include "group_state.hpp"
#include "state_machine.hpp"

namespace conclave::srp {

Server::Server(const Variant& variant, VerifierRecord record, crypto::RandomSource& random)
    : variant_(&variant), random_(&random), record_(std::move(record)) {}

Result<Server> Server::create(const Variant& variant, VerifierRecord record,
                              crypto::RandomSource& random) {
  const GroupState& group = variant.group().state();
  if (record.salt.empty() || !group.is_valid_secret_element(record.verifier, variant.byte_order())) {
    return Errc::invalid_argument;
  }
  return Server(variant, std::move(record), random);
}

Result<Bytes> Server::challenge() {
  return advance(state_, State::initial, State::sent_public_key, [this] {
    return send_public_key(random_->secret(variant_->group().secret_size()));
  });
}

Result<Bytes> Server::challenge_for_testing(crypto::Secret server_secret) {
  return advance(state_, State::initial, State::sent_public_key,
                 [&] { return send_public_key(std::move(server_secret)); });
}

Status Server::receive(BytesView client_key) {
  return advance(state_, State::sent_public_key, State::received_public_key,
                 [&] { return derive_keys(client_key); });
}

Result<Bytes> Server::verify(BytesView client_proof) {
  return advance(state_, State::received_public_key, State::authenticated,
                 [&] { return check_client(client_proof); });
}

Result<crypto::Secret> Server::session_key() const {
  if (state_ != State::authenticated) return Errc::out_of_order;
  return session_key_.clone();
}

// RFC 5054 section 2.5.3: B = k*v + g^b % N.
Result<Bytes> Server::send_public_key(crypto::Secret server_secret) {
  auto key = server_public_key(*variant_, record_.verifier, server_secret);
  if (!key) return key.error();
  server_key_ = std::move(*key);
  server_secret_ = std::move(server_secret);
  return server_key_;
}

// RFC 5054 section 2.6 for S, then the variant's K, M1 and M2; b is wiped
// whatever the outcome.
Status Server::derive_keys(BytesView client_key) {
  const Bytes scrambler = variant_->scrambler(client_key, server_key_);
  const auto premaster = server_premaster_secret(*variant_, client_key, record_.verifier,
                                                 scrambler, server_secret_);
  server_secret_ = crypto::Secret();
  if (!premaster) return premaster.error();
  session_key_ = variant_->session_key(*premaster);
  expected_client_proof_ = variant_->client_proof(
      {record_.identity, record_.salt, client_key, server_key_, session_key_.view()});
  server_proof_ = variant_->server_proof(client_key, expected_client_proof_, session_key_);
  return {};
}

// RFC 2945 section 3: a server that finds the user's proof wrong aborts
// without showing its own.
Result<Bytes> Server::check_client(BytesView client_proof) {
  if (crypto::constant_time_equal(client_proof, expected_client_proof_)) return server_proof_;
  session_key_ = crypto::Secret();
  server_proof_.clear();
  return Errc::proof_invalid;
}

}  // namespace conclave::srp
