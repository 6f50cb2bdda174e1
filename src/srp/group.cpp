#include "conclave/srp/group.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "group_state.hpp"
#include "rfc5054_groups.hpp"

namespace conclave::srp {

namespace {

// No policy admits less: RFC 5054 appendix A starts at 1024 bits.
constexpr std::size_t floor_bits = 1024;
constexpr std::size_t large_group_bits = 7680;  // NIST SP 800-57: 192-bit strength from here

bool below_minimum(std::size_t bits, const GroupPolicy& policy) {
  return bits < std::max(policy.min_bits, floor_bits);
}

// RFC 2945 section 3: g is a primitive root modulo N. For N = 2q + 1 with q
// prime that is g^q = -1 mod N (g has order 2q, not q, 2 or 1).
bool generates_whole_group(const GroupState& group, const BIGNUM* q, BN_CTX* ctx) {
  const Bignum power = group.power(group.generator(), q, ctx);
  return BN_cmp(power.get(), group.order()) == 0;
}

// Pocklington's criterion with the factor q of N - 1: once q is prime,
// g^(N-1) = 1 (the square of g^q = -1) and gcd(g^2 - 1, N) = 1 prove N prime.
bool pocklington_witness(const GroupState& group, BN_CTX* ctx) {
  const auto square = crypto::ossl::adopt<Bignum>(BN_new());
  const auto gcd = crypto::ossl::adopt<Bignum>(BN_new());
  if (!square || !gcd) throw std::bad_alloc();
  require(BN_sqr(square.get(), group.generator(), ctx));
  require(BN_sub_word(square.get(), 1));
  require(BN_gcd(gcd.get(), square.get(), group.modulus(), ctx));
  return BN_is_one(gcd.get()) == 1;
}

bool is_prime(const BIGNUM* value, BN_CTX* ctx) {
  const int result = BN_check_prime(value, ctx, nullptr);
  require(result + 1);
  return result == 1;
}

// N a safe prime and g a primitive root, cheapest test first.
bool is_safe_prime_group(const GroupState& group) {
  const BnCtx ctx = new_bn_context();
  const auto q = crypto::ossl::adopt<Bignum>(BN_dup(group.order()));
  if (!q) throw std::bad_alloc();
  require(BN_rshift1(q.get(), q.get()));
  return group.is_valid_element(group.generator()) &&
         generates_whole_group(group, q.get(), ctx.get()) &&
         pocklington_witness(group, ctx.get()) && is_prime(q.get(), ctx.get());
}

Group builtin_group(const GroupConstants& constants) {
  const auto modulus = from_hex(constants.modulus);
  const auto generator = from_hex(constants.generator);
  if (!modulus || !generator) throw std::logic_error("malformed RFC 5054 group constant");
  return GroupState::to_group(
      std::make_shared<const GroupState>(to_bignum(*modulus, ByteOrder::big_endian),
                                         to_bignum(*generator, ByteOrder::big_endian)));
}

const std::vector<Group>& builtin_groups() {
  static const std::vector<Group> groups = [] {
    std::vector<Group> out;
    for (const auto& constants : rfc5054_group_constants()) out.push_back(builtin_group(constants));
    return out;
  }();
  return groups;
}

}  // namespace

GroupState::GroupState(Bignum modulus, Bignum generator)
    : modulus_(std::move(modulus)),
      generator_(std::move(generator)),
      order_(crypto::ossl::adopt<Bignum>(BN_dup(modulus_.get()))),
      montgomery_(crypto::ossl::adopt<MontCtx>(BN_MONT_CTX_new())),
      bits_(static_cast<std::size_t>(BN_num_bits(modulus_.get()))) {
  if (!order_ || !montgomery_) throw std::bad_alloc();
  require(BN_sub_word(order_.get(), 1));
  const BnCtx ctx = new_bn_context();
  require(BN_MONT_CTX_set(montgomery_.get(), modulus_.get(), ctx.get()));
}

Group GroupState::to_group(std::shared_ptr<const GroupState> state) { return Group(std::move(state)); }

Bignum GroupState::power(const BIGNUM* base, const BIGNUM* exponent, BN_CTX* ctx) const {
  Bignum result = new_secret_bignum();
  require(BN_mod_exp_mont_consttime(result.get(), base, exponent, modulus(), ctx,
                                    montgomery_.get()));
  return result;
}

Bignum GroupState::multiply(const BIGNUM* x, const BIGNUM* y, BN_CTX* ctx) const {
  Bignum result = new_secret_bignum();
  require(BN_to_montgomery(result.get(), x, montgomery_.get(), ctx));
  require(BN_mod_mul_montgomery(result.get(), result.get(), y, montgomery_.get(), ctx));
  return result;
}

bool GroupState::is_valid_element(const BIGNUM* value) const {
  return !BN_is_zero(value) && !BN_is_one(value) && BN_cmp(value, order()) < 0;
}

Result<Group> Group::create(BytesView modulus, BytesView generator, GroupPolicy policy) {
  Bignum n = to_bignum(modulus, ByteOrder::big_endian);
  const auto bits = static_cast<std::size_t>(BN_num_bits(n.get()));
  if (below_minimum(bits, policy)) return Errc::group_too_small;
  if (bits > policy.max_bits || !BN_is_odd(n.get())) return Errc::invalid_group;
  auto state =
      std::make_shared<const GroupState>(std::move(n), to_bignum(generator, ByteOrder::big_endian));
  if (!is_safe_prime_group(*state)) return Errc::invalid_group;
  return GroupState::to_group(std::move(state));
}

std::size_t Group::bits() const noexcept { return state_->bits(); }

std::size_t Group::size() const noexcept { return state_->size(); }

Bytes Group::modulus() const { return state_->modulus_bytes(ByteOrder::big_endian); }

Bytes Group::generator() const {
  const auto size = static_cast<std::size_t>(BN_num_bytes(state_->generator()));
  return to_bytes(state_->generator(), size, ByteOrder::big_endian);
}

std::size_t Group::secret_size() const noexcept {
  return state_->bits() >= large_group_bits ? 48 : 32;
}

Result<Group> rfc5054_group(std::size_t bits, GroupPolicy policy) {
  const auto constants = rfc5054_group_constants();
  const auto found = std::find_if(constants.begin(), constants.end(),
                                  [bits](const GroupConstants& c) { return c.bits == bits; });
  if (found == constants.end()) return Errc::invalid_argument;
  if (below_minimum(bits, policy)) return Errc::group_too_small;
  return builtin_groups()[static_cast<std::size_t>(found - constants.begin())];
}

}  // namespace conclave::srp
