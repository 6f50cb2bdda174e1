#pragma once

/// @file
/// RFC 9420 section 7.2: leaf node contents.

#include <cstdint>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// Section 7.2: Capabilities, what a member's client supports.
struct Capabilities {
  std::vector<ProtocolVersion> versions;     ///< Protocol versions it supports.
  std::vector<CipherSuiteId> cipher_suites;  ///< Cipher suites it supports.
  std::vector<ExtensionType> extensions;     ///< Extension types beyond the default ones.
  std::vector<ProposalType> proposals;       ///< Proposal types beyond the default ones.
  std::vector<CredentialType> credentials;   ///< Credential types it supports.
  CONCLAVE_FIELDS(versions, cipher_suites, extensions, proposals, credentials)
  /// Memberwise equality.
  friend bool operator==(const Capabilities&, const Capabilities&) = default;
};

/// Section 7.2: LeafNodeSource, where a leaf node was made: in a
/// `key_package`, an `update` proposal, or a `commit`'s UpdatePath.
enum class LeafNodeSource : std::uint8_t { key_package = 1, update = 2, commit = 3 };

/// Section 7.2: the `key_package` case of a leaf's source, the leaf's
/// lifetime. Of the leaf_node_source cases, a KeyPackage leaf carries its
/// lifetime, a committer's leaf its parent hash (CommitSource), an updated
/// leaf nothing (UpdateSource).
struct Lifetime {
  static constexpr LeafNodeSource tag = LeafNodeSource::key_package;  ///< Selects this case.
  std::uint64_t not_before = 0;  ///< First valid time, in seconds since the Unix epoch.
  std::uint64_t not_after = 0;   ///< Last valid time, in seconds since the Unix epoch.
  CONCLAVE_FIELDS(not_before, not_after)
  /// Memberwise equality.
  friend bool operator==(const Lifetime&, const Lifetime&) = default;
};

/// Section 7.2: the `update` case of a leaf's source, which carries nothing.
struct UpdateSource {
  static constexpr LeafNodeSource tag = LeafNodeSource::update;  ///< Selects this case.
  CONCLAVE_FIELDS()
  /// Always equal.
  friend bool operator==(const UpdateSource&, const UpdateSource&) = default;
};

/// Section 7.2: the `commit` case of a leaf's source.
struct CommitSource {
  static constexpr LeafNodeSource tag = LeafNodeSource::commit;  ///< Selects this case.
  Bytes parent_hash;  ///< Section 7.9: over the lowest node of the filtered direct path; empty if none.
  CONCLAVE_FIELDS(parent_hash)
  /// Memberwise equality.
  friend bool operator==(const CommitSource&, const CommitSource&) = default;
};

/// Section 7.2: the source-dependent part of a LeafNode, selected by
/// LeafNodeSource.
using LeafNodeSourceData = codec::Select<LeafNodeSource, Lifetime, UpdateSource, CommitSource>;

/// Section 7.2: LeafNode, a member's public contents in the ratchet tree,
/// signed by the member; leaf_node_tbs() gives the bytes the signature covers.
struct LeafNode {
  Bytes encryption_key;        ///< The leaf's HPKE public key.
  Bytes signature_key;         ///< The member's signature public key.
  Credential credential;       ///< Binds the member's identity to `signature_key`.
  Capabilities capabilities;   ///< What the member's client supports.
  LeafNodeSourceData source;   ///< Where the leaf was made, with that case's data.
  ExtensionList extensions;    ///< The leaf's extensions, each listed in capabilities unless default.
  Bytes signature;             ///< Over LeafNodeTBS with the label "LeafNodeTBS".
  CONCLAVE_FIELDS(encryption_key, signature_key, credential, capabilities, source, extensions,
                  signature)
  /// Memberwise equality.
  friend bool operator==(const LeafNode&, const LeafNode&) = default;
};

}  // namespace conclave::mls
