// Groups resumed from a group (RFC 9420 section 11): the group a committed
// ReInit describes, and a branch.

#include "conclave/crypto/random.hpp"
#include "mls_client_service.hpp"
#include "proposal_description.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

using grpc::ServerContext;
using grpc::Status;

namespace {

mls::Resumption resumption_of(const Member& parent, mls::KeyPackageBundle self,
                              const google::protobuf::RepeatedPtrField<std::string>& key_packages,
                              bool force_path, bool external_tree) {
  mls::Resumption resumption{std::move(self), {}, group_config(parent.psks), {}};
  for (const auto& key_package : key_packages) {
    resumption.members.push_back(decode_body<mls::KeyPackage>(key_package, "key_package"));
  }
  resumption.commit.force_path = force_path;
  resumption.commit.ratchet_tree_in_welcome = !external_tree;
  resumption.commit.encrypt = parent.encrypt_handshake;
  return resumption;
}

}  // namespace

void MlsClientService::answer_subgroup(mls::Group::Resumed resumed, const Member& parent, bool external_tree,
                                       mls_client::CreateSubgroupResponse& response) {
  response.set_welcome(encode_message(resumed.welcome));
  if (external_tree) response.set_ratchet_tree(to_string(resumed.group.tree().encoded_nodes()));
  response.set_epoch_authenticator(to_string(resumed.group.epoch_authenticator()));
  response.set_state_id(add_member(std::move(resumed.group), parent.encrypt_handshake, parent.psks));
}

Status MlsClientService::ReInitWelcome(ServerContext*, const mls_client::ReInitWelcomeRequest* request,
                                       mls_client::CreateSubgroupResponse* response) {
  return run([&] {
    const auto& reinit = store_.reinitialization(request->reinit_id());
    const auto& parent = store_.member(reinit.state_id);
    auto resumed = take(parent.group.reinitialize(resumption_of(parent, clone(reinit.bundle), request->key_package(),
                                                                request->force_path(), request->external_tree()),
                                                  crypto::system_random()),
                        "reinit");
    answer_subgroup(std::move(resumed), parent, request->external_tree(), *response);
  });
}

Status MlsClientService::HandleReInitWelcome(ServerContext*, const mls_client::HandleReInitWelcomeRequest* request,
                                             mls_client::JoinGroupResponse* response) {
  return run([&] {
    const auto& reinit = store_.reinitialization(request->reinit_id());
    const auto& parent = store_.member(reinit.state_id);
    const auto id = join(request->welcome(), Transaction{clone(reinit.bundle), parent.psks}, request->ratchet_tree(),
                         parent.encrypt_handshake, &parent.group);
    response->set_state_id(id);
    response->set_epoch_authenticator(to_string(store_.member(id).group.epoch_authenticator()));
  });
}

Status MlsClientService::CreateBranch(ServerContext*, const mls_client::CreateBranchRequest* request,
                                      mls_client::CreateSubgroupResponse* response) {
  return run([&] {
    const auto& parent = store_.member(request->state_id());
    auto self = new_key_package(parent.group.suite(), own_identity(parent.group));
    auto resumed = take(parent.group.branch(to_bytes(request->group_id()), extension_list(request->extensions()),
                                            resumption_of(parent, std::move(self), request->key_packages(),
                                                          request->force_path(), request->external_tree()),
                                            crypto::system_random()),
                        "branch");
    answer_subgroup(std::move(resumed), parent, request->external_tree(), *response);
  });
}

Status MlsClientService::HandleBranch(ServerContext*, const mls_client::HandleBranchRequest* request,
                                      mls_client::HandleBranchResponse* response) {
  return run([&] {
    const auto& parent = store_.member(request->state_id());
    const auto id = join(request->welcome(), store_.transaction(request->transaction_id()), request->ratchet_tree(),
                         parent.encrypt_handshake, &parent.group);
    store_.erase(request->transaction_id());
    response->set_state_id(id);
    response->set_epoch_authenticator(to_string(store_.member(id).group.epoch_authenticator()));
  });
}

}  // namespace conclave::interop
