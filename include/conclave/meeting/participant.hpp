#pragma once

/// @file
/// One participant of a meeting (spec-notes/meeting-profile.md): the MLS
/// group with the meeting's rules, the password PSK in every Commit, the
/// sealed display names, the security code, and the media keys of every
/// epoch. The roles (host, co-hosts) and the lock are a component of the
/// GroupContext (meeting_roles.hpp): the creator hosts first; the host and
/// co-hosts admit, remove and lock; the host names co-hosts, hands over and
/// rotates the link. A meeting outlives its host (spec-notes/meeting-profile.md,
/// "Continuity"): members leave by SelfRemove, any member commits what is
/// pending in its turn of the designated-committer schedule, and a role
/// holder's departure hands its role on by the succession rule.
///
/// The flow, over a MeetingServer:
/// @code{.unparsed}
///   host:  Participant::host_meeting(...)           the group, registered
///   guest: Guest::log_in(...)                        SRP, then the session key
///          guest.request_welcome(server)             a JoinRequest for the host
///   host:  host.admit(server)                        Adds, with the PSK
///   guest: guest.join_from_welcome(server)           or join_by_external_commit
///   all:   participant.sync(server)                  every message since the last sync
/// @endcode

#include <chrono>
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
#include "conclave/meeting/committer_schedule.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/security_code.hpp"
#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/partial_group.hpp"
#include "conclave/srp/variant.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::meeting {

/// What every participant of a meeting uses.
struct MeetingProfile {
  /// The group's MLS cipher suite (suite 1 by default).
  mls::CipherSuiteId suite = mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519;
  const srp::Variant* srp = nullptr;  ///< the server's variant; must outlive the participants
  bool sframe = true;                 ///< SFrame keyed from each epoch (RFC 9605 section 5.2)
  frame::MlsSFrameOptions sframe_options;  ///< the SFrame context's options (suite, KID bits, kept epochs), when `sframe` is on
  bool livekit = false;  ///< LiveKit keys from each epoch (PBKDF2, 100,000 iterations each)
};

/// A chat message from the log.
struct ChatMessage {
  std::uint32_t sender = 0;  ///< leaf index
  std::string text;          ///< the text as sent (UTF-8, not checked)
};

/// What one sync() did.
struct SyncReport {
  std::size_t commits = 0;          ///< Commits processed, one that removed this participant included
  std::vector<ChatMessage> chats;   ///< chat messages, in log order
  /// Messages refused (position in the log, why); the group is unchanged by each.
  std::vector<std::pair<std::uint64_t, Errc>> refused;
  bool removed = false;  ///< a Commit removed this participant
  bool link_rotated = false;  ///< the host announced a new link; the Commit that moves to it follows
  /// The server accepted a Commit this participant refused (a malicious
  /// member's, say), so it cannot follow the group: resync() is the way back.
  bool stranded = false;
};

class Participant;

/// An SRP-6a login to the meeting's server (identity = meeting ID), that
/// trusts the server only once it has proved that it holds the verifier
/// (M2): a session, bound to no member yet. Guest::log_in and a member's
/// session renewal start with it.
/// @param server The meeting's server.
/// @param profile The meeting's profile; `profile.srp` must be the server's variant.
/// @param link The link whose meeting ID names the meeting.
/// @param meeting_password The meeting password (the caller's memory).
/// @param random The source of the client's SRP secret.
/// @return The session's access token.
/// @errors `Errc::invalid_argument` without a `profile.srp`; the errors of
/// MeetingServer::begin_login and MeetingServer::finish_login
/// (`Errc::unknown_meeting`, `Errc::proof_invalid`, ...) and of the SRP
/// client (srp::Client).
Result<Bytes> log_in_session(MeetingServer& server, const MeetingProfile& profile, const MeetingLink& link,
                             std::string_view meeting_password, crypto::RandomSource& random);

