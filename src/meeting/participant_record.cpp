#include "participant_record.hpp"

#include <utility>

#include "conclave/crypto/hash.hpp"

namespace conclave::meeting {

namespace {

std::uint8_t flag(bool value) { return value ? 1 : 0; }

Result<bool> read_flag(std::uint8_t value) {
  if (value > 1) return Errc::storage_corrupt;
  return value == 1;
}

// The link at `url` and its password PSK, whose ID is the meeting ID.
Result<std::pair<MeetingLink, PasswordPsk>> read_link(const crypto::Secret& url, crypto::Secret psk) {
  auto link = MeetingLink::parse(url.text());
  if (!link || psk.size() != password_psk_size) return Errc::storage_corrupt;
  PasswordPsk password_psk{Bytes(link->meeting_id.begin(), link->meeting_id.end()), std::move(psk)};
  return std::pair{std::move(*link), std::move(password_psk)};
}

bool is_session_key(const crypto::Secret& key) { return key.size() == metadata_session_key_size; }

Result<std::optional<AnnouncedLink>> read_announced(std::optional<StoredAnnouncedLink> stored) {
  if (!stored) return std::optional<AnnouncedLink>{};
  auto link = read_link(stored->url, std::move(stored->psk));
  if (!link || !is_session_key(stored->session_key)) return Errc::storage_corrupt;
  return std::optional<AnnouncedLink>{AnnouncedLink{std::move(link->first), std::move(stored->password),
                                                    std::move(link->second), std::move(stored->session_key)}};
}

// The flags and log position of `stored` into `state`.
Status read_progress(Participant::State& state, StoredParticipant& stored) {
  auto removed = read_flag(stored.removed);
  auto stranded = read_flag(stored.stranded);
  if (!removed || !stranded) return Errc::storage_corrupt;
  if (stored.in_flight && stored.in_flight->size() != crypto::digest_size(crypto::HashId::sha256)) {
    return Errc::storage_corrupt;
  }
  state.removed = *removed;
  state.stranded = *stranded;
  state.cursor = stored.cursor;
  for (const std::uint64_t position : stored.own_posts) {
    if (position < stored.cursor) return Errc::storage_corrupt;
    state.own_posts.insert(position);
  }
  state.in_flight = std::move(stored.in_flight);
  return {};
}

}  // namespace

crypto::Secret encode_participant(const Participant::State& state) {
  StoredParticipant stored{record_format,
                           state.link.url(),
                           state.meeting_password.clone(),
                           state.psk.psk.clone(),
                           std::nullopt,
                           state.session_key.clone(),
                           {},
                           crypto::Secret(as_bytes(state.title)),
                           crypto::Secret(state.token),
                           state.signing.private_key.clone(),
                           state.signing.public_key,
                           state.cursor,
                           {state.own_posts.begin(), state.own_posts.end()},
                           state.in_flight,
                           flag(state.removed),
                           flag(state.stranded)};
  if (const auto& next = state.announced) {
    stored.announced = StoredAnnouncedLink{next->link.url(), next->password.clone(), next->psk.psk.clone(),
                                           next->session_key.clone()};
  }
  for (const auto& key : state.earlier_session_keys) stored.earlier_session_keys.push_back(key.clone());
  return codec::encode_secret(stored);
}

Result<std::unique_ptr<Participant::State>> decode_participant(BytesView record, const MeetingProfile& profile,
                                                               crypto::RandomSource& random) {
  auto stored = codec::decode<StoredParticipant>(record);
  if (!stored || stored->format != record_format || !is_session_key(stored->session_key)) {
    return Errc::storage_corrupt;
  }
  auto link = read_link(stored->url, std::move(stored->psk));
  auto announced = read_announced(std::move(stored->announced));
  auto metadata = MetadataKey::derive(stored->session_key.view());
  if (!link || !announced || !metadata) return Errc::storage_corrupt;
  auto state = std::make_unique<Participant::State>(profile, random, std::move(link->first),
                                                    std::move(stored->meeting_password), std::move(link->second),
                                                    std::move(stored->session_key), std::move(*metadata));
  state->announced = std::move(*announced);
  for (auto& key : stored->earlier_session_keys) {
    if (!is_session_key(key)) return Errc::storage_corrupt;
    state->earlier_session_keys.push_back(std::move(key));
  }
  state->title = std::string(stored->title.text());
  state->token.assign(stored->token.view().begin(), stored->token.view().end());
  state->signing = {std::move(stored->signature_private_key), std::move(stored->signature_public_key)};
  if (auto progress = read_progress(*state, *stored); !progress) return progress.error();
  return state;
}

}  // namespace conclave::meeting
