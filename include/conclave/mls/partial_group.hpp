#pragma once

/// @file
/// draft-ietf-mls-partial: a partial client, a member that holds no ratchet
/// tree. It keeps the epoch's secrets, its own leaf's and direct path's
/// private keys, and a membership proof of its own leaf; it joins from an
/// AnnotatedWelcome, follows the group through AnnotatedCommits, and reads
/// and sends application messages with proofs of their senders. It cannot
/// commit. It can upgrade to a full member by downloading and verifying the
/// whole tree (RFC 9420 section 12.4.3.1), and a full member can downgrade
/// to it by dropping its tree.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/tree_math.hpp"
#include "conclave/mls/tree_node.hpp"

namespace conclave::mls {

struct PartialState;

/// draft-ietf-mls-partial: a partial client of one group. Move-only; not
/// thread-safe. Every call that fails leaves the client as it was.
class PartialGroup {
 public:
  /// draft-ietf-mls-partial, "Joining via Annotated Welcome": RFC 9420
  /// section 12.4.3.1 with the tree replaced by the two proofs: they must
  /// reference the same tree, whose hash must be the GroupInfo's; the
  /// GroupInfo must be signed by the sender's proven leaf, and its signer
  /// must be that proof's leaf index; this member's leaf is the joiner
  /// proof's, which must hold `key_package`'s leaf node.
  /// @param welcome The AnnotatedWelcome.
  /// @param key_package The KeyPackage the Welcome was sent to.
  /// @param keys Its private keys.
  /// @param config The PSKs, secret tree options and credential policy
  ///   (applied to each proven leaf's credential).
  /// The GroupSecrets' path secret is that of the joiner's and the signer's
  /// lowest common ancestor: it and the joiner's non-blank path nodes above
  /// it (as the joiner proof shows them) get key pairs, each public key
  /// checked against the proof (RFC 9420 sections 7.5 and 12.4.3.1).
  /// @errors Those of opening the Welcome as Group::join() does
  /// (`Errc::not_in_group` when no secrets are for `key_package`, the
  /// decryption and decoding errors, `Errc::unknown_psk`,
  /// `Errc::invalid_argument` for another suite, version or resumption);
  /// `Errc::membership_proof_invalid` when the proofs are malformed, do not
  /// reference the same tree, or that tree's hash is not the GroupInfo's;
  /// `Errc::invalid_sender` when the GroupInfo's signer is not the sender
  /// proof's leaf; `Errc::signature_invalid` (or
  /// `Errc::invalid_public_key`) when the proven leaf's key does not verify
  /// it; `Errc::not_in_group` when the joiner proof's leaf is not
  /// `key_package`'s; `Errc::duplicate_extension` for a repeated
  /// extension type; `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once; the errors
  /// of supports_extensions(), of the credential policy and of the external
  /// senders check; `Errc::invalid_argument` when the path secret's node is
  /// not a non-blank node of the joiner's proven path;
  /// `Errc::invalid_value` when a derived public key is not the proof's;
  /// `Errc::invalid_private_key` for a malformed encryption key;
  /// `Errc::confirmation_tag_invalid` when the GroupInfo's confirmation tag
  /// does not verify.
  static Result<PartialGroup> join(const AnnotatedWelcome& welcome, const KeyPackage& key_package,
                                   KeyPackageKeys keys, GroupConfig config);

  /// draft-ietf-mls-partial, "Upgrading and Downgrading": a full member
  /// drops its tree and keeps what a partial client keeps: its leaf's
  /// proof, its private keys, the epoch's secrets and message protection
  /// (the secret tree's state moves, so no key is used twice), the
  /// proposals received and the resumption PSKs. Its past epochs (late
  /// messages) are dropped with the tree. On success `group` is moved from;
  /// on failure it is unchanged.
  /// @param group The full member, moved from on success.
  /// @errors `Errc::not_in_group` for a removed member;
  /// `Errc::group_reinitialized` after a ReInit; `Errc::invalid_argument`
  /// while a Commit of the member's is pending or an Update it proposed
  /// this epoch is outstanding (a partial client could not take the new
  /// leaf's key).
  static Result<PartialGroup> downgrade(Group&& group);

  /// Moves the client (its state stays on the heap).
  PartialGroup(PartialGroup&&) noexcept;
  /// Moves the client.
  PartialGroup& operator=(PartialGroup&&) noexcept;
  /// Destroys the client, zeroizing its secrets.
  ~PartialGroup();

