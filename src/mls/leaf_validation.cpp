#include "conclave/mls/leaf_validation.hpp"

#include <algorithm>

namespace conclave::mls {

namespace {

template <class T>
bool listed(const std::vector<T>& list, T value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Section 7.3: the group's required capabilities are in the leaf's.
bool meets_required(const Capabilities& caps, const RequiredCapabilities& required) {
  return std::all_of(required.extension_types.begin(), required.extension_types.end(),
                     [&](ExtensionType t) { return is_default_extension(t) || listed(caps.extensions, t); }) &&
         std::all_of(required.proposal_types.begin(), required.proposal_types.end(),
                     [&](ProposalType t) { return is_default_proposal(t) || listed(caps.proposals, t); }) &&
         std::all_of(required.credential_types.begin(), required.credential_types.end(),
                     [&](CredentialType t) { return listed(caps.credentials, t); });
}

// Section 7.3: every member supports this leaf's credential type, and this
// leaf supports every type the other members use. The replaced leaf's own
// contribution to the counts is taken out.
bool credentials_compatible(const RatchetTree& tree, const LeafNode& leaf,
                            const LeafNode* replaced) {
  const auto type = leaf.credential.tag();
  const std::uint32_t others = tree.member_count() - (replaced ? 1 : 0);
  const std::uint32_t replaced_supports =
      replaced && listed(replaced->capabilities.credentials, type) ? 1 : 0;
  if (tree.members_supporting(type) - replaced_supports < others) return false;
  for (const auto used : tree.credential_types_in_use()) {
    const std::uint32_t users =
        tree.members_using(used) - (replaced && replaced->credential.tag() == used ? 1 : 0);
    if (users > 0 && !listed(leaf.capabilities.credentials, used)) return false;
  }
  return true;
}

// Section 7.3: the leaf's own extensions are listed in its capabilities.
bool extensions_listed(const LeafNode& leaf) {
  return std::all_of(leaf.extensions.begin(), leaf.extensions.end(), [&](const Extension& e) {
    return is_default_extension(e.extension_type) ||
           listed(leaf.capabilities.extensions, e.extension_type);
  });
}

bool within_lifetime(const LeafNode& leaf, std::optional<std::uint64_t> now) {
  const auto* lifetime = leaf.source.get_if<Lifetime>();
  return !now || lifetime == nullptr || (lifetime->not_before <= *now && *now <= lifetime->not_after);
}

// Section 7.3: an Update's leaf MUST carry a new encryption key; keys are
// otherwise unique in the tree.
Status keys_unique(const RatchetTree& tree, const LeafNode& leaf, const LeafNodeContext& context) {
  const auto signer = tree.leaf_with_signature_key(leaf.signature_key);
  if (signer && signer != context.replacing) return Errc::duplicate_key;
  if (tree.node_with_encryption_key(leaf.encryption_key)) return Errc::duplicate_key;
  return {};
}

}  // namespace

Status validate_credential(const Credential& credential, BytesView signature_key,
                           const CredentialPolicy* policy) {
  if (credential.holds<BasicCredential>()) return {};
  if (policy == nullptr || !*policy) return Errc::credential_rejected;
  return (*policy)(credential, signature_key);
}

bool is_default_extension(ExtensionType type) noexcept {
  const auto value = static_cast<std::uint16_t>(type);
  return value >= 1 && value <= 5;
}

bool is_default_proposal(ProposalType type) noexcept {
  const auto value = static_cast<std::uint16_t>(type);
  return value >= 1 && value <= 7;
}

Status validate_leaf_node(const RatchetTree& tree, const LeafNode& leaf,
                          const LeafNodeContext& context) {
  if (leaf.source.tag() != context.source) return Errc::invalid_value;
  if (auto accepted = validate_credential(leaf.credential, leaf.signature_key, context.credentials);
      !accepted) {
    return accepted;
  }
  if (!context.signature_verified) {
    if (auto signed_ok = tree.suite().verify_with_label(
            leaf.signature_key, "LeafNodeTBS", leaf_node_tbs(leaf, context.group_id, context.index),
            leaf.signature);
        !signed_ok) {
      return signed_ok;
    }
  }
  const auto replaced = context.replacing ? tree.leaf(*context.replacing) : std::nullopt;
  if ((context.required && !meets_required(leaf.capabilities, *context.required)) ||
      !credentials_compatible(tree, leaf, replaced ? &*replaced : nullptr) || !extensions_listed(leaf)) {
    return Errc::capability_mismatch;
  }
  if (!within_lifetime(leaf, context.now)) return Errc::lifetime_invalid;
  return keys_unique(tree, leaf, context);
}

}  // namespace conclave::mls
