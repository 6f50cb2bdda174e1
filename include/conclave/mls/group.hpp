#pragma once

/// @file
/// RFC 9420 sections 11 to 13: a member's view of one group, advanced one
/// epoch per Commit. Every operation that can fail either succeeds whole or
/// leaves the group exactly as it was.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/component_logic.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/leaf_validation.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/psk.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/tree_node.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::mls {

/// Pre-shared keys the application holds: external PSKs by id, its
/// components' PSKs by component and id (ApplicationPskId,
/// draft-ietf-mls-extensions "Pre-Shared Keys"), and resumption PSKs of
/// other groups (for branch and reinit). The group's own resumption PSKs are
/// kept by the group itself. Returns the PSK's value, or nothing for a PSK
/// the application does not have (`Errc::unknown_psk`).
using PskLookup = std::function<std::optional<crypto::Secret>(const PreSharedKeyId& id)>;

/// A proposal a received Commit covers, with who proposed it.
struct ResolvedProposal {
  Proposal proposal;  ///< The proposal, whether committed by value or by reference.
  Sender sender;      ///< Its proposer (the committer, for one by value).
};

/// The application's rules for Commits it receives, checked after the
/// Commit is authenticated and before anything is applied: an error refuses
/// the Commit (process() returns it) and leaves the group unchanged.
/// `context` is the current epoch's.
using CommitPolicy = std::function<Status(const GroupContext& context, const Sender& committer,
                                          const std::vector<ResolvedProposal>& proposals)>;

/// RFC 9420 section 12.1.8 leaves authorizing proposals from outside the
/// group to the application. Called for each proposal a new member
/// (NewMemberProposalSender) or an external sender (ExternalSenderIndex)
/// sends, after its signature and content are validated and before it is
/// cached: success accepts it, an error refuses it (process() returns the
/// error and caches nothing). `context` is the current epoch's.
using ExternalProposalPolicy =
    std::function<Status(const GroupContext& context, const Sender& sender, const Proposal& proposal)>;

/// RFC 9420 section 12.2: an external Commit that removes a member's old
/// leaf (a resync) must bring an acceptable replacement. Called with the
/// removed leaf and the joiner's new leaf, before anything is applied:
/// success accepts the pair, an error refuses the Commit.
using ResyncPolicy = std::function<Status(const LeafNode& removed, const LeafNode& joiner)>;

/// Section 12.4.3.1: what a client joining a resumed group (sections 11.2
/// and 11.3) knows of the group it resumes; resumed_group() gives it from
/// that group. The Welcome's GroupInfo is checked against it.
struct ResumedGroup {
  /// The old group's protocol version, which a branch keeps.
  ProtocolVersion version = ProtocolVersion::mls10;
  /// The old group's cipher suite, which a branch keeps.
  CipherSuiteId cipher_suite{};
  /// The ReInit committed in the old group (Group::pending_reinit()): a
  /// reinitialized group's group_id, version, suite and extensions are its.
  std::optional<ReInit> reinit;
};

/// The application's settings for one group, given when it is created,
/// joined or reloaded.
struct GroupConfig {
  SecretTreeOptions secret_tree;  ///< How far received messages may be reordered or skipped.
  PskLookup psks;                 ///< External and application PSKs, other groups' resumption PSKs.
  CommitPolicy commit_policy;     ///< Unset accepts every valid Commit.
  /// RFC 9420 section 14: how many past epochs' secret trees the group
  /// keeps, so that their late application messages still decrypt (each
  /// once, see Group::process()); older ones are deleted, oldest first, as
  /// the group moves on. A past epoch keeps its sender data secret, what is
  /// left of its secret tree, and the signature keys of the leaves the next
  /// Commit changed; not its membership key or other secrets. Once this
  /// member is removed, the epoch it was removed in counts as one of them.
  /// After a committed ReInit, the epochs before it stay readable. 0 keeps
  /// none.
  std::size_t past_epochs = 3;
  /// How many past epochs' resumption PSKs the group keeps (section 8.6).
  std::size_t resumption_psk_epochs = 8;
  /// How many received proposals one epoch keeps for a later Commit: a
  /// sender cannot grow the cache beyond it (`Errc::decode_limit`). The
  /// default is codec::Limits::max_proposals, the most one Commit may carry.
  std::size_t max_cached_proposals = codec::Limits{}.max_proposals;
  /// Seconds since the Unix epoch, to check KeyPackage lifetimes; unset skips.
  std::optional<std::uint64_t> now;
  /// Section 5.3.1: accepts or refuses every credential the group meets
  /// (members', joiners', external senders'), basic ones too; unset accepts
  /// basic credentials only.
  CredentialPolicy credentials;
  /// Section 5.3.1: whether a credential may replace a member's different
  /// old one (an Update, a Commit's path, a resync); it is not asked when
  /// the credential stays the same. Unset refuses every change.
  CredentialSuccessorPolicy credential_successor;
  /// Section 12.1.8: proposals from outside the group; unset refuses every
  /// one, so that no outsider is cached or committed unless the application
  /// says so.
  ExternalProposalPolicy external_proposals;
  /// Section 12.2: resyncs; unset applies `credential_successor` to the
  /// removed and the new leaf's credentials.
  ResyncPolicy resync;
  /// Section 12.4.3.1: for join() from a Welcome whose resumption PSK has
  /// usage reinit or branch, the group it resumes; unset refuses such a
  /// Welcome.
  std::optional<ResumedGroup> resumed;
  /// draft-ietf-mls-extensions: the application's components, which apply
  /// AppDataUpdate and accept AppEphemeral proposals; by default none is
  /// known, so every such proposal is invalid.
  ComponentLogic components;
};