  /// draft-ietf-mls-partial, "Annotated Commit": verifies the proofs, then
  /// RFC 9420 section 12.4.2 without a tree: the signature by the proven
  /// sender, the proposals that change no tree applied (PreSharedKey,
  /// GroupContextExtensions, ReInit, ExternalInit), the path secret
  /// decrypted at the resolution index, and the confirmation tag checked
  /// against the new epoch (which authenticates tree_hash_after). The
  /// client's key pairs become those of its path after the Commit, its
  /// proof the receiver proof after, its leaf count the proofs'. Before it
  /// acts on the Commit it checks all it can without the tree: the
  /// committer's new leaf (section 7.3 without the tree: source, credential
  /// policy, signature at the sender proof after's index, capabilities; a
  /// member's credential a successor of its leaf's in the sender proof),
  /// new GroupContext extensions (their external senders' credentials, and
  /// this client's leaf supports them and their required capabilities), and
  /// a new member's Remove of this client's leaf as a resync
  /// (GroupConfig::resync; section 12.2). A Commit that removes this client
  /// (by a Remove, or by this client's own SelfRemove of
  /// draft-ietf-mls-extensions, which it applies like a Remove)
  /// gives `Received::removed` only after all these checks and the
  /// signature passed, and the client then refuses everything with
  /// `Errc::not_in_group`. A removed client has no leaf after the Commit,
  /// so its AnnotatedCommit holds: the Commit; the committer's sender
  /// proof (before; absent for a new member's Commit); tree_hash_after; a
  /// resolution index exactly when the Commit has a path (its value is not
  /// used); the committer's proof after; and as receiver proof after the
  /// proof of any leaf of the tree after (such as the committer's, or the
  /// annotation made for another member), verified against
  /// tree_hash_after like the sender's. The confirmation tag is not
  /// verified for it (it cannot derive the new epoch).
  /// @errors `Errc::not_in_group` once removed; `Errc::group_reinitialized`
  /// after a ReInit; `Errc::membership_proof_invalid` when a proof is
  /// malformed, the sender proof is not valid against the current tree
  /// hash, the after-proofs do not reference the same tree or it is not
  /// `tree_hash_after`, the receiver proof after is not this client's leaf
  /// or proves it changed (unless the Commit removes this client),
  /// the sender proof after not the member committer's, or its leaf not the
  /// UpdatePath's; `Errc::invalid_sender` when the sender proof is absent
  /// for a member Commit or present for a new member's, or is of another
  /// leaf than the Sender's, or the Commit is this client's; those of
  /// authenticating the message (`Errc::wrong_group`, `Errc::wrong_epoch`,
  /// `Errc::membership_tag_invalid`, `Errc::signature_invalid`, the
  /// decryption errors of a PrivateMessage); `Errc::content_not_allowed`
  /// for content other than a Commit; `Errc::confirmation_tag_invalid`
  /// when the Commit has no confirmation tag or it does not verify;
  /// `Errc::message_limit` in the last epoch; `Errc::unknown_proposal` for
  /// a reference to a proposal not received this epoch;
  /// `Errc::invalid_proposal` for a new member's Commit with a reference or
  /// without ExternalInit; `Errc::path_required` when the proposals require
  /// a path it lacks; `Errc::invalid_value` when `resolution_index` is
  /// present without a path or absent with one; the errors of
  /// receive_partial_path(); `Errc::unknown_psk` for a PSK this client does
  /// not have; the errors of validate_leaf_node_alone() for the
  /// committer's new leaf (the credential policy's, `Errc::signature_invalid`,
  /// `Errc::invalid_value` for a source other than commit,
  /// `Errc::duplicate_extension`, `Errc::capability_mismatch`); the errors
  /// of find_required_capabilities() for new required capabilities that do
  /// not parse; `Errc::credential_rejected` (or
  /// GroupConfig::credential_successor's error) when a member committer's
  /// new leaf changes its credential to one not accepted as its successor;
  /// for new GroupContext extensions, the credential policy's error for an
  /// external sender it names, `Errc::invalid_value` for external senders
  /// that do not parse, `Errc::duplicate_extension` for two of one type,
  /// `Errc::invalid_value` for an app_data_dictionary whose entries are not sorted by component with each once,
  /// `Errc::invalid_proposal` for required capabilities that do not parse,
  /// `Errc::capability_mismatch` when this client's leaf does not support
  /// them; for a new member's Commit removing this client,
  /// `Errc::duplicate_key` when the new leaf keeps this client's encryption
  /// key and GroupConfig::resync's error (unset: `Errc::credential_rejected`
  /// unless the new leaf's credential succeeds this client's);
  /// draft-ietf-mls-extensions: the AppEphemerals and AppDataUpdates are
  /// applied as Group::process() applies them (Received::app_ephemerals),
  /// with its errors for them, except the capability checks that need the
  /// tree.
  Result<Received> process(const AnnotatedCommit& commit);

