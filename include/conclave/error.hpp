#pragma once

/// @file
/// Error codes and the `Result<T>` and `Status` types that carry every failure.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>

namespace conclave {

/// Every failure in Conclave is one of these codes. None carries data, so no
/// error can leak a secret into a log.
enum class Errc : std::uint8_t {
  truncated,            ///< input ended before the value did
  trailing_data,        ///< bytes left after a complete value
  length_limit,         ///< a vector length beyond the configured maximum
  non_minimal_varint,   ///< RFC 9420 section 2.1.2: not the shortest encoding
  invalid_varint,       ///< RFC 9420 section 2.1.2: the reserved 0b11 prefix
  invalid_value,        ///< a field outside its defined range
  unknown_variant,      ///< a select over a tag with no known case
  invalid_hex,          ///< a hex string that is not hex
  invalid_length,       ///< a key, nonce or output of the wrong size
  invalid_public_key,   ///< not a valid point or key for the algorithm
  invalid_private_key,  ///< not a valid scalar or key for the algorithm
  dh_failure,           ///< the shared secret was the identity or all zero
  derive_key_pair_failed,  ///< RFC 9180 section 7.1.3: no valid private key among 256 candidates
  aead_failure,         ///< authentication tag did not verify
  signature_invalid,      ///< a signature that is malformed or does not verify under the given key
  unsupported_algorithm,  ///< an algorithm or suite not implemented, or an operation the suite lacks
  invalid_argument,       ///< an argument the function refuses: out of range, missing, or inconsistent
  message_limit,        ///< RFC 9180 section 5.2: sequence number exhausted
  wrong_group,          ///< a message for another group
  wrong_epoch,          ///< a message for an epoch this member does not hold
  invalid_sender,       ///< a sender leaf outside the tree, blank, or not allowed
  generation_consumed,  ///< RFC 9420 section 9.2: that key was used and deleted
  generation_too_far,   ///< beyond the configured out-of-order window
  invalid_padding,      ///< RFC 9420 section 6.3.1: padding that is not all zero
  membership_tag_invalid,    ///< RFC 9420 section 6.2: a PublicMessage's membership tag did not verify
  confirmation_tag_invalid,  ///< RFC 9420 section 8.2: a Commit's confirmation tag is missing or wrong
  content_not_allowed,  ///< a content type or sender the wire format forbids
  invalid_tree,         ///< a ratchet tree whose structure breaks section 7 or 12.4.3.3
  parent_hash_invalid,  ///< RFC 9420 section 7.9.2
  duplicate_key,        ///< RFC 9420 section 7.3: a key already in the tree
  capability_mismatch,  ///< RFC 9420 section 7.3: a capability the group needs is missing
  lifetime_invalid,     ///< RFC 9420 section 7.3: outside the leaf's lifetime
  invalid_proposal,     ///< RFC 9420 sections 12.1 and 12.2: a proposal or list a commit may not carry
  unknown_proposal,     ///< a proposal reference to nothing received this epoch
  path_required,        ///< RFC 9420 section 12.4: a commit whose proposals need an UpdatePath
  unknown_psk,          ///< RFC 9420 section 12.4.2: a PSK this client does not have
  not_in_group,         ///< no leaf of this client in the group, or removed from it
  group_reinitialized,  ///< RFC 9420 section 11.2: a ReInit was committed; use the new group
  credential_rejected,  ///< RFC 9420 section 5.3.1: the application's policy refused a credential
  invalid_group,        ///< SRP: not a safe prime with a primitive-root generator, or not the variant's modulus
  group_too_small,      ///< SRP: a modulus below the configured minimum size
  zero_scrambler,       ///< RFC 2945 section 3: u = 0, so the client aborts
  proof_invalid,        ///< SRP: the peer's proof M1 or M2 did not verify
  out_of_order,         ///< a protocol call made in the wrong state
  non_minimal_header,   ///< RFC 9605 section 4.3: a KID or CTR not in its shortest form
  unknown_key,          ///< a frame under a key ID or key index this receiver does not hold
  replayed_counter,     ///< a frame counter already accepted, or older than the replay window
  buffer_too_small,     ///< a caller-provided output buffer shorter than the output
  invalid_link,         ///< a meeting link not in the form spec-notes/meeting-profile.md gives
  psk_missing,          ///< meeting profile: a Commit without the meeting's password PSK
  not_permitted,        ///< meeting profile: a host operation by another, a join while locked, or a request this session may not make
  unknown_meeting,      ///< meeting server: no meeting by that ID, or an unknown token
  decode_limit,         ///< a decoded value beyond codec::Limits' item or memory budget
  duplicate_extension,  ///< RFC 9420 section 13: two extensions of one type in one list
  proposal_rejected,    ///< RFC 9420 section 12.1.8: the application did not authorize an outsider's proposal
  session_expired,      ///< meeting server: a session the link rotation ended; log in with the new link
  epoch_expired,        ///< RFC 9420 section 14: a past epoch this member held, its secrets since deleted
  storage_failure,      ///< the store could not read or write (I/O, a full disk, a locked database)
  storage_corrupt,      ///< a stored record that does not decode, fails authentication, or is of an unknown schema version
  membership_proof_invalid,  ///< draft-ietf-mls-partial: a membership proof malformed or not of the expected tree
  partial_unsupported,  ///< draft-ietf-mls-partial: an operation a partial client cannot perform (a Commit changing what it cannot see)
  internal,             ///< the crypto provider failed unexpectedly
};

/// A short English description of `code`, for logs and messages.
///
/// @return a static string; "unknown error" for a value outside the enumeration.
std::string_view to_string(Errc code) noexcept;

/// Thrown only when code reads the value of a failed Result: a programming
/// error, never a reaction to input.
class BadResultAccess {
 public:
  /// An exception for a failed Result that held `code`.
  explicit BadResultAccess(Errc code) noexcept : code_(code) {}
  /// The error code the Result held when its value was read.
  Errc code() const noexcept { return code_; }

