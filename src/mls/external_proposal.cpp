#include "conclave/mls/external_proposal.hpp"

#include "conclave/mls/cipher_suite.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

Result<MlsMessage> external_proposal(const GroupContext& context, const Sender& sender, Proposal proposal,
                                     const crypto::Secret& signature_key) {
  const bool external = sender.holds<ExternalSenderIndex>() || sender.holds<NewMemberProposalSender>();
  if (!external || !allowed_from(sender, proposal)) return Errc::invalid_proposal;
  auto suite = CipherSuite::find(context.cipher_suite);
  if (!suite) return suite.error();
  PublicMessage message{{context.group_id, context.epoch, sender, {}, Content{std::move(proposal)}}, {}, {}};
  // Section 6.1: the signature covers FramedContentTBS, which for these
  // senders leaves the GroupContext out.
  auto signature = suite->sign_with_label(
      signature_key, "FramedContentTBS",
      framed_content_tbs(WireFormat::public_message, message.content, context));
  if (!signature) return signature.error();
  message.auth.signature = std::move(*signature);
  return MlsMessage{ProtocolVersion::mls10, MessageBody{std::move(message)}};
}

}  // namespace conclave::mls
