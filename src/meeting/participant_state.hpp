#pragma once

// What a Participant and a Guest hold (private to the library), and the
// steps they share.

#include <map>
#include <optional>
#include <set>
#include <string>

#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/crypto/signature.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/partial_group.hpp"
#include "held_store.hpp"

namespace conclave::meeting {

// A link the host announced, whose PSK the next Commits will carry.
struct AnnouncedLink {
  MeetingLink link;
  crypto::Secret password;
  PasswordPsk psk;
  crypto::Secret session_key;
};

struct Participant::State {
  State(const MeetingProfile& p, crypto::RandomSource& r, MeetingLink l, crypto::Secret password, PasswordPsk k,
        crypto::Secret session, MetadataKey m)
      : profile(p), random(&r), link(std::move(l)), meeting_password(std::move(password)), psk(std::move(k)),
        session_key(std::move(session)), metadata(std::move(m)) {}

  MeetingProfile profile;
  crypto::RandomSource* random;
  MeetingLink link;
  crypto::Secret meeting_password;
  PasswordPsk psk;
  std::optional<AnnouncedLink> announced;
  crypto::Secret session_key;
  MetadataKey metadata;
  std::vector<crypto::Secret> earlier_session_keys;  // of earlier links, newest first
  std::string title;
  Bytes token;
  crypto::SignatureKeyPair signing;  // this member's leaf signature key, to bind sessions and resync
  // The MLS state: a full member's group, or a partial member's.
  std::optional<mls::Group> group;
  std::optional<mls::PartialGroup> partial;
  // A partial member's view of the tree: the credential of each leaf whose
  // proof it verified in this epoch (spec-notes/meeting-profile.md).
  std::map<std::uint32_t, mls::Credential> proven;
  std::uint64_t cursor = 0;             // the next log position to read
  std::set<std::uint64_t> own_posts;    // positions past the cursor this member posted
  std::optional<frame::MlsSFrame> sframe;
  std::optional<frame::LiveKitCryptor> livekit;
  // The proposals received this epoch that the roles allow their senders:
  // the next Commit includes them.
  std::vector<mls::ResolvedProposal> pending;
  bool removed = false;
  bool stranded = false;  // the server took a Commit this member refused; resync() is the way back
  bool psk_given = false;  // the password PSK was asked for (a Welcome must name it)
  // Once persisted: where the group's writes wait for this state's record.
  std::unique_ptr<HeldStore> store;
  bool failed = false;  // a write failed: the store holds an earlier state
  // The SHA-256 of what this member is posting, until it has the position:
  // after a crash, sync() finds it in the log (settle_in_flight()).
  std::optional<Bytes> in_flight;
};

struct Guest::State {
  std::unique_ptr<Participant::State> participant;
  mls::KeyPackageBundle bundle;
  Bytes key_package_ref;
  Membership membership = Membership::full;  // as asked in request_welcome()
};

// Runs `visit` on the member's MLS state, full or partial: what both answer
// alike (the GroupContext, the epoch's secrets, its own leaf).
template <class Visit>
decltype(auto) with_group(const Participant::State& state, Visit visit) {
  if (state.partial) return visit(*state.partial);
  return visit(*state.group);
}

// A partial member's proven leaves for a new epoch: its own, and the
// leaf of `proof` (the committer's, say) when given.
void prove_leaves(Participant::State& state, const mls::MembershipProof* proof);

// Records the leaf a verified proof gives among the partial member's proven ones.
void prove_leaf(Participant::State& state, const mls::MembershipProof& proof);

// The roles of the member's current epoch.
Result<MeetingRoles> roles_of(const Participant::State& state);
// Whether this member is the host of its current epoch.
bool holds_host_role(const Participant::State& state);
// Whether this member is the host or a co-host of its current epoch.
bool holds_any_role(const Participant::State& state);

// The group's rules and PSKs, bound to `state` (which must stay put).
mls::GroupConfig meeting_config(Participant::State& state);

// A KeyPackage whose credential is the sealed display name and whose
// capabilities list what a meeting requires; its signature key becomes
// the member's (state.signing).
Result<mls::KeyPackageBundle> meeting_key_package(Participant::State& state, std::string_view display_name);

// A KeyPackage for `credential` and `signing` whose capabilities list what
// a meeting requires.
Result<mls::KeyPackageBundle> key_package_for(const Participant::State& state, mls::Credential credential,
                                              crypto::SignatureKeyPair signing);

// Writes the participant's record with what its group held back
// (participant_record.cpp); nothing unless it is persisted.
// @errors `Errc::storage_failure`, and the state is marked failed.
Status save_participant(Participant::State& state);

// Binds the session to this member's leaf (MeetingServer::bind_session).
Status bind_session(MeetingServer& server, const Participant::State& state);

// A new session with the current link's password, bound to this member:
// after a rotation ended the last one.
Status renew_session(MeetingServer& server, Participant::State& state);

// A PreSharedKeyId for the password PSK with a fresh nonce (section 8.4).
mls::PreSharedKeyId password_psk_id(const Participant::State& state, const PasswordPsk& psk);

// The media keys and the PSK of the epoch the group just entered.
Status enter_epoch(Participant::State& state);

// Media set up from the profile.
Status start_media(Participant::State& state);

// Runs `request` (a server call with state.token); when a link rotation
// ended the session, runs it once more with a renewed one.
template <class Request>
auto with_session(MeetingServer& server, Participant::State& state, Request request) -> decltype(request()) {
  auto result = request();
  if (result || result.error() != Errc::session_expired) return result;
  if (auto renewed = renew_session(server, state); !renewed) return renewed.error();
  return request();
}

// Runs one public call of a persisted participant: refused once a write
// failed; what it changed is written, with what its group held back,
// before it returns.
template <class Call>
auto as_step(Participant::State& state, Call call) -> decltype(call()) {
  if (state.failed) return Errc::storage_failure;
  auto result = call();
  if (auto saved = save_participant(state); !saved) return saved.error();
  return result;
}

// Sends `message` to the group as an application message, its plaintext
// wiped once sealed.
Status send_message(MeetingServer& server, Participant::State& state, const MeetingMessage& message);

// Records `position` in the log as this member's own post.
void record_own_position(Participant::State& state, std::uint64_t position);

// Posts an application message with its sender's proof and records its
// position as this member's own.
Result<std::uint64_t> post_own(MeetingServer& server, Participant::State& state,
                               const mls::SenderAuthenticatedMessage<mls::PrivateMessage>& message);

// Posts a Commit with its GroupInfo (and Welcome) and records its position
// as this member's own.
Result<std::uint64_t> post_own_commit(MeetingServer& server, Participant::State& state, CommitPost post);

// A received proposal's check before the group caches it
// (check_meeting_proposal): `Errc::not_permitted` for one the roles do not
// allow its sender. Nothing for a message that is not a proposal.
Status screen_proposal(const Participant::State& state, const mls::MlsMessage& message);
// Records a proposal the group took as pending for the next Commit.
void note_pending(Participant::State& state, const mls::MlsMessage& message);

// spec "Succession": when the next Commit (the pending proposals and
// `own`) takes out a role holder, `own` gets the AppDataUpdate of the
// succession. `Errc::out_of_order` when `own` changes the roles itself
// (commit_pending() first); `Errc::not_permitted` when it would take out
// this member (a Commit cannot remove its committer).
Status add_succession(const Participant::State& state, std::vector<mls::Proposal>& own);

// Commits `options` plus a PreSharedKey for `carried` (the current PSK
// unless a rotation names the next) and the pending proposals (with the
// succession they need, add_succession()), posts it, and merges it once
// the server has accepted it (discarded otherwise).
Status commit_and_post(MeetingServer& server, Participant::State& state, mls::CommitOptions options,
                       const PasswordPsk& carried);

}  // namespace conclave::meeting
