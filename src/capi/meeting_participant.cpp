// The C API's participants: hosting, persisting and loading, and what a
// participant shows of its epoch: its roles, its turn to commit, its codes
// (include/conclave.h, "The meeting layer").

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "capi/meeting_objects.hpp"
#include "capi/mls_objects.hpp"
#include "conclave/crypto/random.hpp"

namespace meeting = conclave::meeting;

namespace conclave_capi {

namespace {

static_assert(std::chrono::milliseconds(CONCLAVE_DEFAULT_COMMIT_STEP_MS) == meeting::default_commit_step,
              "the C API's default step is the C++ API's");

// RFC 9420 section 8.7: the epoch_authenticator, of a full or a partial member.
conclave::BytesView epoch_authenticator_of(const meeting::Participant& participant) noexcept {
  const auto* partial = participant.partial_group();
  return partial != nullptr ? partial->epoch_authenticator() : participant.group().epoch_authenticator();
}

conclave::BytesView group_id_of(const meeting::Participant& participant) noexcept {
  const auto* partial = participant.partial_group();
  return partial != nullptr ? partial->context().group_id : participant.group().context().group_id;
}

// Reads one value of a live participant into a non-NULL `out`.
template <class Out, class Read>
conclave_status read_out(const conclave_participant* participant, Out* out, Read&& read) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (out == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  *out = read(object->participant);
  return CONCLAVE_OK;
}

// Gives the text `read` makes of a live participant into an empty `out`.
template <class Read>
conclave_status text_out(const conclave_participant* participant, conclave_buffer* out, Read&& read) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(out)) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto text = read(object->participant);
    if (!text) return status_of(text.error());
    return give_string(out, *text);
  });
}

}  // namespace

conclave_status give_participant(meeting::Participant participant, SharedVariant variant,
                                 std::shared_ptr<conclave::storage::Store> store, conclave_participant** out) {
  auto object = std::make_unique<ParticipantObject>(
      ParticipantObject{std::move(variant), std::move(store), std::move(participant), {}});
  return give_handle(std::move(object), out);
}

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_meeting_host(conclave_meeting_server* server, const conclave_meeting_link* link,
                                      const uint8_t* password, size_t password_size, const char* display_name,
                                      const char* title, const conclave_meeting_profile* profile,
                                      conclave_participant** host) {
  auto* served = object_of(server);
  const auto* opened = object_of(link);
  if (served == nullptr || opened == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  const auto secret = bytes_in(password, password_size);
  const auto name = string_in(display_name);
  const auto heading = string_in(title);
  if (!secret || secret->empty() || !name || !heading || host == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto converted = profile_of(profile, served->variant);
    if (!converted) return CONCLAVE_E_INVALID_ARGUMENT;
    const std::string_view text(reinterpret_cast<const char*>(secret->data()), secret->size());
    const std::lock_guard lock(served->mutex);
    auto hosted = meeting::Participant::host_meeting(served->server, opened->link, text, *name, *heading, *converted,
                                                     conclave::crypto::system_random());
    if (!hosted) return status_of(hosted.error());
    return give_participant(std::move(*hosted), served->variant, nullptr, host);
  });
}

conclave_status conclave_participant_persist(conclave_participant* participant, conclave_store* store) {
  auto* object = object_of(participant);
  const auto* kept = object_of(store);
  if (object == nullptr || kept == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  return guard([&] {
    const ChangeScope change(*object);
    const auto persisted = object->participant.persist(*kept->store);
    if (!persisted) return status_of(persisted);
    object->store = kept->store;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_participant_load(conclave_store* store, const uint8_t* group_id, size_t group_id_size,
                                          conclave_meeting_server* server, const conclave_meeting_profile* profile,
                                          conclave_participant** participant) {
  const auto* kept = object_of(store);
  const auto* served = object_of(server);
  if (kept == nullptr || served == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  const auto id = bytes_in(group_id, group_id_size);
  if (!id || participant == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto converted = profile_of(profile, served->variant);
    if (!converted) return CONCLAVE_E_INVALID_ARGUMENT;
    auto loaded = meeting::Participant::load(*kept->store, *id, *converted, conclave::crypto::system_random());
    if (!loaded) return status_of(loaded.error());
    return give_participant(std::move(*loaded), served->variant, kept->store, participant);
  });
}

conclave_status conclave_participant_epoch(const conclave_participant* participant, uint64_t* epoch) {
  return read_out(participant, epoch, [](const meeting::Participant& p) { return p.epoch(); });
}

conclave_status conclave_participant_own_leaf(const conclave_participant* participant, uint32_t* leaf) {
  return read_out(participant, leaf, [](const meeting::Participant& p) { return p.own_leaf(); });
}

conclave_status conclave_participant_is_host(const conclave_participant* participant, int* is_host) {
  return read_out(participant, is_host, [](const meeting::Participant& p) { return p.is_host() ? 1 : 0; });
}

conclave_status conclave_participant_removed(const conclave_participant* participant, int* removed) {
  return read_out(participant, removed, [](const meeting::Participant& p) { return p.removed() ? 1 : 0; });
}

conclave_status conclave_participant_pending_proposals(const conclave_participant* participant, size_t* count) {
  return read_out(participant, count, [](const meeting::Participant& p) { return p.pending_proposals(); });
}

conclave_status conclave_participant_commit_wait(const conclave_participant* participant, uint32_t step_ms,
                                                 uint64_t* wait_ms) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (wait_ms == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto wait = object->participant.commit_wait(std::chrono::milliseconds(step_ms));
    if (!wait) return status_of(wait.error());
    *wait_ms = static_cast<uint64_t>(wait->count());
    return CONCLAVE_OK;
  });
}

conclave_status conclave_participant_roles(const conclave_participant* participant, uint32_t* host,
                                           uint32_t* co_hosts, size_t capacity, size_t* co_host_count, int* locked) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (host == nullptr || co_host_count == nullptr || locked == nullptr || (co_hosts == nullptr && capacity != 0)) {
    return CONCLAVE_E_INVALID_ARGUMENT;
  }
  return guard([&] {
    const auto roles = object->participant.roles();
    if (!roles) return status_of(roles.error());
    *co_host_count = roles->co_hosts.size();
    if (capacity < roles->co_hosts.size()) return CONCLAVE_E_BUFFER_TOO_SMALL;
    std::copy(roles->co_hosts.begin(), roles->co_hosts.end(), co_hosts);
    *host = roles->host;
    *locked = roles->locked;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_participant_group_id(const conclave_participant* participant, conclave_buffer* group_id) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(group_id)) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] { return give(group_id, group_id_of(object->participant)); });
}

conclave_status conclave_participant_security_code(const conclave_participant* participant, conclave_buffer* text) {
  return text_out(participant, text, [](const meeting::Participant& p) -> conclave::Result<std::string> {
    const auto code = p.security_code();
    if (!code) return code.error();
    return code->display();
  });
}

conclave_status conclave_participant_epoch_authenticator(const conclave_participant* participant, uint8_t* out,
                                                         size_t capacity, size_t* written) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (out == nullptr && capacity != 0) return CONCLAVE_E_INVALID_ARGUMENT;
  return copy_out(epoch_authenticator_of(object->participant), out, capacity, written);
}

conclave_status conclave_participant_display_name(const conclave_participant* participant, uint32_t leaf,
                                                  conclave_buffer* name) {
  return text_out(participant, name, [leaf](const meeting::Participant& p) { return p.display_name(leaf); });
}

void conclave_participant_free(conclave_participant* participant) { free_handle(participant); }

}  // extern "C"
