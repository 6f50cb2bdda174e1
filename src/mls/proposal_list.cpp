// RFC 9420 sections 12.2 and 12.3: validating and applying proposal lists.

#include "proposal_list.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "credential_succession.hpp"

namespace conclave::mls {

namespace {

std::string text_of(BytesView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

template <class T>
std::size_t count_of(const std::vector<ResolvedProposal>& proposals) {
  return static_cast<std::size_t>(std::count_if(
      proposals.begin(), proposals.end(), [](const auto& p) { return p.proposal.template holds<T>(); }));
}

// Section 12.1.4: a PSK proposal's nonce is KDF.Nh bytes, and a resumption
// PSK has usage application, except in the first Commit of a group made by
// reinitialization or branching (sections 11.2 and 11.3).
bool psk_proposal_valid(const GroupState& state, const PreSharedKey& proposal) {
  if (proposal.psk.psk_nonce.size() != state.suite.secret_size()) return false;
  const auto* resumption = proposal.psk.psk.get_if<ResumptionPskId>();
  return resumption == nullptr || resumption->usage == ResumptionPskUsage::application ||
         resumption->usage == state.first_commit_usage;
}

// Section 12.1.5: a ReInit does not lower the protocol version; section
// 13: its extensions are distinct.
Status validate_reinit(const GroupState& state, const ReInit& reinit) {
  if (reinit.version < state.epoch.context.version) return Errc::invalid_proposal;
  return check_extensions_unique(reinit.extensions);
}

// Section 10.1 and 7.3: a KeyPackage that may be added to this group;
// section 13: its leaf supports every GroupContext extension.
Status validate_added_key_package(const GroupState& state, const KeyPackage& key_package,
                                  const GroupContext& context) {
  if (auto valid = validate_key_package(state.suite, key_package, state.config.now); !valid) {
    return valid;
  }
  auto required = find_required_capabilities(context.extensions);
  if (!required) return required.error();
  return validate_leaf_node(state.tree, key_package.leaf_node,
                            {.source = LeafNodeSource::key_package,
                             .group_id = context.group_id,
                             .required = *required ? &**required : nullptr,
                             .group_extensions = &context.extensions,
                             .now = state.config.now,
                             .credentials = &state.config.credentials,
                             .signature_verified = true});
}

// Required proposal types are not indexed (a GroupContextExtensions
// proposal that requires one is rare), so the leaves are read.
Status proposals_supported_by_all(const RatchetTree& tree, const std::vector<ProposalType>& types) {
  for (const auto type : types) {
    if (is_default_proposal(type)) continue;
    for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
      const auto leaf = tree.leaf(LeafIndex{i});
      if (!leaf) continue;
      const auto& listed = leaf->capabilities.proposals;
      if (std::find(listed.begin(), listed.end(), type) == listed.end()) {
        return Errc::capability_mismatch;
      }
    }
  }
  return {};
}

// Section 12.1.7: every member supports every extension of a
// GroupContextExtensions proposal, and any required capabilities in it.
Status supported_by_all(const RatchetTree& tree, const ExtensionList& extensions) {
  if (auto unique = check_extensions_unique(extensions); !unique) return unique;
  const auto members = tree.member_count();
  for (const auto& extension : extensions) {
    if (!is_default_extension(extension.extension_type) &&
        tree.members_supporting(extension.extension_type) < members) {
      return Errc::capability_mismatch;
    }
  }
  const auto* required = find_extension(extensions, ExtensionType::required_capabilities);
  if (required == nullptr) return {};
  auto parsed = parse_extension<RequiredCapabilities>(*required);
  if (!parsed) return Errc::invalid_proposal;
  for (const auto type : parsed->extension_types) {
    if (!is_default_extension(type) && tree.members_supporting(type) < members) {
      return Errc::capability_mismatch;
    }
  }
  for (const auto type : parsed->credential_types) {
    if (tree.members_supporting(type) < members) return Errc::capability_mismatch;
  }
  return proposals_supported_by_all(tree, parsed->proposal_types);
}

}  // namespace

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

bool allowed_from(const Sender& sender, const Proposal& proposal) {
  if (sender.holds<MemberSender>()) return true;
  if (sender.holds<NewMemberProposalSender>()) return proposal.holds<Add>();
  if (sender.holds<ExternalSenderIndex>()) {
    return proposal.holds<Add>() || proposal.holds<Remove>() || proposal.holds<PreSharedKey>() ||
           proposal.holds<ReInit>() || proposal.holds<GroupContextExtensions>();
  }
  return false;
}

std::optional<LeafIndex> leaf_of(const Sender& sender) {
  const auto* member = sender.get_if<MemberSender>();
  if (member == nullptr) return std::nullopt;
  return LeafIndex{member->leaf_index};
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
      const BytesView key = state.tree.signature_key(LeafIndex{remove->removed});
      if (key.empty()) return Errc::invalid_proposal;
      removed_keys.insert(text_of(key));
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
      if (!psk_proposal_valid(state, *psk) || !psk_ids.insert(text_of(codec::encode(psk->psk))).second) {
        return Errc::invalid_proposal;
      }
    } else if (const auto* reinit = proposal.get_if<ReInit>()) {
      if (auto valid = validate_reinit(state, *reinit); !valid) return valid;
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

// Section 12.2: an external Commit carries exactly one ExternalInit, at
// most one Remove, any PreSharedKeys, and nothing else.
Status validate_external_list(const std::vector<ResolvedProposal>& proposals) {
  const bool only_allowed = std::all_of(proposals.begin(), proposals.end(), [](const auto& p) {
    return p.proposal.template holds<ExternalInit>() || p.proposal.template holds<Remove>() ||
           p.proposal.template holds<PreSharedKey>();
  });
  if (!only_allowed || count_of<ExternalInit>(proposals) != 1 || count_of<Remove>(proposals) > 1) {
    return Errc::invalid_proposal;
  }
  return {};
}

Result<LeafIndex> place_external_joiner(RatchetTree& tree, const LeafNode& leaf) {
  LeafNode placeholder = leaf;
  placeholder.encryption_key.clear();
  return tree.add_leaf(std::move(placeholder));
}

bool path_required(const std::vector<ResolvedProposal>& proposals) {
  return proposals.empty() ||
         std::any_of(proposals.begin(), proposals.end(), [](const auto& p) {
           return p.proposal.template holds<Update>() || p.proposal.template holds<Remove>() ||
                  p.proposal.template holds<ExternalInit>() ||
                  p.proposal.template holds<GroupContextExtensions>();
         });
}

Status validate_replacing_leaf(const GroupState& state, const LeafNode& leaf, LeafNodeSource source,
                               LeafIndex index, const GroupContext& context) {
  auto required = find_required_capabilities(context.extensions);
  if (!required) return required.error();
  if (auto valid = validate_leaf_node(state.tree, leaf,
                                      {.source = source,
                                       .group_id = context.group_id,
                                       .index = index,
                                       .replacing = index,
                                       .required = *required ? &**required : nullptr,
                                       .credentials = &state.config.credentials});
      !valid) {
    return valid;
  }
  // Section 5.3.1: the new credential succeeds the member's old one.
  return check_successor(state.config, state.tree.leaf(index)->credential, leaf.credential);
}

// Section 12.3, in its order: GroupContextExtensions, Updates, Removes,
// Adds (in list order), then PSKs and ExternalInit noted.
Result<Applied> apply_proposals(GroupState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context) {
  Applied applied;
  for (const auto& p : proposals) {
    if (const auto* extensions = p.proposal.get_if<GroupContextExtensions>()) {
      if (auto supported = supported_by_all(state.tree, extensions->extensions); !supported) {
        return supported.error();
      }
      context.extensions = extensions->extensions;
    }
  }
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<Update>();
    if (update == nullptr) continue;
    const LeafIndex sender = *leaf_of(p.sender);
    if (sender == state.own_leaf) {
      // Section 12.1.2: this member's own Update, committed by another.
      auto key = state.pending_update_keys.find(text_of(update->leaf_node.encryption_key));
      if (key == state.pending_update_keys.end()) return Errc::invalid_proposal;
      applied.own_leaf_key = key->second.clone();
    }
    if (auto valid = validate_replacing_leaf(state, update->leaf_node, LeafNodeSource::update, sender, context);
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
      if (auto valid = validate_added_key_package(state, add->key_package, context); !valid) {
        return valid.error();
      }
      auto index = state.tree.add_leaf(add->key_package.leaf_node);
      if (!index) return index.error();
      applied.added.push_back(*index);
      applied.added_key_packages.push_back(&add->key_package);
    } else if (const auto* psk = p.proposal.get_if<PreSharedKey>()) {
      applied.psk_ids.push_back(psk->psk);
    } else if (const auto* reinit = p.proposal.get_if<ReInit>()) {
      applied.reinit = *reinit;
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

}  // namespace conclave::mls
