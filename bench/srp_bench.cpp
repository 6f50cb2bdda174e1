// SRP-6a (RFC 5054, SHA-256) at 2048 and 3072 bits: a whole login, client
// and server, against the six constant-time exponentiations it is made of
// (client: g^a, g^x, (B - k*g^x)^(a + u*x); server: g^b, v^u, (A*v^u)^b).
// srp_login reports `exponentiations_ns`, their sum measured in the same run
// just before it, and `vs_exponentiations`, the login's time over that sum.

#include <benchmark/benchmark.h>

#include <array>
#include <chrono>
#include <stdexcept>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"
#include "srp/group_state.hpp"

namespace {

using namespace conclave;
using Clock = std::chrono::steady_clock;

constexpr std::size_t scalar_size = 32;  // a, b, and SHA-256's x and u

struct Exponentiation {
  srp::Bignum base;
  srp::Bignum exponent;
};

// Operands with the sizes a login uses; bases below N.
class Exponentiations {
 public:
  explicit Exponentiations(const srp::GroupState& group) : group_(group), ctx_(srp::new_bn_context()) {
    crypto::DeterministicRandom random(as_bytes("srp exponentiations"));
    const auto number = [&](std::size_t size) {
      return srp::to_secret_bignum(random.secret(size).view(), srp::ByteOrder::big_endian);
    };
    const auto element = [&] {
      srp::Bignum value = number(group.size());
      srp::require(BN_nnmod(value.get(), value.get(), group.modulus(), ctx_.get()));
      return value;
    };
    const auto generator = [&] { return srp::Bignum(BN_dup(group.generator())); };
    // a + u*x, as the client's exponent.
    srp::Bignum client_exponent = number(scalar_size);
    const srp::Bignum u = number(scalar_size);
    const srp::Bignum x = number(scalar_size);
    srp::Bignum ux = srp::new_secret_bignum();
    srp::require(BN_mul(ux.get(), u.get(), x.get(), ctx_.get()));
    srp::require(BN_add(client_exponent.get(), client_exponent.get(), ux.get()));
    operations_ = {{{generator(), number(scalar_size)},
                    {generator(), number(scalar_size)},
                    {element(), std::move(client_exponent)},
                    {generator(), number(scalar_size)},
                    {element(), number(scalar_size)},
                    {element(), number(scalar_size)}}};
  }

  void run() {
    for (const auto& operation : operations_) {
      benchmark::DoNotOptimize(group_.power(operation.base.get(), operation.exponent.get(), ctx_.get()));
    }
  }

  // Nanoseconds for one run of all six, over at least a quarter second.
  double time_ns() {
    std::size_t runs = 0;
    const auto start = Clock::now();
    while (Clock::now() - start < std::chrono::milliseconds(250) || runs < 20) {
      run();
      ++runs;
    }
    return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
           static_cast<double>(runs);
  }

 private:
  const srp::GroupState& group_;
  srp::BnCtx ctx_;
  std::array<Exponentiation, 6> operations_;
};

const srp::Rfc5054& variant(std::size_t bits) {
  static const srp::Rfc5054 rfc5054_2048(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  static const srp::Rfc5054 rfc5054_3072(*srp::rfc5054_group(3072), crypto::HashId::sha256);
  return bits == 3072 ? rfc5054_3072 : rfc5054_2048;
}

void login(const srp::Variant& variant, const srp::VerifierRecord& record, BytesView password) {
  auto& random = crypto::system_random();
  auto server = *srp::Server::create(variant, record, random);
  srp::Client client(variant, record.identity, password, random);
  const Bytes client_key = *client.start();
  const Bytes server_key = *server.challenge();
  if (!server.receive(client_key)) throw std::runtime_error("A refused");
  const Bytes server_proof = *server.verify(*client.respond(server.salt(), server_key));
  if (!client.verify(server_proof)) throw std::runtime_error("M2 refused");
  benchmark::DoNotOptimize(client.session_key());
  benchmark::DoNotOptimize(server.session_key());
}

void srp_login(benchmark::State& state) {
  const auto& rfc5054 = variant(static_cast<std::size_t>(state.range(0)));
  const Bytes password{'p', 'a', 's', 's', 'w', 'o', 'r', 'd'};
  const auto record = *srp::register_password(rfc5054, as_bytes("alice"), password,
                                              crypto::system_random());
  const double exponentiations_ns = Exponentiations(rfc5054.group().state()).time_ns();
  const auto start = Clock::now();
  for (auto _ : state) login(rfc5054, record, password);
  const double login_ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
                          static_cast<double>(state.iterations());
  state.counters["exponentiations_ns"] = exponentiations_ns;
  state.counters["vs_exponentiations"] = login_ns / exponentiations_ns;
}

void srp_exponentiations(benchmark::State& state) {
  const auto& rfc5054 = variant(static_cast<std::size_t>(state.range(0)));
  Exponentiations operations(rfc5054.group().state());
  for (auto _ : state) operations.run();
}

BENCHMARK(srp_login)->Arg(2048)->Arg(3072)->Unit(benchmark::kMicrosecond);
BENCHMARK(srp_exponentiations)->Arg(2048)->Arg(3072)->Unit(benchmark::kMicrosecond);

}  // namespace
