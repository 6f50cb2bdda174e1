// RFC 9420: a follower of a group's public state. It shares every check with
// Group: joined_tree() for the GroupInfo and tree (section 12.4.3.1),
// authenticate_public() for framing (section 6), cache_received_proposal()
// for proposals (section 12.1) and stage_public_commit() for the public half
// of section 12.4.2.

#include "conclave/mls/public_group.hpp"

#include <algorithm>

#include "commit_staging.hpp"
#include "group_state.hpp"
#include "proposal_gathering.hpp"

namespace conclave::mls {

PublicGroup::PublicGroup(std::unique_ptr<PublicState> state) noexcept : state_(std::move(state)) {}
PublicGroup::PublicGroup(PublicGroup&&) noexcept = default;
PublicGroup& PublicGroup::operator=(PublicGroup&&) noexcept = default;
PublicGroup::~PublicGroup() = default;

Result<PublicGroup> PublicGroup::from_group_info(const GroupInfo& info, const std::optional<RatchetTreeNodes>& tree,
                                                 GroupConfig config) {
  if (info.group_context.version != ProtocolVersion::mls10) return Errc::invalid_argument;
  auto suite = CipherSuite::find(info.group_context.cipher_suite);
  if (!suite) return suite.error();
  // Section 12.4.3.1, as a joiner that has no leaf of its own.
  auto joined = joined_tree(*suite, info, tree, nullptr, config);
  if (!joined) return joined.error();
  auto state = std::make_unique<PublicState>(*suite, std::move(config), std::move(*joined));
  state->begin_epoch(info.group_context, info.confirmation_tag);
  return PublicGroup(std::move(state));
}

namespace {

// Section 12.4.3: `info` is a GroupInfo of the epoch `context` names, whose
// Commit had `confirmation_tag`, over `tree`, signed by a member.
Status check_group_info_of(const PublicState& state, const GroupContext& context, BytesView confirmation_tag,
                           const GroupInfo& info) {
  const GroupContext& theirs = info.group_context;
  if (auto same = check_epoch_of(context, theirs.group_id, theirs.epoch); !same) return same;
  if (!(theirs == context)) return Errc::invalid_value;
  if (!std::equal(info.confirmation_tag.begin(), info.confirmation_tag.end(), confirmation_tag.begin(),
                  confirmation_tag.end())) {
    return Errc::confirmation_tag_invalid;
  }
  if (const auto* tree = find_extension(info.extensions, ExtensionType::ratchet_tree)) {
    if (tree->extension_data != state.tree.encoded_nodes()) return Errc::invalid_tree;
  }
  // Section 12.4.3: signed by the member at its signer leaf.
  return verify_group_info(state.suite, info, state.tree);
}


// The Commit staged on the tree, and checked against the GroupInfo of its
// epoch when there is one.
Result<StagedCommit> stage_checked(PublicState& state, const AuthenticatedContent& content, const Commit& commit,
                                   const GroupInfo* next) {
  auto staged = stage_public_commit(state, content, commit);
  if (!staged || next == nullptr) return staged;
  if (auto checked = check_group_info_of(state, staged->context, *content.auth.confirmation_tag, *next); !checked) {
    return checked.error();
  }
  return staged;
}

}  // namespace

Result<PublicCommit> PublicGroup::process(const MlsMessage& message) {
  return process(message, nullptr, nullptr);
}

Result<PublicCommit> PublicGroup::process(const MlsMessage& commit, const GroupInfo& next) {
  return process(commit, &next, nullptr);
}

Result<FollowedCommit> PublicGroup::follow(const MlsMessage& commit) { return follow(commit, nullptr); }

Result<FollowedCommit> PublicGroup::follow(const MlsMessage& commit, const GroupInfo& next) {
  return follow(commit, &next);
}

Result<FollowedCommit> PublicGroup::follow(const MlsMessage& commit, const GroupInfo* next) {
  FollowedCommit out{{}, {commit, std::nullopt, {}, {}, false}};
  auto applied = process(commit, next, &out.annotation);
  if (!applied) return applied.error();
  out.applied = std::move(*applied);
  return out;
}

Result<PublicCommit> PublicGroup::process(const MlsMessage& message, const GroupInfo* next,
                                          CommitAnnotationInput* annotation) {
  if (message.version != ProtocolVersion::mls10) return Errc::invalid_value;
  // A PrivateMessage needs the epoch's secrets to open.
  const auto* framed = message.body.get_if<PublicMessage>();
  if (framed == nullptr) return Errc::content_not_allowed;
  const PublicState& state = *state_;
  // Section 6.2: without the membership key, the tag's value is unchecked.
  auto content = authenticate_public(
      state.suite, state.context, [&state](const FramedContent& c) { return state.signer_of(c); }, *framed, {});
  if (!content) return content.error();
  if (auto framing = check_framing(state.context, *content); !framing) return framing.error();
  if (content->content.content.holds<Proposal>()) {
    if (next != nullptr || annotation != nullptr) return Errc::content_not_allowed;
    return process_proposal(message, *content);
  }
  return process_commit(*content, next, annotation);
}

Result<PublicCommit> PublicGroup::process_proposal(const MlsMessage& message, const AuthenticatedContent& content) {
  if (auto cached = cache_received_proposal(*state_, content); !cached) return cached.error();
  PublicCommit out;
  out.sender = content.content.sender;
  out.proposal_ref = proposal_ref(state_->suite, content);
  // draft-ietf-mls-extensions, "SelfRemove Proposal": the DS attaches the
  // valid pending SelfRemoves to the GroupInfo it gives external joiners;
  // one per member (a client sends at most one per epoch).
  const auto& cached = state_->proposals.at(text_of(out.proposal_ref));
  const bool kept = std::any_of(self_removes_.begin(), self_removes_.end(), [&out](const MlsMessage& other) {
    return other.body.get_if<PublicMessage>()->content.sender == out.sender;
  });
  if (cached.proposal.holds<SelfRemove>() && cached.checked == ProposalCheck::valid && !kept) {
    self_removes_.push_back(message);
  }
  return out;
}

Result<PublicCommit> PublicGroup::process_commit(const AuthenticatedContent& content, const GroupInfo* next,
                                                 CommitAnnotationInput* annotation) {
  PublicState& state = *state_;
  const Commit& commit = *content.content.content.get_if<Commit>();
  // draft-ietf-mls-partial, "Annotated Commit": a member committer's proof
  // is of the tree before the Commit.
  std::optional<MembershipProof> proof_before;
  const auto* member = content.content.sender.get_if<MemberSender>();
  if (annotation != nullptr && member != nullptr) {
    auto proof = make_membership_proof(state.tree, LeafIndex{member->leaf_index});
    if (!proof) return proof.error();
    proof_before = std::move(*proof);
  }
  // What can fail or throw (a hash) runs while the tree is staged, so that
  // the follower is left as it was.
  state.tree.begin_staging();
  auto staged = staged_or_discarded(state.tree, [&] { return stage_checked(state, content, commit, next); });
  if (!staged) {
    state.tree.discard_staged();
    return staged.error();
  }
  PublicCommit out = staged_or_discarded(state.tree, [&] {
    PublicCommit made{content.content.sender, staged->committer, {}, staged->applied.removed, {}};
    const auto& added = staged->applied.added;
    for (std::size_t i = 0; i < added.size(); ++i) {
      made.added.emplace_back(added[i], key_package_ref(state.suite, *staged->applied.added_key_packages[i]));
    }
    return made;
  });
  // Section 8.2: the confirmation tag, which only members can check, feeds
  // the interim transcript hash (begin_epoch() changes nothing if it throws).
  staged_or_discarded(state.tree,
                      [&] { state.begin_epoch(std::move(staged->context), *content.auth.confirmation_tag); });
  state.tree.keep_staged();
  if (annotation != nullptr) {
    annotation->sender_before = std::move(proof_before);
    annotation->committer = staged->committer;
    annotation->added = staged->applied.added;
    annotation->has_path = commit.path.has_value();
  }
  self_removes_.clear();
  return out;
}

Status PublicGroup::check_group_info(const GroupInfo& info) const {
  return check_group_info_of(*state_, state_->context, state_->confirmation_tag, info);
}

const std::vector<MlsMessage>& PublicGroup::self_removes() const noexcept { return self_removes_; }
const CipherSuite& PublicGroup::suite() const noexcept { return state_->suite; }
const GroupContext& PublicGroup::context() const noexcept { return state_->context; }
const RatchetTree& PublicGroup::tree() const noexcept { return state_->tree; }
BytesView PublicGroup::interim_transcript_hash() const noexcept { return state_->interim_transcript_hash; }

}  // namespace conclave::mls
