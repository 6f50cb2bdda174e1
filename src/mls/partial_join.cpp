// draft-ietf-mls-partial, "Joining via Annotated Welcome": RFC 9420 section
// 12.4.3.1 with the ratchet tree replaced by the sender's and the joiner's
// membership proofs.

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "external_senders.hpp"
#include "partial_state.hpp"

namespace conclave::mls {

namespace {

// Section 12.4.3.1 with the draft's modifications: the two proofs
// reference the same tree, whose hash is the GroupInfo's (in place of
// verifying the tree); the GroupInfo's signer is the sender proof's leaf,
// whose key verifies its signature.
Status check_proven_group_info(const CipherSuite& suite, const GroupInfo& info, const MembershipProof& sender,
                               const MembershipProof& joiner) {
  if (auto same = same_tree(suite, sender, joiner); !same) return same.error();
  if (auto valid = verify_membership_proof(suite, sender, info.group_context.tree_hash); !valid) return valid;
  if (info.signer != sender.leaf_index) return Errc::invalid_sender;
  return verify_group_info_signature(suite, info, proven_leaf(sender)->signature_key);
}

// Section 12.4.3.1 for what the joiner sees of the group: no extension list
// repeats a type (section 13), the joiner's leaf is its KeyPackage's and
// supports the GroupContext extensions, and the proven members' and the
// external senders' credentials are acceptable (section 5.3.1).
Status check_joiner_view(const GroupInfo& info, const LeafNode& joiner_leaf, const LeafNode& sender_leaf,
                         const KeyPackage& key_package, const GroupConfig& config) {
  if (!(joiner_leaf == key_package.leaf_node)) return Errc::not_in_group;
  const auto& extensions = info.group_context.extensions;
  if (auto listed = check_extension_list(info.extensions); !listed) return listed;
  if (auto listed = check_extension_list(extensions); !listed) return listed;
  if (auto supported = supports_extensions(joiner_leaf, extensions); !supported) return supported;
  for (const LeafNode* leaf : {&sender_leaf, &joiner_leaf}) {
    if (auto accepted = validate_credential(leaf->credential, leaf->signature_key, &config.credentials);
        !accepted) {
      return accepted;
    }
  }
  return check_external_senders(config, extensions);
}

// Section 12.4.3.1: the GroupSecrets' path secret is that of the joiner's
// and the signer's lowest common ancestor; it and the joiner's non-blank
// path nodes above it get key pairs, each checked against the proof.
Status take_path_secret(TreePrivateKeys& keys, const OpenedWelcome& opened, const MembershipProof& joiner) {
  const auto& path_secret = opened.secrets.path_secret;
  if (!path_secret) return {};
  const NodeIndex ancestor = tree_math::common_ancestor(tree_math::node_of(LeafIndex{joiner.leaf_index}),
                                                        tree_math::node_of(LeafIndex{opened.info.signer}));
  auto derived = derive_proven_path(keys, joiner, ancestor, path_secret->path_secret.clone());
  if (!derived) return derived.error();
  return {};
}

}  // namespace

Result<PartialGroup> PartialGroup::join(const AnnotatedWelcome& welcome, const KeyPackage& key_package,
                                        KeyPackageKeys keys, GroupConfig config) {
  auto opened = open_welcome(welcome.welcome.message, key_package, keys.init_private_key, config);
  if (!opened) return opened.error();
  const CipherSuite& suite = opened->suite;
  GroupInfo& info = opened->info;
  const MembershipProof& sender = welcome.welcome.sender_membership_proof;
  const MembershipProof& joiner = welcome.joiner_membership_proof;
  if (auto proven = check_proven_group_info(suite, info, sender, joiner); !proven) return proven.error();
  if (auto view = check_joiner_view(info, *proven_leaf(joiner), *proven_leaf(sender), key_package, config);
      !view) {
    return view.error();
  }
  // The draft: my_leaf is the joiner proof's leaf index.
  const LeafIndex leaf{joiner.leaf_index};
  auto private_keys = TreePrivateKeys::create(suite, leaf, std::move(keys.encryption_private_key));
  if (!private_keys) return private_keys.error();
  if (auto taken = take_path_secret(*private_keys, *opened, joiner); !taken) return taken.error();
  auto epoch = welcome_epoch(*opened);
  if (!epoch) return epoch.error();
  auto state = std::make_unique<PartialState>(suite, std::move(config), leaf, std::move(keys.signature_private_key),
                                              std::move(*private_keys));
  state->own_proof = joiner;
  state->enter_epoch(std::move(info.group_context), std::move(*epoch), std::move(info.confirmation_tag),
                     *LeafCount::of(joiner.n_leaves));
  return PartialGroup(std::move(state));
}

}  // namespace conclave::mls
