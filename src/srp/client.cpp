#include "conclave/srp/client.hpp"

#include "conclave/srp/srp6a.hpp"
#include "state_machine.hpp"

namespace conclave::srp {

Client::Client(const Variant& variant, BytesView identity, BytesView password,
               crypto::RandomSource& random)
    : variant_(&variant),
      random_(&random),
      identity_(identity.begin(), identity.end()),
      password_(password) {}

Result<Bytes> Client::start() {
  return advance(state_, State::initial, State::sent_public_key, [this] {
    return send_public_key(random_->secret(variant_->group().secret_size()));
  });
}

Result<Bytes> Client::start_for_testing(crypto::Secret client_secret) {
  return advance(state_, State::initial, State::sent_public_key,
                 [&] { return send_public_key(std::move(client_secret)); });
}

Result<Bytes> Client::respond(BytesView salt, BytesView server_key) {
  return advance(state_, State::sent_public_key, State::sent_proof,
                 [&] { return prove(salt, server_key); });
}

Status Client::verify(BytesView server_proof) {
  return advance(state_, State::sent_proof, State::authenticated,
                 [&] { return check_server(server_proof); });
}

Result<crypto::Secret> Client::session_key() const {
  if (state_ != State::authenticated) return Errc::out_of_order;
  return session_key_.clone();
}

// RFC 5054 section 2.5.4: A = g^a % N.
Result<Bytes> Client::send_public_key(crypto::Secret client_secret) {
  client_key_ = client_public_key(*variant_, client_secret);
  client_secret_ = std::move(client_secret);
  return client_key_;
}

// RFC 5054 section 2.6 for S, then the variant's K, M1 and M2. The password
// and a are wiped whatever the outcome.
Result<Bytes> Client::prove(BytesView salt, BytesView server_key) {
  const auto password_key = variant_->password_key(identity_, password_.view(), salt);
  password_ = crypto::Secret();
  if (!password_key) return password_key.error();
  const Bytes scrambler = variant_->scrambler(client_key_, server_key);
  const auto premaster =
      client_premaster_secret(*variant_, *password_key, client_secret_, scrambler, server_key);
  client_secret_ = crypto::Secret();
  if (!premaster) return premaster.error();
  session_key_ = variant_->session_key(*premaster);
  Bytes proof =
      variant_->client_proof({identity_, salt, client_key_, server_key, session_key_.view()});
  expected_server_proof_ = variant_->server_proof(client_key_, proof, session_key_);
  return proof;
}

Status Client::check_server(BytesView server_proof) {
  if (crypto::constant_time_equal(server_proof, expected_server_proof_)) return {};
  session_key_ = crypto::Secret();
  return Errc::proof_invalid;
}

}  // namespace conclave::srp
