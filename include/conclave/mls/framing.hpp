#pragma once

/// @file
/// RFC 9420 section 6: message framing. Where a field's presence depends on
/// another structure (the confirmation tag on the content type, the
/// membership tag on the sender), the codec is written out by hand.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "conclave/bytes.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/commit.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/registries.hpp"

namespace conclave::mls {

/// A sender that is a member of the group.
struct MemberSender {
  static constexpr SenderType tag = SenderType::member;  ///< Selects this case in Sender.
  std::uint32_t leaf_index = 0;  ///< The sender's leaf in the ratchet tree.
  CONCLAVE_FIELDS(leaf_index)
  /// Memberwise equality.
  friend bool operator==(const MemberSender&, const MemberSender&) = default;
};

/// A sender listed in the group's external_senders extension (RFC 9420
/// section 12.1.8.1).
struct ExternalSenderIndex {
  static constexpr SenderType tag = SenderType::external;  ///< Selects this case in Sender.
  std::uint32_t sender_index = 0;  ///< An index into the group's external_senders extension.
  CONCLAVE_FIELDS(sender_index)
  /// Memberwise equality.
  friend bool operator==(const ExternalSenderIndex&, const ExternalSenderIndex&) = default;
};

/// A non-member proposing to add itself (RFC 9420 section 12.1.8).
struct NewMemberProposalSender {
  static constexpr SenderType tag = SenderType::new_member_proposal;  ///< Selects this case.
  CONCLAVE_FIELDS()
  /// Memberwise equality.
  friend bool operator==(const NewMemberProposalSender&, const NewMemberProposalSender&) = default;
};

/// A non-member joining by external Commit (RFC 9420 section 12.4.3.2).
struct NewMemberCommitSender {
  static constexpr SenderType tag = SenderType::new_member_commit;  ///< Selects this case.
  CONCLAVE_FIELDS()
  /// Memberwise equality.
  friend bool operator==(const NewMemberCommitSender&, const NewMemberCommitSender&) = default;
};

/// RFC 9420 section 6: Sender, who sent a message, selected by SenderType.
using Sender = codec::Select<SenderType, MemberSender, ExternalSenderIndex,
                             NewMemberProposalSender, NewMemberCommitSender>;

/// The content of an application message.
struct ApplicationData {
  static constexpr ContentType tag = ContentType::application;  ///< Selects this case in Content.
  Bytes data;  ///< The application's bytes.
  CONCLAVE_FIELDS(data)
  /// Wipes the bytes: the application's data may be secret (a meeting's
  /// link rotation carries a password).
  ~ApplicationData() { crypto::secure_zero(data); }
  /// Memberwise equality.
  friend bool operator==(const ApplicationData&, const ApplicationData&) = default;
};

}  // namespace conclave::mls

namespace conclave::codec {
/// Proposal is itself a select and cannot carry a `tag` member: its tag as
/// a case of mls::Content.
template <>
struct SelectTag<mls::ContentType, mls::Proposal> {
  static constexpr mls::ContentType value = mls::ContentType::proposal;  ///< ContentType::proposal.
};
}  // namespace conclave::codec