 private:
  Errc code_;
};

/// A value or an error code (std::expected is unavailable under clang 14).
///
/// Check ok() (or convert to bool) before reading the value: reading the value
/// of a failed Result throws BadResultAccess.
///
/// @tparam T the type of the value on success.
template <class T>
class [[nodiscard]] Result {
 public:
  /// A successful result holding `value` (implicit, so a function can `return value;`).
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  /// A failed result holding `code` (implicit, so a function can `return Errc::...;`).
  Result(Errc code) : state_(std::in_place_index<1>, code) {}

  /// True when the result holds a value.
  bool ok() const noexcept { return state_.index() == 0; }
  /// The same as ok().
  explicit operator bool() const noexcept { return ok(); }
  /// The error code of a failed result; `Errc::internal` when the result holds a value.
  Errc error() const noexcept { return ok() ? Errc::internal : std::get<1>(state_); }

  /// The value. @throws BadResultAccess if the result failed.
  T& value() & { check(); return std::get<0>(state_); }
  /// The value. @throws BadResultAccess if the result failed.
  const T& value() const& { check(); return std::get<0>(state_); }
  /// The value, moved out of a temporary result. @throws BadResultAccess if the result failed.
  T&& value() && { check(); return std::get<0>(std::move(state_)); }
  /// The value, as value(). @throws BadResultAccess if the result failed.
  T& operator*() & { return value(); }
  /// The value, as value(). @throws BadResultAccess if the result failed.
  const T& operator*() const& { return value(); }
  /// The value moved out, as value(). @throws BadResultAccess if the result failed.
  T&& operator*() && { return std::move(*this).value(); }
  /// Member access to the value. @throws BadResultAccess if the result failed.
  T* operator->() { return &value(); }
  /// Member access to the value. @throws BadResultAccess if the result failed.
  const T* operator->() const { return &value(); }

 private:
  void check() const {
    if (!ok()) throw BadResultAccess(std::get<1>(state_));
  }
  std::variant<T, Errc> state_;
};

/// Success or an error code.
class [[nodiscard]] Status {
 public:
  /// Success.
  Status() = default;
  /// A failure with `code` (implicit, so a function can `return Errc::...;`).
  Status(Errc code) : code_(code) {}

  /// True on success.
  bool ok() const noexcept { return !code_; }
  /// The same as ok().
  explicit operator bool() const noexcept { return ok(); }
  /// The error code of a failure; `Errc::internal` on success.
  Errc error() const noexcept { return code_.value_or(Errc::internal); }

 private:
  std::optional<Errc> code_;
};

}  // namespace conclave
