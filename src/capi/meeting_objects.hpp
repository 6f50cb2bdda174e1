#pragma once

// The C++ objects behind the C API's meeting handles, and what the meeting
// files share: the profile's conversion and the checks of a call that goes
// through the server.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "capi/boundary.hpp"
#include "capi/handle_table.hpp"
#include "conclave.h"
#include "conclave/crypto/secret.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/srp/variant.hpp"
#include "conclave/storage/store.hpp"

namespace conclave_capi {

/// The SRP variant a server, and every participant of its meetings, reads.
using SharedVariant = std::shared_ptr<const conclave::srp::Variant>;

/// A server and the variant it keeps alive.
struct MeetingServerObject {
  explicit MeetingServerObject(SharedVariant shared);
  SharedVariant variant;
  conclave::meeting::MeetingServer server;
  /// Taken by every call that uses the server: participants and guests on
  /// different threads share it.
  std::mutex mutex;
};

/// A meeting link.
struct MeetingLinkObject {
  conclave::meeting::MeetingLink link;
};

/// A guest; empty once it has joined (its state moved into a participant).
struct GuestObject {
  SharedVariant variant;  // its profile's; declared first, so destroyed last
  std::optional<conclave::meeting::Guest> guest;
};

/// A participant, what it must outlive, and the chat of its last sync.
/// The chat messages of a participant's last sync, kept for
/// conclave_participant_chat(); their texts are wiped when replaced or freed.
class KeptChats {
 public:
  KeptChats() = default;
  explicit KeptChats(std::vector<conclave::meeting::ChatMessage> messages) noexcept : messages_(std::move(messages)) {}
  KeptChats(KeptChats&& other) noexcept = default;
  KeptChats& operator=(KeptChats&& other) noexcept {
    wipe();
    messages_ = std::move(other.messages_);
    return *this;
  }
  KeptChats(const KeptChats&) = delete;
  KeptChats& operator=(const KeptChats&) = delete;
  ~KeptChats() { wipe(); }

  /// The messages, in log order.
  const std::vector<conclave::meeting::ChatMessage>& messages() const noexcept { return messages_; }

 private:
  void wipe() noexcept {
    for (auto& message : messages_) {
      conclave::crypto::secure_zero(
          conclave::MutableBytesView(reinterpret_cast<std::uint8_t*>(message.text.data()), message.text.size()));
    }
    messages_.clear();
  }
  std::vector<conclave::meeting::ChatMessage> messages_;
};

struct ParticipantObject {
  SharedVariant variant;                            // its profile's
  std::shared_ptr<conclave::storage::Store> store;  // where it persists, once it does
  conclave::meeting::Participant participant;
  KeptChats chats;
  bool unusable = false;  // an exception left it possibly half changed (ChangeScope)
};

/// The C++ profile of `profile` (NULL: the defaults) over `variant`; none
/// for a flag other than 0 or 1.
std::optional<conclave::meeting::MeetingProfile> profile_of(const conclave_meeting_profile* profile,
                                                            const SharedVariant& variant);

/// A link handle for `link`, or its error.
conclave_status give_link(conclave::Result<conclave::meeting::MeetingLink> link, conclave_meeting_link** out);

/// A participant handle for `participant`, sharing the variant (and store) it needs.
conclave_status give_participant(conclave::meeting::Participant participant, SharedVariant variant,
                                 std::shared_ptr<conclave::storage::Store> store, conclave_participant** out);

}  // namespace conclave_capi

/// @cond internal
struct conclave_meeting_server;
struct conclave_meeting_link;
struct conclave_guest;
struct conclave_participant;
/// @endcond

namespace conclave_capi {
template <>
struct HandleTraits<conclave_meeting_server> {
  static constexpr Kind kind = Kind::meeting_server;
  using Object = MeetingServerObject;
};
template <>
struct HandleTraits<conclave_meeting_link> {
  static constexpr Kind kind = Kind::meeting_link;
  using Object = MeetingLinkObject;
};
template <>
struct HandleTraits<conclave_guest> {
  static constexpr Kind kind = Kind::guest;
  using Object = GuestObject;
};
template <>
struct HandleTraits<conclave_participant> {
  static constexpr Kind kind = Kind::participant;
  using Object = ParticipantObject;
};

/// Runs `call(participant object, server)` once both handles are live: a
/// participant's call through the meeting's server.
template <class Call>
conclave_status through_server(conclave_participant* participant, conclave_meeting_server* server,
                               Call&& call) noexcept {
  auto* member = object_of(participant);
  auto* served = object_of(server);
  if (member == nullptr || served == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  return guard([&] {
    const ChangeScope change(*member);
    const std::lock_guard lock(served->mutex);
    return call(*member, served->server);
  });
}
}  // namespace conclave_capi
