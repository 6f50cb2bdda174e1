#pragma once

// Members and commits for ratchet tree tests: real keys, real signatures,
// deterministic from a seed.

#include <algorithm>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::test {

struct Member {
  crypto::SignatureKeyPair signer;
  crypto::KemKeyPair encryption;
  mls::LeafNode leaf;
};

inline mls::Capabilities basic_capabilities(const mls::CipherSuite& suite) {
  return {{mls::ProtocolVersion::mls10}, {suite.id()}, {}, {}, {mls::CredentialType::basic}};
}

inline void sign_leaf(const mls::CipherSuite& suite, mls::LeafNode& leaf,
                      const crypto::Secret& signature_key, BytesView group_id,
                      mls::LeafIndex index) {
  leaf.signature =
      *suite.sign_with_label(signature_key, "LeafNodeTBS", mls::leaf_node_tbs(leaf, group_id, index));
}

// Signs a KeyPackage's leaf and the KeyPackage again after a change.
inline void resign_key_package(const mls::CipherSuite& suite, mls::KeyPackageBundle& bundle) {
  auto& key_package = bundle.key_package;
  sign_leaf(suite, key_package.leaf_node, bundle.keys.signature_private_key, {}, {});
  key_package.signature = *suite.sign_with_label(bundle.keys.signature_private_key, "KeyPackageTBS",
                                                 mls::key_package_tbs(key_package));
}

// A KeyPackage-sourced leaf with a basic credential naming `identity`.
inline Member make_member(const mls::CipherSuite& suite, crypto::RandomSource& random,
                          std::uint32_t identity) {
  Member member{suite.signature().generate_key_pair(random),
                suite.hpke().kem().generate_key_pair(random), {}};
  auto& leaf = member.leaf;
  leaf.encryption_key = member.encryption.public_key;
  leaf.signature_key = member.signer.public_key;
  leaf.credential = mls::Credential{mls::BasicCredential{codec::encode(identity)}};
  leaf.capabilities = basic_capabilities(suite);
  leaf.source = mls::LeafNodeSourceData{mls::Lifetime{0, ~std::uint64_t{0}}};
  sign_leaf(suite, leaf, member.signer.private_key, {}, {});
  return member;
}

// A commit's effect on the tree: fresh keys along the sender's filtered
// direct path, and a re-signed commit-sourced leaf carrying the parent hash.
inline void commit_path(mls::RatchetTree& tree, mls::LeafIndex sender, const Member& member,
                        BytesView group_id, crypto::RandomSource& random) {
  const auto& suite = tree.suite();
  std::vector<Bytes> keys;
  for (std::size_t i = 0; i < tree.filtered_direct_path(sender).size(); ++i) {
    keys.push_back(suite.hpke().kem().generate_key_pair(random).public_key);
  }
  const Bytes parent_hash = *tree.merge_path_keys(sender, keys);
  mls::LeafNode leaf = member.leaf;
  leaf.encryption_key = suite.hpke().kem().generate_key_pair(random).public_key;
  leaf.source = mls::LeafNodeSourceData{mls::CommitSource{parent_hash}};
  sign_leaf(suite, leaf, member.signer.private_key, group_id, sender);
  (void)tree.replace_leaf(sender, std::move(leaf));
}

// `count` members, added in order, then a commit from every one of them so
// that every parent node is set and every parent hash chains.
struct GroupTree {
  mls::RatchetTree tree;
  std::vector<Member> members;
};

inline GroupTree full_tree(const mls::CipherSuite& suite, std::uint32_t count, BytesView group_id,
                           crypto::RandomSource& random) {
  std::vector<Member> members;
  for (std::uint32_t i = 0; i < count; ++i) members.push_back(make_member(suite, random, i));
  mls::RatchetTree tree(suite, members[0].leaf);
  for (std::uint32_t i = 1; i < count; ++i) (void)tree.add_leaf(members[i].leaf);
  for (std::uint32_t i = 0; i < count; ++i) {
    commit_path(tree, mls::LeafIndex{i}, members[i], group_id, random);
  }
  return {std::move(tree), std::move(members)};
}

// Unsigned trees of a given shape, for the decoding budget and the
// structure checks at scale: distinct keys of `key_size` bytes (the node's
// index, then `kind`), a basic credential, no signature checks passed.
inline Bytes distinct_key(std::uint32_t node, std::uint8_t kind, std::size_t key_size) {
  Bytes out = codec::encode(node);
  out.push_back(kind);
  out.resize(key_size, 0x5a);
  return out;
}

inline void set_sized_leaf(std::optional<mls::Node>& slot, std::uint32_t node, std::size_t key_size,
                           std::size_t signature_size) {
  auto& leaf = slot.emplace().value.emplace<mls::LeafNode>();
  leaf.encryption_key = distinct_key(node, 1, key_size);
  leaf.signature_key = distinct_key(node, 2, key_size);
  leaf.credential = mls::Credential{mls::BasicCredential{codec::encode(node)}};
  leaf.source = mls::LeafNodeSourceData{mls::Lifetime{0, ~std::uint64_t{0}}};
  leaf.signature = Bytes(signature_size, 0x33);
}

inline mls::ParentNode& set_sized_parent(std::optional<mls::Node>& slot, std::uint32_t node,
                                         std::size_t key_size) {
  auto& parent = slot.emplace().value.emplace<mls::ParentNode>();
  parent.encryption_key = distinct_key(node, 3, key_size);
  parent.parent_hash = Bytes(key_size, 9);
  return parent;
}

// Issue 18, finding 2: `leaves` leaves with 4-byte keys, every parent
// listing every leaf below it as unmerged. At 131,072 leaves it is 16.3 MB,
// the unmerged lists 8.9 MB of it; the structure is valid.
inline mls::RatchetTreeNodes unmerged_everywhere_tree(std::uint32_t leaves) {
  mls::RatchetTreeNodes nodes(2 * std::size_t{leaves} - 1);
  for (std::uint32_t i = 0; i < nodes.size(); i += 2) set_sized_leaf(nodes[i], i, 4, 0);
  for (std::uint32_t i = 1; i < nodes.size(); i += 2) {
    auto& unmerged = set_sized_parent(nodes[i], i, 4).unmerged_leaves;
    const std::uint32_t half = (std::uint32_t{1} << mls::tree_math::level(mls::NodeIndex{i})) - 1;
    const std::uint32_t last = std::min((i + half) / 2, leaves - 1);
    for (std::uint32_t leaf = (i - half) / 2; leaf <= last; ++leaf) unmerged.push_back(leaf);
  }
  return nodes;
}

// A group of `members` with every node up to the last member set, sized as
// with Ed25519 and X25519: 32-byte keys and parent hashes, 64-byte
// signatures (about 240 bytes a member encoded).
inline mls::RatchetTreeNodes sized_tree(std::uint32_t members) {
  mls::RatchetTreeNodes nodes(2 * std::size_t{members} - 1);
  for (std::uint32_t i = 0; i < nodes.size(); i += 2) set_sized_leaf(nodes[i], i, 32, 64);
  for (std::uint32_t i = 1; i < nodes.size(); i += 2) set_sized_parent(nodes[i], i, 32);
  return nodes;
}

}  // namespace conclave::test