/// What processing a message produced.
struct Received {
  /// What the message carried: application data, a proposal (now kept for
  /// a later Commit) or a Commit (now applied).
  enum class Kind : std::uint8_t { application, proposal, commit };
  Kind kind = Kind::application;  ///< What the message carried.
  Sender sender;                  ///< Who sent it.
  Bytes application_data;    ///< for application messages; the caller wipes it (crypto::secure_zero) if it is secret
  Bytes authenticated_data;  ///< the sender's, in the clear (section 6)
  bool removed = false;      ///< a commit that removed this member
  /// The epoch the message was sent in: the current one, a past one for a
  /// late application message (RFC 9420 section 14), the one it ended for a
  /// Commit.
  std::uint64_t epoch = 0;  /// draft-ietf-mls-extensions "Attaching Application Data to a Commit":
  /// for a Commit, the AppEphemeral proposals it carried, in Commit order,
  /// each accepted by ComponentLogic::ephemeral; empty otherwise.
  std::vector<CommittedEphemeral> app_ephemerals;
};

/// RFC 9420 section 12.1: how a member's proposal is framed.
struct ProposalOptions {
  /// Set: a PrivateMessage, its reuse guard drawn from this source; unset: a
  /// PublicMessage.
  crypto::RandomSource* encrypt_with = nullptr;
};

/// RFC 9420 section 12.4.1: what a Commit carries and how.
struct CommitOptions {
  /// New proposals from this member, committed by value.
  std::vector<Proposal> proposals;
  /// Every proposal received this epoch, committed by reference.
  bool include_received = true;
  /// An UpdatePath even when no proposal requires one.
  bool force_path = false;
  /// The ratchet tree in the Welcome's GroupInfo (section 12.4.3.3).
  bool ratchet_tree_in_welcome = true;
  /// As a PrivateMessage rather than a PublicMessage.
  bool encrypt = false;
  /// A GroupInfo of the new epoch too (section 12.4.3), with the ratchet
  /// tree, signed by this member: what a delivery service publishes for
  /// external joiners once it accepts the Commit.
  bool group_info = false;
  Bytes authenticated_data;  ///< Sent with the Commit, authenticated but not encrypted.
  /// What annotating the Commit for partial members needs too
  /// (draft-ietf-mls-partial): CommitOutput::annotation.
  bool annotate = false;
};

/// RFC 9420 section 12.4.3.2: what an external Commit carries beyond its
/// ExternalInit.
struct ExternalJoinOptions {
  /// The joiner's old leaf, removed in the same Commit (a resync).
  std::optional<LeafIndex> replacing;
  /// PreSharedKey proposals, by value; each PSK comes from GroupConfig::psks.
  std::vector<PreSharedKeyId> psks;
  /// draft-ietf-mls-extensions, "SelfRemove Proposal": the pending
  /// SelfRemove proposals fetched with the GroupInfo (such as
  /// PublicGroup::self_removes()), as sent (PublicMessages of the
  /// GroupInfo's epoch). Each is validated (but for its membership tag,
  /// which a non-member cannot check) and included by reference, its
  /// sender's leaf removed.
  std::vector<MlsMessage> self_removes;
  /// draft-ietf-mls-extensions: AppDataUpdate and AppEphemeral proposals,
  /// by value (each "can be included in an external Commit"), applied with
  /// GroupConfig::components as the members will apply them.
  std::vector<Proposal> app_proposals;
};

/// What Group::commit() produced: the messages to send.
struct CommitOutput {
  MlsMessage commit;                  ///< The Commit, for the delivery service.
  std::optional<MlsMessage> welcome;  ///< when the Commit adds members
  std::optional<MlsMessage> group_info;  ///< when CommitOptions::group_info asks for it
  /// When CommitOptions::annotate asks for it: with the tree after the
  /// Commit (Group::tree(), pending or merged), annotate_commit() makes each
  /// partial member's AnnotatedCommit, and annotate_welcome() (signed by
  /// own_leaf(), for each of `added`) each partial joiner's AnnotatedWelcome.
  std::optional<CommitAnnotationInput> annotation;
};

struct GroupState;

/// RFC 9420 sections 11.2 and 11.3: who a resumed group starts with, and how
/// its first Commit is made. The Commit adds `members` and carries the
/// resumption PSK; `commit.proposals` come after those.
struct Resumption {
  KeyPackageBundle self;            ///< This member's KeyPackage for the new group.
  std::vector<KeyPackage> members;  ///< The other members, added by the first Commit.
  GroupConfig config;               ///< The new group's settings.
  CommitOptions commit;             ///< How the first Commit is made.
};