/// A guest that has proved the password to the server and holds the
/// session key, before it is in the group. A successful join moves its state
/// into the Participant it returns: after that, only assigning to or
/// destroying the Guest is allowed.
class Guest {
 public:
  /// SRP login with the meeting password, then the password PSK and the
  /// session key; opens the meeting title and makes the guest's KeyPackage,
  /// whose credential is its sealed display name.
  /// @param server The meeting's server.
  /// @param link The meeting's link (its meeting ID is the SRP identity and
  /// the PSK's ID).
  /// @param meeting_password The link password, or MeetingLink::meeting_password()
  /// with the custom password: the caller's memory (the guest keeps a
  /// zeroizing copy).
  /// @param display_name The name the other members see.
  /// @param profile The meeting's profile; `profile.srp` must be the server's variant.
  /// @param random The source of every secret; it must outlive the guest
  /// and the participant it becomes.
  /// @errors `Errc::unknown_meeting` for a meeting the server does not hold;
  /// `Errc::not_permitted` while it is locked (or too many logins are
  /// pending); `Errc::proof_invalid` for a wrong password (or a server that
  /// cannot prove the verifier); `Errc::aead_failure` for a session key or
  /// title the password does not open; `Errc::invalid_argument` without a
  /// `profile.srp` or for an empty password; `Errc::internal` if Argon2id's
  /// memory cannot be had; the other errors of the SRP exchange
  /// (srp::Client) and of making the KeyPackage (mls::create_key_package,
  /// `Errc::unsupported_algorithm` for a suite Conclave lacks).
  static Result<Guest> log_in(MeetingServer& server, const MeetingLink& link, std::string_view meeting_password,
                              std::string_view display_name, const MeetingProfile& profile,
                              crypto::RandomSource& random);

  /// Moves the guest; the source may then only be assigned to or destroyed.
  Guest(Guest&&) noexcept;
  /// Moves the guest; the source may then only be assigned to or destroyed.
  Guest& operator=(Guest&&) noexcept;
  /// Destroys the guest and its keys.
  ~Guest();

  /// The meeting title, opened at log_in(); empty once the guest has joined.
  const std::string& meeting_title() const noexcept;

  /// Queues this guest's JoinRequest for the host, tagged with the password
  /// PSK. With Membership::partial the guest joins as a partial member
  /// (spec-notes/meeting-profile.md, "Partial members"): the server
  /// annotates for it from its Welcome on.
  /// @errors `Errc::unknown_meeting` if the server no longer knows the
  /// guest's token; `Errc::not_permitted` while the meeting is locked or
  /// its queue is full; `Errc::out_of_order` once the guest has joined.
  Status request_welcome(MeetingServer& server, Membership membership = Membership::full);
  /// Joins from the Welcome the host left for this guest's KeyPackage (a
  /// partial member from the server's AnnotatedWelcome, with
  /// mls::PartialGroup::join), binds its session to its leaf
  /// (MeetingServer::bind_session), then reads the log from just after that
  /// Commit. The guest stays usable on any error.
  /// @errors `Errc::unknown_meeting` while no Welcome is there;
  /// `Errc::psk_missing` for a Welcome without the password PSK, or a group
  /// whose MeetingState names another meeting; the errors of decoding the
  /// stored Welcome (`Errc::invalid_argument` if it holds no Welcome, or
  /// no AnnotatedWelcome for a partial member), of mls::Group::join (or
  /// mls::PartialGroup::join), of meeting_state_of, of
  /// MeetingServer::bind_session, and of setting up the media keys;
  /// `Errc::out_of_order` once the guest has joined.
  Result<Participant> join_from_welcome(MeetingServer& server);
  /// Joins by an external Commit (RFC 9420 section 12.4.3.2) from the
  /// server's GroupInfo, with the password PSK, posted with the GroupInfo of
  /// the epoch it leads to; retries (up to 8 times) when another Commit came
  /// first. The server binds the guest's session to its new leaf.
  /// @errors `Errc::unknown_meeting` if the server no longer knows the
  /// guest's token; `Errc::not_permitted` while the meeting is locked;
  /// `Errc::psk_missing` for a GroupInfo whose MeetingState names another
  /// meeting; `Errc::wrong_epoch` when every attempt lost to another Commit;
  /// the errors of decoding the GroupInfo (`Errc::invalid_argument` if it
  /// holds none), of meeting_state_of, of mls::Group::join_external, of
  /// MeetingServer::post_commit, and of setting up the media keys. An error
  /// after the server accepted the Commit leaves the guest outside a group
  /// that now counts it.
  /// `Errc::out_of_order` once the guest has joined.
  Result<Participant> join_by_external_commit(MeetingServer& server);

