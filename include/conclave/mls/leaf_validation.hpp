#pragma once

/// @file
/// RFC 9420 section 7.3: leaf node validation, against the tree's indexes so
/// that checking one leaf costs O(1) in the size of the group.

#include <cstdint>
#include <functional>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_node.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::mls {

/// Section 5.3.1: the application's authentication service. It decides
/// whether a credential is acceptable and binds `signature_key` (for x509:
/// the chain leads to a trusted root and its end-entity key is the
/// signature key). When set, it judges every credential, basic ones too;
/// without one, only basic credentials are accepted. It returns success to
/// accept, or an error (`Errc::credential_rejected` by convention) that the
/// validating call passes on.
using CredentialPolicy = std::function<Status(const Credential& credential, BytesView signature_key)>;

/// Section 5.3.1: when a member's credential is replaced by a different one
/// (an Update, a Commit's path, a resync), the new one must be a valid
/// successor of the old one under the application's policy. It returns
/// success to accept, or an error (`Errc::credential_rejected` by
/// convention).
using CredentialSuccessorPolicy =
    std::function<Status(const Credential& previous, const Credential& next)>;

/// Where a leaf appears, and what the group asks of it: the input of
/// validate_leaf_node(). The pointers and views must outlive the call.
struct LeafNodeContext {
  /// The source the leaf must have: where it was received.
  LeafNodeSource source = LeafNodeSource::key_package;
  /// The group: signed by update and commit leaves.
  BytesView group_id;
  /// The leaf's position: signed by update and commit leaves.
  LeafIndex index;
  /// The member whose leaf this one replaces (updates and commits).
  std::optional<LeafIndex> replacing;
  /// That member's current leaf, when the caller has already read it from
  /// the tree (it is read at `replacing` otherwise).
  const LeafNode* replaced = nullptr;
  /// The GroupContext's required_capabilities extension, if any
  /// (find_required_capabilities()).
  const RequiredCapabilities* required = nullptr;
  /// Set for a new member's leaf (an Add): the GroupContext's extensions,
  /// each of which its capabilities must list (section 13).
  const ExtensionList* group_extensions = nullptr;
  /// Seconds since the Unix epoch; when set, a key_package leaf's lifetime
  /// must contain it (a MUST for leaves a client sends, RECOMMENDED on receipt).
  std::optional<std::uint64_t> now;
  /// Consulted for every credential; without a policy, only basic
  /// credentials are accepted.
  const CredentialPolicy* credentials = nullptr;
  /// Set when the caller has already verified the leaf's signature (a
  /// KeyPackage's, by validate_key_package), so it is not verified twice.
  bool signature_verified = false;
};

/// Section 5.3.1: accepts a credential the policy accepts; without a policy,
/// a basic credential.
/// @param credential the credential to judge.
/// @param signature_key the signature key the credential must bind.
/// @param policy the application's authentication service, called for every
/// credential; null (or empty) accepts basic credentials only.
/// @errors whatever error the policy returns; without a policy,
/// `Errc::credential_rejected` for a credential that is not basic.
Status validate_credential(const Credential& credential, BytesView signature_key,
                           const CredentialPolicy* policy);

/// Every check of section 7.3, in this order: the leaf's source is
/// `context.source`; its credential is accepted by `context.credentials`
/// (validate_credential(); judging credentials belongs to the application's
/// authentication service); its signature over LeafNodeTBS verifies, unless
/// `context.signature_verified`; no two of its extensions have one type
/// (section 13); it meets the required capabilities, every other member
/// supports its credential type and it supports every credential type in
/// use, its capabilities list its own extensions and, when
/// `context.group_extensions` is set, those of the GroupContext (section
/// 13); its lifetime contains `context.now`; its keys are new to the tree.
/// @errors `Errc::invalid_value` when the leaf's source is not
/// `context.source`; the errors of validate_credential(); the errors of
/// CipherSuite::verify_with_label() (`Errc::signature_invalid`, ...);
/// `Errc::duplicate_extension` for two extensions of one type;
/// `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once (the decoding errors for one that does not parse);
/// `Errc::capability_mismatch` for a capability check that fails;
/// `Errc::lifetime_invalid` when `context.now` is outside a key_package
/// leaf's lifetime; `Errc::duplicate_key` when its signature key is at
/// another leaf than `context.replacing`, or its encryption key is anywhere
/// in the tree (an Update must bring a new one).
Status validate_leaf_node(const RatchetTree& tree, const LeafNode& leaf,
                          const LeafNodeContext& context);

