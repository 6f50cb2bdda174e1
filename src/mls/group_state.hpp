#pragma once

// The state behind a Group (private to the library). It lives on the heap
// so that the signer lookup its message protection holds stays valid when
// the Group moves.

#include <atomic>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <memory>
#include <optional>
#include <vector>

#include "conclave/mls/exporter_tree.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/message_protection.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/ratchet_tree.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "conclave/mls/treekem.hpp"
#include "public_state.hpp"

namespace conclave::mls {

// The secrets one epoch still needs (section 8) and its message
// protection; its GroupContext and proposals are in PublicState.
struct EpochState {
  crypto::Secret init_secret;
  crypto::Secret exporter_secret;
  crypto::Secret external_secret;
  crypto::Secret resumption_psk;
  crypto::Secret epoch_authenticator;
  std::unique_ptr<MessageProtection> protection;
  // draft-ietf-mls-extensions, "Exported Secrets": what is left of the
  // epoch's Exporter Tree.
  ExporterTree exporter_tree;
};

// The epoch a Commit leads to, computed on the staged tree.
struct NextEpoch {
  GroupContext context;
  EpochSecrets secrets;
  Bytes confirmation_tag;
  TreePrivateKeys private_keys;
  bool removed_self = false;
  std::optional<ReInit> reinit;
  // draft-ietf-mls-extensions: the Commit's AppEphemerals.
  std::vector<CommittedEphemeral> ephemerals;
};

// Where Group::persist() keeps a state (src/storage/group_records.cpp).
struct StoreLink {
  storage::Store* store = nullptr;
  // A write failed, so the state may be ahead of the store: the group must
  // be loaded again.
  bool failed = false;
  // The epoch whose secret tree the store holds as the current one.
  std::uint64_t epoch = 0;
  // The past epochs the store holds records of, oldest first.
  std::vector<std::uint64_t> past;
  // Set once a later state of this process took over the group's records
  // (storage::claim_writer()): this one writes no more.
  std::shared_ptr<std::atomic<bool>> superseded;
};

// RFC 9420 section 14: what this member keeps of an epoch it has left, so
// that the epoch's late application messages still open, each once (section
// 12.4.2's note). No membership key, init, exporter or external secret.
struct PastEpoch {
  // The epoch's GroupContext, sender_data_secret and secret tree (whose
  // leaf_count() is the epoch's).
  PastProtection protection;
  // The leaves the Commit that ended the epoch changed, in leaf order, each
  // with its signature key in this epoch: with the later past epochs' and
  // the current tree, each sender's key as of this epoch (signer_as_of()).
  std::vector<RatchetTree::LeafSigner> signers_before_next;

  std::uint64_t number() const { return protection.context.epoch; }
};

// A past epoch as Group::serialize() (and persistence) stores it.
struct StoredLeafSigner {
  std::uint32_t leaf = 0;
  std::optional<Bytes> signature_key;
  CONCLAVE_FIELDS(leaf, signature_key)
};
struct StoredPastEpoch {
  GroupContext context;
  crypto::Secret sender_data_secret;
  std::uint32_t leaves = 0;
  StoredSecretTree secret_tree;
  std::vector<StoredLeafSigner> signers_before_next;
  CONCLAVE_FIELDS(context, sender_data_secret, leaves, secret_tree, signers_before_next)
};
// `with_secret_tree` false leaves the secret tree out (storage keeps its
// parts as records of their own).
StoredPastEpoch store_past_epoch(const PastEpoch& past, bool with_secret_tree);
// Errc::invalid_value for a leaf count that is not a power of two, a secret
// tree that does not fit it, or signers not in strict leaf order.
Result<PastEpoch> restore_past_epoch(const CipherSuite& suite, const SecretTreeOptions& options,
                                     StoredPastEpoch stored);

// Section 8.4: a PSK a member can use: `resumption_psk` (the current
// epoch's) or one of `history` (earlier epochs', by number) for this group,
// else the application's (config.psks).
std::optional<crypto::Secret> group_psk(const GroupContext& context, const crypto::Secret& resumption_psk,
                                        const std::deque<std::pair<std::uint64_t, crypto::Secret>>& history,
                                        const GroupConfig& config, const PreSharedKeyId& id);

// A member's state: the public state and this member's secrets.
struct GroupState : PublicState {
  GroupState(const CipherSuite& s, GroupConfig c, LeafIndex leaf, crypto::Secret signer,
             RatchetTree t, TreePrivateKeys keys)
      : PublicState(s, std::move(c), std::move(t)),
        own_leaf(leaf),
        signature_key(std::move(signer)),
        private_keys(std::move(keys)) {}

