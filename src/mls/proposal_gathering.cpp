// RFC 9420 sections 12.1 and 12.4.1: caching received proposals, and
// gathering them into this member's Commit.

#include "proposal_gathering.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace conclave::mls {

namespace {

bool lists(const LeafNode& leaf, CredentialType type) {
  const auto& listed = leaf.capabilities.credentials;
  return std::find(listed.begin(), listed.end(), type) != listed.end();
}

// What the leaves chosen for a Commit (Adds and Updates) bring into the
// tree, each checked on receipt against the tree alone. Section 7.3: their
// keys are unique in the tree, and every leaf supports every credential
// type in use, theirs included.
class NewLeaves {
 public:
  bool fit(const LeafNode& leaf) const {
    if (keys_.contains(text_of(leaf.signature_key)) || keys_.contains(text_of(leaf.encryption_key))) {
      return false;
    }
    const auto supporting = support_.find(leaf.credential.tag());
    if ((supporting == support_.end() ? 0 : supporting->second) < count_) return false;
    return std::all_of(types_used_.begin(), types_used_.end(),
                       [&](CredentialType type) { return lists(leaf, type); });
  }
  void record(const LeafNode& leaf) {
    keys_.insert(text_of(leaf.signature_key));
    keys_.insert(text_of(leaf.encryption_key));
    const auto& listed = leaf.capabilities.credentials;
    for (const auto type : std::set<CredentialType>(listed.begin(), listed.end())) ++support_[type];
    types_used_.insert(leaf.credential.tag());
    ++count_;
  }

 private:
  std::set<std::string> keys_;
  std::map<CredentialType, std::size_t> support_;  // how many of the leaves list each type
  std::set<CredentialType> types_used_;
  std::size_t count_ = 0;
};

// Where a received proposal is considered for a Commit: SelfRemoves, then
// Removes (removal_rank(): a Remove of a leaf a SelfRemove removes is the
// one left out; both make Adds of a removed member's key valid), then the
// GroupContextExtensions (the context of the Adds and Updates after it),
// and a ReInit last (it must be alone).
int gathering_rank(const Proposal& proposal) {
  if (const int rank = removal_rank(proposal); rank < 2) return rank;
  if (proposal.holds<GroupContextExtensions>()) return 2;
  return proposal.holds<ReInit>() ? 4 : 3;
}

// The most received AppDataUpdates of one component a Commit takes.
constexpr std::size_t max_received_updates = 16;

// Section 12.4.1: builds a member's list with the rules, its context and
// its new leaves as it goes.
class Gathering {
 public:
  explicit Gathering(const GroupState& state)
      : state_(state), rules_(state, state.own_leaf), context_(state.context) {}

  // This member's own proposal, which may not be left out.
  Status take_own(const ResolvedProposal& p) {
    if (auto admitted = rules_.admit(p); !admitted) return admitted;
    if (new_leaf(p.proposal) != nullptr) own_leaves_.push_back(&p);
    if (is_app_proposal(p.proposal)) own_app_.push_back(p);
    note(p);
    note_update(p.proposal, p.sender, own_updates_);
    return {};
  }

  // A received proposal, taken if it is valid and keeps the list valid.
  bool offer(const CachedProposal& cached) {
    const ResolvedProposal p{cached.proposal, cached.sender};
    const auto* leaf = new_leaf(p.proposal);
    if (cached.checked == ProposalCheck::invalid || !rules_.check(p) || (leaf && !leaves_.fit(*leaf))) {
      return false;
    }
    // Receipt checked it against the epoch's context, which a
    // GroupContextExtensions in this Commit may have changed.
    const bool context_changed = !(context_.extensions == state_.context.extensions);
    if ((cached.checked == ProposalCheck::not_yet || context_changed) &&
        !validate_content(state_, p, context_)) {
      return false;
    }
    const auto* psk = p.proposal.get_if<PreSharedKey>();
    if (psk != nullptr && !state_.psk(psk->psk)) return false;
    if (const auto* extensions = p.proposal.get_if<GroupContextExtensions>()) {
      if (!own_leaves_fit(extensions->extensions) || !own_app_fits(extensions->extensions)) return false;
    }
    if (!updates_accepted(p)) return false;
    rules_.record(p);
    note(p);
    // Views into `cached`, which the cache keeps while the Commit is made.
    note_update(cached.proposal, cached.sender, received_updates_);
    return true;
  }

 private:
  using Updates = std::map<ComponentId, std::vector<ProposedUpdate>>;

  // `updates` then views into `proposal`, which must outlive it.
  static void note_update(const Proposal& proposal, const Sender& sender, Updates& updates) {
    const auto* update = proposal.get_if<AppDataUpdate>();
    const auto* data = update != nullptr ? update->op.get_if<ComponentUpdate>() : nullptr;
    if (data != nullptr) updates[update->component_id].push_back({sender, data->update});
  }

  // draft-ietf-mls-extensions "Updating Application Data in the
  // GroupContext": the component's logic accepts its updates with this
  // received one, in the Commit's order (the received ones taken, this
  // one, then this member's own, which are listed last). Each trial hands
  // the logic every update taken so far, so a Commit takes at most
  // max_received_updates of one component (the others wait for a later
  // Commit): the logic's work stays bounded however many a sender posts.
  bool updates_accepted(const ResolvedProposal& p) const {
    const auto* update = p.proposal.get_if<AppDataUpdate>();
    if (update == nullptr || !update->op.holds<ComponentUpdate>()) return true;
    const ComponentId component = update->component_id;
    Updates trial;
    if (const auto taken = received_updates_.find(component); taken != received_updates_.end()) {
      if (taken->second.size() >= max_received_updates) return false;
      trial[component] = taken->second;
    }
    note_update(p.proposal, p.sender, trial);
    auto& updates = trial[component];
    if (const auto own = own_updates_.find(component); own != own_updates_.end()) {
      updates.insert(updates.end(), own->second.begin(), own->second.end());
    }
    return updated_data(state_.config.components, context_.extensions, component, updates).ok();
  }

