#pragma once

/// @file
/// RFC 9420 section 6: protecting and unprotecting framed content in one
/// epoch, as PublicMessage (signature and membership tag, section 6.2) or
/// PrivateMessage (content and sender data encryption, section 6.3).

#include <cstddef>
#include <functional>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/secret_tree.hpp"

namespace conclave::mls {

/// The signature key that may have signed a content, from the group's view:
/// for a member sender its leaf's key, for other senders what the group
/// layer allows. Empty when no key is acceptable (a blank leaf, say).
using SignerLookup = std::function<std::optional<Bytes>(const FramedContent& content)>;

/// Whether a received PublicMessage's membership tag (present: its sender is
/// a member) is the one the epoch's membership key gives (section 6.2).
using MembershipTagCheck = std::function<bool(const PublicMessage& message)>;

/// RFC 9420 sections 6.1 and 6.2: whether a received content is of the
/// group and epoch of `context`.
/// @param context The epoch's GroupContext.
/// @param group_id The content's group_id.
/// @param epoch The content's epoch.
/// @errors `Errc::wrong_group` for another group; `Errc::wrong_epoch` for
/// another epoch of this group.
Status check_epoch_of(const GroupContext& context, BytesView group_id, std::uint64_t epoch);

/// RFC 9420 section 6.1: verifies a content's signature over its
/// FramedContentTBS (with `context`) by the key `signers` gives.
/// @param suite The group's cipher suite.
/// @param context The epoch's GroupContext.
/// @param signers Gives the key the content must be signed with.
/// @param content The received content.
/// @errors `Errc::invalid_sender` when `signers` gives no key;
/// `Errc::signature_invalid` (or `Errc::invalid_public_key` for a malformed
/// key) when the signature does not verify.
Status verify_content_signature(const CipherSuite& suite, const GroupContext& context,
                                const SignerLookup& signers, const AuthenticatedContent& content);

/// RFC 9420 section 6.2: authenticates a received PublicMessage in the
/// epoch of `context`: group and epoch, application data refused, the
/// membership tag present exactly for a member sender and accepted by
/// `tag_valid`, then the signature. A follower without the membership key
/// passes an empty `tag_valid`: the tag's presence is still checked.
/// @param suite The group's cipher suite.
/// @param context The epoch's GroupContext.
/// @param signers Gives the key a content must be signed with.
/// @param message The received message.
/// @param tag_valid Checks a member sender's membership tag; empty: unchecked.
/// @errors Those of check_epoch_of(); `Errc::content_not_allowed` for
/// application data; `Errc::membership_tag_invalid` for a tag missing,
/// present for a non-member sender, or refused by `tag_valid`; those of
/// verify_content_signature().
Result<AuthenticatedContent> authenticate_public(const CipherSuite& suite, const GroupContext& context,
                                                 const SignerLookup& signers, const PublicMessage& message,
                                                 const MembershipTagCheck& tag_valid);

/// The secrets of an epoch that message protection uses.
struct ProtectionSecrets {
  crypto::Secret membership_key;      ///< Section 6.2: keys membership tags.
  crypto::Secret sender_data_secret;  ///< Section 6.3.2: keys sender data.
  crypto::Secret encryption_secret;   ///< Section 9: the secret tree's root.
};

/// How protect_public() and protect_private() frame a content.
struct ProtectOptions {
  /// Set for commits, and only for them (section 6.1).
  std::optional<Bytes> confirmation_tag;
  /// Zero bytes appended to a PrivateMessage's content (section 6.3.1).
  std::size_t padding = 0;
};

/// A PrivateMessage that decrypted and verified, and the ratchet key it used.
struct OpenedMessage {
  AuthenticatedContent content;  ///< The decrypted, verified content.
  LeafIndex sender;              ///< The sender's leaf, from the sender data.
  RatchetType ratchet = RatchetType::application;  ///< The ratchet its key came from.
  std::uint32_t generation = 0;  ///< The generation of that key.
};

/// Message protection as stored (group state serialization).
struct StoredProtection {
  crypto::Secret membership_key;      ///< The epoch's membership_key.
  crypto::Secret sender_data_secret;  ///< The epoch's sender_data_secret.
  StoredSecretTree secret_tree;       ///< What is left of the secret tree.
  CONCLAVE_FIELDS(membership_key, sender_data_secret, secret_tree)
};

/// What is left of an epoch's message protection once the group has moved
/// on (RFC 9420 section 14): what opening the epoch's late PrivateMessages
/// takes (see open_private()). The membership key is deleted.
struct PastProtection {
  GroupContext context;               ///< The epoch's GroupContext, which signatures cover.
  crypto::Secret sender_data_secret;  ///< The epoch's sender_data_secret.
  SecretTree secret_tree;             ///< What is left of the epoch's secret tree.
};

/// RFC 9420 section 6.3: decrypts and verifies a PrivateMessage with one
/// epoch's secrets, changing nothing (MessageProtection::open() for the
/// current epoch, and a past epoch's late messages).
/// @param suite The group's cipher suite.
/// @param context The epoch's GroupContext.
/// @param sender_data_secret The epoch's sender_data_secret.
/// @param secret_tree The epoch's secret tree, whose key is peeked at.
/// @param signers Gives the key the content must be signed with.
/// @param message The received message.
/// @errors Those of MessageProtection::open().
Result<OpenedMessage> open_private(const CipherSuite& suite, const GroupContext& context,
                                   BytesView sender_data_secret, const SecretTree& secret_tree,
                                   const SignerLookup& signers, const PrivateMessage& message);

/// RFC 9420 section 6: protects outgoing and unprotects incoming content in
/// one epoch, holding the epoch's membership key, sender data secret and
/// secret tree. Not thread-safe.
class MessageProtection {
 public:
  /// Protection for the epoch of `context`.
  /// @param suite The group's cipher suite.
  /// @param context The epoch's GroupContext; messages of other groups or
  ///   epochs are refused.
  /// @param secrets The epoch's secrets (section 8).
  /// @param leaves The number of leaves of the epoch's ratchet tree.
  /// @param signers Gives the key a received content must be signed with.
  /// @param tree_options The reordering bounds of the secret tree.
  MessageProtection(const CipherSuite& suite, GroupContext context, ProtectionSecrets secrets,
                    LeafCount leaves, SignerLookup signers, SecretTreeOptions tree_options = {});