  // Starts an epoch from the key schedule's output (section 8); the previous
  // epoch's resumption PSK joins the history (section 8.6), and its message
  // protection the past epochs, with `signers_changed`: the leaves the
  // Commit changed (RatchetTree::staged_leaf_signers()). The first epoch
  // starts the history.
  Status enter_epoch(GroupContext context, EpochSecrets secrets, Bytes confirmation_tag,
                     std::vector<RatchetTree::LeafSigner> signers_changed = {});

  // Section 12.4.2: a Commit removed this member. The epoch it was removed
  // in counts as the newest of its config.past_epochs.
  void mark_removed();

  // Section 14: the retained past epoch `number`; null when there is none.
  PastEpoch* past_epoch(std::uint64_t number);

  // Section 6.1 for a late message: the signature key `leaf` had in past
  // epoch `number` (which must be retained), or none when it was blank.
  std::optional<Bytes> signer_as_of(std::uint64_t number, LeafIndex leaf) const;

  // Deletes the oldest past epochs beyond what config.past_epochs allows.
  void trim_past_epochs();

  // Section 8.4: a PSK this member can use, from the group's own resumption
  // history or the application.
  std::optional<crypto::Secret> psk(const PreSharedKeyId& id) const;

  LeafIndex own_leaf;
  crypto::Secret signature_key;
  TreePrivateKeys private_keys;
  EpochState epoch;
  // The epoch this member created or joined the group in: an epoch from it
  // to the current one that is not retained has been deleted
  // (Errc::epoch_expired); one before it was never held.
  std::uint64_t first_epoch = 0;
  // Section 14: the past epochs kept, oldest first, up to the one before
  // the current epoch: at most config.past_epochs (one fewer once removed).
  std::deque<PastEpoch> past_epochs;
  std::deque<std::pair<std::uint64_t, crypto::Secret>> resumption_psks;
  bool removed = false;
  // Section 11.2: a committed ReInit; the group may no longer be used.
  std::optional<ReInit> reinit;
  // Private keys of this member's Update proposals, by encryption key.
  std::unordered_map<std::string, crypto::Secret> pending_update_keys;
  // A Commit of this member's, staged: the tree holds its changes.
  std::optional<NextEpoch> pending;
  // Set once the group is persisted.
  std::optional<StoreLink> stored;
};

// Section 11.
Result<std::unique_ptr<GroupState>> create_group(const CipherSuite& suite, Bytes group_id,
                                                 KeyPackageBundle creator, ExtensionList extensions,
                                                 GroupConfig config, crypto::RandomSource& random);

// Section 12.4.1: stages this member's Commit (state.pending, and the tree's
// staging) and returns the messages to send.
Result<CommitOutput> create_commit(GroupState& state, const CommitOptions& options,
                                   crypto::RandomSource& random);

// Section 12.4.3: a GroupInfo for `context`, signed by this member, with
// the external_pub of `external_secret` and optionally the ratchet tree.
Result<GroupInfo> make_group_info(const GroupState& state, const GroupContext& context,
                                  BytesView external_secret, const Bytes& confirmation_tag,
                                  bool with_tree);

// Section 12.4.3.2: joins by an external Commit, returning the joiner's
// state (in the new epoch) and the Commit to send.
struct ExternalJoinState {
  std::unique_ptr<GroupState> state;
  MlsMessage commit;
};
Result<ExternalJoinState> join_by_external_commit(const GroupInfo& info, KeyPackageBundle joiner,
                                                  const std::optional<RatchetTreeNodes>& tree,
                                                  const ExternalJoinOptions& options,
                                                  GroupConfig config, crypto::RandomSource& random);

// Section 8.4: the psk_secret of `ids`, in order, each from `lookup`
// (unknown_psk for one it does not give).
Result<crypto::Secret> looked_up_psk_secret(const CipherSuite& suite,
                                            const std::vector<PreSharedKeyId>& ids,
                                            const PskLookup& lookup);

// Moves the group into the epoch `next` describes, keeping the tree's
// staged changes.
Status enter_next_epoch(GroupState& state, NextEpoch next);

// Section 12.4.2's note: the retained past epoch of an application
// PrivateMessage of this group; null for any other message.
PastEpoch* late_message_epoch(GroupState& state, const MlsMessage& message);

// Section 6.3 in a past epoch: opens `message` with its keys, verifies its
// signature against the sender's key as of that epoch, accepts application
// data only (Errc::wrong_epoch otherwise) and consumes its key. Changes
// nothing on failure.
Result<Received> process_late_message(GroupState& state, PastEpoch& past, const PrivateMessage& message);

// Section 14: Errc::epoch_expired for an application PrivateMessage of this
// group from an epoch this member held and whose secrets it has deleted.
Status check_not_expired(const GroupState& state, const PrivateMessage& message);

// Section 12.4.3.1: what a joiner verifies of a tree against the
// GroupContext of its epoch: the tree hash is the context's
// (Errc::invalid_tree), the parent hashes and leaf signatures are valid, no
// list of the context's extensions repeats a type, and each leaf is valid
// as section 7.3 says (validate_tree_leaves()).
Status verify_tree_of(const RatchetTree& tree, const GroupContext& context);

// Sections 12.4.3.1, 13 and 5.3.1: what a joiner judges of a tree
// verify_tree_of() passed: `joiner` (unless null, for a follower that has
// no leaf) supports the context's extensions, and the members' and the
// external senders' credentials are acceptable to `config`.
Status accept_tree(const RatchetTree& tree, const GroupContext& context, const LeafNode* joiner,
                   const GroupConfig& config);

// Sections 12.4.3.1 and 12.4.3.2: the tree a joiner is given (the
// GroupInfo's ratchet_tree extension, else `supplied`), checked against the
// GroupInfo (hash, parent hashes, each leaf as section 7.3 says, the
// GroupInfo's signature) and by the joiner: `joiner` (unless null, for a
// follower that has no leaf) supports the GroupContext extensions, and the
// members' and external senders' credentials are acceptable to `config`.
Result<RatchetTree> joined_tree(const CipherSuite& suite, const GroupInfo& info,
                                const std::optional<RatchetTreeNodes>& supplied, const LeafNode* joiner,
                                const GroupConfig& config);

// Section 12.4.3.1: the GroupInfo's signature, by the member at its signer
// leaf of `tree`. Errc::invalid_sender for a blank or absent signer leaf.
Status verify_group_info(const CipherSuite& suite, const GroupInfo& info, const RatchetTree& tree);
// Section 12.4.3.1: the GroupInfo's signature by the key `signer`.
Status verify_group_info_signature(const CipherSuite& suite, const GroupInfo& info, BytesView signer);

// Section 12.4.3.1, the steps before the tree: a Welcome opened by its
// joiner (GroupSecrets by KeyPackageRef, the PSKs, the GroupInfo decrypted),
// its GroupContext of the Welcome's suite and version, and resumed as its
// resumption PSK says.
struct OpenedWelcome {
  CipherSuite suite;
  GroupSecrets secrets;
  crypto::Secret psk_secret;
  GroupInfo info;
};
Result<OpenedWelcome> open_welcome(const Welcome& welcome, const KeyPackage& key_package,
                                   const crypto::Secret& init_private_key, const GroupConfig& config);

// Section 12.4.3.1: the epoch's secrets from the joiner secret, once the
// GroupInfo's confirmation tag is verified against them.
Result<EpochSecrets> welcome_epoch(const OpenedWelcome& opened);

// Section 12.4.3.1.
Result<std::unique_ptr<GroupState>> join_group(const Welcome& welcome, const KeyPackage& key_package,
                                               KeyPackageKeys keys,
                                               const std::optional<RatchetTreeNodes>& tree,
                                               GroupConfig config);

// Section 12.4.2: applies a Commit the current epoch has authenticated.
// Fails with the group unchanged.
Result<Received> process_commit(GroupState& state, const AuthenticatedContent& content);

// A state stored by Group::serialize, reloaded.
Result<std::unique_ptr<GroupState>> load_group_state(BytesView stored, GroupConfig config);

// Section 6: the content of an application message from member `sender`
// in the epoch of `context`.
FramedContent application_content(const GroupContext& context, LeafIndex sender, BytesView application_data,
                                  BytesView authenticated_data);

// Section 5.2: RefHash("MLS 1.0 Proposal Reference", AuthenticatedContent).
Bytes proposal_ref(const CipherSuite& suite, const AuthenticatedContent& content);

// Runs `stage` on a tree the caller began staging. An exception (an
// allocation that failed) discards what was staged before it goes on, as
// the caller does for an error: the tree is then as before the staging.
template <class Stage>
auto staged_or_discarded(RatchetTree& tree, Stage&& stage) -> decltype(stage()) {
  try {
    return stage();
  } catch (...) {
    tree.discard_staged();
    throw;
  }
}

}  // namespace conclave::mls