  // This member's own AppDataUpdates and AppEphemerals, which are never left
  // out, still apply under the extensions a received GroupContextExtensions
  // would set (else that proposal is left out).
  bool own_app_fits(const ExtensionList& extensions) const {
    ExtensionList next = extensions;
    return apply_app_proposals(state_.config.components, own_app_, next).ok();
  }

  void note(const ResolvedProposal& p) {
    if (const auto* leaf = new_leaf(p.proposal)) leaves_.record(*leaf);
    if (const auto* extensions = p.proposal.get_if<GroupContextExtensions>()) {
      context_.extensions = extensions->extensions;
    }
  }

  // Section 12.1.7: this member's own Adds and Updates, which are never
  // left out, support the context a received GroupContextExtensions would
  // make (else that proposal is left out).
  bool own_leaves_fit(const ExtensionList& extensions) const {
    GroupContext next = context_;
    next.extensions = extensions;
    return std::all_of(own_leaves_.begin(), own_leaves_.end(),
                       [&](const ResolvedProposal* own) { return validate_content(state_, *own, next).ok(); });
  }

  const GroupState& state_;
  ListRules rules_;
  GroupContext context_;
  NewLeaves leaves_;
  std::vector<const ResolvedProposal*> own_leaves_;
  std::vector<ResolvedProposal> own_app_;
  Updates received_updates_;
  Updates own_updates_;
};

// Section 12.1: a received proposal, checked as a list of it alone would be
// (section 12.2) and for its content against the epoch.
Status validate_received_proposal(const PublicState& state, const Sender& sender, const Proposal& proposal) {
  const ResolvedProposal p{proposal, sender};
  if (auto alone = ListRules(state, std::nullopt).check(p); !alone) return alone;
  return validate_content(state, p, state.context);
}

}  // namespace

Result<GatheredProposals> gather_proposals(const GroupState& state, const CommitOptions& options) {
  const Sender self{MemberSender{state.own_leaf.value}};
  std::vector<ResolvedProposal> own;
  for (const auto& proposal : options.proposals) own.push_back({proposal, self});
  std::vector<std::pair<const std::string*, const CachedProposal*>> received;
  if (options.include_received) {
    for (const auto& [ref, cached] : state.proposals) received.emplace_back(&ref, &cached);
  }
  std::stable_sort(received.begin(), received.end(), [](const auto& a, const auto& b) {
    return gathering_rank(a.second->proposal) < gathering_rank(b.second->proposal);
  });
  const auto ranked_after = [&received](int rank) {
    return std::find_if(received.begin(), received.end(),
                        [rank](const auto& r) { return gathering_rank(r.second->proposal) > rank; });
  };
  const auto self_removes_end = ranked_after(0);
  const auto removes_end = ranked_after(1);

  Gathering gathering(state);
  GatheredProposals out;
  const auto take_own = [&](bool removes) {
    for (const auto& p : own) {
      if (p.proposal.holds<Remove>() != removes) continue;
      if (auto taken = gathering.take_own(p); !taken) return taken;
    }
    return Status();
  };
  const auto offer = [&](auto from, auto to) {
    for (auto r = from; r != to; ++r) {
      if (!gathering.offer(*r->second)) continue;
      out.resolved.push_back({r->second->proposal, r->second->sender});
      out.listed.push_back(ProposalOrRef{ProposalRef(r->first->begin(), r->first->end())});
    }
  };
  // The received SelfRemoves first (draft-ietf-mls-extensions: a Remove of
  // their leaves is invalid, this member's own included), then Removes,
  // received after own (which are never left out). This member's own
  // SelfRemove is left out (like a Remove of the committer, section 12.2),
  // and one by value is refused (only by reference).
  offer(received.begin(), self_removes_end);
  if (auto taken = take_own(true); !taken) return taken.error();
  offer(self_removes_end, removes_end);
  if (auto taken = take_own(false); !taken) return taken.error();
  offer(removes_end, received.end());
  for (auto& p : own) {
    out.listed.push_back(ProposalOrRef{p.proposal});
    out.resolved.push_back(std::move(p));
  }
  return out;
}

Status cache_received_proposal(PublicState& state, const AuthenticatedContent& content) {
  const auto& sender = content.content.sender;
  const auto& proposal = *content.content.content.get_if<Proposal>();
  if (!allowed_from(sender, proposal)) return Errc::invalid_proposal;
  const Status checked = validate_received_proposal(state, sender, proposal);
  // Section 12.1.8: the application authorizes every proposal from outside
  // the group, once it is known to be valid.
  if (sender.holds<NewMemberProposalSender>() || sender.holds<ExternalSenderIndex>()) {
    if (!checked) return checked;
    const auto& policy = state.config.external_proposals;
    if (!policy) return Errc::proposal_rejected;
    if (auto authorized = policy(state.context, sender, proposal); !authorized) return authorized;
  }
  return cache_proposal(state.proposals, state.config.max_cached_proposals, proposal_ref(state.suite, content),
                        CachedProposal{proposal, sender, checked ? ProposalCheck::valid : ProposalCheck::invalid});
}

Status cache_proposal(ProposalCache& cache, std::size_t limit, const Bytes& ref, CachedProposal proposal) {
  // A sender cannot grow the cache beyond what Commits could reference.
  if (cache.size() >= limit && !cache.contains(text_of(ref))) return Errc::decode_limit;
  cache.insert_or_assign(text_of(ref), std::move(proposal));
  return {};
}

}  // namespace conclave::mls
