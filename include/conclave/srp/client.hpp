#pragma once

#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::srp {

/// The client side of one SRP-6a login (RFC 2945 section 3, RFC 5054
/// section 2.6). It is a state machine:
/// @code{.unparsed}
///   start()    -> A             initial -> sent_public_key
///   respond()  <- s, B; -> M1   sent_public_key -> sent_proof
///   verify()   <- M2            sent_proof -> authenticated
/// @endcode
/// A call in any other state fails with `Errc::out_of_order` and changes
/// nothing; a call that fails on its input moves to `failed`, from which
/// nothing works. The session key is there once the server's proof has been
/// checked. The variant and the random source must outlive the client.
class Client {
 public:
  /// Where the login stands: `initial`, `sent_public_key` (after start()),
  /// `sent_proof` (after respond()), `authenticated` (after verify()), or
  /// `failed` (after a step that failed on its input).
  enum class State : std::uint8_t { initial, sent_public_key, sent_proof, authenticated, failed };

  /// A client that will log in as `identity` (I) with `password` (P); nothing
  /// is computed yet. The password is kept, in a zeroizing Secret, until
  /// respond() has derived x from it.
  Client(const Variant& variant, BytesView identity, BytesView password,
         crypto::RandomSource& random);

  /// The current state.
  State state() const noexcept { return state_; }

  /// A = g^a mod N (RFC 5054 section 2.5.4), with a fresh a of the group's
  /// Group::secret_size() bytes from the random source.
  /// @return A, len(N) bytes in the variant's byte order, for the server.
  /// @errors `Errc::out_of_order` unless the state is `initial`.
  Result<Bytes> start();
  /// start() with a given a (in the variant's byte order), for test vectors.
  /// @param client_secret The secret exponent a.
  /// @return A, len(N) bytes in the variant's byte order.
  /// @errors `Errc::out_of_order` unless the state is `initial`.
  Result<Bytes> start_for_testing(crypto::Secret client_secret);

  /// The server's salt and B; returns M1. Computes x, u, the premaster
  /// secret S (RFC 5054 section 2.6), K and both proofs; the password and a
  /// are wiped whatever the outcome.
  /// @param salt s, as the server sent it.
  /// @param server_key B, len(N) bytes in the variant's byte order.
  /// @return M1, the client's proof, for the server.
  /// @errors `Errc::out_of_order` unless the state is `sent_public_key`;
  /// `Errc::invalid_public_key` for a bad B (not len(N) bytes, or not
  /// 1 < B < N-1); `Errc::zero_scrambler` for u = 0; or what the variant's
  /// Variant::password_key fails with (HardenedRfc5054 and ProtonV4:
  /// `Errc::invalid_length` for a salt of the wrong length, `Errc::internal`
  /// if the password hash fails; ProtonV4 also `Errc::invalid_argument` for
  /// a NUL byte in the first 72 password bytes). Each error but
  /// `out_of_order` moves the client to `failed`.
  Result<Bytes> respond(BytesView salt, BytesView server_key);

  /// Checks the server's proof M2, compared in constant time. RFC 2945
  /// section 3: the client may use K only once the server has proved it too.
  /// @errors `Errc::out_of_order` unless the state is `sent_proof`;
  /// `Errc::proof_invalid` if M2 differs (K is then wiped and the client
  /// moves to `failed`).
  Status verify(BytesView server_proof);

  /// K, once authenticated: a copy the caller owns.
  /// @errors `Errc::out_of_order` unless the state is `authenticated`.
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
