// Commits (RFC 9420 section 12.4): made and staged, merged, or received;
// and the same for a Commit carrying a ReInit (section 11.2).

#include "conclave/crypto/random.hpp"
#include "mls_client_service.hpp"
#include "proposal_description.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

using grpc::ServerContext;
using grpc::Status;

void MlsClientService::commit(const mls_client::CommitRequest& request, mls_client::CommitResponse& response) {
  auto& member = store_.member(request.state_id());
  receive_proposals(member, request.by_reference());
  mls::CommitOptions options;
  for (const auto& description : request.by_value()) {
    options.proposals.push_back(describe(description, scope_of(member.group)));
  }
  options.force_path = request.force_path();
  options.ratchet_tree_in_welcome = !request.external_tree();
  options.encrypt = member.encrypt_handshake;
  auto output = take(member.group.commit(options, crypto::system_random()), "commit");
  response.set_commit(encode_message(output.commit));
  if (output.welcome) response.set_welcome(encode_message(*output.welcome));
  if (request.external_tree()) response.set_ratchet_tree(to_string(member.group.tree().encoded_nodes()));
}

bool MlsClientService::handle_commit(Member& member, const mls_client::HandleCommitRequest& request) {
  receive_proposals(member, request.proposal());
  const auto received = take(member.group.process(decode_message(request.commit(), "commit")), "handle commit");
  if (received.kind != mls::Received::Kind::commit) fail(grpc::StatusCode::INVALID_ARGUMENT, "not a Commit");
  member.own_proposals.clear();
  return received.removed;
}

void MlsClientService::start_reinit(std::uint32_t state_id, mls_client::HandleReInitCommitResponse& response) {
  const auto& group = store_.member(state_id).group;
  const auto* reinit = group.pending_reinit();
  if (reinit == nullptr) fail(grpc::StatusCode::FAILED_PRECONDITION, "the Commit carried no ReInit");
  auto bundle = new_key_package(find_suite(static_cast<std::uint32_t>(reinit->cipher_suite)), own_identity(group));
  response.set_key_package(encode_message({mls::ProtocolVersion::mls10, mls::MessageBody{bundle.key_package}}));
  response.set_epoch_authenticator(to_string(group.epoch_authenticator()));
  response.set_reinit_id(store_.add(Reinitialization{state_id, std::move(bundle)}));
}

Status MlsClientService::Commit(ServerContext*, const mls_client::CommitRequest* request,
                                mls_client::CommitResponse* response) {
  return run([&] { commit(*request, *response); });
}

Status MlsClientService::ReInitCommit(ServerContext*, const mls_client::CommitRequest* request,
                                      mls_client::CommitResponse* response) {
  return run([&] { commit(*request, *response); });
}

Status MlsClientService::HandleCommit(ServerContext*, const mls_client::HandleCommitRequest* request,
                                      mls_client::HandleCommitResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    const bool removed = handle_commit(member, *request);
    response->set_state_id(request->state_id());
    if (!removed) response->set_epoch_authenticator(to_string(member.group.epoch_authenticator()));
  });
}

Status MlsClientService::HandlePendingCommit(ServerContext*, const mls_client::HandlePendingCommitRequest* request,
                                             mls_client::HandleCommitResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    take(member.group.merge_pending_commit(), "merge");
    member.own_proposals.clear();
    response->set_state_id(request->state_id());
    response->set_epoch_authenticator(to_string(member.group.epoch_authenticator()));
  });
}

Status MlsClientService::HandleReInitCommit(ServerContext*, const mls_client::HandleCommitRequest* request,
                                            mls_client::HandleReInitCommitResponse* response) {
  return run([&] {
    if (handle_commit(store_.member(request->state_id()), *request)) {
      fail(grpc::StatusCode::FAILED_PRECONDITION, "the Commit removed this member");
    }
    start_reinit(request->state_id(), *response);
  });
}

Status MlsClientService::HandlePendingReInitCommit(ServerContext*,
                                                   const mls_client::HandlePendingCommitRequest* request,
                                                   mls_client::HandleReInitCommitResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    take(member.group.merge_pending_commit(), "merge");
    member.own_proposals.clear();
    start_reinit(request->state_id(), *response);
  });
}

}  // namespace conclave::interop
