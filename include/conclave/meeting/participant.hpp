#pragma once

// One participant of a meeting (spec-notes/meeting-profile.md): the MLS
// group with the meeting's rules, the password PSK in every Commit, the
// sealed display names, the security code, and the media keys of every
// epoch. The host is the participant that created the meeting; only it may
// admit, remove, lock and rotate the link.
//
// The flow, over a MeetingServer:
//   host:  Participant::host_meeting(...)           the group, registered
//   guest: Guest::log_in(...)                        SRP, then the session key
//          guest.request_welcome(server)             a JoinRequest for the host
//   host:  host.admit(server)                        Adds, with the PSK
//   guest: guest.join_from_welcome(server)           or join_by_external_commit
//   all:   participant.sync(server)                  every message since the last sync

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/security_code.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/srp/variant.hpp"

namespace conclave::meeting {

// What every participant of a meeting uses.
struct MeetingProfile {
  mls::CipherSuiteId suite = mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519;
  const srp::Variant* srp = nullptr;  // the server's variant; must outlive the participants
  bool sframe = true;                 // SFrame keyed from each epoch (RFC 9605 section 5.2)
  frame::MlsSFrameOptions sframe_options;
  bool livekit = false;  // LiveKit keys from each epoch (PBKDF2, 100,000 iterations each)
};

struct ChatMessage {
  std::uint32_t sender = 0;  // leaf index
  std::string text;
};

// What one sync() did.
struct SyncReport {
  std::size_t commits = 0;
  std::vector<ChatMessage> chats;
  // Messages refused (position in the log, why); the group is unchanged by each.
  std::vector<std::pair<std::uint64_t, Errc>> refused;
  bool removed = false;  // a Commit removed this participant
  bool link_rotated = false;
};

class Participant;

// A guest that has proved the password to the server and holds the
// session key, before it is in the group.
class Guest {
 public:
  // SRP login with the meeting password, then the password PSK and the
  // session key. Errors: unknown_meeting, not_permitted (locked),
  // proof_invalid (wrong password), and aead_failure (a session key the
  // password does not open).
  static Result<Guest> log_in(MeetingServer& server, const MeetingLink& link, std::string_view meeting_password,
                              std::string_view display_name, const MeetingProfile& profile,
                              crypto::RandomSource& random);

  Guest(Guest&&) noexcept;
  Guest& operator=(Guest&&) noexcept;
  ~Guest();

  const std::string& meeting_title() const noexcept;

  // Queues this guest's JoinRequest for the host.
  Status request_welcome(MeetingServer& server);
  // unknown_meeting while no Welcome is there; psk_missing for a Welcome
  // without the password PSK; the guest stays usable on any error.
  Result<Participant> join_from_welcome(MeetingServer& server);
  // From the server's GroupInfo, with the password PSK; retries when
  // another Commit came first.
  Result<Participant> join_by_external_commit(MeetingServer& server);

  struct State;

 private:
  explicit Guest(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

class Participant {
 public:
  // A new meeting: the group (whose first Commit carries the PSK), the SRP
  // verifier, the wrapped session key and the sealed title, registered.
  static Result<Participant> host_meeting(MeetingServer& server, const MeetingLink& link,
                                          std::string_view meeting_password, std::string_view display_name,
                                          std::string_view title, const MeetingProfile& profile,
                                          crypto::RandomSource& random);

  Participant(Participant&&) noexcept;
  Participant& operator=(Participant&&) noexcept;
  ~Participant();

  // Processes every message posted since the last sync, in order.
  Result<SyncReport> sync(MeetingServer& server);

  // A Commit with a fresh path and the PSK: new keys for everyone.
  Status update(MeetingServer& server);
  Status send_chat(MeetingServer& server, std::string_view text);

  // Host controls; not_permitted for anyone else.
  // Adds every JoinRequest whose tag proves the password; returns how many.
  Result<std::size_t> admit(MeetingServer& server);
  Status remove(MeetingServer& server, std::uint32_t leaf);
  Status set_locked(MeetingServer& server, bool locked);
  // A new link (new meeting ID and link password, the same base): sent to
  // the members, then a Commit moving the group to its PSK, then the
  // server's registration replaced. The old password opens nothing after.
  Result<MeetingLink> rotate_link(MeetingServer& server);

  const mls::Group& group() const noexcept;
  bool is_host() const noexcept;
  bool removed() const noexcept;
  const MeetingLink& link() const noexcept;
  const std::string& meeting_title() const noexcept;
  Result<SecurityCode> security_code() const;
  // The member's display name, from its sealed credential.
  Result<std::string> display_name(std::uint32_t leaf) const;

  // Null unless the profile asks for them.
  frame::MlsSFrame* sframe() noexcept;
  frame::LiveKitCryptor* livekit() noexcept;

  struct State;

 private:
  friend class Guest;
  explicit Participant(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::meeting