/// RFC 9420 sections 11 to 13: this member's state in one group, one epoch
/// at a time. A Group is created, joined from a Welcome, joined by external
/// Commit, or reloaded; it then sends and receives messages and moves to the
/// next epoch with each Commit. A failed call leaves it unchanged. Move-only;
/// not thread-safe. A group kept in a storage::Store (persist(), load())
/// writes what each call changes before the call returns.
class Group {
 public:
  /// RFC 9420 section 12.4.3.1: joins from a Welcome. The tree comes from the
  /// GroupInfo's ratchet_tree extension, or `tree` when the application
  /// supplies it out of band.
  /// @param welcome The Welcome that adds this client.
  /// @param key_package The KeyPackage the Welcome was made for.
  /// @param keys That KeyPackage's private keys.
  /// @param tree The ratchet tree, when the GroupInfo does not carry it.
  /// @param config The group's settings; `config.psks` must give every
  ///   external PSK the Welcome names, and `config.resumed` describe the
  ///   group a reinit or branch Welcome resumes.
  /// @errors `Errc::invalid_argument` when the Welcome's and KeyPackage's
  /// cipher suites differ, the GroupInfo's suite or version is not the
  /// Welcome's, the path secret does not fit the tree, or (section
  /// 12.4.3.1) a Welcome with a resumption PSK of usage reinit or branch
  /// has another resumption PSK, `config.resumed` is unset, the GroupInfo
  /// is not at epoch 1, or it does not match `config.resumed` (for reinit:
  /// the ReInit's group_id, version, suite and extensions; for branch: the
  /// old group's version and suite); `Errc::unsupported_algorithm` for an
  /// unknown suite; `Errc::not_in_group` when the Welcome has no entry for
  /// `key_package` or the tree no leaf equal to its leaf node;
  /// `Errc::aead_failure` (or another HPKE error) when the GroupSecrets or
  /// GroupInfo do not decrypt; the decoding errors for either;
  /// `Errc::unknown_psk` for a PSK `config.psks` does not give;
  /// `Errc::invalid_tree` when there is no tree, it is malformed, or its hash
  /// is not the GroupContext's; `Errc::duplicate_key`;
  /// `Errc::parent_hash_invalid`; `Errc::invalid_sender` when the GroupInfo
  /// signer is not a member; `Errc::signature_invalid` for a leaf or GroupInfo
  /// signature that does not verify; `Errc::duplicate_extension` for a
  /// GroupInfo, GroupContext or leaf with two extensions of one type, and
  /// `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once (the decoding errors for one that does not parse);
  /// `Errc::capability_mismatch` for a leaf that lacks the required
  /// capabilities or does not list its own extensions, a credential type in
  /// use that some member does not support, or (section 13) a GroupContext
  /// extension that this client's leaf does not list;
  /// `Errc::credential_rejected` for a member's or an external sender's
  /// credential `config.credentials` refuses; `Errc::invalid_value` when the
  /// path secret's keys are not the tree's or the GroupContext's
  /// external_senders does not parse;
  /// `Errc::confirmation_tag_invalid` when the GroupInfo's confirmation tag
  /// does not verify.
  static Result<Group> join(const Welcome& welcome, const KeyPackage& key_package,
                            KeyPackageKeys keys, const std::optional<RatchetTreeNodes>& tree,
                            GroupConfig config);

  /// RFC 9420 section 12.4.3.1: joins from a Welcome for a KeyPackage kept
  /// in `store` (storage::save_key_package()) and keeps the group there, as
  /// persist() does. One batch writes the group and deletes the
  /// KeyPackage's keys (a last-resort KeyPackage's are kept).
  /// @param welcome The Welcome that adds this client.
  /// @param store Where the KeyPackage is kept and the group goes.
  /// @param tree The ratchet tree, when the GroupInfo does not carry it.
  /// @param config The group's settings.
  /// @errors `Errc::not_in_group` when the Welcome names no KeyPackage kept
  /// in `store`; `Errc::invalid_argument` when `store` already holds a
  /// group of the Welcome's group ID (group IDs are the creator's choice:
  /// a Welcome never replaces a kept group, nor rolls it back); `Errc::storage_corrupt` for a kept KeyPackage that does not
  /// decode; `Errc::storage_failure` when the store cannot be read or
  /// written (the KeyPackage is then still kept); the errors of the other
  /// join() otherwise.
  static Result<Group> join(const Welcome& welcome, storage::Store& store,
                            const std::optional<RatchetTreeNodes>& tree, GroupConfig config);

  /// RFC 9420 section 11: a one-member group of the creator, from its
  /// KeyPackage, at epoch 0.
  /// @param suite The group's cipher suite; the KeyPackage must be for it.
  /// @param group_id The application's ID for the group.
  /// @param creator The creator's KeyPackage and private keys.
  /// @param extensions The GroupContext extensions of the first epoch.
  /// @param config The group's settings.
  /// @param random The source of the first epoch secret.
  /// @errors The errors of validate_key_package() for `creator.key_package`
  /// (`Errc::invalid_value` for another suite, `Errc::lifetime_invalid`,
  /// `Errc::signature_invalid`); `Errc::credential_rejected` for an
  /// external sender in `extensions` whose credential `config.credentials`
  /// refuses (section 5.3.1), `Errc::invalid_value` for an external_senders
  /// extension that does not parse; `Errc::duplicate_extension` for two
  /// extensions of one type in `extensions`, `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once (the decoding
  /// errors for one that does not parse); `Errc::invalid_private_key` when
  /// the encryption private key is malformed.
  static Result<Group> create(const CipherSuite& suite, Bytes group_id, KeyPackageBundle creator,
                              ExtensionList extensions, GroupConfig config,
                              crypto::RandomSource& random);

