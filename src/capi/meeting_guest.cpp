// The C API's guests: the SRP login, the JoinRequest and the join
// (include/conclave.h, "The meeting layer").

#include <string_view>
#include <utility>

#include "capi/meeting_objects.hpp"
#include "conclave/crypto/random.hpp"

namespace meeting = conclave::meeting;

namespace conclave_capi {

namespace {

using Join = conclave::Result<meeting::Participant> (meeting::Guest::*)(meeting::MeetingServer&);

// A join by `how`; the guest's state moves into the participant only on
// success (the C++ Guest stays usable on any error).
conclave_status join(conclave_guest* guest, conclave_meeting_server* server, conclave_participant** participant,
                     Join how) {
  auto* object = object_of(guest);
  auto* served = object_of(server);
  if (object == nullptr || served == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (participant == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  if (!object->guest) return CONCLAVE_E_OUT_OF_ORDER;
  return guard([&] {
    const std::lock_guard lock(served->mutex);
    auto joined = ((*object->guest).*how)(served->server);
    if (!joined) return status_of(joined.error());
    object->guest.reset();
    return give_participant(std::move(*joined), object->variant, nullptr, participant);
  });
}

}  // namespace

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_guest_log_in(conclave_meeting_server* server, const conclave_meeting_link* link,
                                      const uint8_t* password, size_t password_size, const char* display_name,
                                      const conclave_meeting_profile* profile, conclave_guest** guest) {
  auto* served = object_of(server);
  const auto* opened = object_of(link);
  if (served == nullptr || opened == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  const auto secret = bytes_in(password, password_size);
  const auto name = string_in(display_name);
  if (!secret || secret->empty() || !name || guest == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto converted = profile_of(profile, served->variant);
    if (!converted) return CONCLAVE_E_INVALID_ARGUMENT;
    const std::string_view text(reinterpret_cast<const char*>(secret->data()), secret->size());
    const std::lock_guard lock(served->mutex);
    auto logged_in = meeting::Guest::log_in(served->server, opened->link, text, *name, *converted,
                                            conclave::crypto::system_random());
    if (!logged_in) return status_of(logged_in.error());
    auto object = std::make_unique<GuestObject>(GuestObject{served->variant, std::move(*logged_in)});
    return give_handle(std::move(object), guest);
  });
}

conclave_status conclave_guest_title(const conclave_guest* guest, conclave_buffer* title) {
  const auto* object = object_of(guest);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(title)) return CONCLAVE_E_INVALID_ARGUMENT;
  if (!object->guest) return CONCLAVE_E_OUT_OF_ORDER;
  return guard([&] { return give_string(title, object->guest->meeting_title()); });
}

conclave_status conclave_guest_request_welcome(conclave_guest* guest, conclave_meeting_server* server, int partial) {
  auto* object = object_of(guest);
  auto* served = object_of(server);
  if (object == nullptr || served == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!is_flag(partial)) return CONCLAVE_E_INVALID_ARGUMENT;
  if (!object->guest) return CONCLAVE_E_OUT_OF_ORDER;
  const auto membership = partial == 1 ? meeting::Membership::partial : meeting::Membership::full;
  return guard([&] {
    const std::lock_guard lock(served->mutex);
    return status_of(object->guest->request_welcome(served->server, membership));
  });
}

conclave_status conclave_guest_join(conclave_guest* guest, conclave_meeting_server* server,
                                    conclave_participant** participant) {
  return join(guest, server, participant, &meeting::Guest::join_from_welcome);
}

conclave_status conclave_guest_join_external(conclave_guest* guest, conclave_meeting_server* server,
                                             conclave_participant** participant) {
  return join(guest, server, participant, &meeting::Guest::join_by_external_commit);
}

void conclave_guest_free(conclave_guest* guest) { free_handle(guest); }

}  // extern "C"
