#pragma once

#include <cstddef>
#include <cstdint>

#include "conclave/srp/rfc5054.hpp"

namespace conclave::srp {

/// RFC 5054 SRP-6a with a memory-hard password key, for deployments that run
/// both ends. No other implementation computes this x:
/// @code{.unparsed}
///   x = Argon2id(password = H(I | ":" | P), salt = s)
/// @endcode
/// through libsodium's crypto_pwhash (Argon2id version 0x13) with the
/// parameters below: RFC 9106 section 4's second recommended option (t = 3,
/// m = 64 MiB) on the single lane libsodium computes. x is as long as a
/// digest of H. Everything else is Rfc5054's.
class HardenedRfc5054 final : public Rfc5054 {
 public:
  static constexpr std::uint64_t argon2id_passes = 3;                     ///< t, Argon2id's passes
  static constexpr std::size_t argon2id_memory = std::size_t{64} << 20;   ///< m, bytes (64 MiB)
  static constexpr unsigned argon2id_lanes = 1;                           ///< p, lanes
  static constexpr std::size_t argon2id_salt_size = 16;                   ///< s, bytes

  /// The hardened variant over `group`, with `hash` as H.
  HardenedRfc5054(Group group, crypto::HashId hash) : Rfc5054(std::move(group), hash) {}

  /// argon2id_salt_size: 16 bytes.
  std::size_t salt_size() const noexcept override { return argon2id_salt_size; }
  /// x = Argon2id(H(I | ":" | P), s), as long as a digest of H. Each
  /// call makes three passes over 64 MiB of memory.
  /// @errors `Errc::invalid_length` unless the salt is argon2id_salt_size
  /// bytes; `Errc::internal` if the memory cannot be had.
  Result<crypto::Secret> password_key(BytesView identity, BytesView password,
                                      BytesView salt) const override;
};

}  // namespace conclave::srp
