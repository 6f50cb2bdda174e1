// A guest's way in: the SRP login that gates the server's meeting data,
// then a Welcome or an external Commit, each needing the password PSK.

#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/srp/client.hpp"
#include "participant_state.hpp"

namespace conclave::meeting {

namespace {

constexpr int external_join_attempts = 8;

// The group's MeetingState must name this guest's meeting.
Status check_meeting(const mls::GroupContext& context, const PasswordPsk& psk) {
  auto meeting = meeting_state_of(context.extensions);
  if (!meeting) return meeting.error();
  return meeting->meeting_id == psk.psk_id ? Status{} : Status{Errc::psk_missing};
}

mls::KeyPackageKeys copy_keys(const mls::KeyPackageKeys& keys) {
  return {keys.init_private_key.clone(), keys.encryption_private_key.clone(), keys.signature_private_key.clone()};
}

mls::KeyPackageBundle copy_bundle(const mls::KeyPackageBundle& bundle) {
  return {bundle.key_package, copy_keys(bundle.keys)};
}

// Section 8.4: the Welcome's PSKs feed its key schedule; a meeting's must
// include the password's, and its MeetingState must name this meeting.
Status check_joined(const Participant::State& participant, const mls::GroupContext& context) {
  if (!participant.psk_given) return Errc::psk_missing;
  return check_meeting(context, participant.psk);
}

// Section 12.4.3.1: the tree from the server, verified as the Welcome's.
Status join_full(Participant::State& participant, const Guest::State& guest, const PendingWelcome& pending) {
  auto message = codec::decode<mls::MlsMessage>(pending.welcome);
  if (!message) return message.error();
  const auto* welcome = message->body.get_if<mls::Welcome>();
  if (welcome == nullptr) return Errc::invalid_argument;
  auto tree = codec::decode<mls::RatchetTreeNodes>(pending.ratchet_tree);
  if (!tree) return tree.error();
  auto group = mls::Group::join(*welcome, guest.bundle.key_package, copy_keys(guest.bundle.keys), std::move(*tree),
                                meeting_config(participant));
  if (!group) return group.error();
  if (auto checked = check_joined(participant, group->context()); !checked) return checked;
  participant.group.emplace(std::move(*group));
  return {};
}

// draft-ietf-mls-partial, "Joining via Annotated Welcome".
Status join_partial(Participant::State& participant, const Guest::State& guest, BytesView bytes) {
  if (bytes.empty()) return Errc::invalid_argument;
  auto welcome = codec::decode<mls::AnnotatedWelcome>(bytes);
  if (!welcome) return welcome.error();
  auto group = mls::PartialGroup::join(*welcome, guest.bundle.key_package, copy_keys(guest.bundle.keys),
                                       meeting_config(participant));
  if (!group) return group.error();
  if (auto checked = check_joined(participant, group->context()); !checked) return checked;
  participant.partial.emplace(std::move(*group));
  prove_leaves(participant, &welcome->welcome.sender_membership_proof);
  return {};
}

}  // namespace

Result<Bytes> log_in_session(MeetingServer& server, const MeetingProfile& profile, const MeetingLink& link,
                             std::string_view password, crypto::RandomSource& random) {
  if (profile.srp == nullptr) return Errc::invalid_argument;
  srp::Client client(*profile.srp, as_bytes(link.meeting_id), as_bytes(password), random);
  auto client_key = client.start();
  if (!client_key) return client_key.error();
  auto challenge = server.begin_login(link.meeting_id, *client_key);
  if (!challenge) return challenge.error();
  auto client_proof = client.respond(challenge->salt, challenge->server_key);
  if (!client_proof) return client_proof.error();
  auto result = server.finish_login(challenge->login, *client_proof);
  if (!result) return result.error();
  if (auto verified = client.verify(result->server_proof); !verified) return verified.error();
  return std::move(result->access_token);
}

Guest::Guest(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
Guest::Guest(Guest&&) noexcept = default;
Guest& Guest::operator=(Guest&&) noexcept = default;
Guest::~Guest() = default;

const std::string& Guest::meeting_title() const noexcept {
  static const std::string none;
  return state_->participant ? state_->participant->title : none;
}

Result<Guest> Guest::log_in(MeetingServer& server, const MeetingLink& link, std::string_view meeting_password,
                            std::string_view display_name, const MeetingProfile& profile,
                            crypto::RandomSource& random) {
  auto token = log_in_session(server, profile, link, meeting_password, random);
  if (!token) return token.error();
  auto psk = password_psk(link.meeting_id, meeting_password);
  if (!psk) return psk.error();
  auto sealed = server.sealed_metadata(*token);
  if (!sealed) return sealed.error();
  auto session_key = unwrap_session_key(*psk, sealed->wrapped_session_key);
  if (!session_key) return session_key.error();
  auto metadata = MetadataKey::derive(session_key->view());
  if (!metadata) return metadata.error();
  auto title = metadata->open(Metadata::meeting_title, sealed->sealed_title);
  if (!title) return title.error();
  auto earlier = open_earlier_session_keys(session_key->view(), sealed->sealed_earlier_keys);
  if (!earlier) return earlier.error();
  auto participant = std::make_unique<Participant::State>(profile, random, link.clone(),
                                                          crypto::Secret(as_bytes(meeting_password)),
                                                          std::move(*psk), std::move(*session_key),
                                                          std::move(*metadata));
  participant->title = std::move(*title);
  participant->earlier_session_keys = std::move(*earlier);
  participant->token = std::move(*token);
  auto bundle = meeting_key_package(*participant, display_name);
  if (!bundle) return bundle.error();
  auto suite = mls::CipherSuite::find(profile.suite);
  Bytes ref = mls::key_package_ref(*suite, bundle->key_package);
  return Guest(std::make_unique<State>(State{std::move(participant), std::move(*bundle), std::move(ref)}));
}

Status Guest::request_welcome(MeetingServer& server, Membership membership) {
  if (!state_->participant) return Errc::out_of_order;  // already joined
  auto& participant = *state_->participant;
  const auto request = make_join_request(participant.psk, state_->bundle.key_package);
  if (auto queued = server.request_join(participant.token, codec::encode(request), membership); !queued) return queued;
  state_->membership = membership;
  return {};
}

Result<Participant> Guest::join_from_welcome(MeetingServer& server) {
  if (!state_->participant) return Errc::out_of_order;  // already joined
  auto& participant = *state_->participant;
  auto pending = server.welcome(participant.token, state_->key_package_ref);
  if (!pending) return pending.error();
  participant.psk_given = false;
  auto joined = state_->membership == Membership::partial ? join_partial(participant, *state_, pending->annotated_welcome)
                                                         : join_full(participant, *state_, *pending);
  if (!joined) return joined.error();
  participant.cursor = pending->position;
  if (auto bound = bind_session(server, participant); !bound) return bound.error();
  if (auto media = start_media(participant); !media) return media.error();
  return Participant(std::move(state_->participant));
}

Result<Participant> Guest::join_by_external_commit(MeetingServer& server) {
  if (!state_->participant) return Errc::out_of_order;  // already joined
  auto& participant = *state_->participant;
  for (int attempt = 0; attempt < external_join_attempts; ++attempt) {
    auto info_bytes = server.group_info(participant.token);
    if (!info_bytes) return info_bytes.error();
    auto message = codec::decode<mls::MlsMessage>(*info_bytes);
    if (!message) return message.error();
    const auto* info = message->body.get_if<mls::GroupInfo>();
    if (info == nullptr) return Errc::invalid_argument;
    if (auto same = check_meeting(info->group_context, participant.psk); !same) return same.error();
    const mls::ExternalJoinOptions options{.replacing = std::nullopt,
                                           .psks = {password_psk_id(participant, participant.psk)}};
    auto joined = mls::Group::join_external(*info, copy_bundle(state_->bundle), std::nullopt,
                                            meeting_config(participant), *participant.random, options);
    if (!joined) return joined.error();
    auto next_info = joined->group.group_info(true);
    if (!next_info) return next_info.error();
    auto posted = server.post_commit(participant.token,
                                     {codec::encode(joined->commit), codec::encode(*next_info), std::nullopt});
    if (!posted && posted.error() == Errc::wrong_epoch) continue;
    if (!posted) return posted.error();
    participant.group.emplace(std::move(joined->group));
    participant.cursor = *posted + 1;
    if (auto media = start_media(participant); !media) return media.error();
    return Participant(std::move(state_->participant));
  }
  return Errc::wrong_epoch;
}

}  // namespace conclave::meeting
