#include "meeting_policy.hpp"

#include <algorithm>

#include "conclave/meeting/meeting_state.hpp"

namespace conclave::meeting {

namespace {

bool from_leaf(const mls::Sender& sender, std::uint32_t leaf) {
  const auto* member = sender.get_if<mls::MemberSender>();
  return member != nullptr && member->leaf_index == leaf;
}

// The MeetingState after the Commit: the current one, or the host's
// GroupContextExtensions (which may not change the host).
Result<MeetingState> next_state(const MeetingState& current, const std::vector<mls::ResolvedProposal>& proposals) {
  for (const auto& p : proposals) {
    const auto* extensions = p.proposal.get_if<mls::GroupContextExtensions>();
    if (extensions == nullptr) continue;
    if (!from_leaf(p.sender, current.host_leaf)) return Errc::not_permitted;
    auto next = meeting_state_of(extensions->extensions);
    if (!next) return Errc::invalid_proposal;
    if (next->host_leaf != current.host_leaf) return Errc::not_permitted;
    return next;
  }
  return current;
}

bool carries_psk(const Bytes& meeting_id, const std::vector<mls::ResolvedProposal>& proposals) {
  return std::any_of(proposals.begin(), proposals.end(), [&](const mls::ResolvedProposal& p) {
    const auto* psk = p.proposal.get_if<mls::PreSharedKey>();
    if (psk == nullptr) return false;
    const auto* external = psk->psk.psk.get_if<mls::ExternalPskId>();
    return external != nullptr && external->psk_id == meeting_id;
  });
}

// Others are removed by the host, and a member may remove itself; an
// external Commit removes no one. Only the host adds.
Status check_proposal(const MeetingState& next, const mls::Sender& committer, const mls::ResolvedProposal& p) {
  if (const auto* remove = p.proposal.get_if<mls::Remove>()) {
    if (remove->removed == next.host_leaf || committer.holds<mls::NewMemberCommitSender>()) return Errc::not_permitted;
    const bool allowed = from_leaf(p.sender, next.host_leaf) || from_leaf(p.sender, remove->removed);
    return allowed ? Status{} : Status{Errc::not_permitted};
  }
  const bool host_only = p.proposal.holds<mls::ReInit>() || p.proposal.holds<mls::Add>();
  if (host_only && !from_leaf(p.sender, next.host_leaf)) return Errc::not_permitted;
  if (next.locked != 0 && (p.proposal.holds<mls::Add>() || p.proposal.holds<mls::ExternalInit>())) {
    return Errc::not_permitted;
  }
  return {};
}

}  // namespace

Status check_meeting_commit(const mls::GroupContext& context, const mls::Sender& committer,
                            const std::vector<mls::ResolvedProposal>& proposals) {
  auto current = meeting_state_of(context.extensions);
  if (!current) return current.error();
  auto next = next_state(*current, proposals);
  if (!next) return next.error();
  if (!carries_psk(next->meeting_id, proposals)) return Errc::psk_missing;
  for (const auto& p : proposals) {
    if (auto allowed = check_proposal(*next, committer, p); !allowed) return allowed;
  }
  return {};
}

}  // namespace conclave::meeting
