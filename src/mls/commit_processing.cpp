// RFC 9420 section 12.4.2: processing a Commit, with the proposal list
// validated (section 12.2) and applied (section 12.3) on a staged tree that
// is kept only if every check passes.

#include <algorithm>
#include <set>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "group_state.hpp"

namespace conclave::mls {

namespace {

std::string text_of(BytesView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

struct ResolvedProposal {
  Proposal proposal;
  Sender sender;
};

// The committed proposals, by value from the committer or by reference
// from this epoch's cache.
Result<std::vector<ResolvedProposal>> resolve(const GroupState& state, const Commit& commit,
                                              const Sender& committer) {
  std::vector<ResolvedProposal> out;
  for (const auto& entry : commit.proposals) {
    if (const auto* value = entry.get_if<Proposal>()) {
      out.push_back({*value, committer});
      continue;
    }
    const auto found = state.epoch.proposals.find(text_of(*entry.get_if<ProposalRef>()));
    if (found == state.epoch.proposals.end()) return Errc::unknown_proposal;
    out.push_back({found->second.proposal, found->second.sender});
  }
  return out;
}

std::optional<LeafIndex> leaf_of(const Sender& sender) {
  const auto* member = sender.get_if<MemberSender>();
  if (member == nullptr) return std::nullopt;
  return LeafIndex{member->leaf_index};
}

template <class T>
std::size_t count_of(const std::vector<ResolvedProposal>& proposals) {
  return static_cast<std::size_t>(std::count_if(
      proposals.begin(), proposals.end(), [](const auto& p) { return p.proposal.template holds<T>(); }));
}

// Section 12.1.4: a PSK proposal's nonce is KDF.Nh bytes, and a resumption
// PSK in a proposal has usage application.
bool psk_proposal_valid(const CipherSuite& suite, const PreSharedKey& proposal) {
  if (proposal.psk.psk_nonce.size() != suite.secret_size()) return false;
  const auto* resumption = proposal.psk.psk.get_if<ResumptionPskId>();
  return resumption == nullptr || resumption->usage == ResumptionPskUsage::application;
}

// Section 12.2, for a member's Commit.
Status validate_member_list(const GroupState& state, const std::vector<ResolvedProposal>& proposals,
                            LeafIndex committer) {
  std::set<std::uint32_t> touched;
  std::set<std::string> added_keys;
  std::set<std::string> psk_ids;
  std::set<std::string> removed_keys;
  for (const auto& p : proposals) {
    if (const auto* remove = p.proposal.get_if<Remove>()) {
      const auto* leaf = state.tree.leaf(LeafIndex{remove->removed});
      if (leaf == nullptr) return Errc::invalid_proposal;
      removed_keys.insert(text_of(leaf->signature_key));
    }
  }
  for (const auto& p : proposals) {
    const auto& proposal = p.proposal;
    if (proposal.holds<Update>()) {
      const auto sender = leaf_of(p.sender);
      if (!sender || *sender == committer || !touched.insert(sender->value).second) {
        return Errc::invalid_proposal;
      }
    } else if (const auto* remove = proposal.get_if<Remove>()) {
      if (remove->removed == committer.value || !touched.insert(remove->removed).second) {
        return Errc::invalid_proposal;
      }
    } else if (const auto* add = proposal.get_if<Add>()) {
      const auto& key = add->key_package.leaf_node.signature_key;
      if (!added_keys.insert(text_of(key)).second ||
          (state.tree.leaf_with_signature_key(key) && !removed_keys.contains(text_of(key)))) {
        return Errc::invalid_proposal;
      }
    } else if (const auto* psk = proposal.get_if<PreSharedKey>()) {
      if (!psk_proposal_valid(state.suite, *psk) || !psk_ids.insert(text_of(codec::encode(psk->psk))).second) {
        return Errc::invalid_proposal;
      }
    } else if (proposal.holds<ExternalInit>() || proposal.holds<CustomProposal>()) {
      return Errc::invalid_proposal;
    }
  }
  if (count_of<GroupContextExtensions>(proposals) > 1 ||
      (count_of<ReInit>(proposals) > 0 && proposals.size() > 1)) {
    return Errc::invalid_proposal;
  }
  return {};
}

// Section 12.4: a path is required for an empty Commit and for Update,
// Remove, ExternalInit and GroupContextExtensions.
bool path_required(const std::vector<ResolvedProposal>& proposals) {
  return proposals.empty() ||
         std::any_of(proposals.begin(), proposals.end(), [](const auto& p) {
           return p.proposal.template holds<Update>() || p.proposal.template holds<Remove>() ||
                  p.proposal.template holds<ExternalInit>() ||
                  p.proposal.template holds<GroupContextExtensions>();
         });
}

// Section 10.1: a KeyPackage that may be added.
Status validate_key_package(const GroupState& state, const KeyPackage& key_package,
                            const GroupContext& context) {
  if (key_package.version != ProtocolVersion::mls10 ||
      key_package.cipher_suite != state.suite.id() ||
      key_package.init_key == key_package.leaf_node.encryption_key) {
    return Errc::invalid_proposal;
  }
  if (auto signed_ok = state.suite.verify_with_label(key_package.leaf_node.signature_key,
                                                     "KeyPackageTBS", key_package_tbs(key_package),
                                                     key_package.signature);
      !signed_ok) {
    return signed_ok;
  }
  std::optional<RequiredCapabilities> required;
  if (const auto* extension = find_extension(context.extensions, ExtensionType::required_capabilities)) {
    auto parsed = parse_extension<RequiredCapabilities>(*extension);
    if (!parsed) return Errc::invalid_proposal;
    required = std::move(*parsed);
  }
  return validate_leaf_node(state.tree, key_package.leaf_node,
                            {.source = LeafNodeSource::key_package,
                             .group_id = context.group_id,
                             .required = required ? &*required : nullptr,
                             .now = state.config.now});
}

// What applying the proposals produced beyond the tree and extensions.
struct Applied {
  std::vector<LeafIndex> added;
  std::vector<PreSharedKeyId> psk_ids;
  bool removed_self = false;
};

// Section 12.3, in its order: GroupContextExtensions, Updates, Removes,
// Adds (in list order), then PSKs and ExternalInit noted.
Result<Applied> apply_proposals(GroupState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context) {
  Applied applied;
  for (const auto& p : proposals) {
    if (const auto* extensions = p.proposal.get_if<GroupContextExtensions>()) {
      context.extensions = extensions->extensions;
    }
  }
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<Update>();
    if (update == nullptr) continue;
    const LeafIndex sender = *leaf_of(p.sender);
    if (sender == state.own_leaf) return Errc::invalid_proposal;
    if (auto valid = validate_leaf_node(state.tree, update->leaf_node,
                                        {.source = LeafNodeSource::update,
                                         .group_id = context.group_id,
                                         .index = sender,
                                         .replacing = sender});
        !valid) {
      return valid.error();
    }
    if (auto done = state.tree.update_leaf(sender, update->leaf_node); !done) return done.error();
  }
  for (const auto& p : proposals) {
    const auto* remove = p.proposal.get_if<Remove>();
    if (remove == nullptr) continue;
    applied.removed_self = applied.removed_self || remove->removed == state.own_leaf.value;
    if (auto done = state.tree.remove_leaf(LeafIndex{remove->removed}); !done) {
      return Errc::invalid_proposal;
    }
  }
  for (const auto& p : proposals) {
    if (const auto* add = p.proposal.get_if<Add>()) {
      if (auto valid = validate_key_package(state, add->key_package, context); !valid) {
        return valid.error();
      }
      auto index = state.tree.add_leaf(add->key_package.leaf_node);
      if (!index) return index.error();
      applied.added.push_back(*index);
    } else if (const auto* psk = p.proposal.get_if<PreSharedKey>()) {
      applied.psk_ids.push_back(psk->psk);
    }
  }
  return applied;
}

// Section 8.4: the PSKs in proposal order.
Result<crypto::Secret> commit_psk_secret(const GroupState& state, const std::vector<PreSharedKeyId>& ids) {
  std::vector<crypto::Secret> values;
  for (const auto& id : ids) {
    auto value = state.psk(id);
    if (!value) return Errc::unknown_psk;
    values.push_back(std::move(*value));
  }
  std::vector<PskInput> inputs;
  for (std::size_t i = 0; i < ids.size(); ++i) inputs.push_back({ids[i], values[i].view()});
  return psk_secret(state.suite, inputs);
}

// The new epoch, computed on the staged tree.
struct NextEpoch {
  GroupContext context;
  EpochSecrets secrets;
  Bytes interim_transcript_hash;
  TreePrivateKeys private_keys;
  bool removed_self = false;
};

// Section 12.4.2, path step: the committer's new leaf is validated, the path
// merged, and the path secret decrypted under the provisional GroupContext.
Result<crypto::Secret> apply_path(GroupState& state, const UpdatePath& path, LeafIndex committer,
                                  const GroupContext& context, const Applied& applied,
                                  TreePrivateKeys& keys) {
  if (auto valid = validate_leaf_node(state.tree, path.leaf_node,
                                      {.source = LeafNodeSource::commit,
                                       .group_id = context.group_id,
                                       .index = committer,
                                       .replacing = committer});
      !valid) {
    return valid.error();
  }
  if (auto merged = merge_update_path(state.tree, committer, path); !merged) return merged.error();
  GroupContext provisional = context;
  provisional.epoch += 1;
  provisional.tree_hash = state.tree.tree_hash();
  auto received = keys.decrypt_path(state.tree, committer, path, provisional, applied.added);
  if (!received) return received.error();
  return std::move(received->commit_secret);
}

// Everything of section 12.4.2 after authentication, on the staged tree.
Result<NextEpoch> stage_commit(GroupState& state, const AuthenticatedContent& content,
                               const Commit& commit) {
  const auto committer = leaf_of(content.content.sender);
  if (!committer || *committer == state.own_leaf) return Errc::invalid_sender;
  auto proposals = resolve(state, commit, content.content.sender);
  if (!proposals) return proposals.error();
  if (auto valid = validate_member_list(state, *proposals, *committer); !valid) return valid.error();
  if (path_required(*proposals) && !commit.path) return Errc::path_required;

  GroupContext context = state.epoch.context;
  auto applied = apply_proposals(state, *proposals, context);
  if (!applied) return applied.error();
  auto keys = state.private_keys.clone();
  keys.forget_blank_nodes(state.tree);
  crypto::Secret commit_secret(state.suite.secret_size());
  if (commit.path && !applied->removed_self) {
    auto secret = apply_path(state, *commit.path, *committer, context, *applied, keys);
    if (!secret) return secret.error();
    commit_secret = std::move(*secret);
  } else if (commit.path) {
    if (auto merged = merge_update_path(state.tree, *committer, *commit.path); !merged) {
      return merged.error();
    }
  }
  auto psk = commit_psk_secret(state, applied->psk_ids);
  if (!psk) return psk.error();

  context.epoch += 1;
  context.tree_hash = state.tree.tree_hash();
  context.confirmed_transcript_hash = confirmed_transcript_hash(
      state.suite, state.epoch.interim_transcript_hash, confirmed_transcript_hash_input(content));
  auto secrets = derive_epoch(state.suite, state.epoch.init_secret.view(), commit_secret.view(),
                              psk->view(), context);
  if (!secrets) return secrets.error();
  const Bytes& tag = *content.auth.confirmation_tag;
  if (auto confirmed = verify_confirmation_tag(state.suite, secrets->confirmation_key.view(),
                                               context.confirmed_transcript_hash, tag);
      !confirmed) {
    return confirmed.error();
  }
  Bytes interim = interim_transcript_hash(state.suite, context.confirmed_transcript_hash, tag);
  return NextEpoch{std::move(context), std::move(*secrets), std::move(interim), std::move(keys),
                   applied->removed_self};
}

}  // namespace

Result<Received> process_commit(GroupState& state, const AuthenticatedContent& content) {
  const auto& commit = *content.content.content.get_if<Commit>();
  if (!content.auth.confirmation_tag) return Errc::confirmation_tag_invalid;
  state.tree.begin_staging();
  auto next = stage_commit(state, content, commit);
  if (!next) {
    state.tree.discard_staged();
    return next.error();
  }
  state.tree.keep_staged();
  state.private_keys = std::move(next->private_keys);
  state.removed = next->removed_self;
  if (auto entered = state.enter_epoch(std::move(next->context), std::move(next->secrets),
                                       std::move(next->interim_transcript_hash));
      !entered) {
    return entered.error();
  }
  return Received{Received::Kind::commit, content.content.sender, {}, state.removed};
}

}  // namespace conclave::mls
