// RFC 9420 section 12.4.3.1: joining a group from a Welcome.

#include <algorithm>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/negotiation.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "external_senders.hpp"
#include "group_state.hpp"

namespace conclave::mls {

namespace {

constexpr std::string_view welcome_label = "Welcome";

// The joiner's GroupSecrets: found by KeyPackageRef, decrypted with the
// KeyPackage's init key, with the encrypted GroupInfo as context.
Result<GroupSecrets> open_group_secrets(const CipherSuite& suite, const Welcome& welcome,
                                        const KeyPackage& key_package,
                                        const crypto::Secret& init_private_key) {
  const Bytes ref = key_package_ref(suite, key_package);
  const auto entry = std::find_if(welcome.secrets.begin(), welcome.secrets.end(),
                                  [&](const EncryptedGroupSecrets& e) { return e.new_member == ref; });
  if (entry == welcome.secrets.end()) return Errc::not_in_group;
  const crypto::KemKeyPair init{init_private_key.clone(), key_package.init_key};
  auto plaintext = suite.decrypt_with_label(init, welcome_label, welcome.encrypted_group_info,
                                            entry->encrypted_group_secrets);
  if (!plaintext) return plaintext.error();
  auto secrets = codec::decode<GroupSecrets>(*plaintext);
  crypto::secure_zero(*plaintext);
  return secrets;
}

// Section 12.4.3.1: the usage of the Welcome's resumption PSK of usage
// reinit or branch, which is then its only resumption PSK; nothing when it
// has none.
Result<std::optional<ResumptionPskUsage>> resumption_usage(const GroupSecrets& secrets) {
  std::size_t resumptions = 0;
  std::optional<ResumptionPskUsage> usage;
  for (const auto& id : secrets.psks) {
    const auto* resumption = id.psk.get_if<ResumptionPskId>();
    if (resumption == nullptr) continue;
    ++resumptions;
    if (resumption->usage != ResumptionPskUsage::application) usage = resumption->usage;
  }
  if (usage && resumptions > 1) return Errc::invalid_argument;
  return usage;
}

// Section 12.4.3.1: a reinitialized group is the ReInit's, a branched one
// keeps the old group's version and suite, and either is at epoch 1.
bool resumes_as_told(const GroupContext& context, ResumptionPskUsage usage,
                     const std::optional<ResumedGroup>& resumed) {
  if (!resumed || context.epoch != 1) return false;
  if (usage == ResumptionPskUsage::branch) {
    return context.version == resumed->version && context.cipher_suite == resumed->cipher_suite;
  }
  const auto& reinit = resumed->reinit;
  return reinit && context.group_id == reinit->group_id && context.version == reinit->version &&
         context.cipher_suite == reinit->cipher_suite && context.extensions == reinit->extensions;
}

Result<GroupInfo> open_group_info(const CipherSuite& suite, const Welcome& welcome,
                                  BytesView joiner_secret, BytesView psk) {
  auto welcome_key = welcome_secret(suite, joiner_secret, psk);
  if (!welcome_key) return welcome_key.error();
  auto key = welcome_key_nonce(suite, welcome_key->view());
  if (!key) return key.error();
  auto plaintext = suite.aead().open(key->key.view(), key->nonce.view(), {},
                                     welcome.encrypted_group_info);
  if (!plaintext) return plaintext.error();
  return codec::decode<GroupInfo>(*plaintext);
}

// Section 12.4.3.1: every member's credential is acceptable (section 5.3.1).
Status credentials_acceptable(const RatchetTree& tree, const CredentialPolicy& policy) {
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    const auto leaf = tree.leaf(LeafIndex{i});
    if (!leaf) continue;
    if (auto accepted = validate_credential(leaf->credential, leaf->signature_key, &policy); !accepted) {
      return accepted;
    }
  }
  return {};
}

// The joiner's own leaf: the one identical to its KeyPackage's.
Result<LeafIndex> own_leaf(const RatchetTree& tree, const KeyPackage& key_package) {
  const auto index = tree.leaf_with_signature_key(key_package.leaf_node.signature_key);
  if (!index || !(*tree.leaf(*index) == key_package.leaf_node)) return Errc::not_in_group;
  return *index;
}

// Section 12.4.3.1: the tree from the ratchet_tree extension or the
// application, valid for the GroupInfo's GroupContext (verify_tree_of()).
Result<RatchetTree> verified_tree(const CipherSuite& suite, const GroupInfo& info,
                                  const std::optional<RatchetTreeNodes>& supplied) {
  const auto* extension = find_extension(info.extensions, ExtensionType::ratchet_tree);
  if (!extension && !supplied) return Errc::invalid_tree;
  auto tree = extension ? RatchetTree::from_encoded(suite, extension->extension_data)
                        : RatchetTree::from_nodes(suite, *supplied);
  if (!tree) return tree.error();
  if (auto valid = verify_tree_of(*tree, info.group_context); !valid) return valid.error();
  // Section 13: no list of extensions repeats a type; the draft: a sorted app_data_dictionary.
  if (auto listed = check_extension_list(info.extensions); !listed) return listed.error();
  return tree;
}

}  // namespace

