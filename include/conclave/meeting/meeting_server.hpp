#pragma once

// A reference meeting server, in memory: the delivery service and the
// password gate of spec-notes/meeting-profile.md ("The server"). It holds
// meeting IDs, SRP verifiers, wrapped session keys, the latest GroupInfo
// and every message, and never a password or a key. Each call is one
// request of the protocol; a networked server puts a transport in between.
// Calls may come from several threads at once (each takes the server's
// lock); record() is for inspection while no call runs.

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

// What the host registers (and registers again when it rotates the link).
struct MeetingRegistration {
  std::string meeting_id;
  srp::VerifierRecord verifier;  // identity = the meeting ID
  Bytes wrapped_session_key;  // session_key.hpp
  Bytes sealed_title;         // the meeting title under the MetadataKey
  Bytes group_info;           // an MlsMessage holding the current GroupInfo, with its tree
};

// What a logged-in participant reads before it joins.
struct SealedMetadata {
  Bytes wrapped_session_key;
  Bytes sealed_title;
};

// Everything the server keeps for one meeting.
struct MeetingRecord {
  MeetingRegistration registration;
  std::uint64_t epoch = 0;  // the epoch the next Commit must come from
  bool locked = false;
  std::vector<Bytes> log;  // every message posted, in order
  std::vector<Bytes> join_requests;
  // The Welcome for each KeyPackageRef, and the log position after its Commit.
  std::map<std::string, std::pair<std::shared_ptr<const Bytes>, std::uint64_t>, std::less<>> welcomes;
};

struct LoginChallenge {
  std::uint64_t login = 0;
  Bytes salt;
  Bytes server_key;  // B
};

struct LoginResult {
  Bytes server_proof;  // M2
  Bytes access_token;  // 32 random bytes; the server keeps only its hash
};

struct PendingWelcome {
  Bytes welcome;  // an MlsMessage
  std::uint64_t position = 0;
};

class MeetingServer {
 public:
  // The variant and the random source must outlive the server.
  MeetingServer(const srp::Variant& variant, crypto::RandomSource& random);

  // Returns the host's token. invalid_argument for a taken or empty ID, a
  // verifier for another identity, or a GroupInfo that does not parse.
  Result<Bytes> create_meeting(MeetingRegistration registration);

  // SRP-6a (RFC 5054 section 2.5), identity = meeting ID. unknown_meeting,
  // not_permitted while locked, or the SRP errors.
  Result<LoginChallenge> begin_login(std::string_view meeting_id, BytesView client_key);
  // proof_invalid for a wrong password (the login is then gone).
  Result<LoginResult> finish_login(std::uint64_t login, BytesView client_proof);

  // For a logged-in token (unknown_meeting otherwise).
  Result<SealedMetadata> sealed_metadata(BytesView token) const;
  Result<Bytes> group_info(BytesView token) const;  // not_permitted while locked
  Status request_join(BytesView token, Bytes join_request);  // not_permitted while locked
  Result<PendingWelcome> welcome(BytesView token, BytesView key_package_ref) const;
  // The log from `from` on.
  Result<std::vector<Bytes>> messages(BytesView token, std::uint64_t from) const;

  // Appends an MlsMessage of the current epoch to the log; returns its
  // position. The first Commit of an epoch wins (wrong_epoch for the
  // others) and moves the meeting to the next epoch; its Welcome is kept
  // for each new member.
  Result<std::uint64_t> post(BytesView token, Bytes message, std::optional<Bytes> welcome = std::nullopt);
  // The GroupInfo of the current epoch (wrong_epoch for another), which
  // the committer publishes once its Commit is accepted.
  Status publish_group_info(BytesView token, Bytes group_info);

  // Host only (not_permitted for another token).
  Result<std::vector<Bytes>> take_join_requests(BytesView host_token);
  Status set_locked(BytesView host_token, bool locked);
  // A new meeting ID, verifier and wrapped key; the old ID is forgotten.
  Status rotate(BytesView host_token, MeetingRegistration next);

  // What the server holds, as an attacker who owns it would see it.
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