  /// The secrets and secret tree state, for serialization.
  StoredProtection store() const;
  /// The secrets without the secret tree, for storage that keeps the
  /// tree's parts apart (see secret_tree()).
  StoredProtection store_secrets() const;
  /// The epoch's secret tree, to store its parts.
  const SecretTree& secret_tree() const noexcept { return secret_tree_; }
  /// What changed in the secret tree since the last call (see
  /// SecretTree::take_changes()).
  SecretTree::Changes take_secret_tree_changes() { return secret_tree_.take_changes(); }
  /// Protection from what store() returned; the other arguments are as for
  /// the constructor.
  /// @param suite The group's cipher suite.
  /// @param context The epoch's GroupContext.
  /// @param stored What store() returned.
  /// @param leaves The number of leaves of the epoch's ratchet tree.
  /// @param signers Gives the key a received content must be signed with.
  /// @param tree_options The reordering bounds of the secret tree.
  /// @errors The errors of SecretTree::restore(): `Errc::invalid_value` for
  /// secret tree state that does not fit a tree of `leaves` leaves.
  static Result<MessageProtection> restore(const CipherSuite& suite, GroupContext context,
                                           StoredProtection stored, LeafCount leaves,
                                           SignerLookup signers, SecretTreeOptions tree_options = {});

  /// The GroupContext of the epoch this protection is for.
  const GroupContext& context() const noexcept { return context_; }

  /// RFC 9420 section 6.2: signs `content` and frames it as a PublicMessage,
  /// with a membership tag when the sender is a member.
  /// @param content The content to send.
  /// @param signature_key The sender's private signature key.
  /// @param options The confirmation tag, for a commit (padding is unused).
  /// @errors `Errc::invalid_argument` when a confirmation tag is given for
  /// content that is not a commit, or is missing for a commit; the signing
  /// errors (`Errc::invalid_private_key` for a malformed key,
  /// `Errc::internal` if the crypto provider fails).
  Result<PublicMessage> protect_public(FramedContent content, const crypto::Secret& signature_key,
                                       const ProtectOptions& options = {}) const;

