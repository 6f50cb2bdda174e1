// draft-ietf-mls-partial, "Sender-Authenticated Messages" and "Application
// Messages": a partial member reads proposals and application messages
// with a proof of their member sender's leaf, and sends application
// messages with the proof of its own.

#include "conclave/mls/leaf_validation.hpp"
#include "partial_state.hpp"
#include "proposal_gathering.hpp"
#include "proposal_list.hpp"

namespace conclave::mls {

namespace {

// A partial member follows the group until it is removed or reinitialized.
Status usable(const PartialState& state) {
  if (state.removed) return Errc::not_in_group;
  if (state.reinit) return Errc::group_reinitialized;
  return {};
}

// Clears the proven sender when the call that set it returns.
struct ProvenSenderScope {
  std::optional<ProvenSender>& sender;
  ~ProvenSenderScope() { sender.reset(); }
};

bool is_commit(const MlsMessage& message) {
  if (const auto* pub = message.body.get_if<PublicMessage>()) return pub->content.content.holds<Commit>();
  const auto* priv = message.body.get_if<PrivateMessage>();
  return priv != nullptr && priv->content_type == ContentType::commit;
}

// Section 12.1.8 without the tree: a proposal its sender type may send; one
// from outside the group authorized by the application. Kept by its
// ProposalRef for a Commit of this epoch.
Status cache_partial_proposal(PartialState& state, const AuthenticatedContent& content) {
  const auto& sender = content.content.sender;
  const auto& proposal = *content.content.content.get_if<Proposal>();
  if (!allowed_from(sender, proposal)) return Errc::invalid_proposal;
  if (!sender.holds<MemberSender>()) {
    const auto& policy = state.config.external_proposals;
    if (!policy) return Errc::proposal_rejected;
    if (auto authorized = policy(state.context, sender, proposal); !authorized) return authorized;
  }
  return cache_proposal(state.proposals, state.config.max_cached_proposals, proposal_ref(state.suite, content),
                        CachedProposal{proposal, sender, ProposalCheck::not_yet});
}

}  // namespace

Result<PartialAuthenticated> authenticate_partial(PartialState& state, const MlsMessage& message,
                                                  const std::optional<MembershipProof>& sender_proof) {
  if (message.version != ProtocolVersion::mls10) return Errc::invalid_value;
  const auto* pub = message.body.get_if<PublicMessage>();
  const auto* priv = message.body.get_if<PrivateMessage>();
  if (pub == nullptr && priv == nullptr) return Errc::content_not_allowed;
  // Section 6.1 first, so that a message of another epoch is refused as
  // such, before its proof is judged against this epoch's tree.
  if (auto of_epoch = pub ? check_epoch_of(state.context, pub->content.group_id, pub->content.epoch)
                          : check_epoch_of(state.context, priv->group_id, priv->epoch);
      !of_epoch) {
    return of_epoch.error();
  }
  // The draft: a member sender comes with its proof (valid against the
  // tree hash of the message's epoch), another sender without.
  const auto* member = pub ? pub->content.sender.get_if<MemberSender>() : nullptr;
  const bool from_member = priv != nullptr || member != nullptr;
  if (from_member != sender_proof.has_value()) return Errc::invalid_sender;
  if (member != nullptr && member->leaf_index != sender_proof->leaf_index) return Errc::invalid_sender;
  ProvenSenderScope scope{state.proven_sender};
  if (sender_proof) {
    if (auto valid = verify_membership_proof(state.suite, *sender_proof, state.context.tree_hash); !valid) {
      return valid.error();
    }
    const LeafNode& leaf = *proven_leaf(*sender_proof);
    // Section 5.3.1: the application judges the credential of every member
    // this client authenticates, as a full member did when the leaf came.
    if (auto accepted = validate_credential(leaf.credential, leaf.signature_key, &state.config.credentials);
        !accepted) {
      return accepted.error();
    }
    state.proven_sender = ProvenSender{LeafIndex{sender_proof->leaf_index}, leaf.signature_key};
  }
  auto& protection = *state.epoch.protection;
  PartialAuthenticated out;
  if (pub != nullptr) {
    auto content = protection.unprotect(*pub);
    if (!content) return content.error();
    out.content = std::move(*content);
  } else {
    // The signer lookup gives a key only for the proven leaf: a sender leaf
    // in the sender data other than the proof's is Errc::invalid_sender.
    auto opened = protection.open(*priv);
    if (!opened) return opened.error();
    out.content = opened->content;
    out.opened = std::move(*opened);
  }
  if (auto framing = check_framing(state.context, out.content); !framing) return framing.error();
  return out;
}

Result<Received> PartialGroup::process(const MlsMessage& message, const std::optional<MembershipProof>& sender_proof) {
  PartialState& state = *state_;
  if (auto status = usable(state); !status) return status.error();
  if (is_commit(message)) return Errc::partial_unsupported;
  auto authenticated = authenticate_partial(state, message, sender_proof);
  if (!authenticated) return authenticated.error();
  auto& framed = authenticated->content.content;
  Received received{Received::Kind::application, framed.sender, {}, framed.authenticated_data, false, framed.epoch};
  if (auto* data = framed.content.get_if<ApplicationData>()) {
    received.application_data = std::move(data->data);
  } else {
    if (auto cached = cache_partial_proposal(state, authenticated->content); !cached) return cached.error();
    received.kind = Received::Kind::proposal;
  }
  if (authenticated->opened) {
    if (auto used = state.epoch.protection->consume(*authenticated->opened); !used) return used.error();
  }
  return received;
}

Result<SenderAuthenticatedMessage<PrivateMessage>> PartialGroup::protect(BytesView application_data,
                                                                         BytesView authenticated_data,
                                                                         crypto::RandomSource& random) {
  PartialState& state = *state_;
  if (auto status = usable(state); !status) return status.error();
  auto sent_data = outgoing_authenticated_data(state.context, authenticated_data);
  if (!sent_data) return sent_data.error();
  const FramedContent content = application_content(state.context, state.own_leaf, application_data, *sent_data);
  auto message = state.epoch.protection->protect_private(content, state.signature_key, {}, random);
  if (!message) return message.error();
  return SenderAuthenticatedMessage<PrivateMessage>{std::move(*message), state.own_proof};
}

}  // namespace conclave::mls