  /// A proposal or application message: for a member sender, with the
  /// proof of its leaf in the tree of the message's epoch
  /// ("Sender-Authenticated Messages"); for another sender (an external
  /// sender's or new member's proposal), without. Commits come as
  /// AnnotatedCommit. A proposal is kept by its ProposalRef for a Commit of
  /// this epoch; one from outside the group must be authorized by
  /// GroupConfig::external_proposals (it is not otherwise validated: the
  /// client has no tree).
  /// @errors `Errc::not_in_group` once removed; `Errc::group_reinitialized`
  /// after a ReInit; `Errc::partial_unsupported` for a Commit;
  /// `Errc::invalid_value` for another protocol version;
  /// `Errc::content_not_allowed` for a message that is neither a
  /// PublicMessage nor a PrivateMessage, or content its framing forbids;
  /// `Errc::wrong_group` or `Errc::wrong_epoch` for a message of another
  /// group or epoch; `Errc::invalid_sender` when `sender_proof` is absent
  /// for a member sender (a PrivateMessage's always is one) or present for
  /// another, or proves another leaf than the sender's (a PrivateMessage's
  /// from its sender data); `Errc::membership_proof_invalid` when the proof
  /// is not valid against the current tree hash; the credential policy's
  /// error (`Errc::credential_rejected`) for the proven leaf; the errors of
  /// MessageProtection::unprotect() and MessageProtection::open();
  /// `Errc::invalid_proposal` for a proposal its sender may not send;
  /// `Errc::proposal_rejected` (or the policy's error) for one from outside
  /// the group the application does not authorize; `Errc::decode_limit`
  /// when GroupConfig::max_cached_proposals are already kept; when the
  /// GroupContext's app_data_dictionary has the safe_aad component, the
  /// decoding errors for an authenticated_data that is not a SafeAad and
  /// `Errc::invalid_value` for one whose items are out of order
  /// (draft-ietf-mls-extensions "Safe Additional Authenticated Data").
  Result<Received> process(const MlsMessage& message,
                           const std::optional<MembershipProof>& sender_proof = std::nullopt);

  /// RFC 9420 section 6.3: application data, encrypted and signed by this
  /// member, with the proof of its leaf so that partial recipients can
  /// verify it (full members read the PrivateMessage alone).
  /// @errors `Errc::not_in_group` once removed; `Errc::group_reinitialized`
  /// after a ReInit; those of MessageProtection::protect_private()
  /// (`Errc::message_limit` when this member's ratchet is exhausted, ...);
  /// `Errc::invalid_argument` for an `authenticated_data` that is not a
  /// SafeAad while the GroupContext requires safe AAD (an empty one is sent
  /// as the empty SafeAad).
  Result<SenderAuthenticatedMessage<PrivateMessage>> protect(BytesView application_data,
                                                             BytesView authenticated_data,
                                                             crypto::RandomSource& random);

  /// draft-ietf-mls-partial, "Upgrading and Downgrading": a full member
  /// from this client and the group's whole tree, verified as a joiner
  /// verifies it (RFC 9420 section 12.4.3.1): its hash is the
  /// GroupContext's, its parent hashes, leaf signatures and leaves (section
  /// 7.3) are valid, its credentials and external senders are acceptable
  /// to the config, this member supports the GroupContext's extensions,
  /// and this member's leaf and private keys fit it. The member is in the
  /// same epoch with the same secrets and can commit. On success the
  /// client's state moves into the Group (this client is moved from: two
  /// holders of one secret tree would use its keys twice); on failure the
  /// client is unchanged.
  /// @param tree The group's ratchet tree in the current epoch.
  /// @errors `Errc::not_in_group` for a removed member, or when the tree's
  /// leaf at this member's index is not the one its proof proves;
  /// `Errc::group_reinitialized` after a ReInit; the errors of
  /// RatchetTree::from_nodes() for a malformed tree; `Errc::invalid_tree`
  /// when its hash is not the GroupContext's; `Errc::parent_hash_invalid`;
  /// the signature errors for a leaf's signature; the errors of
  /// validate_tree_leaves(), supports_extensions() and the config's
  /// credential policy; `Errc::invalid_value` for an external_senders
  /// extension that does not parse, or private keys that are not the
  /// tree's.
  Result<Group> upgrade(const RatchetTreeNodes& tree) &&;

  /// The group's cipher suite.
  const CipherSuite& suite() const noexcept;
  /// The current epoch's GroupContext.
  const GroupContext& context() const noexcept;
  /// The current epoch number.
  std::uint64_t epoch() const noexcept;
  /// This member's leaf.
  LeafIndex own_leaf() const noexcept;
  /// The number of leaf positions of the current tree.
  LeafCount leaf_count() const noexcept;
  /// The proof of this member's leaf in the current tree.
  const MembershipProof& own_membership_proof() const noexcept;
  /// RFC 9420 section 8.7: the epoch_authenticator, equal to full members'.
  BytesView epoch_authenticator() const noexcept;
  /// RFC 9420 section 8.5: MLS-Exporter, equal to full members'.
  /// @errors `Errc::invalid_length` when `length` is more than the KDF can
  /// expand (255 * Nh bytes).
  Result<crypto::Secret> export_secret(std::string_view label, BytesView context,
                                       std::size_t length) const;

 private:
  explicit PartialGroup(std::unique_ptr<PartialState> state) noexcept;
  std::unique_ptr<PartialState> state_;
};

}  // namespace conclave::mls
