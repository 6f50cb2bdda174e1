#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

// The client side of one SRP-6a login, a state machine:
//   start()    -> A             initial -> sent_public_key
//   respond()  <- s, B; -> M1   sent_public_key -> sent_proof
//   verify()   <- M2            sent_proof -> authenticated
// A call in any other state fails with out_of_order and changes nothing; a
// call that fails on its input moves to failed, from which nothing works.
// The session key is there once the server's proof has been checked.
// The variant and the random source must outlive the client.
class Client {
 public:
  enum class State : std::uint8_t { initial, sent_public_key, sent_proof, authenticated, failed };

  Client(const Variant& variant, BytesView identity, BytesView password,
         crypto::RandomSource& random);

  State state() const noexcept { return state_; }

  // A = g^a with a fresh a of group().secret_size() bytes.
  Result<Bytes> start();
  // start() with a given a (in the variant's byte order), for test vectors.
  Result<Bytes> start_for_testing(crypto::Secret client_secret);

  // The server's salt and B; returns M1. invalid_public_key for a bad B,
  // zero_scrambler for u = 0, or what the password hash fails with.
  Result<Bytes> respond(BytesView salt, BytesView server_key);

  // M2, compared in constant time: proof_invalid if it differs. RFC 2945
  // section 3: the client may use K only once the server has proved it too.
  Status verify(BytesView server_proof);

  // K, once authenticated.
  Result<crypto::Secret> session_key() const;

 private:
  Result<Bytes> send_public_key(crypto::Secret client_secret);
  Result<Bytes> prove(BytesView salt, BytesView server_key);
  Status check_server(BytesView server_proof);

  const Variant* variant_;
  crypto::RandomSource* random_;
  Bytes identity_;
  crypto::Secret password_;
  State state_ = State::initial;
  crypto::Secret client_secret_;  // a, until respond()
  Bytes client_key_;              // A
  crypto::Secret session_key_;    // K
  Bytes expected_server_proof_;   // M2
};

}  // namespace conclave::srp
