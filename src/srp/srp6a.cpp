#include "conclave/srp/srp6a.hpp"

#include <algorithm>

#include "crypto/ct.hpp"
#include "group_state.hpp"
#include "modular.hpp"

namespace conclave::srp {

namespace {

// The value of a public key, or null when check_public_key rejects it.
Bignum decode_element(const Variant& variant, BytesView key) {
  const GroupState& group = variant.group().state();
  if (key.size() != group.size()) return nullptr;
  Bignum value = to_bignum(key, variant.byte_order());
  if (!group.is_valid_element(value.get())) return nullptr;
  return value;
}

// The verifier's value, or null when it is not an element: the range
// decode_element checks, without a branch on v (a secret of the server).
Bignum decode_verifier(const Variant& variant, BytesView verifier) {
  if (!variant.group().state().is_valid_secret_element(verifier, variant.byte_order())) return nullptr;
  return to_secret_bignum(verifier, variant.byte_order());
}

bool is_zero(BytesView integer) {
  return std::all_of(integer.begin(), integer.end(), [](std::uint8_t byte) { return byte == 0; });
}

Bignum generator_power(const GroupState& group, const BIGNUM* exponent, BN_CTX* ctx) {
  return group.power(group.generator(), exponent, ctx);
}

// g^e mod N, encoded.
Bytes encoded_generator_power(const Variant& variant, const crypto::Secret& exponent) {
  const GroupState& group = variant.group().state();
  const BnCtx ctx = new_bn_context();
  const Bignum e = to_secret_bignum(exponent.view(), variant.byte_order());
  return to_bytes(generator_power(group, e.get(), ctx.get()).get(), group.size(),
                  variant.byte_order());
}

// k * value mod N.
Bignum times_multiplier(const Variant& variant, const BIGNUM* value, BN_CTX* ctx) {
  const Bignum k = to_bignum(variant.multiplier(), variant.byte_order());
  return variant.group().state().multiply(k.get(), value, ctx);
}

// a + u*x, unreduced: the order of every element divides N-1, so the power
// is the same, and no reduction branches on the secret. BN_bin2bn skips
// leading zero bytes, and how many a + u*x has depends on x through the
// public u (u*x's top byte is 0 in about one login in 40): a byte of 1
// above the sum leaves none to skip, and clearing its bit as a bignum trims
// whole zero words only (probability 2^-64), as the exponentiation does.
Bignum client_exponent(const Variant& variant, const crypto::Secret& password_key,
                       const crypto::Secret& client_secret, BytesView scrambler) {
  const crypto::Secret sum =
      multiply_add(scrambler, password_key.view(), client_secret.view(), variant.byte_order());
  crypto::Secret marked(sum.size() + 1);
  marked.mutable_view()[0] = 1;
  std::copy(sum.view().begin(), sum.view().end(), marked.mutable_view().begin() + 1);
  Bignum value = to_secret_bignum(marked.view(), ByteOrder::big_endian);
  require(BN_clear_bit(value.get(), static_cast<int>(8 * sum.size())));
  return value;
}

}  // namespace

Bytes verifier(const Variant& variant, const crypto::Secret& password_key) {
  return encoded_generator_power(variant, password_key);
}

Bytes client_public_key(const Variant& variant, const crypto::Secret& client_secret) {
  Bytes key = encoded_generator_power(variant, client_secret);
  // A is public: the client sends it (RFC 5054 section 2.5.4).
  crypto::ct::declassify(key.data(), key.size());
  return key;
}

Status check_public_key(const Variant& variant, BytesView key) {
  return decode_element(variant, key) ? Status() : Status(Errc::invalid_public_key);
}

Result<Bytes> server_public_key(const Variant& variant, BytesView verifier,
                                const crypto::Secret& server_secret) {
  const Bignum v = decode_verifier(variant, verifier);
  if (!v) return Errc::invalid_argument;
  const GroupState& group = variant.group().state();
  const BnCtx ctx = new_bn_context();
  const Bignum b = to_secret_bignum(server_secret.view(), variant.byte_order());
  const crypto::Secret k_v = to_secret(times_multiplier(variant, v.get(), ctx.get()).get(), group.size(),
                                       ByteOrder::big_endian);
  const crypto::Secret g_b =
      to_secret(generator_power(group, b.get(), ctx.get()).get(), group.size(), ByteOrder::big_endian);
  const crypto::Secret key = add_mod(k_v.view(), g_b.view(), group.modulus_bytes(ByteOrder::big_endian));
  // B is public: the server sends it (RFC 5054 section 2.5.3).
  crypto::ct::declassify(key.view().data(), key.size());
  Bytes encoded(key.view().begin(), key.view().end());
  if (variant.byte_order() == ByteOrder::little_endian) std::reverse(encoded.begin(), encoded.end());
  return encoded;
}

Result<crypto::Secret> client_premaster_secret(const Variant& variant,
                                               const crypto::Secret& password_key,
                                               const crypto::Secret& client_secret,
                                               BytesView scrambler, BytesView server_key) {
  // RFC 5054 section 2.5.3: the client MUST abort if B % N = 0.
  const Bignum server = decode_element(variant, server_key);
  if (!server) return Errc::invalid_public_key;
  // RFC 2945 section 3: the user aborts if u = 0.
  if (is_zero(scrambler)) return Errc::zero_scrambler;
  const GroupState& group = variant.group().state();
  const BnCtx ctx = new_bn_context();
  const Bignum x = to_secret_bignum(password_key.view(), variant.byte_order());
  const Bignum subtrahend =
      times_multiplier(variant, generator_power(group, x.get(), ctx.get()).get(), ctx.get());
  const crypto::Secret difference =
      subtract_mod(to_bytes(server.get(), group.size(), ByteOrder::big_endian),
                   to_secret(subtrahend.get(), group.size(), ByteOrder::big_endian).view(),
                   group.modulus_bytes(ByteOrder::big_endian));
  const Bignum base = to_secret_bignum(difference.view(), ByteOrder::big_endian);
  const Bignum exponent = client_exponent(variant, password_key, client_secret, scrambler);
  return to_secret(group.power(base.get(), exponent.get(), ctx.get()).get(), group.size(),
                   variant.byte_order());
}

Result<crypto::Secret> server_premaster_secret(const Variant& variant, BytesView client_key,
                                               BytesView verifier, BytesView scrambler,
                                               const crypto::Secret& server_secret) {
  // RFC 5054 section 2.5.4: the server MUST abort if A % N = 0.
  const Bignum client = decode_element(variant, client_key);
  if (!client) return Errc::invalid_public_key;
  const Bignum v = decode_verifier(variant, verifier);
  if (!v) return Errc::invalid_argument;
  const GroupState& group = variant.group().state();
  const BnCtx ctx = new_bn_context();
  const Bignum u = to_bignum(scrambler, variant.byte_order());
  const Bignum b = to_secret_bignum(server_secret.view(), variant.byte_order());
  const Bignum base =
      group.multiply(client.get(), group.power(v.get(), u.get(), ctx.get()).get(), ctx.get());
  return to_secret(group.power(base.get(), b.get(), ctx.get()).get(), group.size(),
                   variant.byte_order());
}

}  // namespace conclave::srp