  struct ExternalJoin;
  /// RFC 9420 section 12.4.3.2: joins by an external Commit, from a GroupInfo
  /// with external_pub. The Group is in the new epoch; the Commit goes to the
  /// group.
  /// @param info The group's GroupInfo (see group_info()).
  /// @param joiner The joiner's KeyPackage (its leaf node is used) and keys.
  /// @param tree The ratchet tree, when the GroupInfo does not carry it.
  /// @param config The group's settings.
  /// @param random The source of fresh keys.
  /// @param options A leaf to replace (a resync), PSKs to inject and the
  ///   pending SelfRemoves to include.
  /// @errors `Errc::invalid_argument` when the GroupInfo's and KeyPackage's
  /// cipher suites differ, its version is not mls10, or it has no
  /// external_pub; `Errc::message_limit` for a GroupInfo of epoch
  /// 2^64 - 1;
  /// `Errc::unsupported_algorithm` for an unknown suite; the GroupInfo's
  /// tree is checked as for join(): `Errc::invalid_tree` (no tree, a
  /// malformed one, or a tree hash other than the GroupContext's),
  /// `Errc::duplicate_key`, `Errc::parent_hash_invalid`,
  /// `Errc::duplicate_extension` (and, for an app_data_dictionary out of
  /// order or naming a component twice, `Errc::invalid_value`) and
  /// `Errc::capability_mismatch` (each leaf validated as section 7.3 says),
  /// and
  /// `Errc::signature_invalid` for a leaf or GroupInfo signature that does not
  /// verify (`Errc::invalid_sender` for a GroupInfo signer that is not a
  /// member); `Errc::capability_mismatch` when the joiner's leaf does not
  /// support every GroupContext extension (section 12.4.3);
  /// `Errc::credential_rejected` for a member's or an external
  /// sender's credential `config.credentials` refuses (`Errc::invalid_value`
  /// for an external_senders extension that does not parse);
  /// `Errc::unknown_psk` for a PSK that GroupConfig::psks does not give;
  /// `Errc::invalid_public_key` for an unusable external_pub;
  /// `Errc::invalid_sender` when `options.replacing` is not a member;
  /// for a message of `options.self_removes`: `Errc::invalid_value` for a
  /// version other than mls10, `Errc::content_not_allowed` for one that is
  /// not a PublicMessage (or carries application data),
  /// `Errc::wrong_group` or `Errc::wrong_epoch` for one not of the
  /// GroupInfo's group and epoch, `Errc::membership_tag_invalid` for one
  /// without a membership tag, `Errc::invalid_sender` for a sender that is
  /// not a member of the GroupInfo's tree, `Errc::signature_invalid` (or
  /// `Errc::invalid_public_key`) for a signature its leaf's key does not
  /// verify, `Errc::capability_mismatch` when another member does not
  /// list SelfRemove in its capabilities (section 12.2), and
  /// `Errc::invalid_proposal` for content other than a SelfRemove, two of
  /// one member, or one of `options.replacing`;
  /// `Errc::duplicate_key` when the joiner's keys are already in the tree;
  /// for `options.app_proposals`, `Errc::invalid_argument` for a proposal
  /// of another type, the errors commit() gives for AppDataUpdate and
  /// AppEphemeral proposals;
  /// the signing errors (`Errc::invalid_private_key`, `Errc::internal`).
  static Result<ExternalJoin> join_external(const GroupInfo& info, KeyPackageBundle joiner,
                                            const std::optional<RatchetTreeNodes>& tree,
                                            GroupConfig config, crypto::RandomSource& random,
                                            const ExternalJoinOptions& options = {});

  /// The whole state, to persist and reload (not while a Commit is
  /// pending), the past epochs kept (GroupConfig::past_epochs) included. It
  /// holds every secret of the epoch: store it as such.
  /// @errors `Errc::invalid_argument` while a Commit is pending.
  Result<crypto::Secret> serialize() const;
  /// A group reloaded from what serialize() returned.
  /// @param stored What serialize() returned.
  /// @param config The group's settings (they are not stored).
  /// @errors The decoding errors (`Errc::truncated`, `Errc::trailing_data`,
  /// ...) for bytes that are not a stored group; `Errc::invalid_value` for
  /// another storage format or inconsistent stored state;
  /// `Errc::unsupported_algorithm` for an unknown suite; `Errc::invalid_tree`
  /// or `Errc::duplicate_key` for a malformed stored tree;
  /// `Errc::invalid_private_key` for a malformed stored key.
  static Result<Group> deserialize(BytesView stored, GroupConfig config);

