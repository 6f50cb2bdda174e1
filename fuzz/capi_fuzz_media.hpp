#pragma once

// capi_fuzz's calls of the SRP, SFrame and LiveKit functions (see capi_fuzz_machine.hpp).

#include <array>

#include "capi_fuzz_calls.hpp"

namespace fuzz::capi {

inline void srp_variant_rfc5054(CapiMachine& m) {
  static constexpr std::array<std::uint32_t, 6> bits = {0, 1024, 1536, 2048, 1000, 3072};
  const auto size = bits[m.byte() % bits.size()];
  conclave_srp_variant* made = nullptr;
  m.made<conclave_srp_variant, conclave_srp_variant_free>(conclave_srp_variant_rfc5054(size, &made), made);
}

inline void srp_variant_proton(CapiMachine& m) {
  const auto [modulus, modulus_size] = m.bytes();
  conclave_srp_variant* made = nullptr;
  m.made<conclave_srp_variant, conclave_srp_variant_free>(
      conclave_srp_variant_proton(modulus, modulus_size, &made), made);
}

inline void srp_register(CapiMachine& m) {
  auto* variant = m.handle<conclave_srp_variant>();
  const auto [identity, identity_size] = m.bytes();
  const auto [password, password_size] = m.bytes();
  CapiMachine::Out salt;
  CapiMachine::Out verifier;
  m.out_buffer(salt);
  m.out_buffer(verifier);
  const int status =
      conclave_srp_register(variant, identity, identity_size, password, password_size, salt.pointer, verifier.pointer);
  m.took(status, salt);
  m.took(status, verifier);
}

inline void srp_client_create(CapiMachine& m) {
  auto* variant = m.handle<conclave_srp_variant>();
  const auto [identity, identity_size] = m.bytes();
  const auto [password, password_size] = m.bytes();
  conclave_srp_client* made = nullptr;
  m.made<conclave_srp_client, conclave_srp_client_free>(
      conclave_srp_client_create(variant, identity, identity_size, password, password_size, &made), made);
}

inline void srp_server_create(CapiMachine& m) {
  auto* variant = m.handle<conclave_srp_variant>();
  const auto [identity, identity_size] = m.bytes();
  const auto [salt, salt_size] = m.bytes();
  const auto [verifier, verifier_size] = m.bytes();
  conclave_srp_server* made = nullptr;
  m.made<conclave_srp_server, conclave_srp_server_free>(
      conclave_srp_server_create(variant, identity, identity_size, salt, salt_size, verifier, verifier_size, &made),
      made);
}

inline void srp_server_verify(CapiMachine& m) {
  auto* server = m.handle<conclave_srp_server>();
  const auto [client_proof, client_proof_size] = m.bytes();
  CapiMachine::Out proof;
  m.out_buffer(proof);
  m.took(conclave_srp_server_verify(server, client_proof, client_proof_size, proof.pointer), proof);
}

inline void sframe_create(CapiMachine& m) {
  conclave_sframe_options options{};
  conclave_sframe_options_default(&options);
  const std::uint8_t mode = m.byte();
  if (mode >= 0x80) {
    options.suite = m.byte() % 10;
    options.epoch_bits = m.byte();
    options.index_bits = static_cast<std::int8_t>(m.byte());
    options.max_epochs = m.byte();
    options.max_contexts = m.number<std::uint64_t>();
    options.encrypt_delay_ms = m.byte();
  }
  conclave_sframe* made = nullptr;
  m.made<conclave_sframe, conclave_sframe_free>(conclave_sframe_create(mode < 0xF0 ? &options : nullptr, &made), made);
}

inline void sframe_add_epoch_key(CapiMachine& m) {
  auto* sframe = m.handle<conclave_sframe>();
  const std::uint64_t epoch = m.byte();
  const auto [base_key, base_key_size] = m.bytes();
  const std::uint32_t own_leaf = m.byte();
  const auto [members, leaf_count] = m.bytes();
  m.check(conclave_sframe_add_epoch_key(sframe, epoch, base_key, base_key_size, own_leaf, members, leaf_count));
}

inline void sframe_remove_epoch(CapiMachine& m) {
  auto* sframe = m.handle<conclave_sframe>();
  const std::uint64_t epoch = m.byte();
  m.check(conclave_sframe_remove_epoch(sframe, epoch));
}

/// `Function(handle, plaintext size, &size)` (a maximal protected size).
template <class Handle, auto Function>
void max_size_of(CapiMachine& m) {
  auto* handle = m.handle<Handle>();
  const auto plaintext_size = m.flag() ? std::size_t{m.byte()} : m.number<std::size_t>();
  std::size_t size = 0;
  const bool out = m.flag() == 0;
  const int status = Function(handle, plaintext_size, out ? &size : nullptr);
  m.check(status, size == 0);
  if (status == CONCLAVE_OK && size < plaintext_size) std::abort();
}

inline void sframe_protect(CapiMachine& m) {
  auto* sframe = m.handle<conclave_sframe>();
  const auto [metadata, metadata_size] = m.bytes();
  const auto [plaintext, plaintext_size] = m.bytes();
  const auto [out, capacity] = m.caller_buffer();
  const std::uint64_t context = m.byte();
  std::size_t written = 0;
  const bool size_out = m.flag() == 0;
  const int status = conclave_sframe_protect(sframe, metadata, metadata_size, plaintext, plaintext_size, out,
                                             capacity, size_out ? &written : nullptr, context);
  m.wrote(status, out, capacity, written);
}

inline void livekit_create(CapiMachine& m) {
  const int normalize = m.flag();
  const std::uint32_t delay = m.byte();
  conclave_livekit* made = nullptr;
  m.made<conclave_livekit, conclave_livekit_free>(conclave_livekit_create(normalize, delay, &made), made);
}

inline void livekit_set_key(CapiMachine& m) {
  auto* livekit = m.handle<conclave_livekit>();
  const std::uint64_t epoch = m.byte();
  const auto [material, material_size] = m.bytes();
  m.check(conclave_livekit_set_key(livekit, epoch, material, material_size));
}

inline void livekit_set_send_count(CapiMachine& m) {
  auto* livekit = m.handle<conclave_livekit>();
  const auto ssrc = m.number<std::uint32_t>();
  const auto count = m.number<std::uint32_t>();
  m.check(conclave_livekit_set_send_count(livekit, ssrc, count));
}

inline void livekit_max_protected_size(CapiMachine& m) {
  const auto frame_size = m.flag() ? std::size_t{m.byte()} : m.number<std::size_t>();
  (void)conclave_livekit_max_protected_size(frame_size);
}

inline constexpr CapiOp media_calls[] = {
    srp_variant_rfc5054,
    srp_variant_proton,
    free_of<conclave_srp_variant, conclave_srp_variant_free>,
    srp_register,
    srp_client_create,
    buffer_of<conclave_srp_client, conclave_srp_client_start>,
    two_bytes_to_buffer<conclave_srp_client, conclave_srp_client_respond>,
    bytes_to<conclave_srp_client, conclave_srp_client_verify>,
    buffer_of<conclave_srp_client, conclave_srp_client_session_key>,
    free_of<conclave_srp_client, conclave_srp_client_free>,
    srp_server_create,
    buffer_of<conclave_srp_server, conclave_srp_server_challenge>,
    bytes_to<conclave_srp_server, conclave_srp_server_receive>,
    srp_server_verify,
    buffer_of<conclave_srp_server, conclave_srp_server_session_key>,
    free_of<conclave_srp_server, conclave_srp_server_free>,
    sframe_create,
    pair_of<conclave_sframe, conclave_group, conclave_sframe_add_epoch>,
    sframe_add_epoch_key,
    sframe_remove_epoch,
    max_size_of<conclave_sframe, conclave_sframe_max_protected_size>,
    sframe_protect,
    unprotect_of<conclave_sframe, conclave_sframe_unprotect>,
    free_of<conclave_sframe, conclave_sframe_free>,
    livekit_create,
    livekit_set_key,
    pair_of<conclave_livekit, conclave_group, conclave_livekit_set_key_from_group>,
    livekit_set_send_count,
    livekit_max_protected_size,
    livekit_protect_of<conclave_livekit, conclave_livekit_protect>,
    livekit_unprotect_of<conclave_livekit, conclave_livekit_unprotect>,
    free_of<conclave_livekit, conclave_livekit_free>,
};

}  // namespace fuzz::capi
