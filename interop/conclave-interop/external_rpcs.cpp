// Proposals from outside the group (RFC 9420 section 12.1.8): a new
// member's Add of itself, and external senders'.

#include <algorithm>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/external_proposal.hpp"
#include "mls_client_service.hpp"
#include "proposal_description.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

using grpc::ServerContext;
using grpc::Status;

namespace {

// The group's extensions with `sender` appended to its external_senders.
mls::ExtensionList with_external_sender(mls::ExtensionList extensions, mls::ExternalSender sender) {
  auto existing = std::ranges::find_if(extensions, [](const mls::Extension& extension) {
    return extension.extension_type == mls::ExtensionType::external_senders;
  });
  mls::ExternalSenders senders;
  if (existing != extensions.end()) {
    senders = take(mls::parse_extension<mls::ExternalSenders>(*existing), "external_senders");
  } else {
    existing = extensions.insert(extensions.end(), mls::Extension{});
  }
  senders.senders.push_back(std::move(sender));
  *existing = mls::make_extension(senders);
  return extensions;
}

}  // namespace

Status MlsClientService::NewMemberAddProposal(ServerContext*, const mls_client::NewMemberAddProposalRequest* request,
                                              mls_client::NewMemberAddProposalResponse* response) {
  return run([&] {
    const auto info = decode_body<mls::GroupInfo>(request->group_info(), "group_info");
    auto bundle = new_key_package(find_suite(static_cast<std::uint32_t>(info.group_context.cipher_suite)),
                                  request->identity());
    const auto proposal = take(mls::external_proposal(info.group_context, mls::Sender{mls::NewMemberProposalSender{}},
                                                      mls::Proposal{mls::Add{bundle.key_package}},
                                                      bundle.keys.signature_private_key),
                               "new member proposal");
    response->set_proposal(encode_message(proposal));
    answer_private_keys(bundle.keys, *response);
    response->set_transaction_id(store_.add(Transaction{std::move(bundle), new_psk_store()}));
  });
}

Status MlsClientService::CreateExternalSigner(ServerContext*, const mls_client::CreateExternalSignerRequest* request,
                                              mls_client::CreateExternalSignerResponse* response) {
  return run([&] {
    const auto suite = find_suite(request->cipher_suite());
    auto key_pair = suite.signature().generate_key_pair(crypto::system_random());
    const mls::ExternalSender sender{key_pair.public_key,
                                     mls::Credential{mls::BasicCredential{to_bytes(request->identity())}}};
    response->set_external_sender(to_string(codec::encode(sender)));
    response->set_signer_id(store_.add(ExternalSigner{suite.id(), std::move(key_pair.private_key)}));
  });
}

Status MlsClientService::AddExternalSigner(ServerContext*, const mls_client::AddExternalSignerRequest* request,
                                           mls_client::ProposalResponse* response) {
  return run([&] {
    auto& member = store_.member(request->state_id());
    auto sender = take(codec::decode<mls::ExternalSender>(view(request->external_sender())), "external_sender");
    const mls::GroupContextExtensions proposal{
        with_external_sender(member.group.context().extensions, std::move(sender))};
    response->set_proposal(propose(member, mls::Proposal{proposal}));
  });
}

Status MlsClientService::ExternalSignerProposal(ServerContext*,
                                                const mls_client::ExternalSignerProposalRequest* request,
                                                mls_client::ProposalResponse* response) {
  return run([&] {
    const auto& signer = store_.signer(request->signer_id());
    const auto info = decode_body<mls::GroupInfo>(request->group_info(), "group_info");
    const auto& context = info.group_context;
    if (context.cipher_suite != signer.suite) fail(grpc::StatusCode::INVALID_ARGUMENT, "signer of another suite");
    const auto suite = find_suite(static_cast<std::uint32_t>(context.cipher_suite));
    const auto tree = tree_of(info, request->ratchet_tree());
    auto proposal = describe(request->description(), {suite, context.group_id, tree});
    const mls::Sender sender{mls::ExternalSenderIndex{request->signer_index()}};
    response->set_proposal(encode_message(
        take(mls::external_proposal(context, sender, std::move(proposal), signer.signature_key), "external proposal")));
  });
}

}  // namespace conclave::interop
