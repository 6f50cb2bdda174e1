// PrivateMessage protect and unprotect of a 100-byte application message,
// suite 1, against the Ed25519 sign and verify each one contains
// (crypto_bench.cpp's ed25519_sign/sodium and ed25519_verify/sodium).

#include <benchmark/benchmark.h>

#include <vector>

#include "conclave/mls/message_protection.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;

struct Group {
  CipherSuite suite =
      *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("protection bench")};
  crypto::SignatureKeyPair signer = suite.signature().generate_key_pair(random);
  GroupContext context{ProtocolVersion::mls10, suite.id(), Bytes(16, 1), 42, Bytes(32, 2),
                       Bytes(32, 3), {}};

  MessageProtection member() const {
    auto secret = [this](std::uint8_t fill) { return crypto::Secret(Bytes(suite.secret_size(), fill)); };
    return MessageProtection(suite, context, {secret(4), secret(5), secret(6)}, *LeafCount::of(2),
                             [this](const FramedContent&) -> std::optional<Bytes> {
                               return signer.public_key;
                             });
  }

  FramedContent message() const {
    return {context.group_id, context.epoch, Sender{MemberSender{0}}, {},
            Content{ApplicationData{Bytes(100, 0x61)}}};
  }
};

void private_message_protect(benchmark::State& state) {
  Group group;
  auto sender = group.member();
  const auto content = group.message();
  for (auto _ : state) {
    benchmark::DoNotOptimize(sender.protect_private(content, group.signer.private_key, {}, group.random));
  }
}

void private_message_unprotect(benchmark::State& state) {
  Group group;
  constexpr std::size_t batch = 2048;
  std::vector<PrivateMessage> messages;
  auto sender = group.member();
  auto receiver = group.member();
  std::size_t next = batch;
  for (auto _ : state) {
    if (next == batch) {
      state.PauseTiming();
      sender = group.member();
      receiver = group.member();
      messages.clear();
      for (std::size_t i = 0; i < batch; ++i) {
        messages.push_back(*sender.protect_private(group.message(), group.signer.private_key, {},
                                                   group.random));
      }
      next = 0;
      state.ResumeTiming();
    }
    benchmark::DoNotOptimize(receiver.unprotect(messages[next++]));
  }
}

BENCHMARK(private_message_protect);
BENCHMARK(private_message_unprotect);

}  // namespace
