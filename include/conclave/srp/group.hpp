#pragma once

#include <cstddef>
#include <memory>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"

namespace conclave::srp {

/// What Group::create accepts beyond the mathematical checks.
struct GroupPolicy {
  /// The smallest modulus accepted, in bits; below 1024 bits nothing passes,
  /// whatever this says. RFC 5054 appendix A's 1024- and 1536-bit groups
  /// pass only when this is lowered explicitly (for the appendix B vector,
  /// say).
  std::size_t min_bits = 2048;
  /// The largest modulus Group::create accepts, in bits. Larger moduli take
  /// minutes to validate and no SRP deployment uses them: invalid_group
  /// above this.
  std::size_t max_bits = 8192;
};

/// The library's private view of a group: N, g and the Montgomery context
/// (src/srp/group_state.hpp).
class GroupState;

/// An SRP group (N, g): N a safe prime, g a primitive root modulo N (RFC 2945
/// section 3). Immutable; copies share one state, so the Montgomery context
/// for N is built once per group and reused by every exponentiation.
class Group {
 public:
  /// A caller-supplied group, big-endian. It is rejected unless
  /// q = (N-1)/2 passes BN_check_prime, N is then proven prime from q
  /// (Pocklington, with g as the witness), 1 < g < N-1 and g^q = -1 mod N (g
  /// generates all of `Z_N*`). The primality test costs about 0.1 s at 2048
  /// bits, 0.6 s at 3072, 1.4 s at 4096 and 11 s at 8192.
  /// @param modulus N, big-endian (leading zeros are ignored).
  /// @param generator g, big-endian.
  /// @param policy The sizes accepted.
  /// @errors `Errc::group_too_small` below `policy.min_bits`, or below 1024
  /// bits whatever the policy; `Errc::invalid_group` above
  /// `policy.max_bits`, for an even N, or when any of the checks above fails.
  static Result<Group> create(BytesView modulus, BytesView generator, GroupPolicy policy = {});

  /// The length of N in bits.
  std::size_t bits() const noexcept;
  std::size_t size() const noexcept;  ///< len(N) in bytes, the length of PAD()
  Bytes modulus() const;              ///< N, big-endian, no leading zeros
  Bytes generator() const;            ///< g, big-endian, no leading zeros
  /// The length in bytes of the random ephemeral exponents a and b: 32
  /// (256 bits; RFC 5054 section 2.5.3 asks for at least 256), or 48 (384
  /// bits) for groups of 7680 bits and more: twice the group's security
  /// strength (NIST SP 800-57) either way.
  std::size_t secret_size() const noexcept;

  /// The shared private state. Only the library's own sources, which see
  /// GroupState's definition, can use it.
  const GroupState& state() const noexcept { return *state_; }

 private:
  friend class GroupState;
  explicit Group(std::shared_ptr<const GroupState> state) : state_(std::move(state)) {}

  std::shared_ptr<const GroupState> state_;
};

/// One of RFC 5054 appendix A's groups. The constants are not re-tested for
/// primality; each size is built once and shared.
/// @param bits 1024, 1536, 2048, 3072, 4096, 6144 or 8192.
/// @param policy Only its `min_bits` applies (with the 1024-bit floor).
/// @errors `Errc::invalid_argument` for any other `bits`;
/// `Errc::group_too_small` below `policy.min_bits`.
Result<Group> rfc5054_group(std::size_t bits, GroupPolicy policy = {});

}  // namespace conclave::srp
