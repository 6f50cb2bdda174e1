#pragma once

/// @file
/// RFC 9420 section 12.1.8: proposals from outside the group, sent as a
/// PublicMessage with no membership tag and signed over a FramedContentTBS
/// without the GroupContext (section 6.1).

#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/proposal.hpp"

namespace conclave::mls {

/// RFC 9420 section 12.1.8: a proposal for the epoch of `context` (a
/// GroupInfo's, say) from `sender`: a NewMemberProposalSender proposing the
/// Add of its own KeyPackage, signed with that KeyPackage's key, or an
/// ExternalSenderIndex into the group's external_senders, signed with that
/// sender's key. An ExternalSenderIndex may propose Add, Remove,
/// PreSharedKey, ReInit and GroupContextExtensions. The signing key is not
/// checked against the sender: a wrong one makes a message the group
/// rejects. A member caches the proposal only once it is valid and the
/// member's GroupConfig::external_proposals accepts it (Group::process()).
/// @param context The GroupContext of the epoch the proposal is for.
/// @param sender A NewMemberProposalSender or an ExternalSenderIndex.
/// @param proposal The proposal.
/// @param signature_key The sender's private signature key.
/// @return The proposal as an MLSMessage holding a PublicMessage.
/// @errors `Errc::invalid_proposal` for any other sender, or a proposal that
/// sender may not make; `Errc::unsupported_algorithm` when
/// `context.cipher_suite` is not a supported suite; the signing errors
/// (`Errc::invalid_private_key` for a malformed key, `Errc::internal` if the
/// crypto provider fails).
Result<MlsMessage> external_proposal(const GroupContext& context, const Sender& sender, Proposal proposal,
                                     const crypto::Secret& signature_key);

}  // namespace conclave::mls
