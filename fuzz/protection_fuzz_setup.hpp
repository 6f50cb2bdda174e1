#pragma once

// The fixed two-member group of unprotect_fuzz, shared with the seed
// generator: suite 1, both members' signature keys derived from fixed seeds.

#include <optional>

#include "conclave/crypto/random.hpp"
#include "conclave/mls/message_protection.hpp"

namespace conclave::fuzz {

struct ProtectionParty {
  mls::CipherSuite suite;
  mls::GroupContext context;
  crypto::SignatureKeyPair member0;
  crypto::SignatureKeyPair member1;

  crypto::Secret secret(std::string_view label) const {
    crypto::DeterministicRandom random(as_bytes(label));
    return random.secret(suite.secret_size());
  }

  mls::MessageProtection protection() const {
    return mls::MessageProtection(
        suite, context,
        {secret("membership"), secret("sender data"), secret("encryption")}, *mls::LeafCount::of(2),
        [this](const mls::FramedContent& content) -> std::optional<Bytes> {
          const auto* member = content.sender.get_if<mls::MemberSender>();
          if (member == nullptr || member->leaf_index > 1) return std::nullopt;
          return member->leaf_index == 0 ? member0.public_key : member1.public_key;
        });
  }
};

inline const ProtectionParty& protection_party() {
  static const ProtectionParty party = [] {
    const auto suite =
        *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
    crypto::DeterministicRandom random(as_bytes("unprotect fuzz signers"));
    mls::GroupContext context{mls::ProtocolVersion::mls10, suite.id(), Bytes{'g', 'r', 'o', 'u', 'p'},
                              7, Bytes(32, 1), Bytes(32, 2), {}};
    auto member0 = suite.signature().generate_key_pair(random);
    auto member1 = suite.signature().generate_key_pair(random);
    return ProtectionParty{suite, std::move(context), std::move(member0), std::move(member1)};
  }();
  return party;
}

}  // namespace conclave::fuzz