  /// Keeps this group in `store` from now on: writes its whole state at
  /// once, then, within every later call that changes the state (process,
  /// protect, propose, commit, merge, discard), the records that call
  /// changed, in one atomic batch, before the call returns. After a crash
  /// at any instant, load() gives the state before or after the last call.
  /// `store` must outlive the group, and no other Group may write the same
  /// group ID to it. Once persisted, a call whose write fails returns
  /// `Errc::storage_failure`, and so does every call after it: the group in
  /// memory may then be ahead of the store, and load() gives the state
  /// before the failed call. spec-notes/storage.md lists the records.
  /// @param store Where the group's records go (keyed by its group ID).
  /// Another Group of this process that kept the same group in `store`
  /// stops: its next change fails with `Errc::storage_failure` (two writers
  /// would send on one ratchet generation).
  /// @errors `Errc::invalid_argument` while a Commit is pending;
  /// `Errc::storage_failure` when the store cannot be written: the group is
  /// then not kept.
  Status persist(storage::Store& store);
  /// A group persist() kept, as it was after its last successful call; it
  /// goes on writing to `store`.
  /// @param store The store persist() wrote to.
  /// @param group_id The group's ID.
  /// @param config The group's settings (they are not stored).
  /// Another Group of this process that kept the group in `store` stops: its
  /// next change fails with `Errc::storage_failure` (two writers would send
  /// on one ratchet generation).
  /// @errors `Errc::not_in_group` when `store` holds no such group;
  /// `Errc::storage_failure` when it cannot be read; `Errc::storage_corrupt`
  /// for records that do not decode or do not fit together.
  static Result<Group> load(storage::Store& store, BytesView group_id, GroupConfig config);
  /// Deletes every record of a group from `store` (one this member left or
  /// was removed from, or a ReInit ended): its epoch secrets, keys, tree
  /// and past epochs.
  /// @param store The store persist() wrote to.
  /// @param group_id The group's ID.
  /// A Group of this process that kept it stops, as after load().
  /// @errors `Errc::storage_failure` when the store cannot be written.
  static Status erase(storage::Store& store, BytesView group_id);

  /// Moves the group; the moved-from Group may only be destroyed or
  /// assigned to.
  Group(Group&&) noexcept;
  /// Moves the group; the moved-from Group may only be destroyed or
  /// assigned to.
  Group& operator=(Group&&) noexcept;
  /// Destroys the group and its secrets.
  ~Group();