  struct State;

 private:
  explicit Guest(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

/// A member of the meeting's group: the host, or a guest that joined. Every
/// call that sends goes through the MeetingServer; sync() reads what the
/// others sent. A guest that asked to join as a partial member
/// (Membership::partial) follows the group as a draft-ietf-mls-partial
/// client: it derives the same security code and media keys, sends and
/// reads chat, and makes no Commit (update(), resync() and persist() are
/// `Errc::partial_unsupported`; it is never the host).
class Participant {
 public:
  /// A new meeting: the group (whose first Commit carries the PSK), the SRP
  /// verifier, the wrapped session key and the sealed title, registered.
  /// The caller becomes its host.
  /// @param server The server to register the meeting at.
  /// @param link The meeting's link, from MeetingLink::generate().
  /// @param meeting_password The link password, or MeetingLink::meeting_password()
  /// with a custom password: the caller's memory (the participant keeps a
  /// zeroizing copy).
  /// @param display_name The host's name, as the other members see it.
  /// @param title The meeting title, which logged-in guests read.
  /// @param profile The meeting's profile; `profile.srp` must be the server's variant.
  /// @param random The source of every secret; it must outlive the participant.
  /// @errors `Errc::invalid_argument` without a `profile.srp`, for an empty
  /// password, or when the server refuses the registration (a taken or
  /// empty meeting ID); `Errc::unsupported_algorithm` for a suite Conclave
  /// lacks; `Errc::internal` if Argon2id's memory cannot be had or the AEAD
  /// fails; the errors of mls::Group::create and mls::Group::commit, of the
  /// SRP variant's Variant::password_key, and of setting up the media keys.
  static Result<Participant> host_meeting(MeetingServer& server, const MeetingLink& link,
                                          std::string_view meeting_password, std::string_view display_name,
                                          std::string_view title, const MeetingProfile& profile,
                                          crypto::RandomSource& random);

  /// Keeps this participant in `store` from now on: its meeting state (one
  /// record of storage::Table::meeting, keyed by its group ID) and its
  /// group (Group::persist), written now and by every later call that
  /// changes either, in one atomic batch with each other: after a crash at
  /// any instant, load() gives the participant as after one of its calls,
  /// or within a call between two messages it read or just before a post,
  /// and the next sync() goes on from there (a post it may have made is
  /// found in the log). A failed write makes every later call refuse with
  /// `Errc::storage_failure`: load() again. Not kept across a crash: what
  /// a host's call does at the server after its Commit (the lock of
  /// set_locked(), the new registration of rotate_link()), and JoinRequests
  /// admit() took before its Commit was posted. A resync() whose Commit the
  /// server took before it was written leaves the participant stranded, as
  /// before it: resync() again. `store` must outlive the participant.
  /// @param store Where the participant's records go.
  /// @errors `Errc::storage_failure` when `store` cannot be written (then
  /// or earlier: the participant is then unusable, see above);
  /// `Errc::partial_unsupported` for a partial member (its state has no
  /// storage form).
  Status persist(storage::Store& store);
  /// A participant persist() kept, at the epoch of its last write, without
  /// joining again; it goes on writing to `store`. Its media keys are
  /// derived again from that epoch (earlier epochs' SFrame keys are not
  /// kept). Call sync() before anything else: it settles a post a crash
  /// interrupted.
  /// @param store The store persist() wrote to.
  /// @param group_id The group's ID (group().context().group_id).
  /// @param profile The meeting's profile, as the participant had it.
  /// @param random The source of every secret; it must outlive the participant.
  /// @errors `Errc::invalid_argument` without a `profile.srp`;
  /// `Errc::not_in_group` when `store` holds no participant of that group;
  /// `Errc::storage_failure` when it cannot be read; `Errc::storage_corrupt`
  /// for records that do not decode or do not fit together; the errors of
  /// mls::Group::load and of setting up the media keys.
  static Result<Participant> load(storage::Store& store, BytesView group_id, const MeetingProfile& profile,
                                  crypto::RandomSource& random);

  /// Moves the participant; the source may then only be assigned to or destroyed.
  Participant(Participant&&) noexcept;
  /// Moves the participant; the source may then only be assigned to or destroyed.
  Participant& operator=(Participant&&) noexcept;
  /// Destroys the participant and its group state.
  ~Participant();

  /// Processes every message posted since the last sync, in order. Each
  /// message the group refuses is listed in SyncReport::refused and skipped;
  /// a Commit moves the group, and the media keys, to the next epoch. Reading
  /// stops at a Commit that removes this participant. When it refused a
  /// Commit and the server's epoch is still ahead once the whole log is
  /// read, the server took a Commit this participant cannot follow
  /// (SyncReport::stranded): from then on sync() reads nothing and reports
  /// `stranded` until resync(). When a link rotation ended the session,
  /// it logs in with the current link and binds the new session first.
  /// @errors `Errc::not_in_group` once this participant has been removed;
  /// `Errc::storage_failure` for a persisted participant whose write failed
  /// (now or before: see persist());
  /// `Errc::internal` when a call into the crypto library fails while it
  /// reads a message: that message is not refused, and the next sync() reads
  /// it again (the messages before it stay read, their chats unreported);
  /// `Errc::unknown_meeting` if the server no longer knows its token (its
  /// leaf was removed); the errors of logging in again (as Guest::log_in),
  /// of MeetingServer::bind_session and of MeetingServer::epoch.
  Result<SyncReport> sync(MeetingServer& server);
  /// The way back after SyncReport::stranded: an external Commit (RFC 9420
  /// section 12.4.3.2) from the server's GroupInfo that replaces this
  /// participant's leaf (the one with its signature key in the GroupInfo's
  /// tree, which a resync lost to a crash may have moved), with the same
  /// credential and signature key, and
  /// carries the password PSK. The participant then reads on from it.
  /// @errors `Errc::not_in_group` once removed; `Errc::storage_failure` as
  /// sync(); `Errc::partial_unsupported` for a partial member (it cannot
  /// commit: it joins again by Welcome); `Errc::wrong_epoch` when
  /// another Commit came first (sync() and try again) or for a GroupInfo of
  /// an epoch before this participant's; `Errc::wrong_group` for a
  /// GroupInfo of another group; the errors of
  /// MeetingServer::group_info, of decoding it, of
  /// mls::Group::join_external, of MeetingServer::post_commit and of the
  /// media keys.
  Status resync(MeetingServer& server);

  /// A Commit with a fresh path and the PSK: new keys for everyone. Like
  /// every Commit a participant makes, it is merged only once the server
  /// has accepted it, and then the new GroupInfo is published.
  /// @errors `Errc::not_in_group` once removed; `Errc::storage_failure` as
  /// sync(); `Errc::partial_unsupported` for a partial member, which
  /// cannot commit; `Errc::wrong_epoch` when
  /// another Commit reached the server first (the Commit is discarded:
  /// sync() and try again); the errors of mls::Group::commit, of the other
  /// MeetingServer::post checks, of mls::Group::merge_pending_commit, of the
  /// media keys, and of publishing the GroupInfo (which come after the
  /// Commit took effect).
  Status update(MeetingServer& server);
  /// Sends `text` to the group as a chat message: an MLS PrivateMessage with
  /// the proof of this member's leaf (a SenderAuthenticatedMessage,
  /// draft-ietf-mls-partial), so that partial members can verify it.
  /// @errors `Errc::not_in_group` once removed; `Errc::storage_failure` as
  /// sync(); `Errc::wrong_epoch` while
  /// the server has seen a Commit this participant has not synced; the
  /// errors of mls::make_membership_proof and mls::Group::protect (or
  /// mls::PartialGroup::protect), and of MeetingServer::post.
  Status send_chat(MeetingServer& server, std::string_view text);
  /// @name Continuity
  /// spec-notes/meeting-profile.md, "Continuity".
  /// @{

  /// Leaves the meeting: a SelfRemove proposal (a PublicMessage) posted for
  /// whoever commits next. This participant should send nothing more;
  /// sync() reads on to the Commit that removes it.
  /// @errors `Errc::not_in_group` once removed; `Errc::storage_failure` as
  /// sync(); `Errc::partial_unsupported` for a partial member; the errors
  /// of mls::Group::propose (`Errc::invalid_proposal` for a second
  /// SelfRemove in one epoch) and of MeetingServer::post_proposal.
  Status leave(MeetingServer& server);
  /// How many proposals this member received this epoch (each one the
  /// roles allow its sender): what its next Commit includes.
  std::size_t pending_proposals() const noexcept;
  /// This member's wait in the current epoch's designated-committer
  /// schedule (CommitterSchedule::of) before it commits what is pending:
  /// its rank times `step`.
  /// @errors `Errc::not_in_group` once removed; `Errc::partial_unsupported`
  /// for a partial member, which never commits; the errors of
  /// CommitterSchedule::of.
  Result<std::chrono::milliseconds> commit_wait(std::chrono::milliseconds step = default_commit_step) const;
  /// Commits the pending proposals by reference, with the PSK, and the
  /// succession update when one of them takes out the host or a co-host.
  /// Nothing pending: nothing is committed.
  /// @errors `Errc::not_permitted` when one of them removes this member (a
  /// Commit cannot remove its committer); the errors of the Commit (as
  /// update()).
  Status commit_pending(MeetingServer& server);
  /// The roles and the lock of the current epoch.
  /// @errors those of meeting_roles_of.
  Result<MeetingRoles> roles() const;
  /// @}

  /// @name Host controls
  /// The host's and co-hosts' (by the roles of the current epoch; for
  /// anyone else, every partial member among them, they fail with
  /// `Errc::not_permitted`); set_roles(), remove_and_keep_out() and
  /// rotate_link() are the host's only. Each Commit
  /// carries the PSK and the pending proposals, and follows update()'s
  /// rules and errors (`Errc::storage_failure` included).
  /// @{

  /// Adds every JoinRequest whose tag proves the password; returns how many.
  /// Requests with a bad tag or an invalid KeyPackage, and repeats of one
  /// KeyPackage, are dropped; with nothing to add there is no Commit. The
  /// server's queue is emptied either way.
  /// @errors `Errc::not_permitted` for anyone but the host or a co-host;
  /// the errors of MeetingServer::take_join_requests and of the Commit (as
  /// update()).
  Result<std::size_t> admit(MeetingServer& server);
  /// Removes the member at `leaf` by a Commit; the removed member derives
  /// nothing of the new epoch, and the server revokes its session. It
  /// still knows the password, so it can log in again with the link it
  /// has and join by external Commit (unless the meeting is locked):
  /// remove_and_keep_out() closes that. Removing a co-host is the host's;
  /// removing the host (one that dropped without a word) is its
  /// successor's (host_successor()), whose Commit makes it host.
  /// @errors `Errc::not_permitted` for anyone but the host or a co-host
  /// (from the members, for a removal the roles do not allow this member);
  /// `Errc::invalid_proposal` (from mls::Group::commit) for a blank leaf or
  /// this member's own; the errors of the Commit (as update()).
  Status remove(MeetingServer& server, std::uint32_t leaf);
  /// Sets the roles and the lock by an AppDataUpdate: hands the host role
  /// over, names or drops co-hosts. Name only members' leaves. A host
  /// should name a co-host once the meeting has another member, so that
  /// succession has one to name (spec-notes/meeting-profile.md,
  /// "Succession").
  /// @errors `Errc::not_permitted` for anyone but the host; the errors of
  /// decode_roles() for malformed roles; `Errc::out_of_order` while a role
  /// holder's departure is pending (commit_pending() first); the errors of
  /// the Commit (as update()).
  Status set_roles(MeetingServer& server, const MeetingRoles& roles);
  /// Locks the meeting (unless it is locked), removes the member at `leaf`,
  /// then rotates the link (rotate_link()), whose Commit restores the lock
  /// as it was. The lock comes first so that no one joins while the
  /// removed member still holds a working link; the announcement of the new
  /// link is sealed in an epoch the removed member is not in. Nothing it
  /// holds opens anything afterwards: its password logs in nowhere, its
  /// session is revoked, its session key opens neither the new title nor
  /// any later name, and its epoch keys no later message or frame.
  /// @return The new link, to hand out.
  /// @errors `Errc::not_permitted` for anyone but the host; the errors of
  /// set_locked(), of remove(), then of rotate_link() (each step that
  /// succeeded has taken effect: sync() and call it again).
  Result<MeetingLink> remove_and_keep_out(MeetingServer& server, std::uint32_t leaf);
  /// Locks or unlocks the meeting: a Commit of the roles with the new
  /// `locked` (an AppDataUpdate), then the server's lock. While locked, the members refuse
  /// Adds and external Commits, and the server refuses logins, GroupInfo
  /// and JoinRequests.
  /// @errors `Errc::not_permitted` for anyone but the host or a co-host;
  /// `Errc::out_of_order` while a role holder's departure is pending
  /// (commit_pending() first); the errors of meeting_roles_of, of the
  /// Commit (as update()), and of MeetingServer::set_locked.
  Status set_locked(MeetingServer& server, bool locked);
  /// A new link (new meeting ID and link password, the same base) and a
  /// fresh session key: sent to the members, then a Commit moving the group
  /// to the new PSK, then the server's registration replaced (which ends
  /// every other session; members log in again at their next sync()). The
  /// old password opens nothing after, and the old session key nothing
  /// sealed after. A custom password does not carry over.
  /// @return The new link, to hand out.
  /// @errors `Errc::not_permitted` for anyone but the host;
  /// `Errc::internal` if Argon2id's memory cannot be had or the AEAD fails;
  /// the errors of MeetingLink::generate, of the SRP variant's
  /// Variant::password_key, of sending the LinkRotation (as send_chat()), of
  /// the Commit (as update()), and of MeetingServer::rotate.
  Result<MeetingLink> rotate_link(MeetingServer& server);
  /// @}

  /// The MLS group, in the participant's current epoch: a full member's
  /// only (is_partial() false).
  const mls::Group& group() const noexcept;
  /// A partial member's MLS state; null for a full member.
  const mls::PartialGroup* partial_group() const noexcept;
  /// Whether this participant is a partial member.
  bool is_partial() const noexcept { return partial_group() != nullptr; }
  /// The current epoch.
  std::uint64_t epoch() const noexcept;
  /// This member's leaf index.
  std::uint32_t own_leaf() const noexcept;
  /// Whether this participant is the host of the current epoch.
  bool is_host() const noexcept;
  /// Whether a Commit removed this participant; then nothing more can be sent.
  bool removed() const noexcept;
  /// The current link: it changes when the group enters the epoch of a
  /// rotated link.
  const MeetingLink& link() const noexcept;
  /// The meeting title.
  const std::string& meeting_title() const noexcept;
  /// The security code of the current epoch, from its epoch_authenticator
  /// (RFC 9420 section 8.7).
  /// @errors `Errc::invalid_length` for an authenticator shorter than 8
  /// bytes, which no MLS cipher suite makes.
  Result<SecurityCode> security_code() const;
  /// The member's display name, from its sealed credential. A partial
  /// member knows the credentials only of the leaves whose proofs it
  /// verified in the current epoch: its own, the last committer's, and
  /// each chat sender's.
  /// @param leaf The member's leaf index (as in ChatMessage::sender).
  /// @errors `Errc::invalid_sender` for a leaf outside the tree or blank, or
  /// a credential that is not a BasicCredential; `Errc::partial_unsupported`
  /// for a partial member without a proof of that leaf in this epoch;
  /// `Errc::aead_failure` for a name not sealed under this meeting's key.
  Result<std::string> display_name(std::uint32_t leaf) const;

  /// The SFrame context, keyed from each epoch; null unless the profile asks for it.
  frame::MlsSFrame* sframe() noexcept;
  /// The LiveKit key ring, keyed from each epoch; null unless the profile asks for it.
  frame::LiveKitCryptor* livekit() noexcept;

  struct State;

 private:
  friend class Guest;
  Result<MeetingLink> rotate(MeetingServer& server, bool locked_after);
  explicit Participant(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::meeting
