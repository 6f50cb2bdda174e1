#pragma once

/// @file
/// A reference meeting server, in memory: the delivery service and the
/// password gate of spec-notes/meeting-profile.md ("The server"). It holds
/// meeting IDs, SRP verifiers, wrapped session keys, the latest GroupInfo
/// and every message, and never a password or a key. It follows each
/// meeting's public group state (mls::PublicGroup: the tree, the
/// GroupContext and the transcript hashes) and advances it only on a Commit
/// that passes every check that needs no secret. Each session (a token) is
/// bound to the member it proved to be; removing that member revokes it,
/// and a link rotation ends every participant's session.
/// Each call is one request of the protocol; a networked server puts a
/// transport in between. Calls may come from several threads at once (each
/// takes the server's lock); record() is for inspection while no call runs.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "conclave/mls/public_group.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"

namespace conclave::meeting {

/// What the host registers (and registers again when it rotates the link).
struct MeetingRegistration {
  std::string meeting_id;        ///< the meeting ID, the name logins use
  srp::VerifierRecord verifier;  ///< identity = the meeting ID
  Bytes wrapped_session_key;  ///< session_key.hpp
  Bytes sealed_title;         ///< the meeting title under the MetadataKey
  Bytes group_info;           ///< an MlsMessage holding the current GroupInfo, with its tree
  Bytes sealed_earlier_keys;  ///< the earlier links' session keys (session_key.hpp), empty before a rotation
};

/// What a logged-in participant reads before it joins.
struct SealedMetadata {
  Bytes wrapped_session_key;  ///< the session key, wrapped under the password (session_key.hpp)
  Bytes sealed_title;         ///< the meeting title under the MetadataKey
  Bytes sealed_earlier_keys;  ///< the earlier links' session keys, sealed under this one
};

/// How a member follows the group (spec-notes/meeting-profile.md, "Partial
/// members"): with the whole ratchet tree, or as a partial client of
/// draft-ietf-mls-partial, for which the server annotates what it relays.
enum class Membership : std::uint8_t {
  full,     ///< an mls::Group: the tree, and every Commit it may make
  partial,  ///< an mls::PartialGroup: proofs of some leaves, and no Commit
};

/// One reader's part of an AnnotatedCommit (draft-ietf-mls-partial).
struct ReaderAnnotation {
  std::optional<std::uint32_t> resolution_index;  ///< AnnotatedCommit::resolution_index
  mls::MembershipProof receiver_after;  ///< AnnotatedCommit::receiver_membership_proof_after
};

/// What the server annotated for one Commit: the parts every partial
/// reader's AnnotatedCommit shares, and each reader's own.
struct CommitAnnotations {
  /// The shared parts; `commit` (the log entry), `resolution_index` and
  /// `receiver_membership_proof_after` left empty.
  mls::AnnotatedCommit shared;
  std::map<std::uint32_t, ReaderAnnotation> readers;  ///< by the reader's leaf
};

/// What the server keeps for its partial members: the annotations of
/// draft-ietf-mls-partial, made from the tree it follows.
struct PartialAnnotations {
  /// The leaves of partial members, annotated for from the Commit that
  /// added them until the one that removes them.
  std::set<std::uint32_t> leaves;
  /// The KeyPackageRefs whose JoinRequests asked to join as partial
  /// members, until a Commit adds them.
  std::set<std::string, std::less<>> requested;
  /// The AnnotatedWelcome for each such KeyPackageRef a Commit added.
  std::map<std::string, Bytes, std::less<>> welcomes;
  /// By log position: each application message's sender proof.
  std::map<std::uint64_t, mls::MembershipProof> senders;
  /// By log position: each Commit's annotations.
  std::map<std::uint64_t, CommitAnnotations> commits;
};

/// A Welcome the server keeps for each KeyPackage its Commit added.
struct KeptWelcome {
  std::shared_ptr<const Bytes> welcome;  ///< the Welcome MlsMessage, shared by its joiners
  /// The ratchet tree of its epoch (the ratchet_tree extension's data of
  /// the GroupInfo published with its Commit), shared too.
  std::shared_ptr<const Bytes> ratchet_tree;
  std::uint64_t position = 0;  ///< the log position after its Commit
};

/// Everything the server keeps for one meeting.
struct MeetingRecord {
  MeetingRegistration registration;  ///< the latest registration, its GroupInfo kept current
  std::uint64_t epoch = 0;  ///< the epoch the next Commit must come from
  bool locked = false;      ///< whether the host locked the meeting
  /// The public group state, followed from the registered GroupInfo
  /// through every accepted Commit.
  std::optional<mls::PublicGroup> group;
  std::vector<Bytes> log;  ///< every message posted, in order
  std::vector<Bytes> join_requests;  ///< encoded JoinRequests waiting for the host
  /// The Welcome for each KeyPackageRef.
  std::map<std::string, KeptWelcome, std::less<>> welcomes;
  PartialAnnotations partial;  ///< what its partial members read
};

/// What a member posts to move the group to a new epoch.
struct CommitPost {
  Bytes commit;      ///< an MlsMessage holding a PublicMessage Commit of the current epoch
  Bytes group_info;  ///< an MlsMessage holding the GroupInfo of the epoch it leads to, with the ratchet tree
  std::optional<Bytes> welcome;  ///< the Welcome MlsMessage, when the Commit adds members
};

/// The label a member signs its session binding with (RFC 9420 section
/// 5.1.2, SignWithLabel), over the SHA-256 of the session's token.
inline constexpr std::string_view session_binding_label = "conclave session binding";

/// How much of the server's memory one party can take: each bound is per
/// server (pending logins) or per meeting (the others).
struct ServerLimits {
  std::size_t pending_logins = 4096;    ///< begun logins not yet finished; a new one pushes out the oldest
  std::size_t join_requests = 4096;     ///< JoinRequests queued for the host
  std::size_t join_request_size = 65536;  ///< bytes of one JoinRequest
  std::size_t unbound_sessions = 4096;  ///< sessions of a meeting bound to no member
  std::size_t messages_per_read = 1024;  ///< log entries one messages() answer holds
};

/// The first answer of an SRP login (MeetingServer::begin_login).
struct LoginChallenge {
  std::uint64_t login = 0;  ///< this pending login's random handle, for finish_login()
  Bytes salt;               ///< s, from the meeting's verifier record
  Bytes server_key;  ///< B
};

/// The answer to a correct client proof (MeetingServer::finish_login).
struct LoginResult {
  Bytes server_proof;  ///< M2, which the client checks before it trusts the server
  Bytes access_token;  ///< 32 random bytes; the server keeps only its hash
};

/// A Welcome the host left for a KeyPackage (MeetingServer::welcome).
struct PendingWelcome {
  Bytes welcome;  ///< an MlsMessage
  std::uint64_t position = 0;  ///< the log position after its Commit, where the new member reads on
  /// The ratchet tree of the Welcome's epoch (RatchetTreeNodes), which the
  /// Welcome does not carry: a full joiner verifies it as RFC 9420 section
  /// 12.4.3.1 says for a tree given out of band.
  Bytes ratchet_tree;
  /// For a KeyPackage whose JoinRequest asked to join as a partial member:
  /// the encoded AnnotatedWelcome (draft-ietf-mls-partial), whose Welcome
  /// keeps only this KeyPackage's entry. Empty otherwise.
  Bytes annotated_welcome;
};

/// What one log entry is to a partial member (MeetingServer::partial_messages).
enum class PartialEntryKind : std::uint8_t {
  annotated_commit,      ///< an AnnotatedCommit for the reader's leaf
  sender_authenticated,  ///< a SenderAuthenticatedMessage<PrivateMessage>
  plain,  ///< the MlsMessage as logged: nothing annotated for this reader (the Commit that removed it, say)
};

/// One log entry as a partial member reads it.
struct PartialEntry {
  PartialEntryKind kind = PartialEntryKind::plain;  ///< what `message` encodes
  Bytes message;  ///< the encoded message
};

/// The in-memory reference server (see the file's description). Tokens are
/// 32 random bytes; the server keeps only their SHA-256. A host token comes
/// from create_meeting(), a participant's from finish_login().
class MeetingServer {
 public:
  /// An empty server. The variant and the random source must outlive the
  /// server.
  /// @param variant The SRP variant every meeting's verifier is for.
  /// @param random The source of SRP secrets and access tokens.
  /// @param limits The bounds on what each party can queue or hold.
  MeetingServer(const srp::Variant& variant, crypto::RandomSource& random, ServerLimits limits = {});