  /// RFC 9420 sections 6 and 12: an application message, a proposal (kept
  /// for a later Commit to reference) or a Commit (applied, atomically).
  /// A Commit of this member's own is not processed: it takes effect
  /// through merge_pending_commit().
  ///
  /// Late messages (section 12.4.2's note, section 14): an application
  /// PrivateMessage of a past epoch the group keeps (GroupConfig::past_epochs)
  /// is decrypted with that epoch's keys, its signature verified against the
  /// sender's signature key as of that epoch, and its key then deleted, so
  /// it is read once (Received::epoch says which epoch). A past epoch's
  /// proposals and Commits are refused (`Errc::wrong_epoch`). A member
  /// removed by a Commit still reads application messages of the epoch it
  /// was removed in and of the past epochs it keeps; after a committed
  /// ReInit, those of the past epochs it keeps.
  /// @errors `Errc::not_in_group` once this member has been removed, for
  /// any message but an application message of an epoch it still keeps;
  /// `Errc::group_reinitialized` once a ReInit has been committed, for any
  /// message but an application message of a past epoch it keeps;
  /// `Errc::invalid_argument` while a Commit of this member's is pending;
  /// `Errc::invalid_value` for a version other than mls10;
  /// `Errc::epoch_expired` for an application PrivateMessage of an epoch this
  /// member held (from the one it created or joined the group in) whose
  /// secrets it has deleted; `Errc::wrong_epoch` for an epoch it never held
  /// (before it joined, or not yet reached) and for a past epoch's proposal
  /// or Commit;
  /// `Errc::content_not_allowed` for a Welcome, GroupInfo or KeyPackage, or
  /// a content the wire format or sender may not carry (application data in
  /// a PublicMessage, a Commit from an external or new-member-proposal
  /// sender, a proposal from a new-member-commit sender, a SelfRemove in a
  /// PrivateMessage);
  /// the errors of MessageProtection::unprotect() and
  /// MessageProtection::open() (`Errc::wrong_group`, `Errc::wrong_epoch`,
  /// `Errc::membership_tag_invalid`, `Errc::aead_failure`,
  /// `Errc::generation_consumed`, `Errc::signature_invalid`, ...);
  /// `Errc::invalid_proposal` for a proposal its sender may not make (a
  /// SelfRemove from an external sender). For a
  /// proposal from outside the group (section 12.1.8), also: the errors of
  /// its validation against the current epoch, after which nothing is
  /// cached (`Errc::invalid_proposal` for one that a list of it alone may
  /// not hold, such as a Remove of no member or a PSK nonce of the wrong
  /// length; for an Add, the KeyPackage validation errors
  /// `Errc::invalid_value`, `Errc::lifetime_invalid`,
  /// `Errc::signature_invalid`, `Errc::duplicate_key`,
  /// `Errc::capability_mismatch`, `Errc::credential_rejected`, and
  /// `Errc::invalid_public_key` for keys HPKE cannot use;
  /// `Errc::capability_mismatch` for a GroupContextExtensions some member
  /// does not support); `Errc::proposal_rejected` when
  /// GroupConfig::external_proposals is unset, and any error it returns;
  /// `Errc::decode_limit` for a new proposal once the epoch holds
  /// GroupConfig::max_cached_proposals. A
  /// member's proposal is cached even when that validation fails, and this
  /// member's Commits then leave it out. For a Commit, also:
  /// `Errc::confirmation_tag_invalid`;
  /// `Errc::unknown_proposal` for a reference to no proposal received this
  /// epoch; `Errc::invalid_sender` for a Commit from this member's own leaf;
  /// `Errc::invalid_proposal` for a list section 12.2 forbids or a ReInit
  /// that lowers the version (section 12.1.5), and for an external Commit
  /// with a proposal by reference other than a SelfRemove or a PreSharedKey
  /// that is invalid (section 12.1.4) or repeated; draft-ietf-mls-extensions
  /// ("SelfRemove Proposal"): `Errc::invalid_proposal` for a SelfRemove by
  /// value, one of the committer, or one whose leaf another Update, Remove
  /// or SelfRemove of the list also touches, `Errc::capability_mismatch` for
  /// one (or any proposal of a non-default type) that a member left after
  /// the Commit's removals does not list in its capabilities (section 12.2),
  /// and a SelfRemove removes its sender's leaf (`Received::removed` for
  /// that member) as a Remove would; for a resync (an external Commit with a Remove,
  /// section 12.2) `Errc::duplicate_key` when the joiner's leaf keeps the
  /// removed leaf's encryption key, `Errc::credential_rejected` when the
  /// joiner's credential does not succeed the removed member's, or the error
  /// GroupConfig::resync returns; `Errc::credential_rejected` for a GroupContextExtensions naming
  /// an external sender whose credential GroupConfig::credentials refuses;
  /// `Errc::path_required`; the leaf node validation errors of section 7.3
  /// (`Errc::duplicate_key`, `Errc::capability_mismatch` (also for an Add
  /// that does not support every GroupContext extension, section 13),
  /// `Errc::lifetime_invalid`, `Errc::credential_rejected`, ...);
  /// `Errc::duplicate_extension` for a list of extensions (leaf, KeyPackage,
  /// GroupContextExtensions, ReInit) with two of one type, and
  /// `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once;
  /// draft-ietf-mls-extensions: `Errc::invalid_proposal` for an AppDataUpdate
  /// or AppEphemeral of a component not in ComponentLogic::known, a remove
  /// of a component that has no data, two removes or an update and a remove
  /// of one component, or a GroupContextExtensions that adds, removes or
  /// changes the app_data_dictionary while required_capabilities lists
  /// AppDataUpdate; the error ComponentLogic::update or ComponentLogic::ephemeral returns
  /// when it refuses (`Errc::invalid_proposal` when unset);
  /// `Errc::capability_mismatch` for a proposal type that is not RFC 9420's
  /// and that some member keeping its leaf does not list (section 12.2), or
  /// an AppDataUpdate that creates the app_data_dictionary some member does
  /// not list; when the GroupContext of the message's epoch has the safe_aad
  /// component, the decoding errors for an authenticated_data that is not a
  /// SafeAad and `Errc::invalid_value` for one whose items are out of order
  /// (the message is not consumed);
  /// `Errc::credential_rejected` for an Update or path leaf whose credential
  /// GroupConfig::credential_successor does not accept (section 5.3.1);
  /// `Errc::parent_hash_invalid`; `Errc::unknown_psk`; `Errc::message_limit`
  /// for a Commit of epoch 2^64 - 1, which has no successor; and any error
  /// the CommitPolicy returns.
  Result<Received> process(const MlsMessage& message);

  /// The group's cipher suite.
  const CipherSuite& suite() const noexcept;
  /// The current epoch's GroupContext.
  const GroupContext& context() const noexcept;
  /// The current epoch number.
  std::uint64_t epoch() const noexcept;
  /// This member's leaf in the ratchet tree.
  LeafIndex own_leaf() const noexcept;
  /// The ratchet tree. While a Commit is pending, the tree it makes.
  const RatchetTree& tree() const noexcept;
  /// RFC 9420 section 8.7: the current epoch's epoch_authenticator, which
  /// members may compare out of band.
  BytesView epoch_authenticator() const noexcept;
  /// RFC 9420 section 8.5: MLS-Exporter(label, context, length), a secret of
  /// the current epoch for the application.
  /// @errors `Errc::invalid_length` when `length` is more than the KDF can
  /// expand (255 * Nh bytes).
  Result<crypto::Secret> export_secret(std::string_view label, BytesView context,
                                       std::size_t length) const;
  /// draft-ietf-mls-extensions, "Exported Secrets": SafeExportSecret, the
  /// current epoch's forward-secure secret for `component` (KDF.Nh bytes,
  /// the component's leaf of the Exporter Tree). The secret is consumed: the
  /// group deletes it and the key material it came from (section 9.2 of RFC
  /// 9420), and stores that deletion when it is persisted.
  /// @errors `Errc::generation_consumed` when this epoch's secret for
  /// `component` was already taken, the group unchanged;
  /// `Errc::storage_failure` when the group's store could not be written.
  Result<crypto::Secret> safe_export_secret(ComponentId component);

