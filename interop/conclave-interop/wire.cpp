#include "wire.hpp"

#include "conclave/codec/codec.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/extension_types.hpp"
#include "service_errors.hpp"

namespace conclave::interop {

std::string encode_message(const mls::MlsMessage& message) { return to_string(codec::encode(message)); }

mls::MlsMessage decode_message(const std::string& bytes, std::string_view what) {
  return take(codec::decode<mls::MlsMessage>(view(bytes)), what);
}

template <class T>
T decode_body(const std::string& bytes, std::string_view what) {
  auto message = decode_message(bytes, what);
  auto* body = message.body.get_if<T>();
  if (body == nullptr) fail(grpc::StatusCode::INVALID_ARGUMENT, std::string(what) + ": wrong message type");
  return std::move(*body);
}

template mls::Welcome decode_body<mls::Welcome>(const std::string&, std::string_view);
template mls::GroupInfo decode_body<mls::GroupInfo>(const std::string&, std::string_view);
template mls::KeyPackage decode_body<mls::KeyPackage>(const std::string&, std::string_view);

std::optional<mls::RatchetTreeNodes> decode_tree(const std::string& bytes) {
  if (bytes.empty()) return std::nullopt;
  return take(codec::decode<mls::RatchetTreeExtension>(view(bytes)), "ratchet_tree").nodes;
}

mls::RatchetTree tree_of(const mls::GroupInfo& info, const std::string& out_of_band) {
  const auto suite = find_suite(static_cast<std::uint32_t>(info.group_context.cipher_suite));
  auto nodes = decode_tree(out_of_band);
  if (!nodes) {
    const auto* extension = mls::find_extension(info.extensions, mls::ExtensionType::ratchet_tree);
    if (extension == nullptr) fail(grpc::StatusCode::INVALID_ARGUMENT, "group_info: no ratchet tree");
    nodes = take(mls::parse_extension<mls::RatchetTreeExtension>(*extension), "ratchet_tree").nodes;
  }
  return take(mls::RatchetTree::from_nodes(suite, *nodes), "ratchet_tree");
}

mls::CipherSuite find_suite(std::uint32_t id) {
  if (id > 0xFFFF) fail(grpc::StatusCode::INVALID_ARGUMENT, "cipher_suite out of range");
  return take(mls::CipherSuite::find(static_cast<mls::CipherSuiteId>(id)), "cipher_suite");
}

namespace {

// draft-ietf-mls-extensions: every leaf lists app_data_dictionary (the
// commit-app-data-dictionary scenario puts one in the GroupContext) and so,
// as the draft requires, carries one naming the components it supports: the
// scenario's two private-use ones.
mls::Extension leaf_app_data() {
  const mls::ComponentsList supported{{static_cast<mls::ComponentId>(0x8001), static_cast<mls::ComponentId>(0x8002)}};
  return mls::make_extension(
      mls::AppDataDictionary{{{mls::ComponentId::app_components, codec::encode(supported)}}});
}

}  // namespace

mls::KeyPackageBundle new_key_package(const mls::CipherSuite& suite, const std::string& identity) {
  auto& random = crypto::system_random();
  mls::KeyPackageOptions options;
  options.capabilities.extensions.push_back(interop_extension_type);
  options.leaf_extensions.push_back(leaf_app_data());
  // OpenMLS (through core-crypto) requires both credential types of its
  // groups' members.
  options.capabilities.credentials.push_back(mls::CredentialType::x509);
  return take(mls::create_key_package(suite, mls::Credential{mls::BasicCredential{to_bytes(identity)}},
                                      suite.signature().generate_key_pair(random), options, random),
              "key package");
}

mls::KeyPackageBundle clone(const mls::KeyPackageBundle& bundle) {
  const auto& keys = bundle.keys;
  return {bundle.key_package,
          {keys.init_private_key.clone(), keys.encryption_private_key.clone(), keys.signature_private_key.clone()}};
}

mls::LeafIndex leaf_of_identity(const mls::RatchetTree& tree, const std::string& identity) {
  const Bytes wanted = to_bytes(identity);
  for (std::uint32_t i = 0; i < tree.leaf_count().value(); ++i) {
    const auto leaf = tree.leaf(mls::LeafIndex{i});
    const auto* basic = leaf ? leaf->credential.get_if<mls::BasicCredential>() : nullptr;
    if (basic != nullptr && basic->identity == wanted) return mls::LeafIndex{i};
  }
  fail(grpc::StatusCode::NOT_FOUND, "no member with that identity");
}

std::string own_identity(const mls::Group& group) {
  const auto leaf = group.tree().leaf(group.own_leaf());
  const auto* basic = leaf ? leaf->credential.get_if<mls::BasicCredential>() : nullptr;
  if (basic == nullptr) fail(grpc::StatusCode::FAILED_PRECONDITION, "no basic credential of our own");
  return to_string(basic->identity);
}

}  // namespace conclave::interop
