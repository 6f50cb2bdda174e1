#pragma once

// The MLSClient service of mls-implementations over Conclave. Each call
// holds the store's lock throughout and answers with a gRPC error status
// for any bad input (an unknown id, bytes that do not parse, an operation
// MLS refuses); the group it names is then unchanged.

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <string>

#include "client_store.hpp"
#include "conclave/mls/group.hpp"
#include "mls_client.grpc.pb.h"

namespace conclave::interop {

class MlsClientService final : public mls_client::MLSClient::Service {
 public:
  grpc::Status Name(grpc::ServerContext* context, const mls_client::NameRequest* request,
                    mls_client::NameResponse* response) override;
  grpc::Status SupportedCiphersuites(grpc::ServerContext* context, const mls_client::SupportedCiphersuitesRequest* request,
                                     mls_client::SupportedCiphersuitesResponse* response) override;
  grpc::Status CreateGroup(grpc::ServerContext* context, const mls_client::CreateGroupRequest* request,
                           mls_client::CreateGroupResponse* response) override;
  grpc::Status CreateKeyPackage(grpc::ServerContext* context, const mls_client::CreateKeyPackageRequest* request,
                                mls_client::CreateKeyPackageResponse* response) override;
  grpc::Status JoinGroup(grpc::ServerContext* context, const mls_client::JoinGroupRequest* request,
                         mls_client::JoinGroupResponse* response) override;
  grpc::Status ExternalJoin(grpc::ServerContext* context, const mls_client::ExternalJoinRequest* request,
                            mls_client::ExternalJoinResponse* response) override;
  grpc::Status GroupInfo(grpc::ServerContext* context, const mls_client::GroupInfoRequest* request,
                         mls_client::GroupInfoResponse* response) override;
  grpc::Status StateAuth(grpc::ServerContext* context, const mls_client::StateAuthRequest* request,
                         mls_client::StateAuthResponse* response) override;
  grpc::Status Export(grpc::ServerContext* context, const mls_client::ExportRequest* request,
                      mls_client::ExportResponse* response) override;
  grpc::Status Protect(grpc::ServerContext* context, const mls_client::ProtectRequest* request,
                       mls_client::ProtectResponse* response) override;
  grpc::Status Unprotect(grpc::ServerContext* context, const mls_client::UnprotectRequest* request,
                         mls_client::UnprotectResponse* response) override;
  grpc::Status StorePSK(grpc::ServerContext* context, const mls_client::StorePSKRequest* request,
                        mls_client::StorePSKResponse* response) override;
  grpc::Status AddProposal(grpc::ServerContext* context, const mls_client::AddProposalRequest* request,
                           mls_client::ProposalResponse* response) override;
  grpc::Status UpdateProposal(grpc::ServerContext* context, const mls_client::UpdateProposalRequest* request,
                              mls_client::ProposalResponse* response) override;
  grpc::Status RemoveProposal(grpc::ServerContext* context, const mls_client::RemoveProposalRequest* request,
                              mls_client::ProposalResponse* response) override;
  grpc::Status ExternalPSKProposal(grpc::ServerContext* context, const mls_client::ExternalPSKProposalRequest* request,
                                   mls_client::ProposalResponse* response) override;
  grpc::Status ResumptionPSKProposal(grpc::ServerContext* context, const mls_client::ResumptionPSKProposalRequest* request,
                                     mls_client::ProposalResponse* response) override;
  grpc::Status GroupContextExtensionsProposal(grpc::ServerContext* context, const mls_client::GroupContextExtensionsProposalRequest* request,
                                              mls_client::ProposalResponse* response) override;
  grpc::Status Commit(grpc::ServerContext* context, const mls_client::CommitRequest* request,
                      mls_client::CommitResponse* response) override;
  grpc::Status HandleCommit(grpc::ServerContext* context, const mls_client::HandleCommitRequest* request,
                            mls_client::HandleCommitResponse* response) override;
  grpc::Status HandlePendingCommit(grpc::ServerContext* context, const mls_client::HandlePendingCommitRequest* request,
                                   mls_client::HandleCommitResponse* response) override;
  grpc::Status ReInitProposal(grpc::ServerContext* context, const mls_client::ReInitProposalRequest* request,
                              mls_client::ProposalResponse* response) override;
  grpc::Status ReInitCommit(grpc::ServerContext* context, const mls_client::CommitRequest* request,
                            mls_client::CommitResponse* response) override;
  grpc::Status HandlePendingReInitCommit(grpc::ServerContext* context, const mls_client::HandlePendingCommitRequest* request,
                                         mls_client::HandleReInitCommitResponse* response) override;
  grpc::Status HandleReInitCommit(grpc::ServerContext* context, const mls_client::HandleCommitRequest* request,
                                  mls_client::HandleReInitCommitResponse* response) override;
  grpc::Status ReInitWelcome(grpc::ServerContext* context, const mls_client::ReInitWelcomeRequest* request,
                             mls_client::CreateSubgroupResponse* response) override;
  grpc::Status HandleReInitWelcome(grpc::ServerContext* context, const mls_client::HandleReInitWelcomeRequest* request,
                                   mls_client::JoinGroupResponse* response) override;
  grpc::Status CreateBranch(grpc::ServerContext* context, const mls_client::CreateBranchRequest* request,
                            mls_client::CreateSubgroupResponse* response) override;
  grpc::Status HandleBranch(grpc::ServerContext* context, const mls_client::HandleBranchRequest* request,
                            mls_client::HandleBranchResponse* response) override;
  grpc::Status NewMemberAddProposal(grpc::ServerContext* context, const mls_client::NewMemberAddProposalRequest* request,
                                    mls_client::NewMemberAddProposalResponse* response) override;
  grpc::Status CreateExternalSigner(grpc::ServerContext* context, const mls_client::CreateExternalSignerRequest* request,
                                    mls_client::CreateExternalSignerResponse* response) override;
  grpc::Status AddExternalSigner(grpc::ServerContext* context, const mls_client::AddExternalSignerRequest* request,
                                 mls_client::ProposalResponse* response) override;
  grpc::Status ExternalSignerProposal(grpc::ServerContext* context, const mls_client::ExternalSignerProposalRequest* request,
                                      mls_client::ProposalResponse* response) override;
  grpc::Status Free(grpc::ServerContext* context, const mls_client::FreeRequest* request,
                    mls_client::FreeResponse* response) override;