  /// RFC 9420 section 12.1.2: an Update of this member's leaf (fresh
  /// encryption key), kept with its private key until a Commit covers it.
  /// @param random The source of the fresh key.
  /// @param options Whether to send it encrypted.
  /// @errors `Errc::not_in_group` once this member has been removed;
  /// `Errc::group_reinitialized` once a ReInit has been committed;
  /// `Errc::invalid_argument` while a Commit of this member's is pending;
  /// the signing errors (`Errc::invalid_private_key`, `Errc::internal`);
  /// those of MessageProtection::seal_private() when encrypting.
  Result<MlsMessage> propose_update(crypto::RandomSource& random, const ProposalOptions& options = {});

  struct Resumed;
  /// RFC 9420 section 11.3: a subgroup in this group's suite, its first
  /// Commit carrying a resumption PSK of usage branch. The Welcome goes to
  /// the members.
  /// @param group_id The new group's ID.
  /// @param extensions The new group's GroupContext extensions.
  /// @param resumption Its creator, members, settings and first Commit.
  /// @param random The source of fresh secrets.
  /// @errors `Errc::group_reinitialized` once a ReInit has been committed;
  /// the errors of create() for `resumption.self`, and of commit() for the
  /// first Commit (such as `Errc::invalid_proposal` or the KeyPackage
  /// validation errors for `resumption.members`).
  Result<Resumed> branch(Bytes group_id, ExtensionList extensions, Resumption resumption,
                         crypto::RandomSource& random) const;
  /// RFC 9420 section 11.2: the group the committed ReInit describes, its
  /// first Commit carrying a resumption PSK of usage reinit.
  /// @param resumption The new group's creator, members, settings and first
  ///   Commit; its ID, suite and extensions come from the ReInit.
  /// @param random The source of fresh secrets.
  /// @errors `Errc::invalid_argument` before a ReInit is committed;
  /// `Errc::unsupported_algorithm` for a ReInit suite that is not supported;
  /// the errors of create() and commit() as for branch().
  Result<Resumed> reinitialize(Resumption resumption, crypto::RandomSource& random) const;
  /// The committed ReInit, once the group may no longer be used; null before.
  const ReInit* pending_reinit() const noexcept;
  /// This group's resumption PSKs (the current epoch's and the kept past
  /// ones), for joining a group resumed from it. The lookup holds copies and
  /// stays valid after the Group is gone.
  PskLookup resumption_psks() const;

  /// RFC 9420 section 12.4.3: this epoch's GroupInfo, signed by this member,
  /// with external_pub (for external joins) and optionally the ratchet tree.
  /// @param with_tree Whether to include the ratchet_tree extension.
  /// @errors `Errc::invalid_argument` while a Commit is pending;
  /// `Errc::derive_key_pair_failed` if the external key pair cannot be
  /// derived; the signing errors (`Errc::invalid_private_key`,
  /// `Errc::internal`).
  Result<MlsMessage> group_info(bool with_tree) const;

  /// RFC 9420 section 12.1: a proposal from this member; it is kept for a
  /// later Commit like any proposal received. The proposal itself is checked
  /// only when a Commit covers it. A SelfRemove{} (draft-ietf-mls-extensions,
  /// "SelfRemove Proposal") asks the group to remove this member: another
  /// member's Commit, or an external joiner's, includes it by reference.
  /// draft-ietf-mls-extensions: an
  /// AppDataUpdate is made by app_data_update() or app_data_removal(); when
  /// the GroupContext requires safe AAD, the authenticated_data is the empty
  /// SafeAad.
  /// @errors `Errc::not_in_group` once this member has been removed;
  /// `Errc::group_reinitialized` once a ReInit has been committed;
  /// `Errc::invalid_argument` while a Commit of this member's is pending;
  /// for a SelfRemove, `Errc::content_not_allowed` when asked to encrypt it
  /// (it is sent as a PublicMessage) and `Errc::invalid_proposal` when this
  /// member already sent one this epoch (at most one per epoch);
  /// the signing errors (`Errc::invalid_private_key`, `Errc::internal`);
  /// those of MessageProtection::seal_private() when encrypting.
  Result<MlsMessage> propose(Proposal proposal, const ProposalOptions& options = {});

