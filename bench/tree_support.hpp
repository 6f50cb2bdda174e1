#pragma once

// Large ratchet trees for benchmarks. Every node is set: leaves and parents
// carry distinct random X25519 public keys (any 32 bytes is one), so path
// operations see the resolution sizes of a full group. Signatures and parent
// hashes are not valid; validation benchmarks use tests/tree_fixtures.hpp.

#include <cstdint>

#include "conclave/crypto/random.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::bench {

inline Bytes random_bytes(crypto::RandomSource& random, std::size_t size) {
  Bytes out(size);
  random.fill(out);
  return out;
}

inline mls::LeafNode synthetic_leaf(const mls::CipherSuite& suite, crypto::RandomSource& random,
                                    std::uint32_t index) {
  mls::LeafNode leaf;
  leaf.encryption_key = random_bytes(random, 32);
  leaf.signature_key = random_bytes(random, 32);
  leaf.credential = mls::Credential{mls::BasicCredential{codec::encode(index)}};
  leaf.capabilities = {{mls::ProtocolVersion::mls10}, {suite.id()}, {}, {}, {mls::CredentialType::basic}};
  leaf.source = mls::LeafNodeSourceData{mls::CommitSource{random_bytes(random, 32)}};
  leaf.signature = random_bytes(random, 64);
  return leaf;
}

// A tree of `members` leaves (rounded up to a power of two, the extra leaves
// blank), every parent non-blank whose right subtree holds a member (the
// others would be filtered out of every path).
inline mls::RatchetTree synthetic_tree(const mls::CipherSuite& suite, std::uint32_t members,
                                       crypto::RandomSource& random) {
  const auto leaves = std::bit_ceil(members);
  mls::RatchetTreeNodes nodes(2 * leaves - 1);
  for (std::uint32_t i = 0; i < members; ++i) {
    nodes[2 * i] = mls::Node{synthetic_leaf(suite, random, i)};
  }
  for (std::uint32_t i = 1; i < nodes.size(); i += 2) {
    const std::uint32_t first_right_leaf = (i + 1) / 2;
    if (first_right_leaf < members) {
      nodes[i] = mls::Node{mls::ParentNode{random_bytes(random, 32), random_bytes(random, 32), {}}};
    }
  }
  while (!nodes.back()) nodes.pop_back();
  return std::move(*mls::RatchetTree::from_nodes(suite, nodes));
}

}  // namespace conclave::bench
