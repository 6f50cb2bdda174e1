// X25519 and Ed25519 through OpenSSL and through libsodium: the figures that
// chose each hot-path provider (see spec-notes/decisions.md).

#include <benchmark/benchmark.h>

#include "conclave/crypto/random.hpp"
#include "crypto/dh_group.hpp"
#include "crypto/signature_provider.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;

void x25519_keygen(benchmark::State& state, const DhGroup& group) {
  DeterministicRandom random(as_bytes("x25519 keygen"));
  const Secret private_key = random.secret(32);
  for (auto _ : state) benchmark::DoNotOptimize(group.public_key(private_key));
}

void x25519_dh(benchmark::State& state, const DhGroup& group) {
  DeterministicRandom random(as_bytes("x25519 dh"));
  const Secret private_key = random.secret(32);
  const Bytes peer = *group.public_key(random.secret(32));
  for (auto _ : state) benchmark::DoNotOptimize(group.dh(private_key, peer));
}

void ed25519_sign(benchmark::State& state, const SignatureProvider& provider) {
  DeterministicRandom random(as_bytes("ed25519 sign"));
  const Secret private_key = provider.generate_private_key(random);
  const Bytes message(256, 0x5a);
  for (auto _ : state) benchmark::DoNotOptimize(provider.sign(private_key, message));
}

void ed25519_verify(benchmark::State& state, const SignatureProvider& provider) {
  DeterministicRandom random(as_bytes("ed25519 verify"));
  const Secret private_key = provider.generate_private_key(random);
  const Bytes public_key = *provider.public_key(private_key);
  const Bytes message(256, 0x5a);
  const Bytes signature = *provider.sign(private_key, message);
  for (auto _ : state) benchmark::DoNotOptimize(provider.verify(public_key, message, signature));
}

BENCHMARK_CAPTURE(x25519_keygen, openssl, x25519_openssl_group());
BENCHMARK_CAPTURE(x25519_keygen, sodium, x25519_sodium_group());
BENCHMARK_CAPTURE(x25519_dh, openssl, x25519_openssl_group());
BENCHMARK_CAPTURE(x25519_dh, sodium, x25519_sodium_group());
BENCHMARK_CAPTURE(ed25519_sign, openssl, ed25519_openssl());
BENCHMARK_CAPTURE(ed25519_sign, sodium, ed25519_sodium());
BENCHMARK_CAPTURE(ed25519_verify, openssl, ed25519_openssl());
BENCHMARK_CAPTURE(ed25519_verify, sodium, ed25519_sodium());

}  // namespace