  /// RFC 9420 section 12.4.1: a Commit, staged. The group stays in the
  /// current epoch until merge_pending_commit() (once the delivery service
  /// has accepted the Commit) or discard_pending_commit(); nothing else may
  /// be sent or processed meanwhile. A received proposal that is invalid
  /// (its check on receipt failed, or it fails against the GroupContext
  /// this Commit makes, or its PSK is unknown) or that would make the list
  /// invalid is left out, so that no received proposal makes the Commit
  /// fail; this member's own never are. Received SelfRemoves
  /// (draft-ietf-mls-extensions) are included by reference, each before any
  /// Remove of its leaf, which is then left out; this member's own
  /// SelfRemove is left out (a Commit cannot remove its committer).
  /// @param options The proposals and framing of the Commit.
  /// @param random The source of fresh keys and secrets.
  /// @errors `Errc::not_in_group` once this member has been removed;
  /// `Errc::group_reinitialized` once a ReInit has been committed;
  /// `Errc::invalid_argument` while a Commit of this member's is pending;
  /// `Errc::invalid_proposal` when this member's proposals make an invalid
  /// list (section 12.2), would remove this member, or hold a ReInit that
  /// lowers the version, a SelfRemove (only by reference) or a Remove of a
  /// member whose received SelfRemove the Commit includes
  /// (draft-ietf-mls-extensions: that Remove is invalid); the validation errors
  /// of added KeyPackages (`Errc::invalid_value`, `Errc::lifetime_invalid`,
  /// `Errc::signature_invalid`, `Errc::duplicate_key`,
  /// `Errc::capability_mismatch`, `Errc::credential_rejected`);
  /// `Errc::duplicate_extension` for a list of extensions with two of one
  /// type, `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once;
  /// draft-ietf-mls-extensions: `Errc::invalid_proposal` for an AppDataUpdate
  /// or AppEphemeral of a component not in ComponentLogic::known, a remove
  /// of a component that has no data, two removes or an update and a remove
  /// of one component, or a GroupContextExtensions that adds, removes or
  /// changes the app_data_dictionary while required_capabilities lists
  /// AppDataUpdate; the error ComponentLogic::update or ComponentLogic::ephemeral returns
  /// when it refuses (`Errc::invalid_proposal` when unset);
  /// `Errc::capability_mismatch` for a proposal type that is not RFC 9420's
  /// and that some member keeping its leaf does not list (section 12.2), or
  /// an AppDataUpdate that creates the app_data_dictionary some member does
  /// not list; `Errc::invalid_argument` for `options.authenticated_data` that is
  /// not a SafeAad while the GroupContext requires safe AAD (an empty one is
  /// sent as the empty SafeAad);
  /// `Errc::capability_mismatch` for a GroupContextExtensions some member
  /// does not support, `Errc::credential_rejected` for one naming an
  /// external sender whose credential GroupConfig::credentials refuses;
  /// `Errc::unknown_psk` for a PSK neither the group nor
  /// GroupConfig::psks has; `Errc::message_limit` at epoch 2^64 - 1;
  /// `Errc::invalid_public_key` for an unusable init key of an added
  /// member; `Errc::derive_key_pair_failed` if the new
  /// epoch's external key pair cannot be derived for a GroupInfo; the
  /// signing errors (`Errc::invalid_private_key`, `Errc::internal`).
  Result<CommitOutput> commit(const CommitOptions& options, crypto::RandomSource& random);
  /// Moves the group to the epoch of its pending Commit, once the delivery
  /// service has accepted it.
  /// @errors `Errc::invalid_argument` when no Commit is pending.
  Status merge_pending_commit();
  /// Drops the pending Commit (the delivery service refused it, say); the
  /// group stays in its epoch. Does nothing when no Commit is pending.
  void discard_pending_commit();
  /// Whether a Commit of this member's awaits merge or discard.
  bool has_pending_commit() const noexcept;

  /// RFC 9420 section 6.3: an application message from this member, as a
  /// PrivateMessage.
  /// @param application_data The message, encrypted; every copy made of it
  /// here is wiped.
  /// @param authenticated_data Data sent in the clear and authenticated.
  /// @param random The source of the reuse guard.
  /// @errors `Errc::not_in_group` once this member has been removed;
  /// `Errc::group_reinitialized` once a ReInit has been committed;
  /// `Errc::invalid_argument` while a Commit of this member's is pending;
  /// the signing errors (`Errc::invalid_private_key`, `Errc::internal`);
  /// `Errc::message_limit` when this member's application ratchet is
  /// exhausted; `Errc::invalid_argument` for an `authenticated_data` that
  /// is not a SafeAad (parse_safe_aad()) while the GroupContext requires
  /// safe AAD (requires_safe_aad(); an empty one is sent as the empty
  /// SafeAad).
  Result<MlsMessage> protect(BytesView application_data, BytesView authenticated_data,
                             crypto::RandomSource& random);

 private:
  friend class PartialGroup;  // upgrade() and downgrade() move state between the two.
  explicit Group(std::unique_ptr<GroupState> state) noexcept;
  Result<MlsMessage> send_proposal(Proposal proposal, const ProposalOptions& options);
  Result<Resumed> resume(ResumptionPskUsage usage, const CipherSuite& suite, Bytes group_id,
                         ExtensionList extensions, Resumption resumption,
                         crypto::RandomSource& random) const;
  std::unique_ptr<GroupState> state_;
};

/// Section 12.4.3.1: what a client joining a group resumed from `old`
/// knows of it: its version and suite, and its committed ReInit if any.
/// @param old The group resumed (its member's state, kept after a ReInit).
/// @return the GroupConfig::resumed for joining the new group.
ResumedGroup resumed_group(const Group& old);

/// What Group::branch() and Group::reinitialize() produce.
struct Group::Resumed {
  Group group;         ///< The new group, in the epoch after its first Commit.
  MlsMessage welcome;  ///< The Welcome for the new group's other members.
};

/// What Group::join_external() produces.
struct Group::ExternalJoin {
  Group group;        ///< The joined group, in the new epoch.
  MlsMessage commit;  ///< The external Commit, to send to the group.
};

}  // namespace conclave::mls
