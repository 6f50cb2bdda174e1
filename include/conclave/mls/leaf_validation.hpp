#pragma once

// RFC 9420 section 7.3: leaf node validation, against the tree's indexes so
// that checking one leaf costs O(1) in the size of the group.

#include <cstdint>
#include <functional>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::mls {

// Section 5.3.1: the application's authentication service. It decides
// whether a credential is acceptable and binds `signature_key` (for x509:
// the chain leads to a trusted root and its end-entity key is the
// signature key). Basic credentials need no policy.
using CredentialPolicy = std::function<Status(const Credential& credential, BytesView signature_key)>;

// Where a leaf appears, and what the group asks of it.
struct LeafNodeContext {
  LeafNodeSource source = LeafNodeSource::key_package;
  // The group and the leaf's position: signed by update and commit leaves.
  BytesView group_id;
  LeafIndex index;
  // The member whose leaf this one replaces (updates and commits).
  std::optional<LeafIndex> replacing;
  // The GroupContext's required_capabilities extension, if any.
  const RequiredCapabilities* required = nullptr;
  // Seconds since the Unix epoch; when set, a key_package leaf's lifetime
  // must contain it (a MUST for leaves a client sends, RECOMMENDED on receipt).
  std::optional<std::uint64_t> now;
  // Consulted for every credential but basic ones; without a policy, only
  // basic credentials are accepted.
  const CredentialPolicy* credentials = nullptr;
  // Set when the caller has already verified the leaf's signature (a
  // KeyPackage's, by validate_key_package), so it is not verified twice.
  bool signature_verified = false;
};

// Section 5.3.1: a basic credential, or one the policy accepts.
Status validate_credential(const Credential& credential, BytesView signature_key,
                           const CredentialPolicy* policy);

// Every check of section 7.3 but credential validation, which belongs to the
// application's authentication service.
Status validate_leaf_node(const RatchetTree& tree, const LeafNode& leaf,
                          const LeafNodeContext& context);

// Section 7.2: extension and proposal types that RFC 9420 defines are
// supported by every client and need not be listed in capabilities.
bool is_default_extension(ExtensionType type) noexcept;
bool is_default_proposal(ProposalType type) noexcept;

}  // namespace conclave::mls
