#pragma once

// Members and commits for ratchet tree tests: real keys, real signatures,
// deterministic from a seed.

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

}  // namespace conclave::test
