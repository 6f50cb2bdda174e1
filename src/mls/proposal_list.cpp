// RFC 9420 sections 12.2 and 12.3: validating and applying proposal lists.

#include "proposal_list.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <string>

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/negotiation.hpp"
#include "credential_succession.hpp"
#include "external_senders.hpp"

namespace conclave::mls {

namespace {

template <class T>
std::size_t count_of(const std::vector<ResolvedProposal>& proposals) {
  return static_cast<std::size_t>(std::count_if(
      proposals.begin(), proposals.end(), [](const auto& p) { return p.proposal.template holds<T>(); }));
}

// Section 12.1.4: a PSK proposal's nonce is KDF.Nh bytes, and a resumption
// PSK has usage application, except in the first Commit of a group made by
// reinitialization or branching (sections 11.2 and 11.3).
bool psk_proposal_valid(const PublicState& state, const PreSharedKey& proposal) {
  if (proposal.psk.psk_nonce.size() != state.suite.secret_size()) return false;
  const auto* resumption = proposal.psk.psk.get_if<ResumptionPskId>();
  return resumption == nullptr || resumption->usage == ResumptionPskUsage::application ||
         resumption->usage == state.first_commit_usage;
}

// Section 12.1.5: a ReInit does not lower the protocol version; section
// 13: its extensions are distinct.
Status validate_reinit(const PublicState& state, const ReInit& reinit) {
  if (reinit.version < state.context.version) return Errc::invalid_proposal;
  return check_extension_list(reinit.extensions);
}

// Section 10.1 and 7.3: a KeyPackage that may be added to this group;
// section 13: its leaf supports every GroupContext extension. `required`
// is the context's required capabilities, parsed once by the caller.
Status validate_added_key_package(const PublicState& state, const KeyPackage& key_package,
                                  const GroupContext& context, const RequiredCapabilities* required) {
  if (auto valid = validate_key_package(state.suite, key_package, state.config.now); !valid) {
    return valid;
  }
  if (auto valid = validate_leaf_node(state.tree, key_package.leaf_node,
                                      {.source = LeafNodeSource::key_package,
                                       .group_id = context.group_id,
                                       .required = required,
                                       .group_extensions = &context.extensions,
                                       .now = state.config.now,
                                       .credentials = &state.config.credentials,
                                       .signature_verified = true});
      !valid) {
    return valid;
  }
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components".
  return supports_component_requirements(key_package.leaf_node, context.extensions);
}

// The non-default proposal types of `proposals`, each once.
std::vector<ProposalType> non_default_types(const std::vector<ResolvedProposal>& proposals) {
  std::vector<ProposalType> types;
  for (const auto& p : proposals) {
    const ProposalType type = p.proposal.tag();
    if (!is_default_proposal(type) && std::find(types.begin(), types.end(), type) == types.end()) {
      types.push_back(type);
    }
  }
  return types;
}

// Section 12.1.7: every member supports every extension of a
// GroupContextExtensions proposal, and any required capabilities in it
// (extension and credential types by the tree's indexes).
Status supported_by_all(const RatchetTree& tree, const ExtensionList& extensions) {
  if (auto listed = check_extension_list(extensions); !listed) return listed;
  const auto members = tree.member_count();
  for (const auto& extension : extensions) {
    if (!is_default_extension(extension.extension_type) &&
        tree.members_supporting(extension.extension_type) < members) {
      return Errc::capability_mismatch;
    }
  }
  auto required = find_required_capabilities(extensions);
  if (!required) return Errc::invalid_proposal;
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components": the
  // wire formats and components it requires, likewise.
  if (!find_component_requirements(extensions)) return Errc::invalid_proposal;
  if (auto meets = members_meet_component_requirements(tree, extensions); !meets) return meets;
  if (!*required) return {};
  for (const auto type : (*required)->extension_types) {
    if (tree.members_supporting(type) < members) return Errc::capability_mismatch;
  }
  for (const auto type : (*required)->credential_types) {
    if (tree.members_supporting(type) < members) return Errc::capability_mismatch;
  }
  return proposals_supported_by_all(tree, (*required)->proposal_types);
}

// draft-ietf-mls-extensions, after the proposals of section 12.3: the
// AppEphemerals and AppDataUpdates. Section 13: every member, the added ones
// included, supports an app_data_dictionary they bring into the GroupContext.
Result<std::vector<CommittedEphemeral>> apply_app_data(const PublicState& state,
                                                       const std::vector<ResolvedProposal>& proposals,
                                                       GroupContext& context) {
  const bool had_dictionary = find_extension(context.extensions, ExtensionType::app_data_dictionary) != nullptr;
  auto ephemerals = apply_app_proposals(state.config.components, proposals, context.extensions);
  if (!ephemerals) return ephemerals.error();
  const bool has_dictionary = find_extension(context.extensions, ExtensionType::app_data_dictionary) != nullptr;
  if (!had_dictionary && has_dictionary &&
      state.tree.members_supporting(ExtensionType::app_data_dictionary) < state.tree.member_count()) {
    return Errc::capability_mismatch;
  }
  return ephemerals;
}

}  // namespace

// Required proposal types are not indexed (a GroupContextExtensions
// proposal that requires one is rare), so each leaf (but `except`) is read
// once and checked against all of them: linear in the tree.
Status proposals_supported_by_all(const RatchetTree& tree, const std::vector<ProposalType>& types,
                                  std::optional<LeafIndex> except) {
  if (types.empty()) return {};
  const RequiredCapabilities proposals{{}, types, {}};
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    const auto leaf = tree.leaf(LeafIndex{i});
    if (!leaf || except == LeafIndex{i}) continue;
    if (auto supported = supports_required(*leaf, proposals); !supported) return supported;
  }
  return {};
}