  /// protect_public() and protect_private() in two steps, for a Commit,
  /// whose confirmation tag depends on its signature (section 8.2): sign(),
  /// then seal with the finished auth data.
  /// @return The signature over the FramedContentTBS of `content` sent as
  ///   `wire_format`.
  /// @errors `Errc::invalid_private_key` when `signature_key` is malformed;
  /// `Errc::internal` if the crypto provider fails.
  Result<Bytes> sign(WireFormat wire_format, const FramedContent& content,
                     const crypto::Secret& signature_key) const;
  /// The second step of protect_public(): frames signed content as a
  /// PublicMessage, adding the membership tag for a member sender.
  PublicMessage seal_public(FramedContent content, FramedContentAuthData auth) const;
  /// The second step of protect_private() (RFC 9420 section 6.3): encrypts
  /// signed content under the sender's next ratchet key, then the sender
  /// data under a key sampled from that ciphertext. Spends the key.
  /// @param content The content, whose sender must be a member.
  /// @param auth Its signature (from sign()) and, for a commit, its
  ///   confirmation tag.
  /// @param padding Zero bytes appended to the plaintext.
  /// @param random The source of the reuse guard.
  /// @errors `Errc::content_not_allowed` when the sender is not a member;
  /// `Errc::invalid_sender` for a leaf outside the tree;
  /// `Errc::message_limit` when the sender's ratchet is exhausted;
  /// `Errc::internal` if the crypto provider fails.
  Result<PrivateMessage> seal_private(const FramedContent& content, FramedContentAuthData auth,
                                      std::size_t padding, crypto::RandomSource& random);
  /// RFC 9420 section 6.3: signs `content`, then encrypts it as a
  /// PrivateMessage (see seal_private()).
  /// @param content The content, whose sender must be a member.
  /// @param signature_key The sender's private signature key.
  /// @param options The confirmation tag (for a commit) and the padding.
  /// @param random The source of the reuse guard.
  /// @errors Those of protect_public()'s signing step, then those of
  /// seal_private().
  Result<PrivateMessage> protect_private(const FramedContent& content,
                                         const crypto::Secret& signature_key,
                                         const ProtectOptions& options,
                                         crypto::RandomSource& random);

  /// RFC 9420 section 6.2: authenticates a received PublicMessage and
  /// returns its content. Each check of sections 6.2 and 6.3 in turn; on any
  /// failure the state is unchanged (no ratchet key is consumed). For a
  /// PublicMessage: group and epoch, the membership tag of a member sender,
  /// then the signature.
  /// @errors `Errc::wrong_group` or `Errc::wrong_epoch` for a message of
  /// another group or epoch; `Errc::content_not_allowed` for application
  /// data, which never travels in a PublicMessage;
  /// `Errc::membership_tag_invalid` when the membership tag does not verify;
  /// `Errc::invalid_sender` when the signer lookup gives no key;
  /// `Errc::signature_invalid` (or `Errc::invalid_public_key` for a
  /// malformed key) when the signature does not verify.
  Result<AuthenticatedContent> unprotect(const PublicMessage& message) const;
  /// RFC 9420 section 6.3: decrypts and verifies a PrivateMessage and
  /// consumes its ratchet key: open(), then consume(). On any failure the
  /// state is unchanged.
  /// @errors Those of open() and consume().
  Result<AuthenticatedContent> unprotect(const PrivateMessage& message);
  /// unprotect() in two steps, for content that has more checks to pass
  /// before its key may be spent (a commit): open() changes nothing, and
  /// consume() deletes the key (section 9.2).
  /// @errors `Errc::wrong_group` or `Errc::wrong_epoch` for a message of
  /// another group or epoch; `Errc::aead_failure` when the sender data or
  /// the content does not decrypt; the decoding errors (`Errc::truncated`,
  /// `Errc::trailing_data`, ...) for sender data or content that does not
  /// parse; `Errc::invalid_padding` for non-zero padding;
  /// `Errc::invalid_sender` for a sender leaf outside the tree or one the
  /// signer lookup gives no key for; `Errc::generation_consumed` or
  /// `Errc::generation_too_far` when the generation's key is not available
  /// (see SecretTree::get()); `Errc::signature_invalid` (or
  /// `Errc::invalid_public_key`) when the signature does not verify;
  /// `Errc::internal` if the crypto provider fails.
  Result<OpenedMessage> open(const PrivateMessage& message) const;
  /// Deletes the ratchet key an opened message used (section 9.2).
  /// @errors The errors of SecretTree::get(); `Errc::generation_consumed`
  /// when the key was consumed since the message was opened.
  Status consume(const OpenedMessage& opened);

  /// Ends this protection when the group leaves its epoch (RFC 9420 section
  /// 14): deletes the membership key and hands over what opening the
  /// epoch's late messages takes. The protection may then only be destroyed.
  PastProtection retire() &&;

 private:
  MessageProtection(const CipherSuite& suite, GroupContext context, crypto::Secret membership_key,
                    crypto::Secret sender_data_secret, SecretTree secret_tree, SignerLookup signers);

  Result<FramedContentAuthData> signed_auth(WireFormat wire_format, const FramedContent& content,
                                            const crypto::Secret& signature_key,
                                            const ProtectOptions& options) const;
  Bytes membership_tag(const FramedContent& content, const FramedContentAuthData& auth) const;

  CipherSuite suite_;
  GroupContext context_;
  crypto::Secret membership_key_;
  crypto::Secret sender_data_secret_;
  SecretTree secret_tree_;
  SignerLookup signers_;
};

}  // namespace conclave::mls
