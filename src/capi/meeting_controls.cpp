// The C API's participant calls through the meeting's server: sync and
// chat, the host controls, and continuity (include/conclave.h, "The meeting
// layer").

#include <algorithm>
#include <utility>

#include "capi/meeting_objects.hpp"

namespace meeting = conclave::meeting;

namespace conclave_capi {

namespace {

// A call whose only result is its status.
using Action = conclave::Status (meeting::Participant::*)(meeting::MeetingServer&);

conclave_status act(conclave_participant* participant, conclave_meeting_server* server, Action action) {
  return through_server(participant, server, [action](ParticipantObject& object, meeting::MeetingServer& served) {
    return status_of((object.participant.*action)(served));
  });
}

conclave_sync_report report_of(const meeting::SyncReport& report) noexcept {
  conclave_sync_report out;
  out.commits = report.commits;
  out.chats = report.chats.size();
  out.refused = report.refused.size();
  out.removed = report.removed ? 1 : 0;
  out.link_rotated = report.link_rotated ? 1 : 0;
  out.stranded = report.stranded ? 1 : 0;
  return out;
}

// Whether `leaf` is a member's leaf in the participant's group. A partial
// member is not asked: it holds no role, so the call itself refuses it.
bool names_member(const meeting::Participant& participant, std::uint32_t leaf) {
  return participant.is_partial() || participant.group().tree().is_member(conclave::mls::LeafIndex{leaf});
}

}  // namespace

}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_participant_sync(conclave_participant* participant, conclave_meeting_server* server,
                                          conclave_sync_report* report) {
  return through_server(participant, server, [report](ParticipantObject& object, meeting::MeetingServer& served) {
    if (report == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto synced = object.participant.sync(served);
    if (!synced) return status_of(synced.error());
    *report = report_of(*synced);
    object.chats = KeptChats(std::move(synced->chats));
    return CONCLAVE_OK;
  });
}

conclave_status conclave_participant_chat(const conclave_participant* participant, size_t index, uint32_t* sender,
                                          conclave_buffer* text) {
  const auto* object = object_of(participant);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (sender == nullptr || !buffer_out_ok(text) || index >= object->chats.messages().size()) {
    return CONCLAVE_E_INVALID_ARGUMENT;
  }
  const auto& chat = object->chats.messages()[index];
  return guard([&] {
    const auto given = give_string(text, chat.text);
    if (given == CONCLAVE_OK) *sender = chat.sender;
    return given;
  });
}

conclave_status conclave_participant_send_chat(conclave_participant* participant, conclave_meeting_server* server,
                                               const char* text) {
  const auto message = string_in(text);
  return through_server(participant, server, [&message](ParticipantObject& object, meeting::MeetingServer& served) {
    if (!message) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(object.participant.send_chat(served, *message));
  });
}

conclave_status conclave_participant_admit(conclave_participant* participant, conclave_meeting_server* server,
                                           size_t* admitted) {
  return through_server(participant, server, [admitted](ParticipantObject& object, meeting::MeetingServer& served) {
    if (admitted == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto added = object.participant.admit(served);
    if (!added) return status_of(added.error());
    *admitted = *added;
    return CONCLAVE_OK;
  });
}

conclave_status conclave_participant_remove(conclave_participant* participant, conclave_meeting_server* server,
                                            uint32_t leaf) {
  return through_server(participant, server, [leaf](ParticipantObject& object, meeting::MeetingServer& served) {
    return status_of(object.participant.remove(served, leaf));
  });
}

conclave_status conclave_participant_set_locked(conclave_participant* participant, conclave_meeting_server* server,
                                                int locked) {
  return through_server(participant, server, [locked](ParticipantObject& object, meeting::MeetingServer& served) {
    if (!is_flag(locked)) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(object.participant.set_locked(served, locked == 1));
  });
}

conclave_status conclave_participant_rotate_link(conclave_participant* participant, conclave_meeting_server* server,
                                                 conclave_meeting_link** link) {
  return through_server(participant, server, [link](ParticipantObject& object, meeting::MeetingServer& served) {
    if (link == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_link(object.participant.rotate_link(served), link);
  });
}

conclave_status conclave_participant_set_roles(conclave_participant* participant, conclave_meeting_server* server,
                                               uint32_t host, const uint32_t* co_hosts, size_t co_host_count,
                                               int locked) {
  return through_server(participant, server, [&](ParticipantObject& object, meeting::MeetingServer& served) {
    if ((co_hosts == nullptr && co_host_count != 0) || !is_flag(locked)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto is_member = [&object](std::uint32_t leaf) { return names_member(object.participant, leaf); };
    if (!is_member(host) || !std::all_of(co_hosts, co_hosts + co_host_count, is_member)) {
      return CONCLAVE_E_INVALID_ARGUMENT;
    }
    meeting::MeetingRoles roles;
    roles.host = host;
    roles.co_hosts.assign(co_hosts, co_hosts + co_host_count);
    roles.locked = static_cast<std::uint8_t>(locked);
    return status_of(object.participant.set_roles(served, roles));
  });
}

conclave_status conclave_participant_remove_and_keep_out(conclave_participant* participant,
                                                         conclave_meeting_server* server, uint32_t leaf,
                                                         conclave_meeting_link** link) {
  return through_server(participant, server, [&](ParticipantObject& object, meeting::MeetingServer& served) {
    // Checked here: the call locks the meeting before its removal would refuse the leaf.
    const auto& member = object.participant;
    if (link == nullptr || !names_member(member, leaf) || leaf == member.own_leaf()) {
      return CONCLAVE_E_INVALID_ARGUMENT;
    }
    return give_link(object.participant.remove_and_keep_out(served, leaf), link);
  });
}

conclave_status conclave_participant_leave(conclave_participant* participant, conclave_meeting_server* server) {
  return act(participant, server, &meeting::Participant::leave);
}

conclave_status conclave_participant_commit_pending(conclave_participant* participant,
                                                    conclave_meeting_server* server) {
  return act(participant, server, &meeting::Participant::commit_pending);
}

conclave_status conclave_participant_update(conclave_participant* participant, conclave_meeting_server* server) {
  return act(participant, server, &meeting::Participant::update);
}

conclave_status conclave_participant_resync(conclave_participant* participant, conclave_meeting_server* server) {
  return act(participant, server, &meeting::Participant::resync);
}

}  // extern "C"
