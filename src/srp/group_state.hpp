#pragma once

// The private side of srp::Group: N and g as bignums, N - 1, and the
// Montgomery context every exponentiation and multiplication modulo N uses.

#include <openssl/bn.h>

#include <cstddef>
#include <memory>

#include "conclave/srp/group.hpp"
#include "integer.hpp"

namespace conclave::srp {

using MontCtx = std::unique_ptr<BN_MONT_CTX, crypto::ossl::Deleter<BN_MONT_CTX_free>>;

class GroupState {
 public:
  // N must be odd (a Montgomery context needs it); g is checked by the caller.
  GroupState(Bignum modulus, Bignum generator);

  // The public handle over a state that passed its checks.
  static Group to_group(std::shared_ptr<const GroupState> state);

  const BIGNUM* modulus() const noexcept { return modulus_.get(); }
  const BIGNUM* generator() const noexcept { return generator_.get(); }
  const BIGNUM* order() const noexcept { return order_.get(); }  // N - 1
  std::size_t bits() const noexcept { return bits_; }
  std::size_t size() const noexcept { return (bits_ + 7) / 8; }

  // N and g as len(N) bytes (g is PAD(g) in RFC 5054 section 2.5.3's terms).
  Bytes modulus_bytes(ByteOrder order) const { return to_bytes(modulus(), size(), order); }
  Bytes generator_bytes(ByteOrder order) const { return to_bytes(generator(), size(), order); }

  // base^exponent mod N through BN_mod_exp_mont_consttime and the cached
  // Montgomery context: the time depends on the exponent's length in words
  // only, never on its bits. base may be any non-negative integer.
  Bignum power(const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) const;
  // x * y mod N by Montgomery multiplication (x and y below N).
  Bignum multiply(const BIGNUM* x, const BIGNUM* y, BN_CTX* ctx) const;
  // 1 < value < N - 1: not 0 mod N, below N, and not of order 1 or 2.
  bool is_valid_element(const BIGNUM* value) const;
  // The same for a secret element (the server's verifier) of len(N) bytes
  // in `order`, without a branch on it; the verdict is public.
  bool is_valid_secret_element(BytesView value, ByteOrder order) const;

 private:
  Bignum modulus_;
  Bignum generator_;
  Bignum order_;
  MontCtx montgomery_;
  std::size_t bits_;
};

}  // namespace conclave::srp
