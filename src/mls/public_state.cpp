// RFC 9420: the public state of a group, which a member and a follower
// without secrets hold alike.

#include "public_state.hpp"

#include "conclave/mls/app_data.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/transcript_hash.hpp"

namespace conclave::mls {

namespace {

// Section 6: which wire formats and senders each content may come with.
Status check_senders(const AuthenticatedContent& content) {
  const auto& sender = content.content.sender;
  if (content.content.content.holds<ApplicationData>()) {
    return content.wire_format == WireFormat::private_message ? Status() : Errc::content_not_allowed;
  }
  if (content.content.content.holds<Commit>()) {
    return sender.holds<MemberSender>() || sender.holds<NewMemberCommitSender>()
               ? Status()
               : Status(Errc::content_not_allowed);
  }
  // draft-ietf-mls-extensions, "SelfRemove Proposal": sent as a
  // PublicMessage, so that external joiners can fetch it.
  const auto& proposal = *content.content.content.get_if<Proposal>();
  if (proposal.holds<SelfRemove>() && content.wire_format != WireFormat::public_message) {
    return Errc::content_not_allowed;
  }
  return sender.holds<NewMemberCommitSender>() ? Status(Errc::content_not_allowed) : Status();
}

}  // namespace

Status check_framing(const GroupContext& context, const AuthenticatedContent& content) {
  if (auto senders = check_senders(content); !senders) return senders;
  return check_authenticated_data(context, content.content.authenticated_data);
}

Result<Bytes> outgoing_authenticated_data(const GroupContext& context, BytesView given) {
  auto required = requires_safe_aad(context);
  if (!required) return required.error();
  if (*required && given.empty()) return make_safe_aad({});
  if (*required && !parse_safe_aad(given)) return Errc::invalid_argument;
  return Bytes(given.begin(), given.end());
}

void PublicState::begin_epoch(GroupContext next, Bytes tag) {
  interim_transcript_hash = mls::interim_transcript_hash(suite, next.confirmed_transcript_hash, tag);
  context = std::move(next);
  confirmation_tag = std::move(tag);
  proposals.clear();
}

std::optional<Bytes> PublicState::signer_of(const FramedContent& content) const {
  if (const auto* member = content.sender.get_if<MemberSender>()) {
    const BytesView key = tree.signature_key(LeafIndex{member->leaf_index});
    if (key.empty()) return std::nullopt;
    return Bytes(key.begin(), key.end());
  }
  return non_member_signer(context, content);
}

std::optional<Bytes> non_member_signer(const GroupContext& context, const FramedContent& content) {
  if (const auto* external = content.sender.get_if<ExternalSenderIndex>()) {
    const auto* extension = find_extension(context.extensions, ExtensionType::external_senders);
    if (extension == nullptr) return std::nullopt;
    auto senders = parse_extension<ExternalSenders>(*extension);
    if (!senders || external->sender_index >= senders->senders.size()) return std::nullopt;
    return senders->senders[external->sender_index].signature_key;
  }
  if (content.sender.holds<NewMemberProposalSender>()) {
    const auto* proposal = content.content.get_if<Proposal>();
    const auto* add = proposal ? proposal->get_if<Add>() : nullptr;
    if (add == nullptr) return std::nullopt;
    return add->key_package.leaf_node.signature_key;
  }
  const auto* commit = content.content.get_if<Commit>();
  if (commit == nullptr || !commit->path || !content.sender.holds<NewMemberCommitSender>()) return std::nullopt;
  return commit->path->leaf_node.signature_key;
}

}  // namespace conclave::mls
