#pragma once

// A persisted participant's meeting state as one record of the store's
// meeting table (keyed by its group ID); its group is kept beside it as
// the group's own records (Group::persist).

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "conclave/codec/codec.hpp"

#include "participant_state.hpp"

namespace conclave::meeting {

// The record's format number. 2: the host is the roles component's, not a flag.
constexpr std::uint16_t record_format = 2;

// A link the host announced; its PSK's ID is the link's meeting ID.
struct StoredAnnouncedLink {
  crypto::Secret url;
  crypto::Secret password;
  crypto::Secret psk;
  crypto::Secret session_key;
  CONCLAVE_FIELDS(url, password, psk, session_key)
};

// The current PSK's ID is the link's meeting ID; the metadata key derives
// from the session key.
struct StoredParticipant {
  std::uint16_t format = record_format;
  crypto::Secret url;
  crypto::Secret meeting_password;
  crypto::Secret psk;
  std::optional<StoredAnnouncedLink> announced;
  crypto::Secret session_key;
  std::vector<crypto::Secret> earlier_session_keys;
  crypto::Secret title;
  crypto::Secret token;
  crypto::Secret signature_private_key;
  Bytes signature_public_key;
  std::uint64_t cursor = 0;
  std::vector<std::uint64_t> own_posts;
  std::optional<Bytes> in_flight;
  std::uint8_t removed = 0;
  std::uint8_t stranded = 0;
  CONCLAVE_FIELDS(format, url, meeting_password, psk, announced, session_key, earlier_session_keys, title, token,
                  signature_private_key, signature_public_key, cursor, own_posts, in_flight, removed,
                  stranded)
};

// The participant's record: everything of `state` but its group, profile,
// random source, media and store. Every secret in it is a Secret.
crypto::Secret encode_participant(const Participant::State& state);

// The state a record describes, without its group.
// @errors `Errc::storage_corrupt` for a record that does not decode or
// whose link, keys or flags are malformed.
Result<std::unique_ptr<Participant::State>> decode_participant(BytesView record, const MeetingProfile& profile,
                                                               crypto::RandomSource& random);

}  // namespace conclave::meeting