/// The checks of section 7.3 that need no tree, for a client without one
/// (a partial member), in validate_leaf_node()'s order: the leaf's source
/// is `context.source`; its credential is accepted by
/// `context.credentials`; its signature over LeafNodeTBS verifies (unless
/// `context.signature_verified`); no two of its extensions have one type;
/// it meets `context.required` and lists its own extensions and, when
/// `context.group_extensions` is set, those of the GroupContext; its
/// lifetime contains `context.now`. `context.replacing` and
/// `context.replaced` are not read. validate_leaf_node() is this, then the
/// checks against the tree.
/// @param suite the group's cipher suite (verifies the signature).
/// @param leaf the leaf to check.
/// @param context where the leaf appears and what the group asks of it.
/// @errors `Errc::invalid_value` when the leaf's source is not
/// `context.source`; the errors of validate_credential(); the errors of
/// CipherSuite::verify_with_label(); `Errc::duplicate_extension` for two
/// extensions of one type; `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once; `Errc::capability_mismatch` for a capability
/// check that fails; `Errc::lifetime_invalid` when `context.now` is
/// outside a key_package leaf's lifetime.
Status validate_leaf_node_alone(const CipherSuite& suite, const LeafNode& leaf, const LeafNodeContext& context);

/// Section 12.4.3.1: the checks of section 7.3 that concern the group as a
/// whole, on every leaf of a tree a client joins: no two of a leaf's
/// extensions have one type, each leaf meets the required capabilities of
/// `group_extensions` and lists its own extensions in its capabilities, and
/// every member supports every credential type in use. The credentials,
/// signatures and keys are checked by the caller (validate_credential(),
/// RatchetTree::verify_leaf_signatures(), RatchetTree::from_nodes()).
/// @param tree the tree to check.
/// @param group_extensions the GroupContext's extensions.
/// @errors `Errc::duplicate_extension` for a leaf with two extensions of one
/// type; `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once; the errors of find_required_capabilities();
/// `Errc::capability_mismatch` for a leaf that fails a capability check.
Status validate_tree_leaves(const RatchetTree& tree, const ExtensionList& group_extensions);

/// Section 13: whether a leaf's capabilities list every extension of a
/// list (the GroupContext's, for a client joining the group), default
/// extensions aside.
/// @param leaf the leaf whose capabilities are read.
/// @param extensions the extensions it must support.
/// @errors `Errc::capability_mismatch` for an extension it does not list.
Status supports_extensions(const LeafNode& leaf, const ExtensionList& extensions);

/// Section 7.3: whether a leaf's capabilities list every type of `required`
/// (default extension and proposal types aside). Costs O((C + R) log C)
/// for C capabilities and R required types.
/// @param leaf the leaf whose capabilities are read.
/// @param required the types it must list.
/// @errors `Errc::capability_mismatch` for a type it does not list.
Status supports_required(const LeafNode& leaf, const RequiredCapabilities& required);

/// Section 11.1: the required_capabilities extension among a GroupContext's
/// extensions.
/// @param group_extensions the GroupContext's extensions.
/// @return the parsed extension, or nothing when there is none; each of its
/// lists sorted, without repeats, and without default extension and
/// proposal types (is_default_extension(), is_default_proposal()), so that
/// no list is longer than the distinct types a leaf must list.
/// @errors the decoding errors (`Errc::truncated`, ...) for one that does
/// not parse.
Result<std::optional<RequiredCapabilities>> find_required_capabilities(
    const ExtensionList& group_extensions);

/// Section 7.2: extension and proposal types that RFC 9420 defines are
/// supported by every client and need not be listed in capabilities. This
/// is true for the extension types 1 to 5 (application_id to
/// external_senders; not last_resort).
bool is_default_extension(ExtensionType type) noexcept;
/// Section 7.2: whether every client supports a proposal type without
/// listing it: true for the proposal types 1 to 7 that RFC 9420 defines.
bool is_default_proposal(ProposalType type) noexcept;

}  // namespace conclave::mls
