#pragma once

// capi_fuzz's calls of the MLS and storage functions (see capi_fuzz_machine.hpp).

#include <array>

#include "capi_fuzz_calls.hpp"

namespace fuzz::capi {

/// A cipher suite: mostly 0 to 7 (0 is none), or any 16-bit value.
inline std::uint16_t suite(CapiMachine& m) {
  const std::uint8_t selector = m.byte();
  return selector < 0xF0 ? std::uint16_t{static_cast<std::uint8_t>(selector % 8)} : m.number<std::uint16_t>();
}

/// Group settings: NULL, the defaults, or fields and external PSKs from the input.
struct Config {
  conclave_group_config config{};
  std::array<conclave_external_psk, 2> psks{};

  const conclave_group_config* read(CapiMachine& m) {
    const std::uint8_t mode = m.byte();
    if (mode >= 0xF0) return nullptr;
    conclave_group_config_default(&config);
    if (mode < 0x80) return &config;
    config.past_epochs = m.byte();
    config.max_cached_proposals = m.byte();
    config.out_of_order_window = m.number<std::uint16_t>();
    config.max_forward_distance = m.number<std::uint16_t>();
    config.external_psk_count = m.byte() % 4;  // 3: more than the array, so a NULL array
    for (auto& psk : psks) {
      std::tie(psk.id, psk.id_size) = m.bytes();
      std::tie(psk.secret, psk.secret_size) = m.bytes();
    }
    config.external_psks = config.external_psk_count < 3 ? psks.data() : nullptr;
    return &config;
  }
};

/// Commit options: NULL, the defaults, or lists and flags from the input.
struct CommitOptions {
  conclave_commit_options options{};
  std::array<conclave_bytes, 2> adds{};
  std::array<conclave_bytes, 2> psk_ids{};
  std::array<std::uint32_t, 2> removes{};

