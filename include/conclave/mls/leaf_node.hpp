#pragma once

// RFC 9420 section 7.2: leaf node contents.

#include <cstdint>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

struct Capabilities {
  std::vector<ProtocolVersion> versions;
  std::vector<CipherSuiteId> cipher_suites;
  std::vector<ExtensionType> extensions;
  std::vector<ProposalType> proposals;
  std::vector<CredentialType> credentials;
  CONCLAVE_FIELDS(versions, cipher_suites, extensions, proposals, credentials)
  friend bool operator==(const Capabilities&, const Capabilities&) = default;
};

enum class LeafNodeSource : std::uint8_t { key_package = 1, update = 2, commit = 3 };

// The leaf_node_source cases: a KeyPackage leaf carries its lifetime, a
// committer's leaf its parent hash, an updated leaf nothing.
struct Lifetime {
  static constexpr LeafNodeSource tag = LeafNodeSource::key_package;
  std::uint64_t not_before = 0;
  std::uint64_t not_after = 0;
  CONCLAVE_FIELDS(not_before, not_after)
  friend bool operator==(const Lifetime&, const Lifetime&) = default;
};

struct UpdateSource {
  static constexpr LeafNodeSource tag = LeafNodeSource::update;
  CONCLAVE_FIELDS()
  friend bool operator==(const UpdateSource&, const UpdateSource&) = default;
};

struct CommitSource {
  static constexpr LeafNodeSource tag = LeafNodeSource::commit;
  Bytes parent_hash;
  CONCLAVE_FIELDS(parent_hash)
  friend bool operator==(const CommitSource&, const CommitSource&) = default;
};

using LeafNodeSourceData = codec::Select<LeafNodeSource, Lifetime, UpdateSource, CommitSource>;

struct LeafNode {
  Bytes encryption_key;
  Bytes signature_key;
  Credential credential;
  Capabilities capabilities;
  LeafNodeSourceData source;
  ExtensionList extensions;
  Bytes signature;
  CONCLAVE_FIELDS(encryption_key, signature_key, credential, capabilities, source, extensions,
                  signature)
  friend bool operator==(const LeafNode&, const LeafNode&) = default;
};

}  // namespace conclave::mls
