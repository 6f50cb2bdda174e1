#include "participant_state.hpp"

#include "conclave/meeting/meeting_state.hpp"
#include "meeting_policy.hpp"

namespace conclave::meeting {

mls::GroupConfig meeting_config(Participant::State& state) {
  mls::GroupConfig config;
  config.commit_policy = check_meeting_commit;
  config.psks = [&state](const mls::PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    if (external->psk_id == state.psk.psk_id) {
      state.psk_given = true;
      return state.psk.psk.clone();
    }
    if (state.announced && external->psk_id == state.announced->psk.psk_id) return state.announced->psk.psk.clone();
    return std::nullopt;
  };
  return config;
}

Result<mls::KeyPackageBundle> meeting_key_package(const Participant::State& state, std::string_view display_name) {
  auto suite = mls::CipherSuite::find(state.profile.suite);
  if (!suite) return suite.error();
  auto sealed = state.metadata.seal(Metadata::display_name, display_name, *state.random);
  if (!sealed) return sealed.error();
  mls::KeyPackageOptions options;
  options.capabilities.extensions = {meeting_state_extension};
  return mls::create_key_package(*suite, mls::Credential{mls::BasicCredential{std::move(*sealed)}},
                                 suite->signature().generate_key_pair(*state.random), options, *state.random);
}

mls::PreSharedKeyId password_psk_id(const Participant::State& state, const PasswordPsk& psk) {
  Bytes nonce(mls::CipherSuite::find(state.profile.suite)->secret_size());
  state.random->fill(nonce);
  return mls::PreSharedKeyId{{mls::ExternalPskId{psk.psk_id}}, std::move(nonce)};
}

Status start_media(Participant::State& state) {
  if (state.profile.sframe) {
    auto sframe = frame::MlsSFrame::create(state.profile.sframe_options);
    if (!sframe) return sframe.error();
    state.sframe.emplace(std::move(*sframe));
  }
  if (state.profile.livekit) state.livekit.emplace(frame::LiveKitOptions{}, *state.random);
  return enter_epoch(state);
}

Status enter_epoch(Participant::State& state) {
  auto meeting = meeting_state_of(state.group->context().extensions);
  if (!meeting) return meeting.error();
  if (meeting->meeting_id != state.psk.psk_id && state.announced &&
      meeting->meeting_id == state.announced->psk.psk_id) {
    state.link = std::move(state.announced->link);
    state.meeting_password = std::move(state.announced->password);
    state.psk = std::move(state.announced->psk);
    state.announced.reset();
  }
  if (state.sframe) {
    if (auto added = state.sframe->add_epoch(*state.group); !added) return added;
  }
  if (state.livekit) {
    if (auto set = state.livekit->set_key(*state.group); !set) return set;
  }
  return {};
}

Status send_message(MeetingServer& server, Participant::State& state, const MeetingMessage& message) {
  const crypto::Secret plaintext = codec::encode_secret(message);
  auto sealed = state.group->protect(plaintext.view(), {}, *state.random);
  if (!sealed) return sealed.error();
  auto posted = post_own(server, state, *sealed);
  if (!posted) return posted.error();
  return {};
}

Result<std::uint64_t> post_own(MeetingServer& server, Participant::State& state, const mls::MlsMessage& message,
                               std::optional<Bytes> welcome) {
  auto posted = server.post(state.token, codec::encode(message), std::move(welcome));
  if (!posted) return posted;
  if (*posted == state.cursor) {
    state.cursor += 1;
  } else {
    state.own_posts.insert(*posted);
  }
  return posted;
}

Status commit_and_post(MeetingServer& server, Participant::State& state, mls::CommitOptions options,
                       const PasswordPsk& carried) {
  if (state.removed) return Errc::not_in_group;
  options.proposals.push_back(mls::Proposal{mls::PreSharedKey{password_psk_id(state, carried)}});
  options.encrypt = true;
  // Only this member's own proposals: one received from the server or a
  // member could break the meeting's rules for everyone else.
  options.include_received = false;
  options.ratchet_tree_in_welcome = true;
  auto output = state.group->commit(options, *state.random);
  if (!output) return output.error();
  std::optional<Bytes> welcome;
  if (output->welcome) welcome = codec::encode(*output->welcome);
  auto posted = post_own(server, state, output->commit, std::move(welcome));
  if (!posted) {
    state.group->discard_pending_commit();
    return posted.error();
  }
  if (auto merged = state.group->merge_pending_commit(); !merged) return merged;
  if (auto entered = enter_epoch(state); !entered) return entered;
  auto info = state.group->group_info(true);
  if (!info) return info.error();
  return server.publish_group_info(state.token, codec::encode(*info));
}

}  // namespace conclave::meeting
