#include "continuity_policy.hpp"

#include <algorithm>
#include <optional>

namespace conclave::meeting {

namespace {

std::optional<std::uint32_t> leaf_of(const mls::Sender& sender) {
  const auto* member = sender.get_if<mls::MemberSender>();
  if (member == nullptr) return std::nullopt;
  return member->leaf_index;
}

// The leaves the Commit takes out: its Removes (none in a resync) and the
// senders of its SelfRemoves (draft-ietf-mls-extensions, "SelfRemove
// Proposal": the leaf is the proposal's sender's).
std::vector<std::uint32_t> taken_out(const std::vector<mls::ResolvedProposal>& proposals, bool resync) {
  std::vector<std::uint32_t> leaves;
  for (const auto& p : proposals) {
    if (const auto* remove = p.proposal.get_if<mls::Remove>(); remove != nullptr && !resync) {
      leaves.push_back(remove->removed);
    }
    const auto sender = leaf_of(p.sender);
    if (p.proposal.holds<mls::SelfRemove>() && sender) leaves.push_back(*sender);
  }
  return leaves;
}

struct RolesUpdate {
  MeetingRoles next;
  mls::Sender sender;
};

// The Commit's one update of the roles, if any.
Result<std::optional<RolesUpdate>> roles_update_of(const std::vector<mls::ResolvedProposal>& proposals) {
  std::optional<RolesUpdate> found;
  for (const auto& p : proposals) {
    const auto* update = p.proposal.get_if<mls::AppDataUpdate>();
    if (update == nullptr || update->component_id != meeting_roles_component) continue;
    const auto* data = update->op.get_if<mls::ComponentUpdate>();
    if (found || data == nullptr) return Errc::invalid_proposal;
    auto next = decode_roles(data->update);
    if (!next) return Errc::invalid_proposal;
    found = RolesUpdate{std::move(*next), p.sender};
  }
  return found;
}

// Who may change what: the host anything, a co-host the lock only.
Status check_change(const MeetingRoles& roles, const RolesUpdate& update) {
  const auto sender = leaf_of(update.sender);
  if (!sender) return Errc::not_permitted;
  if (*sender == roles.host) return {};
  const bool lock_only = update.next.host == roles.host && update.next.co_hosts == roles.co_hosts;
  return roles.is_co_host(*sender) && lock_only ? Status{} : Status{Errc::not_permitted};
}

// A Commit that takes out a role holder carries exactly the succession, by
// its committer, a member.
Status check_succession(const MeetingRoles& roles, const mls::Sender& committer,
                        const std::optional<RolesUpdate>& update, const std::vector<std::uint32_t>& removed) {
  const auto committer_leaf = leaf_of(committer);
  if (!committer_leaf || !update || leaf_of(update->sender) != committer_leaf) return Errc::not_permitted;
  return update->next == succession(roles, removed, *committer_leaf) ? Status{} : Status{Errc::not_permitted};
}

// Who may remove whom: the host only by its successor, a co-host only by
// the host, anyone else by the host or a co-host; and oneself.
bool may_remove(const MeetingRoles& roles, std::uint32_t sender, std::uint32_t target) {
  if (sender == target) return true;
  if (target == roles.host) return host_successor(roles) == sender;
  if (roles.is_co_host(target)) return sender == roles.host;
  return roles.may_admit(sender);
}

Status check_proposal(const MeetingRoles& roles, const MeetingRoles& next, bool resync,
                      const mls::ResolvedProposal& p) {
  const auto sender = leaf_of(p.sender);
  const auto& proposal = p.proposal;
  if (const auto* remove = proposal.get_if<mls::Remove>(); remove != nullptr && !resync) {
    return sender && may_remove(roles, *sender, remove->removed) ? Status{} : Status{Errc::not_permitted};
  }
  if (proposal.holds<mls::Add>()) {
    return sender && roles.may_admit(*sender) && next.locked == 0 ? Status{} : Status{Errc::not_permitted};
  }
  if (proposal.holds<mls::GroupContextExtensions>() || proposal.holds<mls::ReInit>()) {
    return sender == roles.host ? Status{} : Status{Errc::not_permitted};
  }
  if (proposal.holds<mls::ExternalInit>() && !resync && next.locked != 0) return Errc::not_permitted;
  return {};
}

}  // namespace

Status check_proposal_sender(const MeetingRoles& roles, const mls::Sender& sender, const mls::Proposal& proposal) {
  const mls::ResolvedProposal p{proposal, sender};
  auto update = roles_update_of({p});
  if (!update) return update.error();
  if (*update) return check_change(roles, **update);
  return check_proposal(roles, roles, false, p);
}

bool is_resync(const mls::Sender& committer, const std::vector<mls::ResolvedProposal>& proposals) {
  return committer.holds<mls::NewMemberCommitSender>() &&
         std::any_of(proposals.begin(), proposals.end(),
                     [](const mls::ResolvedProposal& p) { return p.proposal.holds<mls::Remove>(); });
}

Status check_continuity(const MeetingRoles& roles, const mls::Sender& committer,
                        const std::vector<mls::ResolvedProposal>& proposals) {
  auto update = roles_update_of(proposals);
  if (!update) return update.error();
  const bool resync = is_resync(committer, proposals);
  const auto removed = taken_out(proposals, resync);
  const bool role_holder_leaves =
      std::any_of(removed.begin(), removed.end(), [&roles](std::uint32_t leaf) { return roles.holds_role(leaf); });
  if (role_holder_leaves) {
    if (auto valid = check_succession(roles, committer, *update, removed); !valid) return valid;
  } else if (*update) {
    if (auto allowed = check_change(roles, **update); !allowed) return allowed;
  }
  const MeetingRoles& next = *update ? (*update)->next : roles;
  // No role is handed to a leaf this Commit takes out.
  if (std::any_of(removed.begin(), removed.end(), [&next](std::uint32_t leaf) { return next.holds_role(leaf); })) {
    return Errc::not_permitted;
  }
  for (const auto& p : proposals) {
    if (auto allowed = check_proposal(roles, next, resync, p); !allowed) return allowed;
  }
  return {};
}

}  // namespace conclave::meeting
