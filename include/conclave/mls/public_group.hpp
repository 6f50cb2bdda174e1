#pragma once

/// @file
/// A follower of a group's public state (RFC 9420, no secrets): the ratchet
/// tree, the GroupContext and the transcript hashes, advanced by each
/// PublicMessage Commit after every check that needs no secret. For a
/// server (a delivery service) that must refuse a Commit before it passes
/// it on.

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/tree_node.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::mls {

struct PublicState;

/// What a Commit did, as a follower sees it; for a proposal message, only
/// `sender` and `proposal_ref` are set.
struct PublicCommit {
  Sender sender;       ///< A member, or new_member_commit (for a proposal: its sender).
  LeafIndex committer; ///< The committer's leaf after the Commit (an external joiner's placed leaf).
  /// Each Add's new leaf and the KeyPackageRef (section 5.2) of its KeyPackage, in list order.
  std::vector<std::pair<LeafIndex, Bytes>> added;
  /// Each leaf a Remove blanked (a resync's removed leaf included), in list order.
  std::vector<LeafIndex> removed;
  /// For a proposal message: its ProposalRef (section 5.2), now cached for
  /// a Commit of this epoch to reference. Empty for a Commit.
  Bytes proposal_ref;
};

/// A Commit a follower applied, with what annotating it for partial members
/// needs (draft-ietf-mls-partial).
struct FollowedCommit {
  PublicCommit applied;  ///< What process() returns for the Commit.
  /// With PublicGroup::tree() (the tree after the Commit), annotate_commit()
  /// makes each partial member's AnnotatedCommit, and annotate_welcome()
  /// (signed by `annotation.committer`, for each added leaf) each partial
  /// joiner's AnnotatedWelcome.
  CommitAnnotationInput annotation;
};

/// RFC 9420: a follower of one group's public state. It holds the ratchet
/// tree (public keys only), the GroupContext, the interim transcript hash,
/// the last confirmation tag and the proposals of the epoch, and checks
/// every PublicMessage as a member would, except for what needs the
/// epoch's secrets: the membership tag (membership_key) and the
/// confirmation tag (the key schedule). Processing a Commit costs what a
/// member's processing costs without the HPKE and the key schedule: hashes
/// along the changed paths only. Move-only; not thread-safe.
class PublicGroup {
 public:
  /// A follower from a GroupInfo and its tree (the ratchet_tree extension,
  /// or `tree` given out of band), checked as a joiner checks them (section
  /// 12.4.3.1): the tree's hash is the GroupContext's, its parent hashes and
  /// leaves are valid (section 7.3), the GroupInfo is signed by the member
  /// at its signer leaf, and the members' and external senders' credentials
  /// are acceptable to `config.credentials`.
  /// @param info The GroupInfo of the epoch to follow from.
  /// @param tree The tree, when the GroupInfo carries no ratchet_tree extension.
  /// @param config The policies (credentials, commit_policy, resync,
  ///   external_proposals, now, max_cached_proposals) the follower applies,
  ///   and the application's ComponentLogic (`config.components`), with which
  ///   it applies AppDataUpdates and checks AppEphemerals as members do, so
  ///   that it computes their GroupContext. Its PSK lookup and secret tree
  ///   options are unused.
  /// @errors `Errc::invalid_argument` for a GroupInfo of another protocol
  /// version; `Errc::unsupported_algorithm` for an unknown cipher suite;
  /// `Errc::invalid_tree` for no tree or a tree whose hash is not the
  /// GroupContext's; `Errc::parent_hash_invalid` and the leaf validation
  /// errors (`Errc::signature_invalid`, `Errc::duplicate_key`,
  /// `Errc::capability_mismatch`, `Errc::lifetime_invalid`, ...) for an
  /// invalid tree; `Errc::duplicate_extension` for repeated extensions;
  /// `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once (draft-ietf-mls-extensions);
  /// `Errc::invalid_sender` for a blank signer leaf and
  /// `Errc::signature_invalid` for a bad GroupInfo signature;
  /// `Errc::credential_rejected` (or the policy's error) for a credential
  /// `config` refuses; the tree decoding errors.
  static Result<PublicGroup> from_group_info(const GroupInfo& info, const std::optional<RatchetTreeNodes>& tree,
                                             GroupConfig config);

  /// Moves the follower (its state stays on the heap).
  PublicGroup(PublicGroup&&) noexcept;
  /// Moves the follower.
  PublicGroup& operator=(PublicGroup&&) noexcept;
  /// Destroys the follower.
  ~PublicGroup();

  /// RFC 9420 section 12.4.2 without secrets, for a PublicMessage. A Commit
  /// (from a member or a new_member_commit sender) is checked: protocol
  /// version, group_id and epoch, the sender a current member (or a valid
  /// external joiner), the membership tag's presence, the signature over the
  /// FramedContent with the GroupContext (section 6.1), the proposal list
  /// rules (sections 12.2 and 12.4.3.2), `config.commit_policy`, the
  /// committer's new leaf (section 7.3), the path's parent hashes (section
  /// 7.9.2); then the follower enters the next epoch with the new tree
  /// hash and transcript hashes (the confirmation tag, unchecked, feeds the
  /// interim transcript hash). A proposal is checked the same way (section
  /// 12.1) and cached by its ProposalRef for a later Commit to reference
  /// (a SelfRemove, draft-ietf-mls-extensions, kept for self_removes() too).
  /// On any error the state is unchanged.
  /// @param message The message the group sent.
  /// @return What the Commit did, or the proposal's ProposalRef.
  /// @errors `Errc::invalid_value` for another protocol version;
  /// `Errc::content_not_allowed` for a PrivateMessage (which a follower
  /// cannot open), a message that is not a PublicMessage, application data,
  /// or a sender its content may not have (section 6); `Errc::wrong_group`
  /// or `Errc::wrong_epoch` for another group or epoch;
  /// `Errc::membership_tag_invalid` for a tag missing from a member's
  /// message or present on another's; `Errc::invalid_sender` for a sender
  /// that is no current member (a blank leaf, a leaf outside the tree), or
  /// a Commit without a path from a new member; `Errc::signature_invalid`
  /// (or `Errc::invalid_public_key`) for a bad signature;
  /// `Errc::confirmation_tag_invalid` for a Commit without a confirmation
  /// tag; `Errc::unknown_proposal` for a reference to no cached proposal;
  /// `Errc::invalid_proposal` for a list that breaks section 12.2 (or
  /// draft-ietf-mls-extensions: a SelfRemove by value, or whose leaf another
  /// proposal of the list also removes or updates, or of the committer; an
  /// external Commit's proposal by reference other than a SelfRemove) or a
  /// proposal its sender may not make (a SelfRemove from a non-member);
  /// `Errc::content_not_allowed` for a SelfRemove in a PrivateMessage (as
  /// for any); `Errc::capability_mismatch` for a proposal of a non-default
  /// type (such as SelfRemove) that a member left after the Commit's
  /// removals does not list in its capabilities (section 12.2);
  /// `Errc::path_required` for a missing
  /// path; the commit policy's, resync policy's and credential policy's
  /// errors; the leaf validation errors for an Add's KeyPackage, an
  /// Update's leaf or the committer's leaf; `Errc::parent_hash_invalid` for
  /// a path whose parent hashes do not chain; `Errc::proposal_rejected` or
  /// `Errc::decode_limit` for a proposal not cached (as Group::process());
  /// the errors Group::process() gives for AppDataUpdate and AppEphemeral
  /// proposals and for an authenticated_data that is not a SafeAad
  /// (draft-ietf-mls-extensions).
  Result<PublicCommit> process(const MlsMessage& message);
  /// A Commit together with the GroupInfo of the epoch it leads to, which
  /// a delivery service publishes with it: process() for the Commit, then
  /// check_group_info() for `next` against the new epoch. The follower
  /// keeps the Commit only if both pass.
  /// @param commit The PublicMessage Commit.
  /// @param next The GroupInfo of the epoch the Commit leads to.
  /// @errors The errors of process() (`Errc::content_not_allowed` for a
  /// proposal) and of check_group_info().
  Result<PublicCommit> process(const MlsMessage& commit, const GroupInfo& next);

  /// draft-ietf-mls-partial, "Annotated Commit": process() of a Commit,
  /// keeping what its annotations need: the committer's membership proof in
  /// the tree before it (taken before the tree changes), the leaves its Adds
  /// filled and whether it has a path. A PrivateMessage Commit cannot be
  /// followed: its committer annotates it (CommitOptions::annotate).
  /// @param commit The PublicMessage Commit.
  /// @errors The errors of process(); `Errc::content_not_allowed` for a
  /// proposal.
  Result<FollowedCommit> follow(const MlsMessage& commit);
  /// The same for a Commit with the GroupInfo of the epoch it leads to, as
  /// process(commit, next) checks them.
  /// @param commit The PublicMessage Commit.
  /// @param next The GroupInfo of the epoch the Commit leads to.
  /// @errors The errors of process(commit, next).
  Result<FollowedCommit> follow(const MlsMessage& commit, const GroupInfo& next);

  /// Section 12.4.3: whether `info` is a GroupInfo of the current epoch:
  /// its GroupContext is ours, its confirmation tag the last Commit's, its
  /// ratchet_tree extension (if any) our tree, and it is signed by the
  /// member at its signer leaf. Its external_pub cannot be checked without
  /// the epoch's secrets.
  /// @param info The GroupInfo to check (before it is published).
  /// @errors `Errc::wrong_group` for another group; `Errc::wrong_epoch` for
  /// another epoch; `Errc::invalid_value` for a GroupContext that differs
  /// otherwise; `Errc::confirmation_tag_invalid` for another confirmation
  /// tag; `Errc::invalid_tree` for a ratchet_tree extension that is not our
  /// tree; `Errc::invalid_sender` for a blank signer leaf;
  /// `Errc::signature_invalid` (or `Errc::invalid_public_key`) for a bad
  /// signature.
  Status check_group_info(const GroupInfo& info) const;

  /// draft-ietf-mls-extensions, "SelfRemove Proposal": the SelfRemove
  /// proposals of the current epoch that process() validated and cached
  /// (the first of each member), as received: what a delivery service
  /// attaches to the GroupInfo it gives an external joiner
  /// (ExternalJoinOptions::self_removes). A Commit empties it.
  const std::vector<MlsMessage>& self_removes() const noexcept;

  /// The group's cipher suite.
  const CipherSuite& suite() const noexcept;
  /// The GroupContext of the current epoch.
  const GroupContext& context() const noexcept;
  /// The ratchet tree of the current epoch (public keys only).
  const RatchetTree& tree() const noexcept;
  /// The interim transcript hash of the current epoch (section 8.2).
  BytesView interim_transcript_hash() const noexcept;

 private:
  explicit PublicGroup(std::unique_ptr<PublicState> state) noexcept;
  Result<FollowedCommit> follow(const MlsMessage& commit, const GroupInfo* next);
  // `annotation` set: filled for a Commit; a proposal is refused.
  Result<PublicCommit> process(const MlsMessage& message, const GroupInfo* next,
                               CommitAnnotationInput* annotation);
  Result<PublicCommit> process_commit(const AuthenticatedContent& content, const GroupInfo* next,
                                      CommitAnnotationInput* annotation);
  Result<PublicCommit> process_proposal(const MlsMessage& message, const AuthenticatedContent& content);

  std::unique_ptr<PublicState> state_;
  std::vector<MlsMessage> self_removes_;
};

}  // namespace conclave::mls
