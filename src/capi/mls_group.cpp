// The C API's group lifecycle (include/conclave.h): create, join by
// Welcome or external Commit, serialize, free. RFC 9420 sections 11 and
// 12.4.3.

#include <utility>

#include "capi/mls_support.hpp"
#include "conclave/crypto/random.hpp"

using namespace conclave_capi;
using conclave::mls::Group;

namespace {

// The checked arguments of a group made from a KeyPackage.
struct Joiner {
  KeyPackageObject* key_package = nullptr;
  std::optional<GroupSettings> settings;
};

conclave_status check_joiner(conclave_key_package* key_package, const conclave_group_config* config,
                             conclave_group** group, Joiner& joiner) {
  joiner.key_package = object_of(key_package);
  if (joiner.key_package == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  joiner.settings = settings_of(config);
  if (bundle_of(*joiner.key_package) == nullptr || !joiner.settings || group == nullptr) {
    return CONCLAVE_E_INVALID_ARGUMENT;
  }
  return CONCLAVE_OK;
}

// The KeyPackage is spent once a group took its keys, and only then.
conclave_status spend_if_ok(conclave_status status, KeyPackageObject& key_package) {
  if (status == CONCLAVE_OK) key_package.bundle.reset();
  return status;
}

conclave_status create(std::uint16_t suite_id, conclave::BytesView group_id, Joiner& creator,
                       conclave_group** group) {
  const auto suite = conclave::mls::CipherSuite::find(static_cast<conclave::mls::CipherSuiteId>(suite_id));
  if (!suite.ok()) return status_of(suite.error());
  auto made = Group::create(*suite, owned(group_id), copy_of(*creator.key_package->bundle), {},
                            creator.settings->config, conclave::crypto::system_random());
  return give_group(std::move(made), std::move(*creator.settings), nullptr, group);
}

conclave_status join(conclave::BytesView welcome_bytes, conclave::BytesView tree_bytes, Joiner& joiner,
                     conclave_group** group) {
  const auto welcome = decode_body<conclave::mls::Welcome>(welcome_bytes);
  if (!welcome.ok()) return status_of(welcome.error());
  const auto tree = decode_tree(tree_bytes);
  if (!tree.ok()) return status_of(tree.error());
  auto keys = copy_of(*joiner.key_package->bundle);
  auto joined = Group::join(*welcome, keys.key_package, std::move(keys.keys), *tree, joiner.settings->config);
  return give_group(std::move(joined), std::move(*joiner.settings), nullptr, group);
}

conclave_status join_external(conclave::BytesView info_bytes, conclave::BytesView tree_bytes, Joiner& joiner,
                              conclave_group** group, conclave_buffer* commit) {
  const auto info = decode_body<conclave::mls::GroupInfo>(info_bytes);
  if (!info.ok()) return status_of(info.error());
  const auto tree = decode_tree(tree_bytes);
  if (!tree.ok()) return status_of(tree.error());
  auto joined = Group::join_external(*info, copy_of(*joiner.key_package->bundle), *tree, joiner.settings->config,
                                     conclave::crypto::system_random());
  if (!joined.ok()) return status_of(joined.error());
  auto* handle = group_handle(std::move(joined->group), std::move(*joiner.settings), nullptr);
  if (handle == nullptr) return CONCLAVE_E_NO_MEMORY;
  if (const auto status = give_message(commit, joined->commit); status != CONCLAVE_OK) {
    free_handle(handle);
    return status;
  }
  *group = handle;
  return CONCLAVE_OK;
}

}  // namespace

extern "C" {

void conclave_group_config_default(conclave_group_config* config) {
  if (config == nullptr) return;
  const conclave::mls::GroupConfig defaults;
  config->past_epochs = defaults.past_epochs;
  config->max_cached_proposals = defaults.max_cached_proposals;
  config->out_of_order_window = defaults.secret_tree.out_of_order_window;
  config->max_forward_distance = defaults.secret_tree.max_forward_distance;
  config->external_psks = nullptr;
  config->external_psk_count = 0;
}

conclave_status conclave_group_create(uint16_t suite, const uint8_t* group_id, size_t group_id_size,
                                      conclave_key_package* creator, const conclave_group_config* config,
                                      conclave_group** group) {
  return guard([&] {
    Joiner joiner;
    if (const auto status = check_joiner(creator, config, group, joiner); status != CONCLAVE_OK) return status;
    const auto id = bytes_in(group_id, group_id_size);
    if (!id) return CONCLAVE_E_INVALID_ARGUMENT;
    return spend_if_ok(create(suite, *id, joiner, group), *joiner.key_package);
  });
}

conclave_status conclave_group_join(const uint8_t* welcome, size_t welcome_size, conclave_key_package* key_package,
                                    const uint8_t* ratchet_tree, size_t ratchet_tree_size,
                                    const conclave_group_config* config, conclave_group** group) {
  return guard([&] {
    Joiner joiner;
    if (const auto status = check_joiner(key_package, config, group, joiner); status != CONCLAVE_OK) return status;
    const auto message = bytes_in(welcome, welcome_size);
    const auto tree = bytes_in(ratchet_tree, ratchet_tree_size);
    if (!message || !tree) return CONCLAVE_E_INVALID_ARGUMENT;
    return spend_if_ok(join(*message, *tree, joiner, group), *joiner.key_package);
  });
}

conclave_status conclave_group_join_external(const uint8_t* group_info, size_t group_info_size,
                                             conclave_key_package* key_package, const uint8_t* ratchet_tree,
                                             size_t ratchet_tree_size, const conclave_group_config* config,
                                             conclave_group** group, conclave_buffer* commit) {
  return guard([&] {
    Joiner joiner;
    if (const auto status = check_joiner(key_package, config, group, joiner); status != CONCLAVE_OK) return status;
    const auto info = bytes_in(group_info, group_info_size);
    const auto tree = bytes_in(ratchet_tree, ratchet_tree_size);
    if (!info || !tree || !buffer_out_ok(commit)) return CONCLAVE_E_INVALID_ARGUMENT;
    return spend_if_ok(join_external(*info, *tree, joiner, group, commit), *joiner.key_package);
  });
}

conclave_status conclave_group_serialize(const conclave_group* group, conclave_buffer* state) {
  return guard([&] {
    const auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (!buffer_out_ok(state)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto serialized = object->group.serialize();
    if (!serialized.ok()) return status_of(serialized.error());
    return give(state, serialized->view());
  });
}

conclave_status conclave_group_deserialize(const uint8_t* state, size_t state_size,
                                           const conclave_group_config* config, conclave_group** group) {
  return guard([&] {
    const auto stored = bytes_in(state, state_size);
    auto settings = settings_of(config);
    if (!stored || !settings || group == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto loaded = Group::deserialize(*stored, settings->config);
    return give_group(std::move(loaded), std::move(*settings), nullptr, group);
  });
}

void conclave_group_free(conclave_group* group) { free_handle(group); }

}  // extern "C"