 private:
  // Every call: under the lock, each failure a status.
  grpc::Status run(const std::function<void()>& handler);
  std::uint32_t add_member(mls::Group group, bool encrypt_handshake, PskStore psks);
  // A proposal from the member, framed as its handshake messages are.
  std::string propose(Member& member, mls::Proposal proposal);
  std::string propose_update(Member& member);
  // Other members' proposals this epoch, before a Commit uses them.
  void receive_proposals(Member& member, const google::protobuf::RepeatedPtrField<std::string>& proposals);
  void commit(const mls_client::CommitRequest& request, mls_client::CommitResponse& response);
  // Processes the Commit; true when it removed the member.
  bool handle_commit(Member& member, const mls_client::HandleCommitRequest& request);
  void start_reinit(std::uint32_t state_id, mls_client::HandleReInitCommitResponse& response);
  void answer_subgroup(mls::Group::Resumed resumed, const Member& parent, bool external_tree,
                       mls_client::CreateSubgroupResponse& response);
  // Joins from a Welcome; for a group resumed from `resumed_from` (a reinit
  // or branch), with its resumption PSKs and what section 12.4.3.1 checks.
  std::uint32_t join(const std::string& welcome, const Transaction& transaction, const std::string& tree,
                     bool encrypt_handshake, const mls::Group* resumed_from = nullptr);

  ClientStore store_;
};

}  // namespace conclave::interop
