#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"
#include "conclave/srp/verifier.hpp"

namespace conclave::srp {

/// The server side of one SRP-6a login (RFC 2945 section 3, RFC 5054
/// section 2.6). It is a state machine:
/// @code{.unparsed}
///   challenge()  -> B (send it with salt())   initial -> sent_public_key
///   receive()    <- A                         sent_public_key -> received_public_key
///   verify()     <- M1; -> M2                 received_public_key -> authenticated
/// @endcode
/// B may go out before A arrives (RFC 5054's order, and Proton's): u hashes
/// both, as SRP-6a requires. A call in any other state fails with
/// `Errc::out_of_order` and changes nothing; a call that fails on its input
/// moves to `failed`, from which nothing works. The variant and the random
/// source must outlive the server.
class Server {
 public:
  /// Where the login stands.
  enum class State : std::uint8_t {
    initial,              ///< created, nothing sent
    sent_public_key,      ///< B is out (challenge())
    received_public_key,  ///< A arrived and K and both proofs are derived (receive())
    authenticated,        ///< the client's proof M1 verified (verify())
    failed                ///< a step failed on its input; nothing works any more
  };

  /// A server for one login against the stored `record`.
  /// @errors `Errc::invalid_argument` unless the record has a salt and a
  /// verifier v with 1 < v < N-1 of len(N) bytes.
  static Result<Server> create(const Variant& variant, VerifierRecord record,
                               crypto::RandomSource& random);

  /// The current state.
  State state() const noexcept { return state_; }
  /// The record's salt s, to send with B.
  const Bytes& salt() const noexcept { return record_.salt; }

  /// `B = k*v + g^b mod N` (RFC 5054 section 2.5.3) with a fresh b of the
  /// group's Group::secret_size() bytes from the random source.
  /// @return B, len(N) bytes in the variant's byte order, for the client.
  /// @errors `Errc::out_of_order` unless the state is `initial`.
  Result<Bytes> challenge();
  /// challenge() with a given b (in the variant's byte order), for test vectors.
  /// @param server_secret The secret exponent b.
  /// @return B, len(N) bytes in the variant's byte order.
  /// @errors `Errc::out_of_order` unless the state is `initial`.
  Result<Bytes> challenge_for_testing(crypto::Secret server_secret);

  /// The client's A; derives the premaster secret S (RFC 5054 section 2.6),
  /// K and both proofs, and wipes b whatever the outcome.
  /// @param client_key A, len(N) bytes in the variant's byte order.
  /// @errors `Errc::out_of_order` unless the state is `sent_public_key`;
  /// `Errc::invalid_public_key` unless A is len(N) bytes and 1 < A < N-1
  /// (RFC 5054 section 2.5.4), which moves the server to `failed`.
  Status receive(BytesView client_key);

  /// Checks the client's proof M1, compared in constant time, and returns M2.
  /// @errors `Errc::out_of_order` unless the state is `received_public_key`;
  /// `Errc::proof_invalid` if M1 differs: M2 is then never released (RFC
  /// 2945 section 3), K is wiped and the server moves to `failed`.
  Result<Bytes> verify(BytesView client_proof);

  /// K, once authenticated: a copy the caller owns.
  /// @errors `Errc::out_of_order` unless the state is `authenticated`.
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