// The committed proposals, by value from the committer or by reference
// from this epoch's cache.
Result<std::vector<ResolvedProposal>> resolve(const ProposalCache& cache, const Commit& commit,
                                              const Sender& committer) {
  std::vector<ResolvedProposal> out;
  for (const auto& entry : commit.proposals) {
    if (const auto* value = entry.get_if<Proposal>()) {
      out.push_back({*value, committer});
      continue;
    }
    const auto found = cache.find(text_of(*entry.get_if<ProposalRef>()));
    if (found == cache.end()) return Errc::unknown_proposal;
    // Section 12.4.3.2: an external joiner cannot know the proposals sent
    // within the group, so its Commit carries none by reference; except
    // (draft-ietf-mls-extensions, "SelfRemove Proposal") the pending
    // SelfRemoves, which it fetches with the GroupInfo.
    if (committer.holds<NewMemberCommitSender>() && !found->second.proposal.holds<SelfRemove>()) {
      return Errc::invalid_proposal;
    }
    out.push_back({found->second.proposal, found->second.sender});
  }
  return out;
}

// draft-ietf-mls-extensions, "SelfRemove Proposal": a SelfRemove comes
// from a member only (External: N in its registry entry).
bool allowed_from(const Sender& sender, const Proposal& proposal) {
  if (sender.holds<MemberSender>()) return true;
  if (sender.holds<NewMemberProposalSender>()) return proposal.holds<Add>();
  if (sender.holds<ExternalSenderIndex>()) {
    // draft-ietf-mls-extensions: AppDataUpdate and AppEphemeral too.
    return proposal.holds<Add>() || proposal.holds<Remove>() || proposal.holds<PreSharedKey>() ||
           proposal.holds<ReInit>() || proposal.holds<GroupContextExtensions>() || is_app_proposal(proposal);
  }
  return false;
}

std::optional<LeafIndex> removed_leaf(const ResolvedProposal& p) {
  if (const auto* remove = p.proposal.get_if<Remove>()) return LeafIndex{remove->removed};
  if (p.proposal.holds<SelfRemove>()) return leaf_of(p.sender);
  return std::nullopt;
}

int removal_rank(const Proposal& proposal) {
  if (proposal.holds<SelfRemove>()) return 0;
  return proposal.holds<Remove>() ? 1 : 2;
}

std::optional<LeafIndex> leaf_of(const Sender& sender) {
  const auto* member = sender.get_if<MemberSender>();
  if (member == nullptr) return std::nullopt;
  return LeafIndex{member->leaf_index};
}

