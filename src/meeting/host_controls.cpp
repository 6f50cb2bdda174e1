// The host's controls, each a Commit the members check against the
// MeetingState (meeting_policy.cpp): admitting guests, removing a member,
// locking, and rotating the link.

#include <set>

#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/extension_types.hpp"
#include "participant_state.hpp"

namespace conclave::meeting {

namespace {

// The group's extensions with `next` in place of the MeetingState.
mls::Proposal with_meeting_state(const mls::GroupContext& context, const MeetingState& next) {
  mls::ExtensionList extensions;
  for (const auto& extension : context.extensions) {
    if (extension.extension_type != meeting_state_extension) extensions.push_back(extension);
  }
  extensions.push_back(mls::make_extension(next));
  return mls::Proposal{mls::GroupContextExtensions{std::move(extensions)}};
}

// The requests whose tag proves the password and whose KeyPackage is
// valid, each KeyPackage once.
std::vector<mls::Proposal> admissible(const Participant::State& state, const std::vector<Bytes>& requests) {
  const auto& suite = state.group->suite();
  std::set<std::string> seen;
  std::vector<mls::Proposal> adds;
  for (const auto& bytes : requests) {
    auto request = codec::decode<JoinRequest>(bytes);
    if (!request || !verify_join_request(state.psk, *request)) continue;
    if (!mls::validate_key_package(suite, request->key_package, std::nullopt)) continue;
    const Bytes ref = mls::key_package_ref(suite, request->key_package);
    if (!seen.emplace(ref.begin(), ref.end()).second) continue;
    adds.push_back(mls::Proposal{mls::Add{std::move(request->key_package)}});
  }
  return adds;
}

Status announce(MeetingServer& server, Participant::State& state, const AnnouncedLink& next) {
  const LinkRotation rotation{next.link.url(), next.password.clone(), next.session_key.clone()};
  return send_message(server, state, {MeetingMessageType::link_rotation, codec::encode_secret(rotation)});
}

}  // namespace

Result<std::size_t> Participant::admit(MeetingServer& server) {
  auto& state = *state_;
  if (!state.host) return Errc::not_permitted;
  auto requests = server.take_join_requests(state.token);
  if (!requests) return requests.error();
  auto adds = admissible(state, *requests);
  if (adds.empty()) return std::size_t{0};
  const std::size_t count = adds.size();
  if (auto committed = commit_and_post(server, state, {.proposals = std::move(adds)}, state.psk); !committed) {
    return committed.error();
  }
  return count;
}

Status Participant::remove(MeetingServer& server, std::uint32_t leaf) {
  if (!state_->host) return Errc::not_permitted;
  return commit_and_post(server, *state_, {.proposals = {mls::Proposal{mls::Remove{leaf}}}}, state_->psk);
}

Status Participant::set_locked(MeetingServer& server, bool locked) {
  auto& state = *state_;
  if (!state.host) return Errc::not_permitted;
  auto meeting = meeting_state_of(state.group->context().extensions);
  if (!meeting) return meeting.error();
  meeting->locked = locked ? 1 : 0;
  const mls::CommitOptions options{.proposals = {with_meeting_state(state.group->context(), *meeting)}};
  if (auto committed = commit_and_post(server, state, options, state.psk); !committed) return committed;
  return server.set_locked(state.token, locked);
}

Result<MeetingLink> Participant::remove_and_keep_out(MeetingServer& server, std::uint32_t leaf) {
  if (auto removed = remove(server, leaf); !removed) return removed.error();
  return rotate_link(server);
}

Result<MeetingLink> Participant::rotate_link(MeetingServer& server) {
  auto& state = *state_;
  if (!state.host) return Errc::not_permitted;
  auto link = MeetingLink::generate(state.link.base, *state.random);
  if (!link) return link.error();
  auto password = link->meeting_password();
  if (!password) return password.error();
  auto psk = password_psk(link->meeting_id, password->text());
  if (!psk) return psk.error();
  auto verifier = srp::register_password(*state.profile.srp, as_bytes(link->meeting_id), password->view(),
                                         *state.random);
  if (!verifier) return verifier.error();
  // A fresh session key: the old one opens nothing sealed from now on.
  crypto::Secret session_key(metadata_session_key_size);
  state.random->fill(session_key.mutable_view());
  auto metadata = MetadataKey::derive(session_key.view());
  if (!metadata) return metadata.error();
  auto wrapped = wrap_session_key(*psk, session_key.view(), *state.random);
  if (!wrapped) return wrapped.error();
  auto sealed_title = metadata->seal(Metadata::meeting_title, state.title, *state.random);
  if (!sealed_title) return sealed_title.error();
  std::vector<crypto::Secret> earlier;
  earlier.push_back(state.session_key.clone());
  for (const auto& key : state.earlier_session_keys) earlier.push_back(key.clone());
  auto sealed_earlier = seal_earlier_session_keys(session_key.view(), earlier, *state.random);
  if (!sealed_earlier) return sealed_earlier.error();

  state.announced = AnnouncedLink{link->clone(), std::move(*password), std::move(*psk), std::move(session_key)};
  if (auto sent = announce(server, state, *state.announced); !sent) return sent.error();
  auto meeting = meeting_state_of(state.group->context().extensions);
  if (!meeting) return meeting.error();
  meeting->meeting_id = state.announced->psk.psk_id;
  const mls::CommitOptions options{.proposals = {with_meeting_state(state.group->context(), *meeting)},
                                   .force_path = true};
  const PasswordPsk next_psk{state.announced->psk.psk_id, state.announced->psk.psk.clone()};
  if (auto committed = commit_and_post(server, state, options, next_psk); !committed) return committed.error();
  if (auto registered = server.rotate(state.token, {link->meeting_id, std::move(*verifier), std::move(*wrapped),
                                                    std::move(*sealed_title), {}, std::move(*sealed_earlier)});
      !registered) {
    return registered.error();
  }
  return std::move(*link);
}

}  // namespace conclave::meeting
