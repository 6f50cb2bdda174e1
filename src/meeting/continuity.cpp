// A participant's part in a meeting that outlives its host
// (spec-notes/meeting-profile.md, "Continuity"): leaving by SelfRemove,
// the proposals it receives and includes, the succession its Commits carry,
// and its turn in the designated-committer schedule.

#include <algorithm>

#include "conclave/meeting/committer_schedule.hpp"
#include "meeting_policy.hpp"
#include "participant_state.hpp"

namespace conclave::meeting {

namespace {

const mls::FramedContent* proposal_content(const mls::MlsMessage& message) {
  const auto* plain = message.body.get_if<mls::PublicMessage>();
  if (plain == nullptr || !plain->content.content.holds<mls::Proposal>()) return nullptr;
  return &plain->content;
}

std::optional<std::uint32_t> leaf_of(const mls::Sender& sender) {
  const auto* member = sender.get_if<mls::MemberSender>();
  if (member == nullptr) return std::nullopt;
  return member->leaf_index;
}

// The leaves the pending proposals and `own` take out.
std::vector<std::uint32_t> leaving(const Participant::State& state, const std::vector<mls::Proposal>& own) {
  std::vector<std::uint32_t> leaves;
  const auto take = [&leaves](const mls::Proposal& proposal, const mls::Sender& sender) {
    if (const auto* remove = proposal.get_if<mls::Remove>()) leaves.push_back(remove->removed);
    const auto leaf = leaf_of(sender);
    if (proposal.holds<mls::SelfRemove>() && leaf) leaves.push_back(*leaf);
  };
  for (const auto& p : state.pending) take(p.proposal, p.sender);
  const mls::Sender self{mls::MemberSender{state.group->own_leaf().value}};
  for (const auto& proposal : own) take(proposal, self);
  return leaves;
}

}  // namespace

Status screen_proposal(const Participant::State& state, const mls::MlsMessage& message) {
  const auto* content = proposal_content(message);
  if (content == nullptr) return {};
  return check_meeting_proposal(state.group->context(), content->sender, *content->content.get_if<mls::Proposal>());
}

void note_pending(Participant::State& state, const mls::MlsMessage& message) {
  const auto* content = proposal_content(message);
  if (content != nullptr) state.pending.push_back({*content->content.get_if<mls::Proposal>(), content->sender});
}

Status add_succession(const Participant::State& state, std::vector<mls::Proposal>& own) {
  auto roles = roles_of(state);
  if (!roles) return roles.error();
  const auto removed = leaving(state, own);
  const std::uint32_t self = state.group->own_leaf().value;
  if (std::find(removed.begin(), removed.end(), self) != removed.end()) return Errc::not_permitted;
  const bool role_holder_leaves =
      std::any_of(removed.begin(), removed.end(), [&](std::uint32_t leaf) { return roles->holds_role(leaf); });
  if (!role_holder_leaves) return {};
  const bool changes_roles = std::any_of(own.begin(), own.end(), [](const mls::Proposal& proposal) {
    const auto* update = proposal.get_if<mls::AppDataUpdate>();
    return update != nullptr && update->component_id == meeting_roles_component;
  });
  if (changes_roles) return Errc::out_of_order;
  own.push_back(roles_update(succession(*roles, removed, self)));
  return {};
}

Status Participant::leave(MeetingServer& server) {
  auto& state = *state_;
  if (state.removed) return Errc::not_in_group;
  if (state.partial) return Errc::partial_unsupported;
  return as_step(state, [&]() -> Status {
    // draft-ietf-mls-extensions, "SelfRemove Proposal": sent as a PublicMessage.
    auto proposal = state.group->propose(mls::Proposal{mls::SelfRemove{}});
    if (!proposal) return proposal.error();
    const Bytes bytes = codec::encode(*proposal);
    auto posted = with_session(server, state, [&] { return server.post_proposal(state.token, bytes); });
    if (!posted) return posted.error();
    record_own_position(state, *posted);
    // Its own departure is pending too: this member may not commit it.
    note_pending(state, *proposal);
    return {};
  });
}

std::size_t Participant::pending_proposals() const noexcept { return state_->pending.size(); }

Result<std::chrono::milliseconds> Participant::commit_wait(std::chrono::milliseconds step) const {
  if (state_->removed) return Errc::not_in_group;
  if (state_->partial) return Errc::partial_unsupported;
  auto schedule = CommitterSchedule::of(*state_->group, step);
  if (!schedule) return schedule.error();
  return *schedule->wait(own_leaf());
}

Status Participant::commit_pending(MeetingServer& server) {
  if (state_->pending.empty()) return {};
  return as_step(*state_, [&] { return commit_and_post(server, *state_, {}, state_->psk); });
}

Result<MeetingRoles> Participant::roles() const { return roles_of(*state_); }

}  // namespace conclave::meeting
