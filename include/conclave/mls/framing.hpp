#pragma once

// RFC 9420 section 6: message framing. Where a field's presence depends on
// another structure (the confirmation tag on the content type, the
// membership tag on the sender), the codec is written out by hand.

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

struct MemberSender {
  static constexpr SenderType tag = SenderType::member;
  std::uint32_t leaf_index = 0;
  CONCLAVE_FIELDS(leaf_index)
  friend bool operator==(const MemberSender&, const MemberSender&) = default;
};

// An index into the group's external_senders extension.
struct ExternalSenderIndex {
  static constexpr SenderType tag = SenderType::external;
  std::uint32_t sender_index = 0;
  CONCLAVE_FIELDS(sender_index)
  friend bool operator==(const ExternalSenderIndex&, const ExternalSenderIndex&) = default;
};

struct NewMemberProposalSender {
  static constexpr SenderType tag = SenderType::new_member_proposal;
  CONCLAVE_FIELDS()
  friend bool operator==(const NewMemberProposalSender&, const NewMemberProposalSender&) = default;
};

struct NewMemberCommitSender {
  static constexpr SenderType tag = SenderType::new_member_commit;
  CONCLAVE_FIELDS()
  friend bool operator==(const NewMemberCommitSender&, const NewMemberCommitSender&) = default;
};

using Sender = codec::Select<SenderType, MemberSender, ExternalSenderIndex,
                             NewMemberProposalSender, NewMemberCommitSender>;

struct ApplicationData {
  static constexpr ContentType tag = ContentType::application;
  Bytes data;
  CONCLAVE_FIELDS(data)
  friend bool operator==(const ApplicationData&, const ApplicationData&) = default;
};

}  // namespace conclave::mls

namespace conclave::codec {
template <>
struct SelectTag<mls::ContentType, mls::Proposal> {
  static constexpr mls::ContentType value = mls::ContentType::proposal;
};
}  // namespace conclave::codec

namespace conclave::mls {

using Content = codec::Select<ContentType, ApplicationData, Proposal, Commit>;

struct FramedContent {
  Bytes group_id;
  std::uint64_t epoch = 0;
  Sender sender;
  Bytes authenticated_data;
  Content content;
  CONCLAVE_FIELDS(group_id, epoch, sender, authenticated_data, content)
  friend bool operator==(const FramedContent&, const FramedContent&) = default;
};

// The confirmation tag is present exactly when the content is a commit.
struct FramedContentAuthData {
  Bytes signature;
  std::optional<Bytes> confirmation_tag;
  friend bool operator==(const FramedContentAuthData&, const FramedContentAuthData&) = default;
};

struct AuthenticatedContent {
  WireFormat wire_format{};
  FramedContent content;
  FramedContentAuthData auth;
  friend bool operator==(const AuthenticatedContent&, const AuthenticatedContent&) = default;
};

// The membership tag is present exactly when the sender is a member.
struct PublicMessage {
  static constexpr WireFormat tag = WireFormat::public_message;
  FramedContent content;
  FramedContentAuthData auth;
  std::optional<Bytes> membership_tag;
  friend bool operator==(const PublicMessage&, const PublicMessage&) = default;
};

struct PrivateMessage {
  static constexpr WireFormat tag = WireFormat::private_message;
  Bytes group_id;
  std::uint64_t epoch = 0;
  ContentType content_type{};
  Bytes authenticated_data;
  Bytes encrypted_sender_data;
  Bytes ciphertext;
  CONCLAVE_FIELDS(group_id, epoch, content_type, authenticated_data, encrypted_sender_data,
                  ciphertext)
  friend bool operator==(const PrivateMessage&, const PrivateMessage&) = default;
};

// Section 6.3.2.
struct SenderData {
  std::uint32_t leaf_index = 0;
  std::uint32_t generation = 0;
  std::array<std::uint8_t, 4> reuse_guard{};
  CONCLAVE_FIELDS(leaf_index, generation, reuse_guard)
};

struct SenderDataAad {
  BytesView group_id;
  std::uint64_t epoch = 0;
  ContentType content_type{};
  CONCLAVE_FIELDS(group_id, epoch, content_type)
};

// Section 6.3.1.
struct PrivateContentAad {
  BytesView group_id;
  std::uint64_t epoch = 0;
  ContentType content_type{};
  BytesView authenticated_data;
  CONCLAVE_FIELDS(group_id, epoch, content_type, authenticated_data)
};

// Section 6.3.1: PrivateMessageContent, the content and its auth data
// followed by zero padding.
struct PrivateMessageContent {
  Content content;
  FramedContentAuthData auth;
};

Bytes encode_private_content(const PrivateMessageContent& content, std::size_t padding);
// Fails with invalid_padding when any padding byte is non-zero (a MUST).
Result<PrivateMessageContent> decode_private_content(BytesView plaintext, ContentType type,
                                                     codec::Limits limits = {});

// Section 6.1: FramedContentTBS, the signed bytes. The group context is
// included for member and new_member_commit senders.
Bytes framed_content_tbs(WireFormat wire_format, const FramedContent& content,
                         const GroupContext& context);

// Section 6.2: AuthenticatedContentTBM, the bytes the membership tag covers.
Bytes authenticated_content_tbm(const FramedContent& content, const FramedContentAuthData& auth,
                                const GroupContext& context);

// Section 8.2: ConfirmedTranscriptHashInput.
Bytes confirmed_transcript_hash_input(const AuthenticatedContent& content);

}  // namespace conclave::mls

namespace conclave::codec {

template <>
struct Codec<mls::AuthenticatedContent> {
  static std::size_t size(const mls::AuthenticatedContent& v);
  static void write(Writer& w, const mls::AuthenticatedContent& v);
  static bool read(Reader& r, mls::AuthenticatedContent& v);
};

template <>
struct Codec<mls::PublicMessage> {
  static std::size_t size(const mls::PublicMessage& v);
  static void write(Writer& w, const mls::PublicMessage& v);
  static bool read(Reader& r, mls::PublicMessage& v);
};

}  // namespace conclave::codec