Status ListRules::check_add(const Add& add) const {
  const auto& key = add.key_package.leaf_node.signature_key;
  const bool member = state_.tree.leaf_with_signature_key(key).has_value();
  if (added_keys_.contains(text_of(key)) || (member && !removed_keys_.contains(text_of(key)))) {
    return Errc::invalid_proposal;
  }
  return {};
}

Status ListRules::check(const ResolvedProposal& p) const {
  const auto& proposal = p.proposal;
  const auto refused = [](bool invalid) { return invalid ? Status(Errc::invalid_proposal) : Status(); };
  // A ReInit is alone in its list.
  if (reinit_ || (proposal.holds<ReInit>() && admitted_ > 0)) return Errc::invalid_proposal;
  if (const auto* reinit = proposal.get_if<ReInit>()) return validate_reinit(state_, *reinit);
  if (proposal.holds<Update>()) {
    const auto sender = leaf_of(p.sender);
    return refused(!sender || touched(sender->value));
  }
  if (const auto* remove = proposal.get_if<Remove>()) {
    return refused(state_.tree.signature_key(LeafIndex{remove->removed}).empty() || touched(remove->removed));
  }
  if (proposal.holds<SelfRemove>()) {
    // draft-ietf-mls-extensions, "SelfRemove Proposal": the sender's leaf is
    // removed, as by a Remove: it is a member's, not the committer's (so
    // one by value, whose sender is the committer, is refused: only by
    // reference), and no other Update, Remove or SelfRemove of the list
    // touches it.
    const auto sender = leaf_of(p.sender);
    return refused(!sender || state_.tree.signature_key(*sender).empty() || touched(sender->value));
  }
  if (const auto* add = proposal.get_if<Add>()) return check_add(*add);
  if (const auto* psk = proposal.get_if<PreSharedKey>()) {
    return refused(!psk_proposal_valid(state_, *psk) || psk_ids_.contains(text_of(codec::encode(psk->psk))));
  }
  if (const auto* extensions = proposal.get_if<GroupContextExtensions>()) {
    if (extensions_) return Errc::invalid_proposal;
    if (auto kept = check_dictionary_kept(state_.context.extensions, extensions->extensions); !kept) return kept;
    // Section 5.3.1: the external senders it names are judged like members.
    return check_external_senders(state_.config, extensions->extensions);
  }
  if (is_app_proposal(proposal)) return app_.check(proposal);
  return Errc::invalid_proposal;
}

void ListRules::record(const ResolvedProposal& p) {
  const auto& proposal = p.proposal;
  ++admitted_;
  if (proposal.holds<Update>()) {
    touched_.insert(leaf_of(p.sender)->value);
  } else if (const auto removed = removed_leaf(p)) {
    touched_.insert(removed->value);
    removed_keys_.insert(text_of(state_.tree.signature_key(*removed)));
  } else if (const auto* add = proposal.get_if<Add>()) {
    added_keys_.insert(text_of(add->key_package.leaf_node.signature_key));
  } else if (const auto* psk = proposal.get_if<PreSharedKey>()) {
    psk_ids_.insert(text_of(codec::encode(psk->psk)));
  }
  app_.record(proposal);
  extensions_ = extensions_ || proposal.holds<GroupContextExtensions>();
  reinit_ = reinit_ || proposal.holds<ReInit>();
}

namespace {

// Every proposal of `proposals`, in removal_rank() order: the removals
// first, since they make an Add of a removed member's key valid.
Status admit_all(ListRules& rules, const std::vector<ResolvedProposal>& proposals) {
  for (const int rank : {0, 1, 2}) {
    for (const auto& p : proposals) {
      if (removal_rank(p.proposal) != rank) continue;
      if (auto admitted = rules.admit(p); !admitted) return admitted;
    }
  }
  return {};
}

// Section 7.3 and RFC 9180 section 7.1.4: the keys of a new leaf that
// HPKE will encrypt to (a Welcome to the init key, paths to the
// encryption key).
Status keys_usable(const CipherSuite& suite, const Proposal& proposal) {
  const auto& kem = suite.hpke().kem();
  if (const auto* add = proposal.get_if<Add>()) {
    if (auto usable = kem.validate_public_key(add->key_package.init_key); !usable) return usable;
  }
  const auto* leaf = new_leaf(proposal);
  return leaf != nullptr ? kem.validate_public_key(leaf->encryption_key) : Status();
}

}  // namespace

