#include "conclave/mls/leaf_validation.hpp"

#include <algorithm>

#include "conclave/mls/app_data.hpp"

namespace conclave::mls {

namespace {

template <class T>
bool listed(const std::vector<T>& list, T value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

template <class T>
std::vector<T> sorted(std::vector<T> list) {
  std::sort(list.begin(), list.end());
  return list;
}

template <class T>
void sort_unique(std::vector<T>& list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
}

// A leaf's capabilities sorted once, so that checking R types against C
// capabilities costs O((C + R) log C), not R x C (issue 18).
class SortedCapabilities {
 public:
  explicit SortedCapabilities(const Capabilities& caps)
      : extensions_(sorted(caps.extensions)), proposals_(sorted(caps.proposals)),
        credentials_(sorted(caps.credentials)) {}

  bool has(ExtensionType type) const {
    return is_default_extension(type) || std::binary_search(extensions_.begin(), extensions_.end(), type);
  }
  bool has(ProposalType type) const {
    return is_default_proposal(type) || std::binary_search(proposals_.begin(), proposals_.end(), type);
  }
  bool has(CredentialType type) const {
    return std::binary_search(credentials_.begin(), credentials_.end(), type);
  }
  template <class T>
  bool has_all(const std::vector<T>& types) const {
    return std::all_of(types.begin(), types.end(), [&](T type) { return has(type); });
  }

 private:
  std::vector<ExtensionType> extensions_;
  std::vector<ProposalType> proposals_;
  std::vector<CredentialType> credentials_;
};

// Section 7.3: the group's required capabilities are in the leaf's.
bool meets_required(const SortedCapabilities& caps, const RequiredCapabilities& required) {
  return caps.has_all(required.extension_types) && caps.has_all(required.proposal_types) &&
         caps.has_all(required.credential_types);
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
bool lists_extensions(const SortedCapabilities& caps, const ExtensionList& extensions) {
  return std::all_of(extensions.begin(), extensions.end(),
                     [&](const Extension& e) { return caps.has(e.extension_type); });
}

// Section 7.3: the leaf fits the group whatever its position: its
// extensions are distinct (section 13), its app_data_dictionary sorted
// (draft-ietf-mls-extensions), they are listed in its capabilities, and it
// meets the required capabilities.
Status fits_group(const LeafNode& leaf, const RequiredCapabilities* required) {
  if (auto listed = check_extension_list(leaf.extensions); !listed) return listed;
  if (required == nullptr && leaf.extensions.empty()) return {};
  const SortedCapabilities caps(leaf.capabilities);
  if ((required && !meets_required(caps, *required)) || !lists_extensions(caps, leaf.extensions)) {
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
  if (!lists_extensions(SortedCapabilities(leaf.capabilities), extensions)) return Errc::capability_mismatch;
  return {};
}

Status supports_required(const LeafNode& leaf, const RequiredCapabilities& required) {
  if (!meets_required(SortedCapabilities(leaf.capabilities), required)) return Errc::capability_mismatch;
  return {};
}

Result<std::optional<RequiredCapabilities>> find_required_capabilities(
    const ExtensionList& group_extensions) {
  const auto* extension = find_extension(group_extensions, ExtensionType::required_capabilities);
  if (extension == nullptr) return std::optional<RequiredCapabilities>{};
  auto parsed = parse_extension<RequiredCapabilities>(*extension);
  if (!parsed) return parsed.error();
  // Repeated and default types say nothing more: each consumer sees at most
  // one entry per type a leaf must list (issue 18: linear validation).
  std::erase_if(parsed->extension_types, is_default_extension);
  std::erase_if(parsed->proposal_types, is_default_proposal);
  sort_unique(parsed->extension_types);
  sort_unique(parsed->proposal_types);
  sort_unique(parsed->credential_types);
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

Status validate_leaf_node_alone(const CipherSuite& suite, const LeafNode& leaf, const LeafNodeContext& context) {
  if (leaf.source.tag() != context.source) return Errc::invalid_value;
  if (auto accepted = validate_credential(leaf.credential, leaf.signature_key, context.credentials);
      !accepted) {
    return accepted;
  }
  if (!context.signature_verified) {
    if (auto signed_ok = suite.verify_with_label(leaf.signature_key, "LeafNodeTBS",
                                                 leaf_node_tbs(leaf, context.group_id, context.index),
                                                 leaf.signature);
        !signed_ok) {
      return signed_ok;
    }
  }
  if (auto fits = fits_group(leaf, context.required); !fits) return fits;
  // Section 13: a new member supports every GroupContext extension.
  if (context.group_extensions && !supports_extensions(leaf, *context.group_extensions)) {
    return Errc::capability_mismatch;
  }
  if (!within_lifetime(leaf, context.now)) return Errc::lifetime_invalid;
  return {};
}

Status validate_leaf_node(const RatchetTree& tree, const LeafNode& leaf,
                          const LeafNodeContext& context) {
  if (auto alone = validate_leaf_node_alone(tree.suite(), leaf, context); !alone) return alone;
  const auto read = context.replaced == nullptr && context.replacing ? tree.leaf(*context.replacing) : std::nullopt;
  const LeafNode* replaced = read ? &*read : context.replaced;
  if (!credentials_compatible(tree, leaf, replaced)) return Errc::capability_mismatch;
  return keys_unique(tree, leaf, context);
}

}  // namespace conclave::mls
