// A member's proposals (RFC 9420 section 12.1), and receiving others'.

#include "conclave/crypto/random.hpp"
#include "mls_client_service.hpp"
#include "proposal_description.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

using grpc::ServerContext;
using grpc::Status;

namespace {

mls::ProposalOptions framing_of(const Member& member) {
  return {member.encrypt_handshake ? &crypto::system_random() : nullptr};
}

std::string remember(Member& member, const mls::MlsMessage& message) {
  auto bytes = encode_message(message);
  member.own_proposals.insert(bytes);
  return bytes;
}

}  // namespace

std::string MlsClientService::propose(Member& member, mls::Proposal proposal) {
  return remember(member, take(member.group.propose(std::move(proposal), framing_of(member)), "propose"));
}

std::string MlsClientService::propose_update(Member& member) {
  return remember(member, take(member.group.propose_update(crypto::system_random(), framing_of(member)), "update"));
}

void MlsClientService::receive_proposals(Member& member,
                                         const google::protobuf::RepeatedPtrField<std::string>& proposals) {
  for (const auto& bytes : proposals) {
    if (member.own_proposals.contains(bytes)) continue;
    const auto received = take(member.group.process(decode_message(bytes, "proposal")), "proposal");
    if (received.kind != mls::Received::Kind::proposal) {
      fail(grpc::StatusCode::INVALID_ARGUMENT, "by_reference holds a message that is not a proposal");
    }
  }
}

Status MlsClientService::AddProposal(ServerContext*, const mls_client::AddProposalRequest* request,
                                     mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    response->set_proposal(propose(member, add_proposal(request->key_package())));
  });
}

Status MlsClientService::UpdateProposal(ServerContext*, const mls_client::UpdateProposalRequest* request,
                                        mls_client::ProposalResponse* response) {
  return run([&] { response->set_proposal(propose_update(store_.member(request->state_id()))); });
}

Status MlsClientService::RemoveProposal(ServerContext*, const mls_client::RemoveProposalRequest* request,
                                        mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    response->set_proposal(propose(member, remove_proposal(scope_of(member.group), request->removed_id())));
  });
}

Status MlsClientService::ExternalPSKProposal(ServerContext*, const mls_client::ExternalPSKProposalRequest* request,
                                             mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    response->set_proposal(propose(member, external_psk_proposal(scope_of(member.group), request->psk_id())));
  });
}

Status MlsClientService::ResumptionPSKProposal(ServerContext*,
                                               const mls_client::ResumptionPSKProposalRequest* request,
                                               mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    response->set_proposal(propose(member, resumption_psk_proposal(scope_of(member.group), request->epoch_id())));
  });
}

Status MlsClientService::GroupContextExtensionsProposal(
    ServerContext*, const mls_client::GroupContextExtensionsProposalRequest* request,
    mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    const mls::GroupContextExtensions proposal{extension_list(request->extensions())};
    response->set_proposal(propose(member, mls::Proposal{proposal}));
  });
}

Status MlsClientService::ReInitProposal(ServerContext*, const mls_client::ReInitProposalRequest* request,
                                        mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    response->set_proposal(
        propose(member, reinit_proposal(request->group_id(), request->cipher_suite(), request->extensions())));
  });
}

}  // namespace conclave::interop