  const conclave_commit_options* read(CapiMachine& m) {
    const std::uint8_t mode = m.byte();
    if (mode >= 0xF0) return nullptr;
    conclave_commit_options_default(&options);
    if (mode < 0x40) return &options;
    for (auto& add : adds) std::tie(add.data, add.size) = m.bytes();
    for (auto& psk_id : psk_ids) std::tie(psk_id.data, psk_id.size) = m.bytes();
    for (auto& leaf : removes) leaf = m.byte();
    options.add_key_packages = adds.data();
    options.add_count = m.byte() % 3;
    options.remove_leaves = m.byte() < 0xF0 ? removes.data() : nullptr;
    options.remove_count = m.byte() % 3;
    options.external_psk_ids = psk_ids.data();
    options.external_psk_count = m.byte() % 3;
    options.include_received = m.flag();
    options.force_path = m.flag();
    options.ratchet_tree_in_welcome = m.flag();
    options.encrypt = m.flag();
    options.group_info = m.flag();
    std::tie(options.authenticated_data, options.authenticated_data_size) = m.bytes();
    return &options;
  }
};

inline void key_package_create(CapiMachine& m) {
  const auto cipher_suite = suite(m);
  const auto [identity, identity_size] = m.bytes();
  conclave_key_package* made = nullptr;
  const bool out = m.flag() == 0;
  m.made<conclave_key_package, conclave_key_package_free>(
      conclave_key_package_create(cipher_suite, identity, identity_size, out ? &made : nullptr), made);
}

inline void group_create(CapiMachine& m) {
  const auto cipher_suite = suite(m);
  const auto [group_id, group_id_size] = m.bytes();
  auto* creator = m.handle<conclave_key_package>();
  Config config;
  const auto* settings = config.read(m);
  conclave_group* made = nullptr;
  m.made<conclave_group, conclave_group_free>(
      conclave_group_create(cipher_suite, group_id, group_id_size, creator, settings, &made), made);
}

/// `Function(welcome, source, tree, config, &group)`: a join with a
/// KeyPackage, or with the one a store keeps.
template <class Source, auto Function>
void group_join(CapiMachine& m) {
  const auto [welcome, welcome_size] = m.bytes();
  auto* source = m.handle<Source>();
  const auto [tree, tree_size] = m.bytes();
  Config config;
  const auto* settings = config.read(m);
  conclave_group* made = nullptr;
  m.made<conclave_group, conclave_group_free>(
      Function(welcome, welcome_size, source, tree, tree_size, settings, &made), made);
}

inline void group_join_external(CapiMachine& m) {
  const auto [group_info, group_info_size] = m.bytes();
  auto* key_package = m.handle<conclave_key_package>();
  const auto [tree, tree_size] = m.bytes();
  Config config;
  const auto* settings = config.read(m);
  CapiMachine::Out commit;
  m.out_buffer(commit);
  conclave_group* made = nullptr;
  const int status = conclave_group_join_external(group_info, group_info_size, key_package, tree, tree_size,
                                                  settings, &made, commit.pointer);
  m.took(status, commit);
  m.made<conclave_group, conclave_group_free>(status, made);
}

inline void group_set_external_psk(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  const auto [psk_id, psk_id_size] = m.bytes();
  const auto [secret, secret_size] = m.bytes();
  m.check(conclave_group_set_external_psk(group, psk_id, psk_id_size, secret, secret_size));
}

/// `Function(group, bytes, encrypt, &message)`: a proposal of a KeyPackage or a PSK.
template <auto Function>
void group_propose(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  const auto [proposed, proposed_size] = m.bytes();
  const int encrypt = m.flag();
  CapiMachine::Out message;
  m.out_buffer(message);
  m.took(Function(group, proposed, proposed_size, encrypt, message.pointer), message);
}

inline void group_propose_remove(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  const std::uint32_t leaf = m.byte();
  const int encrypt = m.flag();
  CapiMachine::Out message;
  m.out_buffer(message);
  m.took(conclave_group_propose_remove(group, leaf, encrypt, message.pointer), message);
}

inline void group_commit(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  CommitOptions options;
  const auto* settings = options.read(m);
  conclave_commit_output output{};
  const bool out = m.byte() < 0xF0;
  const int status = conclave_group_commit(group, settings, out ? &output : nullptr);
  const bool empty = output.commit.data == nullptr && output.welcome.data == nullptr && output.group_info.data == nullptr;
  m.check(status, empty);
  if (status == CONCLAVE_OK) {
    for (const auto& buffer : {output.commit, output.welcome, output.group_info}) m.keep(buffer.data, buffer.size);
  }
  conclave_commit_output_free(&output);
}

inline void group_process(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  const auto [message, message_size] = m.bytes();
  conclave_received received{};
  const bool out = m.byte() < 0xF0;
  const int status = conclave_group_process(group, message, message_size, out ? &received : nullptr);
  m.check(status, received.application_data.data == nullptr && received.authenticated_data.data == nullptr);
  if (status == CONCLAVE_OK) m.keep(received.application_data.data, received.application_data.size);
  conclave_received_free(&received);
}

inline void group_export_secret(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  const char* label = m.string();
  const auto [context, context_size] = m.bytes();
  const auto [out, capacity] = m.caller_buffer();
  m.check(conclave_group_export_secret(group, label, context, context_size, out, capacity));
}

inline void group_members(CapiMachine& m) {
  auto* group = m.handle<conclave_group>();
  std::array<std::uint32_t, 4> leaves{};
  const std::size_t capacity = m.byte() % (leaves.size() + 1);
  std::size_t count = 0;
  const bool out = m.flag() == 0;
  m.check(conclave_group_members(group, capacity == 0 ? nullptr : leaves.data(), capacity, out ? &count : nullptr));
}

inline void group_deserialize(CapiMachine& m) {
  const auto [state, state_size] = m.bytes();
  Config config;
  const auto* settings = config.read(m);
  conclave_group* made = nullptr;
  m.made<conclave_group, conclave_group_free>(conclave_group_deserialize(state, state_size, settings, &made), made);
}

inline void store_open_memory(CapiMachine& m) {
  conclave_store* made = nullptr;
  m.made<conclave_store, conclave_store_free>(conclave_store_open_memory(&made), made);
}

/// An SQLite path: NULL, SQLite's in-memory database, or one that cannot open.
inline const char* store_path(CapiMachine& m) {
  static constexpr std::array<const char*, 3> paths = {nullptr, ":memory:", "/nonexistent/conclave-fuzz.db"};
  return paths[m.byte() % paths.size()];
}

inline void store_open_sqlite(CapiMachine& m) {
  const char* path = store_path(m);
  conclave_store* made = nullptr;
  m.made<conclave_store, conclave_store_free>(conclave_store_open_sqlite(path, &made), made);
}

inline void store_open_sqlite_encrypted(CapiMachine& m) {
  const char* path = store_path(m);
  const auto [key, key_size] = m.bytes();
  conclave_store* made = nullptr;
  m.made<conclave_store, conclave_store_free>(conclave_store_open_sqlite_encrypted(path, key, key_size, &made), made);
}

inline void group_load(CapiMachine& m) {
  auto* store = m.handle<conclave_store>();
  const auto [group_id, group_id_size] = m.bytes();
  Config config;
  const auto* settings = config.read(m);
  conclave_group* made = nullptr;
  m.made<conclave_group, conclave_group_free>(conclave_group_load(store, group_id, group_id_size, settings, &made),
                                              made);
}

inline constexpr CapiOp mls_calls[] = {
    key_package_create,
    buffer_of<conclave_key_package, conclave_key_package_public>,
    buffer_of<conclave_key_package, conclave_key_package_ref>,
    free_of<conclave_key_package, conclave_key_package_free>,
    group_create,
    group_join<conclave_key_package, conclave_group_join>,
    group_join_external,
    group_set_external_psk,
    group_propose<conclave_group_propose_add>,
    group_propose_remove,
    flag_buffer_of<conclave_group, conclave_group_propose_update>,
    group_propose<conclave_group_propose_external_psk>,
    buffer_of<conclave_group, conclave_group_propose_self_remove>,
    group_commit,
    status_of<conclave_group, conclave_group_merge_pending_commit>,
    status_of<conclave_group, conclave_group_discard_pending_commit>,
    scalar_of<conclave_group, int, conclave_group_has_pending_commit>,
    group_process,
    two_bytes_to_buffer<conclave_group, conclave_group_protect>,
    scalar_of<conclave_group, std::uint64_t, conclave_group_epoch>,
    scalar_of<conclave_group, std::uint32_t, conclave_group_own_leaf>,
    scalar_of<conclave_group, std::uint16_t, conclave_group_cipher_suite>,
    buffer_of<conclave_group, conclave_group_id>,
    fixed_of<conclave_group, conclave_group_epoch_authenticator>,
    group_export_secret,
    group_members,
    leaf_buffer_of<conclave_group, conclave_group_member_identity>,
    flag_buffer_of<conclave_group, conclave_group_info>,
    buffer_of<conclave_group, conclave_group_ratchet_tree>,
    buffer_of<conclave_group, conclave_group_serialize>,
    group_deserialize,
    free_of<conclave_group, conclave_group_free>,
    store_open_memory,
    store_open_sqlite,
    store_open_sqlite_encrypted,
    free_of<conclave_store, conclave_store_free>,
    pair_of<conclave_store, conclave_key_package, conclave_store_save_key_package>,
    group_join<conclave_store, conclave_group_join_from_store>,
    pair_of<conclave_group, conclave_store, conclave_group_persist>,
    group_load,
    bytes_to<conclave_store, conclave_group_erase>,
};

}  // namespace fuzz::capi
