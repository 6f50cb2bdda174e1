// HPKE single-shot seal and open of a 32-byte secret (the size TreeKEM
// encrypts), for each MLS cipher suite's KEM.

#include <benchmark/benchmark.h>

#include "conclave/crypto/hpke.hpp"

namespace {

using namespace conclave;
using namespace conclave::crypto;

constexpr HpkeSuite suites[] = {
    {KemId::dhkem_x25519_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm},
    {KemId::dhkem_p256_sha256, KdfId::hkdf_sha256, AeadId::aes_128_gcm},
    {KemId::dhkem_x448_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm},
    {KemId::dhkem_p521_sha512, KdfId::hkdf_sha512, AeadId::aes_256_gcm},
    {KemId::dhkem_p384_sha384, KdfId::hkdf_sha384, AeadId::aes_256_gcm},
};

void hpke_seal(benchmark::State& state) {
  const auto hpke = *Hpke::find(suites[state.range(0)]);
  DeterministicRandom random(as_bytes("hpke seal"));
  const auto recipient = hpke.kem().generate_key_pair(random);
  const Bytes secret(32, 7);
  for (auto _ : state) {
    benchmark::DoNotOptimize(hpke.seal(recipient.public_key, {}, {}, secret, random));
  }
}

void hpke_open(benchmark::State& state) {
  const auto hpke = *Hpke::find(suites[state.range(0)]);
  DeterministicRandom random(as_bytes("hpke open"));
  const auto recipient = hpke.kem().generate_key_pair(random);
  const auto sealed = *hpke.seal(recipient.public_key, {}, {}, Bytes(32, 7), random);
  for (auto _ : state) {
    benchmark::DoNotOptimize(hpke.open(sealed.enc, recipient, {}, {}, sealed.ciphertext));
  }
}

BENCHMARK(hpke_seal)->DenseRange(0, 4)->ArgName("suite");
BENCHMARK(hpke_open)->DenseRange(0, 4)->ArgName("suite");

}  // namespace
