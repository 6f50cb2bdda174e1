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

// Every extension of `extensions` is a default one or listed in the leaf's
// capabilities.
bool lists_extensions(const LeafNode& leaf, const ExtensionList& extensions) {
  return std::all_of(extensions.begin(), extensions.end(), [&](const Extension& e) {
    return is_default_extension(e.extension_type) ||
           listed(leaf.capabilities.extensions, e.extension_type);
  });
}

// Section 7.3: the leaf fits the group whatever its position: its
// extensions are distinct (section 13) and listed in its capabilities, and
// it meets the required capabilities.
Status fits_group(const LeafNode& leaf, const RequiredCapabilities* required) {
  if (auto unique = check_extensions_unique(leaf.extensions); !unique) return unique;
  if ((required && !meets_required(leaf.capabilities, *required)) || !lists_extensions(leaf, leaf.extensions)) {
    return Errc::capability_mismatch;
  }
  return {};
}

// Section 7.3: every member supports every credential type in use.
bool credential_types_shared(const RatchetTree& tree) {
  const auto members = tree.member_count();
  const auto used = tree.credential_types_in_use();
  return std::all_of(used.begin(), used.end(),
                     [&](CredentialType type) { return tree.members_supporting(type) == members; });
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

// Section 5.3.1: the application's authentication service judges every
// credential, basic ones too; without one, only basic credentials pass.
Status validate_credential(const Credential& credential, BytesView signature_key,
                           const CredentialPolicy* policy) {
  if (policy != nullptr && *policy) return (*policy)(credential, signature_key);
  if (credential.holds<BasicCredential>()) return {};
  return Errc::credential_rejected;
}

Status validate_tree_leaves(const RatchetTree& tree, const ExtensionList& group_extensions) {
  auto required = find_required_capabilities(group_extensions);
  if (!required) return required.error();
  const RequiredCapabilities* needed = *required ? &**required : nullptr;
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    const auto leaf = tree.leaf(LeafIndex{i});
    if (!leaf) continue;
    if (auto fits = fits_group(*leaf, needed); !fits) return fits;
  }
  if (!credential_types_shared(tree)) return Errc::capability_mismatch;
  return {};
}

Status supports_extensions(const LeafNode& leaf, const ExtensionList& extensions) {
  if (!lists_extensions(leaf, extensions)) return Errc::capability_mismatch;
  return {};
}

Result<std::optional<RequiredCapabilities>> find_required_capabilities(
    const ExtensionList& group_extensions) {
  const auto* extension = find_extension(group_extensions, ExtensionType::required_capabilities);
  if (extension == nullptr) return std::optional<RequiredCapabilities>{};
  auto parsed = parse_extension<RequiredCapabilities>(*extension);
  if (!parsed) return parsed.error();
  return std::optional<RequiredCapabilities>{std::move(*parsed)};
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
  if (auto fits = fits_group(leaf, context.required); !fits) return fits;
  const auto replaced = context.replacing ? tree.leaf(*context.replacing) : std::nullopt;
  // Section 13: a new member supports every GroupContext extension.
  if (!credentials_compatible(tree, leaf, replaced ? &*replaced : nullptr) ||
      (context.group_extensions && !lists_extensions(leaf, *context.group_extensions))) {
    return Errc::capability_mismatch;
  }
  if (!within_lifetime(leaf, context.now)) return Errc::lifetime_invalid;
  return keys_unique(tree, leaf, context);
}

}  // namespace conclave::mls
