#pragma once

// capi_fuzz's calls of the meeting layer's functions (see capi_fuzz_machine.hpp).

#include <array>

#include "capi_fuzz_calls.hpp"

namespace fuzz::capi {

inline void meeting_server_create(CapiMachine& m) {
  auto* variant = m.handle<conclave_srp_variant>();
  conclave_meeting_server* made = nullptr;
  m.made<conclave_meeting_server, conclave_meeting_server_free>(conclave_meeting_server_create(variant, &made), made);
}

/// `Function(text, &link)`: a link from a string.
template <auto Function>
void link_from(CapiMachine& m) {
  const char* text = m.string();
  conclave_meeting_link* made = nullptr;
  m.made<conclave_meeting_link, conclave_meeting_link_free>(Function(text, &made), made);
}

inline void meeting_link_password(CapiMachine& m) {
  auto* link = m.handle<conclave_meeting_link>();
  const char* custom = m.string();
  CapiMachine::Out password;
  m.out_buffer(password);
  m.took(conclave_meeting_link_password(link, custom, password.pointer), password);
}

/// A meeting profile: NULL, the default, or fields from the input.
inline const conclave_meeting_profile* profile(CapiMachine& m, conclave_meeting_profile& storage) {
  const std::uint8_t mode = m.byte();
  if (mode >= 0xF0) return nullptr;
  conclave_meeting_profile_default(&storage);
  if (mode >= 0x80) {
    storage.suite = static_cast<std::uint16_t>(m.byte() % 8);
    storage.sframe = m.byte() % 3;
    storage.livekit = m.byte() % 3;
  }
  return &storage;
}

inline void meeting_host(CapiMachine& m) {
  auto* server = m.handle<conclave_meeting_server>();
  auto* link = m.handle<conclave_meeting_link>();
  const auto [password, password_size] = m.bytes();
  const char* name = m.string();
  const char* title = m.string();
  conclave_meeting_profile storage{};
  const auto* settings = profile(m, storage);
  conclave_participant* made = nullptr;
  m.made<conclave_participant, conclave_participant_free>(
      conclave_meeting_host(server, link, password, password_size, name, title, settings, &made), made);
}

inline void guest_log_in(CapiMachine& m) {
  auto* server = m.handle<conclave_meeting_server>();
  auto* link = m.handle<conclave_meeting_link>();
  const auto [password, password_size] = m.bytes();
  const char* name = m.string();
  conclave_meeting_profile storage{};
  const auto* settings = profile(m, storage);
  conclave_guest* made = nullptr;
  m.made<conclave_guest, conclave_guest_free>(
      conclave_guest_log_in(server, link, password, password_size, name, settings, &made), made);
}

inline void guest_request_welcome(CapiMachine& m) {
  auto* guest = m.handle<conclave_guest>();
  auto* server = m.handle<conclave_meeting_server>();
  const int partial = m.flag();
  m.check(conclave_guest_request_welcome(guest, server, partial));
}

/// `Function(guest, server, &participant)`: a guest's join.
template <auto Function>
void guest_join(CapiMachine& m) {
  auto* guest = m.handle<conclave_guest>();
  auto* server = m.handle<conclave_meeting_server>();
  conclave_participant* made = nullptr;
  m.made<conclave_participant, conclave_participant_free>(Function(guest, server, &made), made);
}

inline void participant_sync(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  conclave_sync_report report{};
  const bool out = m.flag() == 0;
  m.check(conclave_participant_sync(participant, server, out ? &report : nullptr));
}

inline void participant_chat(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  const std::size_t index = m.byte();
  std::uint32_t sender = 0;
  CapiMachine::Out text;
  m.out_buffer(text);
  m.took(conclave_participant_chat(participant, index, &sender, text.pointer), text);
}

inline void participant_send_chat(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  const char* text = m.string();
  m.check(conclave_participant_send_chat(participant, server, text));
}

inline void participant_admit(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  std::size_t admitted = 0;
  const bool out = m.flag() == 0;
  m.check(conclave_participant_admit(participant, server, out ? &admitted : nullptr));
}

inline void participant_remove(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  const std::uint32_t leaf = m.byte();
  m.check(conclave_participant_remove(participant, server, leaf));
}

inline void participant_set_locked(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  const int locked = m.flag();
  m.check(conclave_participant_set_locked(participant, server, locked));
}

inline void participant_rotate_link(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  conclave_meeting_link* made = nullptr;
  m.made<conclave_meeting_link, conclave_meeting_link_free>(
      conclave_participant_rotate_link(participant, server, &made), made);
}

inline void participant_load(CapiMachine& m) {
  auto* store = m.handle<conclave_store>();
  const auto [group_id, group_id_size] = m.bytes();
  auto* server = m.handle<conclave_meeting_server>();
  conclave_meeting_profile storage{};
  const auto* settings = profile(m, storage);
  conclave_participant* made = nullptr;
  m.made<conclave_participant, conclave_participant_free>(
      conclave_participant_load(store, group_id, group_id_size, server, settings, &made), made);
}

inline void participant_protect_frame(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  const auto [metadata, metadata_size] = m.bytes();
  const auto [plaintext, plaintext_size] = m.bytes();
  const auto [out, capacity] = m.caller_buffer();
  std::size_t written = 0;
  const bool size_out = m.flag() == 0;
  const int status = conclave_participant_protect_frame(participant, metadata, metadata_size, plaintext,
                                                        plaintext_size, out, capacity, size_out ? &written : nullptr);
  m.wrote(status, out, capacity, written);
}

inline void participant_commit_wait(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  const std::uint32_t step_ms = m.number<std::uint16_t>();
  std::uint64_t wait_ms = 0;
  const bool out = m.flag() == 0;
  m.check(conclave_participant_commit_wait(participant, step_ms, out ? &wait_ms : nullptr), wait_ms == 0);
}

inline void participant_remove_and_keep_out(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  const std::uint32_t leaf = m.byte();
  conclave_meeting_link* made = nullptr;
  m.made<conclave_meeting_link, conclave_meeting_link_free>(
      conclave_participant_remove_and_keep_out(participant, server, leaf, &made), made);
}

inline void participant_roles(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  std::array<std::uint32_t, 4> co_hosts{};
  const std::size_t capacity = m.byte() % (co_hosts.size() + 1);
  std::uint32_t host = 0;
  std::size_t count = 0;
  int locked = 0;
  const bool out = m.flag() == 0;
  m.check(conclave_participant_roles(participant, out ? &host : nullptr, capacity == 0 ? nullptr : co_hosts.data(),
                                     capacity, &count, &locked));
}

inline void participant_set_roles(CapiMachine& m) {
  auto* participant = m.handle<conclave_participant>();
  auto* server = m.handle<conclave_meeting_server>();
  const std::uint32_t host = m.byte();
  std::array<std::uint32_t, 3> co_hosts{};
  for (auto& leaf : co_hosts) leaf = m.byte();
  const std::size_t count = m.byte() % (co_hosts.size() + 1);
  const int locked = m.flag();
  const bool array = m.byte() < 0xF0;
  m.check(conclave_participant_set_roles(participant, server, host, array ? co_hosts.data() : nullptr, count, locked));
}

inline constexpr CapiOp meeting_calls[] = {
    meeting_server_create,
    free_of<conclave_meeting_server, conclave_meeting_server_free>,
    link_from<conclave_meeting_link_generate>,
    link_from<conclave_meeting_link_parse>,
    buffer_of<conclave_meeting_link, conclave_meeting_link_url>,
    buffer_of<conclave_meeting_link, conclave_meeting_link_id>,
    meeting_link_password,
    free_of<conclave_meeting_link, conclave_meeting_link_free>,
    meeting_host,
    guest_log_in,
    buffer_of<conclave_guest, conclave_guest_title>,
    guest_request_welcome,
    guest_join<conclave_guest_join>,
    guest_join<conclave_guest_join_external>,
    free_of<conclave_guest, conclave_guest_free>,
    participant_sync,
    participant_chat,
    participant_send_chat,
    participant_admit,
    participant_remove,
    participant_set_locked,
    participant_rotate_link,
    pair_of<conclave_participant, conclave_meeting_server, conclave_participant_leave>,
    pair_of<conclave_participant, conclave_meeting_server, conclave_participant_commit_pending>,
    pair_of<conclave_participant, conclave_meeting_server, conclave_participant_update>,
    pair_of<conclave_participant, conclave_meeting_server, conclave_participant_resync>,
    scalar_of<conclave_participant, std::uint64_t, conclave_participant_epoch>,
    scalar_of<conclave_participant, std::uint32_t, conclave_participant_own_leaf>,
    scalar_of<conclave_participant, int, conclave_participant_is_host>,
    scalar_of<conclave_participant, int, conclave_participant_removed>,
    buffer_of<conclave_participant, conclave_participant_group_id>,
    buffer_of<conclave_participant, conclave_participant_security_code>,
    fixed_of<conclave_participant, conclave_participant_epoch_authenticator>,
    leaf_buffer_of<conclave_participant, conclave_participant_display_name>,
    pair_of<conclave_participant, conclave_store, conclave_participant_persist>,
    participant_load,
    max_size_of<conclave_participant, conclave_participant_max_protected_size>,
    participant_protect_frame,
    unprotect_of<conclave_participant, conclave_participant_unprotect_frame>,
    free_of<conclave_participant, conclave_participant_free>,
    participant_set_roles,
    participant_roles,
    participant_remove_and_keep_out,
    scalar_of<conclave_participant, std::size_t, conclave_participant_pending_proposals>,
    participant_commit_wait,
    livekit_protect_of<conclave_participant, conclave_participant_livekit_protect>,
    livekit_unprotect_of<conclave_participant, conclave_participant_livekit_unprotect>,
    version,
};

}  // namespace fuzz::capi
