#include "capi/mls_support.hpp"

#include <utility>

#include "conclave/crypto/random.hpp"

namespace conclave_capi {
namespace {

using conclave::Bytes;
using conclave::crypto::Secret;

// The PskLookup of a group: external PSKs from `psks`, which the group
// object keeps and conclave_group_set_external_psk() changes.
conclave::mls::PskLookup lookup_of(std::shared_ptr<ExternalPsks> psks) {
  return [psks = std::move(psks)](const conclave::mls::PreSharedKeyId& id) -> std::optional<Secret> {
    const auto* external = id.psk.get_if<conclave::mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    const auto found = psks->find(external->psk_id);
    if (found == psks->end()) return std::nullopt;
    return found->second.clone();
  };
}

bool psks_ok(const conclave_group_config& config) noexcept {
  if (config.external_psks == nullptr) return config.external_psk_count == 0;
  for (std::size_t i = 0; i < config.external_psk_count; ++i) {
    const auto& psk = config.external_psks[i];
    if (!bytes_in(psk.id, psk.id_size) || !bytes_in(psk.secret, psk.secret_size)) return false;
  }
  return true;
}

}  // namespace

std::optional<GroupSettings> settings_of(const conclave_group_config* config) {
  conclave_group_config defaults;
  conclave_group_config_default(&defaults);
  const auto& given = config == nullptr ? defaults : *config;
  if (!psks_ok(given)) return std::nullopt;
  auto psks = std::make_shared<ExternalPsks>();
  for (std::size_t i = 0; i < given.external_psk_count; ++i) {
    const auto& psk = given.external_psks[i];
    (*psks)[owned(*bytes_in(psk.id, psk.id_size))] = Secret(*bytes_in(psk.secret, psk.secret_size));
  }
  GroupSettings settings{{}, psks};
  settings.config.past_epochs = given.past_epochs;
  settings.config.max_cached_proposals = given.max_cached_proposals;
  settings.config.secret_tree.out_of_order_window = given.out_of_order_window;
  settings.config.secret_tree.max_forward_distance = given.max_forward_distance;
  settings.config.psks = lookup_of(std::move(psks));
  return settings;
}

conclave::Result<std::optional<conclave::mls::RatchetTreeNodes>> decode_tree(conclave::BytesView bytes) {
  if (bytes.empty()) return std::optional<conclave::mls::RatchetTreeNodes>{};
  auto nodes = conclave::codec::decode<conclave::mls::RatchetTreeNodes>(bytes);
  if (!nodes.ok()) return nodes.error();
  return std::optional<conclave::mls::RatchetTreeNodes>(std::move(*nodes));
}

conclave::mls::Proposal external_psk_proposal(const conclave::mls::Group& group, conclave::BytesView psk_id) {
  // Section 8.4: the nonce is KDF.Nh fresh random bytes.
  const auto nonce = conclave::crypto::system_random().secret(group.suite().secret_size());
  conclave::mls::PreSharedKeyId id{{conclave::mls::ExternalPskId{owned(psk_id)}}, owned(nonce.view())};
  return conclave::mls::Proposal{conclave::mls::PreSharedKey{std::move(id)}};
}

conclave_status give_message(conclave_buffer* out, const conclave::mls::MlsMessage& message) {
  return give(out, conclave::codec::encode(message));
}

const conclave::mls::KeyPackageBundle* bundle_of(const KeyPackageObject& key_package) noexcept {
  return key_package.bundle ? &*key_package.bundle : nullptr;
}

conclave::mls::KeyPackageBundle copy_of(const conclave::mls::KeyPackageBundle& bundle) {
  return {bundle.key_package,
          {bundle.keys.init_private_key.clone(), bundle.keys.encryption_private_key.clone(),
           bundle.keys.signature_private_key.clone()}};
}

conclave_group* group_handle(conclave::mls::Group group, GroupSettings settings,
                             std::shared_ptr<conclave::storage::Store> store) {
  return make_handle<conclave_group>(std::unique_ptr<GroupObject>(
      new GroupObject{std::move(group), std::move(settings.psks), std::move(store)}));
}

conclave_status give_group(conclave::Result<conclave::mls::Group> group, GroupSettings settings,
                           std::shared_ptr<conclave::storage::Store> store, conclave_group** out) {
  if (!group.ok()) return status_of(group.error());
  auto* handle = group_handle(std::move(*group), std::move(settings), std::move(store));
  if (handle == nullptr) return CONCLAVE_E_NO_MEMORY;
  *out = handle;
  return CONCLAVE_OK;
}

}  // namespace conclave_capi