namespace conclave::mls {

/// The body of a FramedContent, selected by ContentType: application data,
/// a proposal or a commit.
using Content = codec::Select<ContentType, ApplicationData, Proposal, Commit>;

/// RFC 9420 section 6: FramedContent, a message's content with its group,
/// epoch and sender.
struct FramedContent {
  Bytes group_id;            ///< The group the message is for.
  std::uint64_t epoch = 0;   ///< The epoch it was sent in.
  Sender sender;             ///< Who sent it.
  Bytes authenticated_data;  ///< The sender's data, authenticated but not encrypted.
  Content content;           ///< The application data, proposal or commit.
  CONCLAVE_FIELDS(group_id, epoch, sender, authenticated_data, content)
  /// Memberwise equality.
  friend bool operator==(const FramedContent&, const FramedContent&) = default;
};

/// RFC 9420 section 6.1: FramedContentAuthData. The confirmation tag is
/// present exactly when the content is a commit.
struct FramedContentAuthData {
  Bytes signature;                        ///< The sender's signature over FramedContentTBS.
  std::optional<Bytes> confirmation_tag;  ///< Section 6.1: set for commits only.
  /// Memberwise equality.
  friend bool operator==(const FramedContentAuthData&, const FramedContentAuthData&) = default;
};

/// RFC 9420 section 6.1: AuthenticatedContent, a content with its wire
/// format and authentication, as it is hashed into the transcript and into
/// proposal references.
struct AuthenticatedContent {
  WireFormat wire_format{};    ///< public_message or private_message.
  FramedContent content;       ///< The framed content.
  FramedContentAuthData auth;  ///< Its signature and confirmation tag.
  /// Memberwise equality.
  friend bool operator==(const AuthenticatedContent&, const AuthenticatedContent&) = default;
};

/// RFC 9420 section 6.2: PublicMessage, signed but not encrypted. The
/// membership tag is present exactly when the sender is a member.
struct PublicMessage {
  static constexpr WireFormat tag = WireFormat::public_message;  ///< Selects this MessageBody case.
  FramedContent content;                ///< The framed content, in the clear.
  FramedContentAuthData auth;           ///< Its signature and confirmation tag.
  std::optional<Bytes> membership_tag;  ///< MAC under the membership_key; members only.
  /// Memberwise equality.
  friend bool operator==(const PublicMessage&, const PublicMessage&) = default;
};

/// RFC 9420 section 6.3: PrivateMessage, signed and encrypted; only a
/// member may send one.
struct PrivateMessage {
  static constexpr WireFormat tag = WireFormat::private_message;  ///< Selects this case.
  Bytes group_id;               ///< The group, in the clear.
  std::uint64_t epoch = 0;      ///< The epoch, in the clear.
  ContentType content_type{};   ///< The kind of content, in the clear.
  Bytes authenticated_data;     ///< The sender's data, authenticated but not encrypted.
  Bytes encrypted_sender_data;  ///< SenderData, encrypted under the sender data key.
  Bytes ciphertext;             ///< PrivateMessageContent, encrypted under a ratchet key.
  CONCLAVE_FIELDS(group_id, epoch, content_type, authenticated_data, encrypted_sender_data,
                  ciphertext)
  /// Memberwise equality.
  friend bool operator==(const PrivateMessage&, const PrivateMessage&) = default;
};

/// RFC 9420 section 6.3.2: SenderData, which sender and ratchet key
/// encrypted a PrivateMessage.
struct SenderData {
  std::uint32_t leaf_index = 0;               ///< The sender's leaf.
  std::uint32_t generation = 0;               ///< The generation of its ratchet key.
  std::array<std::uint8_t, 4> reuse_guard{};  ///< Random bytes XORed into the content nonce.
  CONCLAVE_FIELDS(leaf_index, generation, reuse_guard)
};

/// RFC 9420 section 6.3.2: SenderDataAAD, the associated data of the
/// sender data encryption.
struct SenderDataAad {
  BytesView group_id;          ///< The message's group (not owned).
  std::uint64_t epoch = 0;     ///< The message's epoch.
  ContentType content_type{};  ///< The message's content type.
  CONCLAVE_FIELDS(group_id, epoch, content_type)
};

/// RFC 9420 section 6.3.1: PrivateContentAAD, the associated data of the
/// content encryption.
struct PrivateContentAad {
  BytesView group_id;            ///< The message's group (not owned).
  std::uint64_t epoch = 0;       ///< The message's epoch.
  ContentType content_type{};    ///< The message's content type.
  BytesView authenticated_data;  ///< The message's authenticated data (not owned).
  CONCLAVE_FIELDS(group_id, epoch, content_type, authenticated_data)
};

/// RFC 9420 section 6.3.1: PrivateMessageContent, the content and its auth
/// data followed by zero padding.
struct PrivateMessageContent {
  Content content;             ///< The content; its type travels in PrivateMessage::content_type.
  FramedContentAuthData auth;  ///< Its signature and confirmation tag.
};

/// RFC 9420 section 6.3.1: the plaintext of a PrivateMessage: the content
/// without its type tag, then its auth data, then `padding` zero bytes.
Bytes encode_private_content(const PrivateMessageContent& content, std::size_t padding);
/// RFC 9420 section 6.3.1: parses a decrypted PrivateMessage plaintext of
/// content type `type`; every byte after the auth data is padding.
/// @param plaintext The decrypted ciphertext.
/// @param type The PrivateMessage's content_type.
/// @param limits The decoding limits and memory budget.
/// @errors The decoding errors (`Errc::truncated`, `Errc::length_limit`,
/// `Errc::decode_limit`, `Errc::invalid_varint`, `Errc::non_minimal_varint`,
/// `Errc::invalid_value`, `Errc::unknown_variant`) when the content or auth
/// data does not parse or is beyond the limits; `Errc::invalid_padding` when any padding byte is
/// non-zero (a MUST).
Result<PrivateMessageContent> decode_private_content(BytesView plaintext, ContentType type,
                                                     codec::Limits limits = {});

/// RFC 9420 section 6.1: FramedContentTBS, the signed bytes. The group
/// context is included for member and new_member_commit senders.
Bytes framed_content_tbs(WireFormat wire_format, const FramedContent& content,
                         const GroupContext& context);

/// RFC 9420 section 6.2: AuthenticatedContentTBM, the bytes the membership
/// tag covers (the FramedContentTBS of a PublicMessage, then the auth data).
Bytes authenticated_content_tbm(const FramedContent& content, const FramedContentAuthData& auth,
                                const GroupContext& context);

/// RFC 9420 section 8.2: ConfirmedTranscriptHashInput, encoded: the wire
/// format, the content and its signature (not the confirmation tag).
Bytes confirmed_transcript_hash_input(const AuthenticatedContent& content);

}  // namespace conclave::mls

namespace conclave::codec {

/// The wire codec of mls::AuthenticatedContent, by hand: the confirmation
/// tag is read only when the content is a commit.
template <>
struct Codec<mls::AuthenticatedContent> {
  /// The encoded size of `v` in bytes.
  static std::size_t size(const mls::AuthenticatedContent& v);
  /// Appends the encoding of `v` to `w`.
  static void write(Writer& w, const mls::AuthenticatedContent& v);
  /// Reads one value into `v`.
  /// @return false on malformed input, with the cause in `r.error()`.
  static bool read(Reader& r, mls::AuthenticatedContent& v);
};

/// The wire codec of mls::PublicMessage, by hand: the confirmation tag is
/// read only for a commit, the membership tag only for a member sender.
template <>
struct Codec<mls::PublicMessage> {
  /// The encoded size of `v` in bytes.
  static std::size_t size(const mls::PublicMessage& v);
  /// Appends the encoding of `v` to `w`.
  static void write(Writer& w, const mls::PublicMessage& v);
  /// Reads one value into `v`.
  /// @return false on malformed input, with the cause in `r.error()`.
  static bool read(Reader& r, mls::PublicMessage& v);
};

}  // namespace conclave::codec
