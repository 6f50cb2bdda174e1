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

bool is_resync(const mls::Sender& committer, const std::vector<mls::ResolvedProposal>& proposals) {
  return committer.holds<mls::NewMemberCommitSender>() &&
         std::any_of(proposals.begin(), proposals.end(),
                     [](const mls::ResolvedProposal& p) { return p.proposal.holds<mls::Remove>(); });
}

// Others are removed by the host, and a member may remove itself; in an
// external Commit a Remove is a resync, which check_meeting_resync checks
// (the host's included: its new leaf is the leftmost blank one, its old).
// Only the host adds. A locked meeting takes no one new.
Status check_proposal(const MeetingState& next, bool resync, const mls::ResolvedProposal& p) {
  if (const auto* remove = p.proposal.get_if<mls::Remove>()) {
    if (resync) return {};
    if (remove->removed == next.host_leaf) return Errc::not_permitted;
    const bool allowed = from_leaf(p.sender, next.host_leaf) || from_leaf(p.sender, remove->removed);
    return allowed ? Status{} : Status{Errc::not_permitted};
  }
  const bool host_only = p.proposal.holds<mls::ReInit>() || p.proposal.holds<mls::Add>();
  if (host_only && !from_leaf(p.sender, next.host_leaf)) return Errc::not_permitted;
  const bool newcomer = p.proposal.holds<mls::Add>() || (p.proposal.holds<mls::ExternalInit>() && !resync);
  if (next.locked != 0 && newcomer) return Errc::not_permitted;
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
  const bool resync = is_resync(committer, proposals);
  for (const auto& p : proposals) {
    if (auto allowed = check_proposal(*next, resync, p); !allowed) return allowed;
  }
  return {};
}

Status check_meeting_resync(const mls::LeafNode& removed, const mls::LeafNode& joiner) {
  const bool same = removed.signature_key == joiner.signature_key &&
                    codec::encode(removed.credential) == codec::encode(joiner.credential);
  return same ? Status{} : Status{Errc::not_permitted};
}

mls::GroupConfig meeting_rules() {
  mls::GroupConfig config;
  config.commit_policy = check_meeting_commit;
  config.resync = check_meeting_resync;
  return config;
}

}  // namespace conclave::meeting
