// The group as a whole: creating and joining it, and what a member reads
// from or sends in an epoch.

#include "conclave/crypto/random.hpp"
#include "mls_client_service.hpp"
#include "proposal_description.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

using grpc::ServerContext;
using grpc::Status;

Status MlsClientService::run(const std::function<void()>& handler) {
  const std::lock_guard lock(store_.mutex());
  return guarded(handler);
}

std::uint32_t MlsClientService::add_member(mls::Group group, bool encrypt_handshake, PskStore psks) {
  return store_.add(Member{std::move(group), encrypt_handshake, std::move(psks), {}});
}

Status MlsClientService::Name(ServerContext*, const mls_client::NameRequest*, mls_client::NameResponse* response) {
  response->set_name("Conclave");
  return Status::OK;
}

Status MlsClientService::SupportedCiphersuites(ServerContext*, const mls_client::SupportedCiphersuitesRequest*,
                                               mls_client::SupportedCiphersuitesResponse* response) {
  for (std::uint32_t suite = 1; suite <= 7; ++suite) response->add_ciphersuites(suite);
  return Status::OK;
}

Status MlsClientService::CreateGroup(ServerContext*, const mls_client::CreateGroupRequest* request,
                                     mls_client::CreateGroupResponse* response) {
  return run([&] {
    const auto suite = find_suite(request->cipher_suite());
    auto psks = new_psk_store();
    auto group = take(mls::Group::create(suite, to_bytes(request->group_id()),
                                         new_key_package(suite, request->identity()), {}, group_config(psks),
                                         crypto::system_random()),
                      "create group");
    response->set_state_id(add_member(std::move(group), request->encrypt_handshake(), std::move(psks)));
  });
}

Status MlsClientService::CreateKeyPackage(ServerContext*, const mls_client::CreateKeyPackageRequest* request,
                                          mls_client::CreateKeyPackageResponse* response) {
  return run([&] {
    auto bundle = new_key_package(find_suite(request->cipher_suite()), request->identity());
    response->set_key_package(encode_message({mls::ProtocolVersion::mls10, mls::MessageBody{bundle.key_package}}));
    answer_private_keys(bundle.keys, *response);
    response->set_transaction_id(store_.add(Transaction{std::move(bundle), new_psk_store()}));
  });
}

std::uint32_t MlsClientService::join(const std::string& welcome, const Transaction& transaction, const std::string& tree,
                                     bool encrypt_handshake, const mls::Group* resumed_from) {
  auto bundle = clone(transaction.bundle);
  auto config = group_config(transaction.psks, resumed_from ? resumed_from->resumption_psks() : mls::PskLookup{});
  if (resumed_from) config.resumed = mls::resumed_group(*resumed_from);
  auto group = take(mls::Group::join(decode_body<mls::Welcome>(welcome, "welcome"), bundle.key_package,
                                     std::move(bundle.keys), decode_tree(tree), std::move(config)),
                    "join");
  return add_member(std::move(group), encrypt_handshake, transaction.psks);
}

Status MlsClientService::JoinGroup(ServerContext*, const mls_client::JoinGroupRequest* request,
                                   mls_client::JoinGroupResponse* response) {
  return run([&] {
    const auto id = join(request->welcome(), store_.transaction(request->transaction_id()), request->ratchet_tree(),
                         request->encrypt_handshake());
    store_.erase(request->transaction_id());
    response->set_state_id(id);
    response->set_epoch_authenticator(to_string(store_.member(id).group.epoch_authenticator()));
  });
}

Status MlsClientService::ExternalJoin(ServerContext*, const mls_client::ExternalJoinRequest* request,
                                      mls_client::ExternalJoinResponse* response) {
  return run([&] {
    const auto info = decode_body<mls::GroupInfo>(request->group_info(), "group_info");
    const auto suite = find_suite(static_cast<std::uint32_t>(info.group_context.cipher_suite));
    auto psks = new_psk_store();
    mls::ExternalJoinOptions options;
    for (const auto& psk : request->psks()) {
      store_psk(psks, psk.psk_id(), psk.psk_secret());
      options.psks.push_back(mls::PreSharedKeyId{{mls::ExternalPskId{to_bytes(psk.psk_id())}}, fresh_nonce(suite)});
    }
    if (request->remove_prior()) options.replacing = leaf_of_identity(tree_of(info, request->ratchet_tree()),
                                                                      request->identity());
    auto joined = take(mls::Group::join_external(info, new_key_package(suite, request->identity()),
                                                 decode_tree(request->ratchet_tree()), group_config(psks),
                                                 crypto::system_random(), options),
                       "external join");
    response->set_commit(encode_message(joined.commit));
    response->set_epoch_authenticator(to_string(joined.group.epoch_authenticator()));
    response->set_state_id(add_member(std::move(joined.group), request->encrypt_handshake(), std::move(psks)));
  });
}

Status MlsClientService::GroupInfo(ServerContext*, const mls_client::GroupInfoRequest* request,
                                   mls_client::GroupInfoResponse* response) {
  return run([&] {
    const auto& group = store_.member(request->state_id()).group;
    response->set_group_info(encode_message(take(group.group_info(!request->external_tree()), "group info")));
    if (request->external_tree()) response->set_ratchet_tree(to_string(group.tree().encoded_nodes()));
  });
}

Status MlsClientService::StateAuth(ServerContext*, const mls_client::StateAuthRequest* request,
                                   mls_client::StateAuthResponse* response) {
  return run([&] {
    response->set_state_auth_secret(to_string(store_.member(request->state_id()).group.epoch_authenticator()));
  });
}

Status MlsClientService::Export(ServerContext*, const mls_client::ExportRequest* request,
                                mls_client::ExportResponse* response) {
  return run([&] {
    const auto& group = store_.member(request->state_id()).group;
    const auto secret = take(group.export_secret(request->label(), view(request->context()), request->key_length()),
                             "export");
    response->set_exported_secret(to_string(secret.view()));
  });
}

Status MlsClientService::Protect(ServerContext*, const mls_client::ProtectRequest* request,
                                 mls_client::ProtectResponse* response) {
  return run([&] {
    auto& group = store_.member(request->state_id()).group;
    response->set_ciphertext(encode_message(take(
        group.protect(view(request->plaintext()), view(request->authenticated_data()), crypto::system_random()),
        "protect")));
  });
}

Status MlsClientService::Unprotect(ServerContext*, const mls_client::UnprotectRequest* request,
                                   mls_client::UnprotectResponse* response) {
  return run([&] {
    auto& group = store_.member(request->state_id()).group;
    const auto message = decode_message(request->ciphertext(), "ciphertext");
    const auto* sealed = message.body.get_if<mls::PrivateMessage>();
    if (sealed == nullptr || sealed->content_type != mls::ContentType::application) {
      fail(grpc::StatusCode::INVALID_ARGUMENT, "not an application message");
    }
    const auto received = take(group.process(message), "unprotect");
    response->set_plaintext(to_string(received.application_data));
    response->set_authenticated_data(to_string(received.authenticated_data));
  });
}

Status MlsClientService::StorePSK(ServerContext*, const mls_client::StorePSKRequest* request,
                                  mls_client::StorePSKResponse*) {
  return run([&] {
    store_psk(store_.psks(request->state_or_transaction_id()), request->psk_id(), request->psk_secret());
  });
}

Status MlsClientService::Free(ServerContext*, const mls_client::FreeRequest* request, mls_client::FreeResponse*) {
  return run([&] { store_.erase(request->state_id()); });
}

}  // namespace conclave::interop