const LeafNode* new_leaf(const Proposal& proposal) {
  if (const auto* add = proposal.get_if<Add>()) return &add->key_package.leaf_node;
  if (const auto* update = proposal.get_if<Update>()) return &update->leaf_node;
  return nullptr;
}

Status validate_content(const PublicState& state, const ResolvedProposal& p, const GroupContext& context) {
  const auto& proposal = p.proposal;
  if (auto usable = keys_usable(state.suite, proposal); !usable) return usable;
  // Section 12.2: the members that process the Commit support a proposal of
  // a non-default type; the leaf a SelfRemove removes need not.
  if (!is_default_proposal(proposal.tag())) {
    const auto removed = removed_leaf(p);
    if (auto supported = proposals_supported_by_all(state.tree, {proposal.tag()}, removed); !supported) {
      return supported;
    }
  }
  if (const auto* extensions = proposal.get_if<GroupContextExtensions>()) {
    return supported_by_all(state.tree, extensions->extensions);
  }
  if (is_app_proposal(proposal)) {
    return validate_app_proposal(state.config.components, p, context.extensions);
  }
  if (new_leaf(proposal) == nullptr) return {};
  auto required = find_required_capabilities(context.extensions);
  if (!required) return required.error();
  if (const auto* add = proposal.get_if<Add>()) {
    return validate_added_key_package(state, add->key_package, context, pointer_to(*required));
  }
  return validate_replacing_leaf(state, *new_leaf(proposal), LeafNodeSource::update, *leaf_of(p.sender), context,
                                 pointer_to(*required));
}

// Section 12.2, for a member's Commit.
Status validate_member_list(const PublicState& state, const std::vector<ResolvedProposal>& proposals,
                            LeafIndex committer) {
  ListRules rules(state, committer);
  return admit_all(rules, proposals);
}

// Section 12.2: an external Commit carries exactly one ExternalInit, at
// most one Remove, any PreSharedKeys, and nothing else (draft-ietf-mls-
// extensions, "SelfRemove Proposal": but any SelfRemoves; AppDataUpdates
// and AppEphemerals "can be included in an external Commit"); the others
// obey the rules of a member's list (section 12.1.4: nonce length, usage
// application, no PSK twice; the Remove names a member; no leaf removed
// twice; AppProposalRules).
Status validate_external_list(const PublicState& state, const std::vector<ResolvedProposal>& proposals) {
  const bool only_allowed = std::all_of(proposals.begin(), proposals.end(), [](const auto& p) {
    return p.proposal.template holds<ExternalInit>() || p.proposal.template holds<Remove>() ||
           p.proposal.template holds<PreSharedKey>() || p.proposal.template holds<SelfRemove>() ||
           is_app_proposal(p.proposal);
  });
  if (!only_allowed || count_of<ExternalInit>(proposals) != 1 || count_of<Remove>(proposals) > 1) {
    return Errc::invalid_proposal;
  }
  std::vector<ResolvedProposal> others;
  std::copy_if(proposals.begin(), proposals.end(), std::back_inserter(others),
               [](const auto& p) { return !p.proposal.template holds<ExternalInit>(); });
  ListRules rules(state, std::nullopt);
  return admit_all(rules, others);
}

// Section 12.2: the joiner's leaf replaces the removed one as an Update
// would: the application's resync policy, by default the credential
// successor rule (section 5.3.1), accepts the pair.
Status check_resync(const PublicState& state, const std::vector<ResolvedProposal>& proposals,
                    const LeafNode& joiner) {
  for (const auto& p : proposals) {
    const auto* remove = p.proposal.get_if<Remove>();
    if (remove == nullptr) continue;
    const auto removed = state.tree.leaf(LeafIndex{remove->removed});
    if (!removed) return Errc::invalid_proposal;
    return check_resync_leaf(state.config, *removed, joiner);
  }
  return {};
}

Status check_resync_leaf(const GroupConfig& config, const LeafNode& removed, const LeafNode& joiner) {
  // Section 12.1.2: like an Update's, the leaf brings a new encryption key.
  if (joiner.encryption_key == removed.encryption_key) return Errc::duplicate_key;
  if (config.resync) return config.resync(removed, joiner);
  return check_successor(config, removed.credential, joiner.credential);
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
                  p.proposal.template holds<SelfRemove>() || p.proposal.template holds<ExternalInit>() ||
                  p.proposal.template holds<GroupContextExtensions>();
         });
}

