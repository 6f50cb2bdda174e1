#pragma once

/// @file
/// A reference meeting server, in memory: the delivery service and the
/// password gate of spec-notes/meeting-profile.md ("The server"). It holds
/// meeting IDs, SRP verifiers, wrapped session keys, the latest GroupInfo
/// and every message, and never a password or a key. Each call is one
/// request of the protocol; a networked server puts a transport in between.
/// Calls may come from several threads at once (each takes the server's
/// lock); record() is for inspection while no call runs.

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/error.hpp"
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
};

/// What a logged-in participant reads before it joins.
struct SealedMetadata {
  Bytes wrapped_session_key;  ///< the session key, wrapped under the password (session_key.hpp)
  Bytes sealed_title;         ///< the meeting title under the MetadataKey
};

/// Everything the server keeps for one meeting.
struct MeetingRecord {
  MeetingRegistration registration;  ///< the latest registration, its GroupInfo kept current
  std::uint64_t epoch = 0;  ///< the epoch the next Commit must come from
  bool locked = false;      ///< whether the host locked the meeting
  std::vector<Bytes> log;  ///< every message posted, in order
  std::vector<Bytes> join_requests;  ///< encoded JoinRequests waiting for the host
  /// The Welcome for each KeyPackageRef, and the log position after its Commit.
  std::map<std::string, std::pair<std::shared_ptr<const Bytes>, std::uint64_t>, std::less<>> welcomes;
};

/// The first answer of an SRP login (MeetingServer::begin_login).
struct LoginChallenge {
  std::uint64_t login = 0;  ///< this pending login's number, for finish_login()
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
  MeetingServer(const srp::Variant& variant, crypto::RandomSource& random);

  /// Registers a new meeting and returns the host's token.
  /// @errors `Errc::invalid_argument` for a taken or empty ID, a verifier
  /// for another identity, or a GroupInfo that does not parse (or is not a
  /// GroupInfo).
  Result<Bytes> create_meeting(MeetingRegistration registration);

  /// The first step of an SRP-6a login (RFC 5054 section 2.5), identity =
  /// meeting ID: takes A, returns the salt and B.
  /// @param meeting_id The meeting to log in to.
  /// @param client_key A, from srp::Client::start().
  /// @errors `Errc::unknown_meeting` for an ID the server does not hold;
  /// `Errc::not_permitted` while the meeting is locked, or while 4096
  /// logins are pending; or the SRP errors (`Errc::invalid_public_key` for
  /// a bad A, `Errc::invalid_argument` for a malformed stored verifier).
  Result<LoginChallenge> begin_login(std::string_view meeting_id, BytesView client_key);
  /// The second step: checks M1 and returns M2 and a participant token.
  /// The pending login is gone afterwards, whatever the outcome.
  /// @errors `Errc::unknown_meeting` for a login number that is not
  /// pending; `Errc::proof_invalid` for a wrong password.
  Result<LoginResult> finish_login(std::uint64_t login, BytesView client_proof);

  /// The wrapped session key and the sealed title, for a logged-in token.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue.
  Result<SealedMetadata> sealed_metadata(BytesView token) const;
  /// The meeting's latest GroupInfo (an MlsMessage), for an external join.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  Result<Bytes> group_info(BytesView token) const;  ///< `Errc::not_permitted` while locked.
  /// Queues an encoded JoinRequest for the host.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// `Errc::not_permitted` when 4096 requests are already queued, and
  Status request_join(BytesView token, Bytes join_request);  ///< `Errc::not_permitted` while locked.
  /// The Welcome the host left for `key_package_ref`, with the log position
  /// after its Commit.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue,
  /// or while no Welcome for that KeyPackageRef is there.
  Result<PendingWelcome> welcome(BytesView token, BytesView key_package_ref) const;
  /// The log from `from` on: empty when `from` is at or past its end.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue.
  Result<std::vector<Bytes>> messages(BytesView token, std::uint64_t from) const;

  /// Appends an MlsMessage of the current epoch to the log; returns its
  /// position. The first Commit of an epoch wins (wrong_epoch for the
  /// others) and moves the meeting to the next epoch; its Welcome is kept
  /// for each new member.
  /// @param token A host or participant token.
  /// @param message An encoded MlsMessage: a PublicMessage or PrivateMessage.
  /// @param welcome The encoded Welcome MlsMessage of a Commit that adds members.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// the errors of decoding an MlsMessage (`Errc::truncated`,
  /// `Errc::trailing_data` and the like) for `message` or `welcome`;
  /// `Errc::content_not_allowed` for an MlsMessage that is neither a
  /// PublicMessage nor a PrivateMessage; `Errc::wrong_epoch` for a message
  /// of another epoch (a Commit that lost the race, or a sender behind);
  /// `Errc::invalid_argument` for a `welcome` with a message that is not a
  /// Commit, or one that does not hold a Welcome.
  Result<std::uint64_t> post(BytesView token, Bytes message, std::optional<Bytes> welcome = std::nullopt);
  /// The GroupInfo of the current epoch (wrong_epoch for another), which
  /// the committer publishes once its Commit is accepted.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// `Errc::invalid_argument` for bytes that are not an MlsMessage holding
  /// a GroupInfo; `Errc::wrong_epoch` for a GroupInfo of another epoch.
  Status publish_group_info(BytesView token, Bytes group_info);

  /// Host only (not_permitted for another token): every queued
  /// JoinRequest, emptying the queue.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// `Errc::not_permitted` for a participant's token.
  Result<std::vector<Bytes>> take_join_requests(BytesView host_token);
  /// Host only: locks or unlocks the meeting. While locked, the server
  /// refuses logins, GroupInfo and JoinRequests.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// `Errc::not_permitted` for a participant's token.
  Status set_locked(BytesView host_token, bool locked);
  /// Host only: a new meeting ID, verifier and wrapped key; the old ID is
  /// forgotten. The meeting keeps its GroupInfo (`next.group_info` is
  /// ignored), its log and its tokens.
  /// @errors `Errc::unknown_meeting` for a token the server did not issue;
  /// `Errc::not_permitted` for a participant's token;
  /// `Errc::invalid_argument` for a taken or empty ID (the current one
  /// included) or a verifier for another identity.
  Status rotate(BytesView host_token, MeetingRegistration next);

  /// What the server holds, as an attacker who owns it would see it.
  /// It takes no lock: call it only while no other call runs.
  /// @return The meeting's record, or null for an ID the server does not hold.
  const MeetingRecord* record(std::string_view meeting_id) const;

 private:
  struct Session {
    std::size_t meeting = 0;
    bool host = false;
  };
  struct Login {
    std::size_t meeting = 0;
    srp::Server server;
  };
  Result<std::size_t> meeting_of(BytesView token) const;
  Result<std::size_t> hosted_by(BytesView host_token) const;
  Bytes issue_token(std::size_t meeting, bool host);
  Status register_at(std::size_t meeting, MeetingRegistration registration);

  mutable std::mutex mutex_;
  const srp::Variant* variant_;
  crypto::RandomSource* random_;
  std::deque<MeetingRecord> meetings_;  // stable addresses for record()
  std::map<std::string, std::size_t, std::less<>> ids_;
  std::map<std::string, Session, std::less<>> sessions_;  // by SHA-256 of the token
  std::map<std::uint64_t, Login> logins_;
  std::uint64_t next_login_ = 1;
};

}  // namespace conclave::meeting
