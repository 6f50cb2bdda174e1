#include "meeting_policy.hpp"

#include <algorithm>

#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "continuity_policy.hpp"

namespace conclave::meeting {

namespace {

// The MeetingState after the Commit: the current one, or the one in its
// GroupContextExtensions (whose sender check_continuity checks).
Result<MeetingState> next_state(const MeetingState& current, const std::vector<mls::ResolvedProposal>& proposals) {
  for (const auto& p : proposals) {
    const auto* extensions = p.proposal.get_if<mls::GroupContextExtensions>();
    if (extensions == nullptr) continue;
    auto next = meeting_state_of(extensions->extensions);
    if (!next) return Errc::invalid_proposal;
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

}  // namespace

Status check_meeting_commit(const mls::GroupContext& context, const mls::Sender& committer,
                            const std::vector<mls::ResolvedProposal>& proposals) {
  auto current = meeting_state_of(context.extensions);
  if (!current) return current.error();
  auto roles = meeting_roles_of(context.extensions);
  if (!roles) return roles.error();
  auto next = next_state(*current, proposals);
  if (!next) return next.error();
  if (!carries_psk(next->meeting_id, proposals)) return Errc::psk_missing;
  return check_continuity(*roles, committer, proposals);
}

Status check_meeting_proposal(const mls::GroupContext& context, const mls::Sender& sender,
                              const mls::Proposal& proposal) {
  auto roles = meeting_roles_of(context.extensions);
  if (!roles) return roles.error();
  return check_proposal_sender(*roles, sender, proposal);
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
  config.components = meeting_components();
  return config;
}

}  // namespace conclave::meeting
