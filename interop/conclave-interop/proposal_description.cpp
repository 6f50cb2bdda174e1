#include "proposal_description.hpp"

#include "conclave/crypto/random.hpp"
#include "service_errors.hpp"
#include "wire.hpp"

namespace conclave::interop {

namespace {

using PskIdentity = decltype(mls::PreSharedKeyId{}.psk);

mls::Proposal psk_proposal(const ProposalScope& scope, PskIdentity id) {
  return mls::Proposal{mls::PreSharedKey{mls::PreSharedKeyId{std::move(id), fresh_nonce(scope.suite)}}};
}

}  // namespace

Bytes fresh_nonce(const mls::CipherSuite& suite) {
  Bytes nonce(suite.secret_size());
  crypto::system_random().fill(nonce);
  return nonce;
}

mls::ExtensionList extension_list(const ProtoExtensions& extensions) {
  mls::ExtensionList list;
  for (const auto& extension : extensions) {
    if (extension.extension_type() > 0xFFFF) fail(grpc::StatusCode::INVALID_ARGUMENT, "extension_type");
    list.push_back({static_cast<mls::ExtensionType>(extension.extension_type()),
                    to_bytes(extension.extension_data())});
  }
  return list;
}

mls::Proposal add_proposal(const std::string& key_package) {
  return mls::Proposal{mls::Add{decode_body<mls::KeyPackage>(key_package, "key_package")}};
}

mls::Proposal remove_proposal(const ProposalScope& scope, const std::string& identity) {
  return mls::Proposal{mls::Remove{leaf_of_identity(scope.tree, identity).value}};
}

mls::Proposal external_psk_proposal(const ProposalScope& scope, const std::string& psk_id) {
  return psk_proposal(scope, PskIdentity{mls::ExternalPskId{to_bytes(psk_id)}});
}

mls::Proposal resumption_psk_proposal(const ProposalScope& scope, std::uint64_t epoch) {
  const Bytes group_id(scope.group_id.begin(), scope.group_id.end());
  return psk_proposal(scope, PskIdentity{mls::ResumptionPskId{mls::ResumptionPskUsage::application, group_id, epoch}});
}

mls::Proposal reinit_proposal(const std::string& group_id, std::uint32_t suite,
                              const ProtoExtensions& extensions) {
  return mls::Proposal{mls::ReInit{to_bytes(group_id), mls::ProtocolVersion::mls10,
                                   find_suite(suite).id(), extension_list(extensions)}};
}

mls::Proposal describe(const mls_client::ProposalDescription& description, const ProposalScope& scope) {
  const std::string& type = description.proposal_type();
  if (type == "add") return add_proposal(description.key_package());
  if (type == "remove") return remove_proposal(scope, description.removed_id());
  if (type == "externalPSK") return external_psk_proposal(scope, description.psk_id());
  if (type == "resumptionPSK") return resumption_psk_proposal(scope, description.epoch_id());
  if (type == "groupContextExtensions") {
    return mls::Proposal{mls::GroupContextExtensions{extension_list(description.extensions())}};
  }
  if (type == "reinit") {
    return reinit_proposal(description.group_id(), description.cipher_suite(), description.extensions());
  }
  fail(grpc::StatusCode::INVALID_ARGUMENT, "unknown proposal_type: " + type);
}

}  // namespace conclave::interop
