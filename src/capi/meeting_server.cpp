// The C API's meeting server, links and profile (include/conclave.h, "The
// meeting layer").

#include <utility>

#include "capi/meeting_objects.hpp"
#include "capi/srp_objects.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"

namespace meeting = conclave::meeting;

namespace conclave_capi {

namespace {

// spec-notes/meeting-profile.md, "The server": RFC 5054's 2048-bit group
// with SHA-256, made once.
SharedVariant default_variant() {
  static const SharedVariant variant = [] {
    auto group = conclave::srp::rfc5054_group(2048);
    if (!group) return SharedVariant{};
    return SharedVariant(std::make_shared<conclave::srp::Rfc5054>(std::move(*group), conclave::crypto::HashId::sha256));
  }();
  return variant;
}

}  // namespace

conclave_status give_link(conclave::Result<meeting::MeetingLink> link, conclave_meeting_link** out) {
  if (!link) return status_of(link.error());
  return give_handle(std::make_unique<MeetingLinkObject>(MeetingLinkObject{std::move(*link)}), out);
}

MeetingServerObject::MeetingServerObject(SharedVariant shared)
    : variant(std::move(shared)), server(*variant, conclave::crypto::system_random()) {}

std::optional<meeting::MeetingProfile> profile_of(const conclave_meeting_profile* profile,
                                                  const SharedVariant& variant) {
  conclave_meeting_profile given;
  conclave_meeting_profile_default(&given);
  if (profile != nullptr) given = *profile;
  if (!is_flag(given.sframe) || !is_flag(given.livekit)) return std::nullopt;
  meeting::MeetingProfile converted;
  converted.suite = static_cast<conclave::mls::CipherSuiteId>(given.suite);
  converted.srp = variant.get();
  converted.sframe = given.sframe == 1;
  converted.livekit = given.livekit == 1;
  return converted;
}

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_meeting_server_create(const conclave_srp_variant* variant, conclave_meeting_server** server) {
  if (server == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  const auto* given = object_of(variant);
  if (variant != nullptr && given == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  return guard([&] {
    auto shared = given != nullptr ? given->variant : default_variant();
    if (!shared) return CONCLAVE_E_INTERNAL;
    return give_handle(std::make_unique<MeetingServerObject>(std::move(shared)), server);
  });
}

void conclave_meeting_server_free(conclave_meeting_server* server) { free_handle(server); }

conclave_status conclave_meeting_link_generate(const char* base, conclave_meeting_link** link) {
  const auto text = string_in(base);
  if (!text || link == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard(
      [&] { return give_link(meeting::MeetingLink::generate(*text, conclave::crypto::system_random()), link); });
}

conclave_status conclave_meeting_link_parse(const char* url, conclave_meeting_link** link) {
  const auto text = string_in(url);
  if (!text || link == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] { return give_link(meeting::MeetingLink::parse(*text), link); });
}

conclave_status conclave_meeting_link_url(const conclave_meeting_link* link, conclave_buffer* url) {
  const auto* object = object_of(link);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(url)) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] { return give_string(url, object->link.url().text()); });
}

conclave_status conclave_meeting_link_id(const conclave_meeting_link* link, conclave_buffer* id) {
  const auto* object = object_of(link);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(id)) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] { return give_string(id, object->link.meeting_id); });
}

conclave_status conclave_meeting_link_password(const conclave_meeting_link* link, const char* custom_password,
                                               conclave_buffer* password) {
  const auto* object = object_of(link);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!buffer_out_ok(password)) return CONCLAVE_E_INVALID_ARGUMENT;
  return guard([&] {
    const auto secret = object->link.meeting_password(string_in(custom_password));
    if (!secret) return status_of(secret.error());
    return give_string(password, secret->text());
  });
}

void conclave_meeting_link_free(conclave_meeting_link* link) { free_handle(link); }

void conclave_meeting_profile_default(conclave_meeting_profile* profile) {
  if (profile == nullptr) return;
  profile->suite = static_cast<uint16_t>(meeting::MeetingProfile{}.suite);
  profile->sframe = 1;
  profile->livekit = 0;
}

}  // extern "C"
