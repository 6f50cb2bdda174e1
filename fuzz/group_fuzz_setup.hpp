#pragma once

// The fixed three-member group of group_fuzz, shared with the seed
// generator: suite 1, every key and secret from one DeterministicRandom, so
// both build the same group, in the same epoch, byte for byte. Alice
// created it and added bob and carol in one commit (epoch 1); carol is the
// receiver, kept as her serialized state.

#include <string_view>
#include <utility>

#include "conclave/crypto/random.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::fuzz {

struct GroupFuzzSetup {
  mls::Group alice;
  mls::Group bob;
  crypto::Secret carol_state;

  mls::Group carol() const { return std::move(*mls::Group::deserialize(carol_state.view(), {})); }
};

inline mls::KeyPackageBundle fuzz_key_package(const mls::CipherSuite& suite, std::string_view name,
                                              crypto::RandomSource& random) {
  return *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes(name.begin(), name.end())}},
                                  suite.signature().generate_key_pair(random), {}, random);
}

inline GroupFuzzSetup make_group_fuzz_setup() {
  const auto suite =
      *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random(as_bytes("group fuzz"));
  auto alice = std::move(*mls::Group::create(suite, Bytes{'f', 'u', 'z', 'z'},
                                             fuzz_key_package(suite, "alice", random), {}, {}, random));
  auto bob = fuzz_key_package(suite, "bob", random);
  auto carol = fuzz_key_package(suite, "carol", random);
  auto output = std::move(*alice.commit(
      {.proposals = {mls::Proposal{mls::Add{bob.key_package}}, mls::Proposal{mls::Add{carol.key_package}}}},
      random));
  (void)alice.merge_pending_commit();
  const auto& welcome = *output.welcome->body.get_if<mls::Welcome>();
  auto bob_group =
      std::move(*mls::Group::join(welcome, bob.key_package, std::move(bob.keys), std::nullopt, {}));
  auto carol_group =
      std::move(*mls::Group::join(welcome, carol.key_package, std::move(carol.keys), std::nullopt, {}));
  return {std::move(alice), std::move(bob_group), std::move(*carol_group.serialize())};
}

}  // namespace conclave::fuzz