Status verify_group_info(const CipherSuite& suite, const GroupInfo& info, const RatchetTree& tree) {
  const BytesView signer = tree.signature_key(LeafIndex{info.signer});
  if (signer.empty()) return Errc::invalid_sender;
  return verify_group_info_signature(suite, info, signer);
}

Status verify_group_info_signature(const CipherSuite& suite, const GroupInfo& info, BytesView signer) {
  return suite.verify_with_label(signer, "GroupInfoTBS", group_info_tbs(info), info.signature);
}

Result<RatchetTree> joined_tree(const CipherSuite& suite, const GroupInfo& info,
                                const std::optional<RatchetTreeNodes>& supplied, const LeafNode* joiner,
                                const GroupConfig& config) {
  auto tree = verified_tree(suite, info, supplied);
  if (!tree) return tree.error();
  if (auto signed_ok = verify_group_info(suite, info, *tree); !signed_ok) return signed_ok.error();
  if (auto accepted = accept_tree(*tree, info.group_context, joiner, config); !accepted) return accepted.error();
  return tree;
}

Result<OpenedWelcome> open_welcome(const Welcome& welcome, const KeyPackage& key_package,
                                   const crypto::Secret& init_private_key, const GroupConfig& config) {
  if (welcome.cipher_suite != key_package.cipher_suite) return Errc::invalid_argument;
  auto suite = CipherSuite::find(welcome.cipher_suite);
  if (!suite) return suite.error();
  auto secrets = open_group_secrets(*suite, welcome, key_package, init_private_key);
  if (!secrets) return secrets.error();
  auto usage = resumption_usage(*secrets);
  if (!usage) return usage.error();
  auto psk = looked_up_psk_secret(*suite, secrets->psks, config.psks);
  if (!psk) return psk.error();
  auto info = open_group_info(*suite, welcome, secrets->joiner_secret.view(), psk->view());
  if (!info) return info.error();
  if (info->group_context.cipher_suite != suite->id() ||
      info->group_context.version != ProtocolVersion::mls10 ||
      (*usage && !resumes_as_told(info->group_context, **usage, config.resumed))) {
    return Errc::invalid_argument;
  }
  return OpenedWelcome{*suite, std::move(*secrets), std::move(*psk), std::move(*info)};
}

Result<EpochSecrets> welcome_epoch(const OpenedWelcome& opened) {
  const GroupInfo& info = opened.info;
  auto epoch = derive_epoch_from_joiner(opened.suite, opened.secrets.joiner_secret.view(),
                                        opened.psk_secret.view(), info.group_context);
  if (!epoch) return epoch.error();
  if (auto tag = verify_confirmation_tag(opened.suite, epoch->confirmation_key.view(),
                                         info.group_context.confirmed_transcript_hash,
                                         info.confirmation_tag);
      !tag) {
    return tag.error();
  }
  return epoch;
}

