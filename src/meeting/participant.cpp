// A participant in the group: the host's creation of the meeting, reading
// the log, and what every member may send.

#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/srp/verifier.hpp"
#include "participant_state.hpp"

namespace conclave::meeting {

namespace {

constexpr std::size_t group_id_size = 16;

mls::ExtensionList initial_extensions(const PasswordPsk& psk) {
  return {mls::make_extension(MeetingState{psk.psk_id, 0, 0}),
          mls::make_extension(mls::RequiredCapabilities{{meeting_state_extension}, {}, {}})};
}

std::optional<std::uint32_t> member_leaf(const mls::Sender& sender) {
  const auto* member = sender.get_if<mls::MemberSender>();
  if (member == nullptr) return std::nullopt;
  return member->leaf_index;
}

// A link rotation from the host: the next PSK, derived now so the Commit
// that moves to it can be processed.
Status receive_link_rotation(Participant::State& state, std::uint32_t sender, BytesView body) {
  auto meeting = meeting_state_of(state.group->context().extensions);
  if (!meeting) return meeting.error();
  if (sender != meeting->host_leaf) return Errc::not_permitted;
  auto rotation = codec::decode<LinkRotation>(body);
  if (!rotation) return rotation.error();
  auto link = MeetingLink::parse(rotation->url.text());
  if (!link) return link.error();
  auto psk = password_psk(link->meeting_id, rotation->meeting_password.text());
  if (!psk) return psk.error();
  state.announced = AnnouncedLink{std::move(*link), std::move(rotation->meeting_password), std::move(*psk)};
  return {};
}

Status receive_application(Participant::State& state, const mls::Received& received, SyncReport& report) {
  const auto sender = member_leaf(received.sender);
  if (!sender) return Errc::invalid_sender;
  auto message = codec::decode<MeetingMessage>(received.application_data);
  if (!message) return message.error();
  switch (message->type) {
    case MeetingMessageType::chat:
      report.chats.push_back({*sender, std::string(message->body.text())});
      return {};
    case MeetingMessageType::link_rotation:
      if (auto announced = receive_link_rotation(state, *sender, message->body.view()); !announced) return announced;
      report.link_rotated = true;
      return {};
  }
  return Errc::invalid_value;
}

// One message of the log; an error refuses it and changes nothing.
Status receive(Participant::State& state, BytesView bytes, SyncReport& report) {
  auto message = codec::decode<mls::MlsMessage>(bytes);
  if (!message) return message.error();
  auto received = state.group->process(*message);
  if (!received) return received.error();
  switch (received->kind) {
    case mls::Received::Kind::commit:
      report.commits += 1;
      if (received->removed) {
        state.removed = report.removed = true;
        return {};
      }
      return enter_epoch(state);
    case mls::Received::Kind::application: {
      const Status status = receive_application(state, *received, report);
      crypto::secure_zero(received->application_data);
      return status;
    }
    case mls::Received::Kind::proposal:
      return {};
  }
  return {};
}

}  // namespace

Participant::Participant(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
Participant::Participant(Participant&&) noexcept = default;
Participant& Participant::operator=(Participant&&) noexcept = default;
Participant::~Participant() = default;

Result<Participant> Participant::host_meeting(MeetingServer& server, const MeetingLink& link,
                                              std::string_view meeting_password, std::string_view display_name,
                                              std::string_view title, const MeetingProfile& profile,
                                              crypto::RandomSource& random) {
  if (profile.srp == nullptr) return Errc::invalid_argument;
  auto suite = mls::CipherSuite::find(profile.suite);
  if (!suite) return suite.error();
  auto psk = password_psk(link.meeting_id, meeting_password);
  if (!psk) return psk.error();
  crypto::Secret session_key(metadata_session_key_size);
  random.fill(session_key.mutable_view());
  auto metadata = MetadataKey::derive(session_key.view());
  if (!metadata) return metadata.error();
  auto state = std::make_unique<State>(profile, random, link.clone(), crypto::Secret(as_bytes(meeting_password)), std::move(*psk),
                                       std::move(session_key), std::move(*metadata));
  state->host = true;
  state->title = std::string(title);
  auto bundle = meeting_key_package(*state, display_name);
  if (!bundle) return bundle.error();
  Bytes group_id(group_id_size);
  random.fill(group_id);
  auto group = mls::Group::create(*suite, std::move(group_id), std::move(*bundle), initial_extensions(state->psk),
                                  meeting_config(*state), random);
  if (!group) return group.error();
  state->group.emplace(std::move(*group));
  // The first Commit brings in the PSK, so no epoch a member uses lacks it.
  auto first = state->group->commit({.proposals = {mls::Proposal{mls::PreSharedKey{password_psk_id(*state, state->psk)}}},
                                     .include_received = false},
                                    random);
  if (!first) return first.error();
  if (auto merged = state->group->merge_pending_commit(); !merged) return merged.error();

  auto verifier = srp::register_password(*profile.srp, as_bytes(link.meeting_id), as_bytes(meeting_password), random);
  if (!verifier) return verifier.error();
  auto wrapped = wrap_session_key(state->psk, state->session_key.view(), random);
  if (!wrapped) return wrapped.error();
  auto sealed_title = state->metadata.seal(Metadata::meeting_title, title, random);
  if (!sealed_title) return sealed_title.error();
  auto info = state->group->group_info(true);
  if (!info) return info.error();
  auto token = server.create_meeting({link.meeting_id, std::move(*verifier), std::move(*wrapped),
                                      std::move(*sealed_title), codec::encode(*info)});
  if (!token) return token.error();
  state->token = std::move(*token);
  if (auto media = start_media(*state); !media) return media.error();
  return Participant(std::move(state));
}

Result<SyncReport> Participant::sync(MeetingServer& server) {
  auto& state = *state_;
  if (state.removed) return Errc::not_in_group;
  auto messages = server.messages(state.token, state.cursor);
  if (!messages) return messages.error();
  SyncReport report;
  for (const auto& bytes : *messages) {
    const std::uint64_t position = state.cursor++;
    if (state.own_posts.erase(position) != 0) continue;
    if (auto received = receive(state, bytes, report); !received) report.refused.emplace_back(position, received.error());
    if (state.removed) break;
  }
  return report;
}

Status Participant::update(MeetingServer& server) {
  return commit_and_post(server, *state_, {.force_path = true}, state_->psk);
}

Status Participant::send_chat(MeetingServer& server, std::string_view text) {
  auto& state = *state_;
  if (state.removed) return Errc::not_in_group;
  return send_message(server, state, {MeetingMessageType::chat, crypto::Secret(as_bytes(text))});
}

const mls::Group& Participant::group() const noexcept { return *state_->group; }
bool Participant::is_host() const noexcept { return state_->host; }
bool Participant::removed() const noexcept { return state_->removed; }
const MeetingLink& Participant::link() const noexcept { return state_->link; }
const std::string& Participant::meeting_title() const noexcept { return state_->title; }

Result<SecurityCode> Participant::security_code() const {
  return SecurityCode::of(group().epoch(), group().epoch_authenticator());
}

Result<std::string> Participant::display_name(std::uint32_t leaf) const {
  const auto node = group().tree().leaf(mls::LeafIndex{leaf});
  if (!node) return Errc::invalid_sender;
  const auto* basic = node->credential.get_if<mls::BasicCredential>();
  if (basic == nullptr) return Errc::invalid_sender;
  return state_->metadata.open(Metadata::display_name, basic->identity);
}

frame::MlsSFrame* Participant::sframe() noexcept { return state_->sframe ? &*state_->sframe : nullptr; }
frame::LiveKitCryptor* Participant::livekit() noexcept { return state_->livekit ? &*state_->livekit : nullptr; }

}  // namespace conclave::meeting