Status validate_replacing_leaf(const PublicState& state, const LeafNode& leaf, LeafNodeSource source,
                               LeafIndex index, const GroupContext& context,
                               const RequiredCapabilities* required) {
  const auto previous = state.tree.leaf(index);
  if (!previous) return Errc::invalid_sender;
  if (auto valid = validate_leaf_node(state.tree, leaf,
                                      {.source = source,
                                       .group_id = context.group_id,
                                       .index = index,
                                       .replacing = index,
                                       .replaced = &*previous,
                                       .required = required,
                                       .credentials = &state.config.credentials});
      !valid) {
    return valid;
  }
  // draft-ietf-mls-extensions, "Negotiating Extensions and Components".
  if (auto meets = supports_component_requirements(leaf, context.extensions); !meets) return meets;
  // Section 5.3.1: the new credential succeeds the member's old one.
  return check_successor(state.config, previous->credential, leaf.credential);
}

// Section 12.3, in its order: GroupContextExtensions, Updates,
// SelfRemoves, Removes, Adds (in list order), then PSKs and ExternalInit
// noted.
Result<Applied> apply_proposals(PublicState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context) {
  Applied applied;
  const GroupContextExtensions* new_extensions = nullptr;
  for (const auto& p : proposals) {
    if (const auto* extensions = p.proposal.get_if<GroupContextExtensions>()) {
      new_extensions = extensions;
      context.extensions = extensions->extensions;
    }
  }
  // Parsed once for every Update, Add and the path's leaf (issue 18).
  auto required = find_required_capabilities(context.extensions);
  // Section 12.1.7: a GroupContextExtensions proposal whose required
  // capabilities do not parse is invalid.
  if (!required) return new_extensions != nullptr ? Errc::invalid_proposal : required.error();
  applied.required = std::move(*required);
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<Update>();
    if (update == nullptr) continue;
    const LeafIndex sender = *leaf_of(p.sender);
    if (auto valid = validate_replacing_leaf(state, update->leaf_node, LeafNodeSource::update, sender, context,
                                             pointer_to(applied.required));
        !valid) {
      return valid.error();
    }
    if (auto done = state.tree.update_leaf(sender, update->leaf_node); !done) return done.error();
  }
  // draft-ietf-mls-extensions, "SelfRemove Proposal": SelfRemoves after
  // the Updates and before the Removes, each removing its sender's leaf.
  for (const int rank : {0, 1}) {
    for (const auto& p : proposals) {
      if (removal_rank(p.proposal) != rank) continue;
      const LeafIndex removed = *removed_leaf(p);
      if (auto done = state.tree.remove_leaf(removed); !done) return Errc::invalid_proposal;
      applied.removed.push_back(removed);
    }
  }
  // Section 12.2: the members left once the removals are applied support
  // every non-default proposal type of the list (draft-ietf-mls-extensions:
  // a SelfRemove needs a self-remove-capable group).
  if (auto supported = proposal_types_supported(state.tree, proposals); !supported) return supported.error();
  // Section 12.1.7: the members left once the Removes are applied support
  // the new extensions (each added member is checked as it is added).
  if (new_extensions != nullptr) {
    if (auto supported = supported_by_all(state.tree, new_extensions->extensions); !supported) {
      return supported.error();
    }
  }
  for (const auto& p : proposals) {
    if (const auto* add = p.proposal.get_if<Add>()) {
      if (auto valid = validate_added_key_package(state, add->key_package, context, pointer_to(applied.required));
          !valid) {
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
  auto ephemerals = apply_app_data(state, proposals, context);
  if (!ephemerals) return ephemerals.error();
  applied.ephemerals = std::move(*ephemerals);
  return applied;
}

Status proposal_types_supported(const RatchetTree& tree, const std::vector<ResolvedProposal>& proposals) {
  return proposals_supported_by_all(tree, non_default_types(proposals));
}

bool removes(const Applied& applied, LeafIndex leaf) {
  return std::find(applied.removed.begin(), applied.removed.end(), leaf) != applied.removed.end();
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
