#pragma once

// The attackers the simulation plays (spec-notes/meeting-profile.md,
// "Threat model"): clients that make the server's public requests
// themselves, so that they keep what an attacker keeps (a session token, a
// session key, epoch keys) and send what no Participant sends.

#include <cstdint>
#include <string_view>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::tools {

// A participant that joined by external Commit with the password, as any
// guest may, and that the simulation drives itself: once removed, it still
// holds its session token, its session key and its epoch's SFrame keys.
class RawMember {
 public:
  static Result<RawMember> join(meeting::MeetingServer& server, const meeting::MeetingProfile& profile,
                                const meeting::MeetingLink& link, std::string_view password,
                                std::string_view display_name, crypto::RandomSource& random);

  // Processes every message its session may still read, as a removed
  // member would (up to its removal); each new epoch's SFrame keys join
  // the others. Returns whether a Commit removed it.
  Result<bool> read_on(meeting::MeetingServer& server);

  const Bytes& token() const noexcept { return token_; }
  // The key its session key gave: it opens the meeting's sealed names and title.
  const meeting::MetadataKey& metadata() const noexcept { return metadata_; }
  mls::Group& group() noexcept { return group_; }
  frame::MlsSFrame& sframe() noexcept { return sframe_; }

 private:
  RawMember(Bytes token, meeting::MetadataKey metadata, mls::Group group, frame::MlsSFrame sframe,
            std::uint64_t cursor) noexcept
      : token_(std::move(token)), metadata_(std::move(metadata)), group_(std::move(group)),
        sframe_(std::move(sframe)), cursor_(cursor) {}

  Bytes token_;
  meeting::MetadataKey metadata_;
  mls::Group group_;
  frame::MlsSFrame sframe_;
  std::uint64_t cursor_;  // the next log position to read
};

// A Commit of the current epoch in the name of the member at `leaf`, with
// junk signature and tags: all a session holder can make of the GroupInfo.
Result<meeting::CommitPost> forged_member_commit(const meeting::MeetingServer& server, BytesView token,
                                                 std::uint32_t leaf);

// An external Commit into the current epoch, carrying a PreSharedKey with
// the meeting's ID whose value is `psk` (a guess: no password PSK).
Result<meeting::CommitPost> external_commit_with_psk(const meeting::MeetingServer& server, BytesView token,
                                                     const meeting::MeetingProfile& profile,
                                                     const crypto::Secret& psk, crypto::RandomSource& random);

// `post` with one bit of its Commit's signature flipped.
meeting::CommitPost with_bad_signature(meeting::CommitPost post);

}  // namespace conclave::tools
