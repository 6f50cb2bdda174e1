#pragma once

// RFC 9420 section 12.1.8: proposals from outside the group, sent as a
// PublicMessage with no membership tag and signed over a FramedContentTBS
// without the GroupContext (section 6.1).

#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/proposal.hpp"

namespace conclave::mls {

// A proposal for the epoch of `context` (a GroupInfo's, say) from `sender`:
// a NewMemberProposalSender proposing the Add of its own KeyPackage, signed
// with that KeyPackage's key, or an ExternalSenderIndex into the group's
// external_senders, signed with that sender's key. invalid_proposal for any
// other sender, or a proposal that sender may not make.
Result<MlsMessage> external_proposal(const GroupContext& context, const Sender& sender, Proposal proposal,
                                     const crypto::Secret& signature_key);

}  // namespace conclave::mls