  /// Registers a new meeting and returns the host's token, bound to the
  /// host's leaf. The server follows the group from the GroupInfo, which it
  /// checks as a joiner would (mls::PublicGroup::from_group_info) under the
  /// meeting's rules.
  /// @errors `Errc::invalid_argument` for a taken or empty ID, a verifier
  /// for another identity, or a GroupInfo that does not parse (or is not a
  /// GroupInfo); the errors of mls::PublicGroup::from_group_info.
  Result<Bytes> create_meeting(MeetingRegistration registration);

  /// The first step of an SRP-6a login (RFC 5054 section 2.5), identity =
  /// meeting ID: takes A, returns the salt, B and an unguessable handle.
  /// A meeting keeps ServerLimits::pending_logins pending logins; one more
  /// pushes out the oldest. A link rotation ends them all. A locked meeting
  /// still takes logins, for its members to renew their sessions: a session
  /// of no member gets nothing while it is locked.
  /// @param meeting_id The meeting to log in to.
  /// @param client_key A, from srp::Client::start().
  /// @errors `Errc::unknown_meeting` for an ID the server does not hold;
  /// the SRP errors (`Errc::invalid_public_key` for a bad A,
  /// `Errc::invalid_argument` for a malformed stored verifier).
  Result<LoginChallenge> begin_login(std::string_view meeting_id, BytesView client_key);
  /// The second step: checks M1 and returns M2 and a participant token.
  /// The pending login is gone afterwards, whatever the outcome.
  /// @errors `Errc::unknown_meeting` for a handle that is not pending
  /// (never issued, finished, pushed out or ended by a rotation);
  /// `Errc::proof_invalid` for a wrong password;
  /// `Errc::not_permitted` while ServerLimits::unbound_sessions sessions
  /// of the meeting are bound to no member.
  Result<LoginResult> finish_login(std::uint64_t login, BytesView client_proof);