Result<std::unique_ptr<GroupState>> join_group(const Welcome& welcome, const KeyPackage& key_package,
                                               KeyPackageKeys keys,
                                               const std::optional<RatchetTreeNodes>& tree_nodes,
                                               GroupConfig config) {
  auto opened = open_welcome(welcome, key_package, keys.init_private_key, config);
  if (!opened) return opened.error();
  const CipherSuite& suite = opened->suite;
  GroupInfo& info = opened->info;
  auto tree = joined_tree(suite, info, tree_nodes, &key_package.leaf_node, config);
  if (!tree) return tree.error();
  auto leaf = own_leaf(*tree, key_package);
  if (!leaf) return leaf.error();

  auto private_keys = TreePrivateKeys::create(suite, *leaf, std::move(keys.encryption_private_key));
  if (!private_keys) return private_keys.error();
  if (const auto& path_secret = opened->secrets.path_secret) {
    if (auto added = private_keys->add_path_secret_from(*tree, LeafIndex{info.signer},
                                                        path_secret->path_secret.clone());
        !added) {
      return added.error();
    }
  }
  auto epoch = welcome_epoch(*opened);
  if (!epoch) return epoch.error();
  auto state = std::make_unique<GroupState>(suite, std::move(config), *leaf,
                                            std::move(keys.signature_private_key),
                                            std::move(*tree), std::move(*private_keys));
  if (auto entered = state->enter_epoch(std::move(info.group_context), std::move(*epoch),
                                        std::move(info.confirmation_tag));
      !entered) {
    return entered.error();
  }
  return state;
}

ResumedGroup resumed_group(const Group& old) {
  const auto* reinit = old.pending_reinit();
  return {old.context().version, old.context().cipher_suite,
          reinit ? std::optional<ReInit>(*reinit) : std::nullopt};
}

Result<crypto::Secret> looked_up_psk_secret(const CipherSuite& suite,
                                            const std::vector<PreSharedKeyId>& ids,
                                            const PskLookup& lookup) {
  std::vector<crypto::Secret> values;
  for (const auto& id : ids) {
    auto value = lookup ? lookup(id) : std::nullopt;
    if (!value) return Errc::unknown_psk;
    values.push_back(std::move(*value));
  }
  std::vector<PskInput> inputs;
  for (std::size_t i = 0; i < values.size(); ++i) inputs.push_back({ids[i], values[i].view()});
  return psk_secret(suite, inputs);
}

Status verify_tree_of(const RatchetTree& tree, const GroupContext& context) {
  if (tree.tree_hash() != context.tree_hash) return Errc::invalid_tree;
  if (auto valid = tree.verify_parent_hashes(); !valid) return valid;
  if (auto valid = tree.verify_leaf_signatures(context.group_id); !valid) return valid;
  // Section 13: no list of extensions repeats a type; the draft: a sorted app_data_dictionary.
  if (auto listed = check_extension_list(context.extensions); !listed) return listed;
  // Section 12.4.3.1: each leaf validated as section 7.3 says.
  if (auto valid = validate_tree_leaves(tree, context.extensions); !valid) return valid;
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components".
  return members_meet_component_requirements(tree, context.extensions);
}

Status accept_tree(const RatchetTree& tree, const GroupContext& context, const LeafNode* joiner,
                   const GroupConfig& config) {
  // Section 13: the joiner supports every GroupContext extension.
  if (joiner != nullptr) {
    if (auto supported = supports_extensions(*joiner, context.extensions); !supported) return supported;
  }
  // Sections 12.4.3.1 and 5.3.1: the joiner judges the members and the
  // external senders.
  if (auto accepted = credentials_acceptable(tree, config.credentials); !accepted) return accepted;
  return check_external_senders(config, context.extensions);
}

}  // namespace conclave::mls
