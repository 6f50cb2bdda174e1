#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"
#include "conclave/srp/verifier.hpp"

namespace conclave::srp {

// The server side of one SRP-6a login, a state machine:
//   challenge()  -> B (send it with salt())   initial -> sent_public_key
//   receive()    <- A                         sent_public_key -> received_public_key
//   verify()     <- M1; -> M2                 received_public_key -> authenticated
// B may go out before A arrives (RFC 5054's order, and Proton's): u hashes
// both, as SRP-6a requires. A call in any other state fails with
// out_of_order and changes nothing; a call that fails on its input moves to
// failed, from which nothing works. The variant and the random source must
// outlive the server.
class Server {
 public:
  enum class State : std::uint8_t {
    initial,
    sent_public_key,
    received_public_key,
    authenticated,
    failed
  };

  // invalid_argument unless the record has a salt and a verifier v with
  // 1 < v < N-1 of len(N) bytes.
  static Result<Server> create(const Variant& variant, VerifierRecord record,
                               crypto::RandomSource& random);

  State state() const noexcept { return state_; }
  const Bytes& salt() const noexcept { return record_.salt; }

  // B = k*v + g^b with a fresh b of group().secret_size() bytes.
  Result<Bytes> challenge();
  // challenge() with a given b (in the variant's byte order), for test vectors.
  Result<Bytes> challenge_for_testing(crypto::Secret server_secret);

  // A: invalid_public_key unless 1 < A < N-1 (RFC 5054 section 2.5.4).
  Status receive(BytesView client_key);

  // M1, compared in constant time; returns M2. proof_invalid if M1 differs,
  // and then M2 is never released (RFC 2945 section 3).
  Result<Bytes> verify(BytesView client_proof);

  // K, once authenticated.
  Result<crypto::Secret> session_key() const;

 private:
  Server(const Variant& variant, VerifierRecord record, crypto::RandomSource& random);
  Result<Bytes> send_public_key(crypto::Secret server_secret);
  Status derive_keys(BytesView client_key);
  Result<Bytes> check_client(BytesView client_proof);

  const Variant* variant_;
  crypto::RandomSource* random_;
  VerifierRecord record_;
  State state_ = State::initial;
  crypto::Secret server_secret_;  // b, until receive()
  Bytes server_key_;              // B
  crypto::Secret session_key_;    // K
  Bytes expected_client_proof_;   // M1
  Bytes server_proof_;            // M2
};

}  // namespace conclave::srp