  /// @name Sessions
  /// A token is a session. A host token is bound to the host's leaf; a
  /// participant's is bound once it proves a member's leaf: by its external
  /// Commit, or by bind_session(). Unless a call says otherwise it needs a
  /// live session: an unknown or revoked token is `Errc::unknown_meeting`,
  /// one a link rotation ended is `Errc::session_expired`.
  /// @{

  /// Binds a session to the member at `leaf`, which proves it holds that
  /// leaf's signature key: `signature` is SignWithLabel(key,
  /// session_binding_label, SHA-256(token)).
  /// A session a link rotation ended may bind too (a guest admitted just
  /// before it joins, then reads on to learn the new link).
  /// @errors `Errc::unknown_meeting`;
  /// `Errc::invalid_sender` for a leaf that is not a member;
  /// `Errc::signature_invalid` for a signature that does not verify;
  /// `Errc::not_permitted` for a session bound to another leaf.
  Status bind_session(BytesView token, std::uint32_t leaf, BytesView signature);
  /// The wrapped session key, the sealed title and the sealed earlier keys.
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` while locked, for an unbound session.
  Result<SealedMetadata> sealed_metadata(BytesView token) const;
  /// The meeting's latest GroupInfo (an MlsMessage), for an external join.
  /// A member's session has it even while the meeting is locked (to
  /// resync).
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` while locked, for an unbound session.
  Result<Bytes> group_info(BytesView token) const;
  /// Queues an encoded JoinRequest for the host. With
  /// Membership::partial, the server annotates for the member its
  /// KeyPackage becomes: an AnnotatedWelcome, then an AnnotatedCommit for
  /// each Commit it relays, until a Commit removes it.
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` while locked or when ServerLimits::join_requests
  /// requests are queued (or, for a partial member, asked for);
  /// `Errc::length_limit` for one longer than
  /// ServerLimits::join_request_size; for Membership::partial, the errors of
  /// decoding a JoinRequest.
  Status request_join(BytesView token, Bytes join_request, Membership membership = Membership::full);
  /// The Welcome the host left for `key_package_ref`, with the log position
  /// after its Commit; for a session a rotation ended too.
  /// @errors `Errc::unknown_meeting` for an unknown token, or while no
  /// Welcome for that KeyPackageRef is there.
  Result<PendingWelcome> welcome(BytesView token, BytesView key_package_ref) const;
  /// The log from `from` on, at most ServerLimits::messages_per_read
  /// entries, for a member's session: empty when `from` is at or past its
  /// end. A session a rotation ended reads up to the
  /// rotation (so that its member learns the new link), and a removed
  /// member's up to the Commit that removed it; no further.
  /// @errors `Errc::unknown_meeting` for an unknown token, or past the
  /// removal (the session is then gone); `Errc::not_permitted` for a
  /// session bound to no member; `Errc::session_expired` past the rotation.
  Result<std::vector<Bytes>> messages(BytesView token, std::uint64_t from);
  /// The log as a partial member reads it: messages(), with each Commit as
  /// its AnnotatedCommit for the session's leaf and each application
  /// message with its sender's proof, where the server made them
  /// (PartialEntryKind::plain otherwise).
  /// @errors Those of messages().
  Result<std::vector<PartialEntry>> partial_messages(BytesView token, std::uint64_t from);
  /// The epoch the next Commit must come from, for a member's session (one
  /// that ended too): a member that has read the whole log and is still
  /// behind it was left behind by a Commit it refused.
  /// @errors `Errc::unknown_meeting` (a removed member's session too);
  /// `Errc::not_permitted` for a session bound to no member.
  Result<std::uint64_t> epoch(BytesView token) const;

  /// Appends an application message from a member's session: an encoded
  /// SenderAuthenticatedMessage<PrivateMessage> (draft-ietf-mls-partial),
  /// a PrivateMessage of the current epoch with the proof of its sender's
  /// leaf. The log keeps the PrivateMessage (as an MlsMessage) for full
  /// members, and the proof for partial ones. Returns its log position.
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` for a session bound to no member; the errors of
  /// decoding (`Errc::truncated`, `Errc::trailing_data` and the like);
  /// `Errc::content_not_allowed` for a Commit; `Errc::wrong_epoch` for
  /// another epoch; `Errc::membership_proof_invalid` for a proof that is
  /// not of the session's leaf in the current tree.
  Result<std::uint64_t> post(BytesView token, Bytes message);
  /// Appends a Commit and moves the meeting to its epoch, once it passes
  /// every check that needs no secret (mls::PublicGroup::process: the
  /// sender, the signature, the proposal rules and the meeting's, the
  /// path's parent hashes, the tree hash) and its GroupInfo is of the new
  /// epoch, signed by a member (mls::PublicGroup::check_group_info). A
  /// member's Commit must come from the session bound to its sender; an
  /// external Commit from an unbound session or (a resync) from the session
  /// of the member it removes, which it then binds to the joiner's leaf.
  /// Sessions bound to a removed member are revoked. The GroupInfo is
  /// published and the Welcome kept for each new member. On any error
  /// nothing changes. Returns the Commit's log position.
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` for a session that may not send this Commit;
  /// `Errc::wrong_epoch` for a Commit of another epoch (it lost the race);
  /// `Errc::content_not_allowed` for a message that is not a PublicMessage
  /// Commit; `Errc::invalid_argument` for a `group_info` that is not a
  /// GroupInfo or lacks the ratchet_tree or external_pub extension (the way
  /// back needs both), or a `welcome` that is not a Welcome (its entries
  /// for KeyPackages the Commit did not add are dropped);
  /// `Errc::invalid_public_key` for an external_pub that is not a key of
  /// the suite; the errors of decoding; the errors of
  /// mls::PublicGroup::process and mls::PublicGroup::check_group_info.
  Result<std::uint64_t> post_commit(BytesView token, CommitPost post);
  /// Appends a proposal from a member's session (a SelfRemove, or an Add a
  /// host or co-host proposes; spec-notes/meeting-profile.md, "Continuity")
  /// for a later Commit to include by reference: a PublicMessage of the
  /// current epoch from the session's leaf, which mls::PublicGroup::process
  /// validates and caches, and which the meeting's roles allow its sender.
  /// Returns its log position.
  /// @errors `Errc::unknown_meeting`, `Errc::session_expired`;
  /// `Errc::not_permitted` for a session bound to no member or to another
  /// leaf than the sender's, or a proposal the roles do not allow its
  /// sender; `Errc::content_not_allowed` for a message that is not a
  /// PublicMessage proposal; `Errc::wrong_epoch` for another epoch; the
  /// errors of decoding and of mls::PublicGroup::process.
  Result<std::uint64_t> post_proposal(BytesView token, Bytes proposal);
  /// @}

  /// The host's or a co-host's (by the roles of the current epoch): every
  /// queued JoinRequest, emptying the queue.
  /// @errors `Errc::unknown_meeting`; `Errc::not_permitted` for another
  /// participant's token.
  Result<std::vector<Bytes>> take_join_requests(BytesView host_token);
  /// The host's or a co-host's: locks or unlocks the meeting. While locked,
  /// a session of no member gets neither the metadata, nor the GroupInfo,
  /// nor a place in the join queue.
  /// @errors `Errc::unknown_meeting`; `Errc::not_permitted` for another
  /// participant's token.
  Status set_locked(BytesView host_token, bool locked);
  /// The host's only (by the roles of the current epoch): a new meeting ID, verifier, wrapped key and sealed title;
  /// the old ID is forgotten with the logins begun under it, and every
  /// session but the host's ends: a member's reads the log up to here (its
  /// member then logs in with the new link and binds a new session, and the
  /// ended one goes); one of no member may only fetch a Welcome and bind,
  /// and goes at the next rotation. The
  /// meeting keeps its group, GroupInfo (`next.group_info` is ignored) and
  /// log.
  /// @errors `Errc::unknown_meeting`; `Errc::not_permitted` for a
  /// participant's token; `Errc::invalid_argument` for a taken or empty ID
  /// (the current one included) or a verifier for another identity.
  Status rotate(BytesView host_token, MeetingRegistration next);

  /// What the server holds, as an attacker who owns it would see it.
  /// It takes no lock: call it only while no other call runs.
  /// @return The meeting's record, or null for an ID the server does not hold.
  const MeetingRecord* record(std::string_view meeting_id) const;

 private:
  struct Session {
    std::size_t meeting = 0;
    std::optional<std::uint32_t> leaf;  // the member it proved to be (kept once revoked)
    std::optional<std::uint64_t> ended_at;  // the log length when a rotation or a removal ended it
    bool revoked = false;                   // its member was removed
  };
  struct Login {
    std::size_t meeting = 0;
    std::uint64_t order = 0;  // when it began, among the meeting's
    srp::Server server;
  };
  // The tokens (by digest) of one meeting: of no member yet, and of each member.
  struct MeetingSessions {
    std::set<std::string> unbound;
    std::map<std::uint32_t, std::set<std::string>> by_leaf;
    std::map<std::uint64_t, std::uint64_t> logins;  // pending logins: handle by order
  };
  Result<Session*> live_session(BytesView token, bool ended_too = false);
  Result<const Session*> live_session(BytesView token, bool ended_too = false) const;
  Result<std::size_t> hosted_by(BytesView token, bool host_only) const;
  Bytes issue_token(std::size_t meeting, std::optional<std::uint32_t> leaf);
  void bind(const std::string& key, Session& session, std::uint32_t leaf);
  void unbind(const std::string& key, Session& session);
  void revoke_member(std::size_t meeting, std::uint32_t leaf, std::uint64_t end);
  Result<const Session*> member_session(BytesView token) const;
  Status register_at(std::size_t meeting, MeetingRegistration registration);
  Result<std::uint64_t> append_commit(const std::string& key, Session& session, CommitPost post);
  Result<std::vector<Bytes>> read_log(BytesView token, std::uint64_t from);
  static PartialEntry partial_entry(const PartialAnnotations& partial, std::optional<std::uint32_t> leaf,
                                    std::uint64_t position, Bytes message);

  mutable std::mutex mutex_;
  const srp::Variant* variant_;
  crypto::RandomSource* random_;
  ServerLimits limits_;
  std::deque<MeetingRecord> meetings_;  // stable addresses for record()
  std::deque<MeetingSessions> meeting_sessions_;  // by meeting, as meetings_
  std::map<std::string, std::size_t, std::less<>> ids_;
  std::map<std::string, Session, std::less<>> sessions_;  // by SHA-256 of the token
  std::map<std::uint64_t, Login> logins_;
  std::uint64_t next_login_ = 1;
};

}  // namespace conclave::meeting
