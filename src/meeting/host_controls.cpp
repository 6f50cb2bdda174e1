// The host's and co-hosts' controls, each a Commit the members check
// against the meeting's roles (meeting_policy.cpp): admitting guests,
// removing a member, locking; and the host's: naming co-hosts, handing
// over, rotating the link.

#include <set>
#include <string>

#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/leaf_validation.hpp"
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

// The requests whose tag proves the password and whose KeyPackage the
// group would take as an Add (section 7.3, as mls::Group checks it), each
// KeyPackage once and each key once: one bad request cannot fail the Commit.
struct Admissible {
  std::vector<mls::Proposal> adds;
  std::vector<Bytes> requests;  // as queued, to queue again if the Commit fails
};

Admissible admissible(const Participant::State& state, std::vector<Bytes> requests) {
  const auto& group = *state.group;
  const auto required = mls::find_required_capabilities(group.context().extensions);
  mls::LeafNodeContext leaf_context;
  leaf_context.required = required && *required ? &**required : nullptr;
  leaf_context.group_extensions = &group.context().extensions;
  leaf_context.signature_verified = true;
  std::set<std::string, std::less<>> seen;
  const auto fresh = [&seen](const Bytes& key) { return seen.emplace(key.begin(), key.end()).second; };
  Admissible out;
  for (auto& bytes : requests) {
    auto request = codec::decode<JoinRequest>(bytes);
    if (!request || !verify_join_request(state.psk, *request)) continue;
    const auto& key_package = request->key_package;
    const auto& leaf = key_package.leaf_node;
    if (!mls::validate_key_package(group.suite(), key_package, std::nullopt) ||
        !mls::validate_leaf_node(group.tree(), leaf, leaf_context)) {
      continue;
    }
    const Bytes ref = mls::key_package_ref(group.suite(), key_package);
    // Each must be new; a repeat leaves its earlier ones marked, which can
    // only drop later requests that share them.
    if (!fresh(ref) || !fresh(leaf.signature_key) || !fresh(leaf.encryption_key) || !fresh(key_package.init_key)) {
      continue;
    }
    out.adds.push_back(mls::Proposal{mls::Add{std::move(request->key_package)}});
    out.requests.push_back(std::move(bytes));
  }
  return out;
}

Status announce(MeetingServer& server, Participant::State& state, const AnnouncedLink& next) {
  const LinkRotation rotation{next.link.url(), next.password.clone(), next.session_key.clone()};
  return send_message(server, state, {MeetingMessageType::link_rotation, codec::encode_secret(rotation)});
}

Result<std::size_t> admit_requests(MeetingServer& server, Participant::State& state) {
  if (!holds_any_role(state)) return Errc::not_permitted;
  auto requests = server.take_join_requests(state.token);
  if (!requests) return requests.error();
  auto admitted = admissible(state, std::move(*requests));
  if (admitted.adds.empty()) return std::size_t{0};
  const std::size_t count = admitted.adds.size();
  if (auto committed = commit_and_post(server, state, {.proposals = std::move(admitted.adds)}, state.psk);
      !committed) {
    // The valid requests wait for the next admit() (after a sync, say).
    for (auto& request : admitted.requests) (void)server.request_join(state.token, std::move(request));
    return committed.error();
  }
  return count;
}

Status lock(MeetingServer& server, Participant::State& state, bool locked) {
  auto roles = roles_of(state);
  if (!roles) return roles.error();
  roles->locked = locked ? 1 : 0;
  const mls::CommitOptions options{.proposals = {roles_update(*roles)}};
  if (auto committed = commit_and_post(server, state, options, state.psk); !committed) return committed;
  return server.set_locked(state.token, locked);
}

}  // namespace

Result<std::size_t> Participant::admit(MeetingServer& server) {
  return as_step(*state_, [&] { return admit_requests(server, *state_); });
}

Status Participant::remove(MeetingServer& server, std::uint32_t leaf) {
  if (!holds_any_role(*state_)) return Errc::not_permitted;
  const mls::CommitOptions removal{.proposals = {mls::Proposal{mls::Remove{leaf}}}};
  return as_step(*state_, [&] { return commit_and_post(server, *state_, removal, state_->psk); });
}

Status Participant::set_roles(MeetingServer& server, const MeetingRoles& roles) {
  if (!holds_host_role(*state_)) return Errc::not_permitted;
  if (auto valid = decode_roles(codec::encode(roles)); !valid) return valid.error();
  const mls::CommitOptions options{.proposals = {roles_update(roles)}};
  return as_step(*state_, [&] { return commit_and_post(server, *state_, options, state_->psk); });
}

Status Participant::set_locked(MeetingServer& server, bool locked) {
  if (!holds_any_role(*state_)) return Errc::not_permitted;
  return as_step(*state_, [&] { return lock(server, *state_, locked); });
}

// Locked first, so that no one joins while the removed person still holds
// a working link; the rotation's Commit then restores the lock as it was.
Result<MeetingLink> Participant::remove_and_keep_out(MeetingServer& server, std::uint32_t leaf) {
  auto& state = *state_;
  if (!holds_host_role(state)) return Errc::not_permitted;
  return as_step(state, [&]() -> Result<MeetingLink> {
    auto roles = roles_of(state);
    if (!roles) return roles.error();
    const bool was_locked = roles->locked != 0;
    if (!was_locked) {
      if (auto locked = set_locked(server, true); !locked) return locked.error();
    }
    if (auto removed = remove(server, leaf); !removed) return removed.error();
    return rotate(server, was_locked);
  });
}

Result<MeetingLink> Participant::rotate_link(MeetingServer& server) {
  if (!holds_host_role(*state_)) return Errc::not_permitted;
  return as_step(*state_, [&]() -> Result<MeetingLink> {
    auto roles = roles_of(*state_);
    if (!roles) return roles.error();
    return rotate(server, roles->locked != 0);
  });
}

Result<MeetingLink> Participant::rotate(MeetingServer& server, bool locked_after) {
  auto& state = *state_;
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
  auto roles = roles_of(state);
  if (!roles) return roles.error();
  mls::CommitOptions options{.proposals = {with_meeting_state(state.group->context(), {state.announced->psk.psk_id})},
                             .force_path = true};
  const std::uint8_t locked = locked_after ? 1 : 0;
  if (roles->locked != locked) {
    roles->locked = locked;
    options.proposals.push_back(roles_update(*roles));
  }
  const PasswordPsk next_psk{state.announced->psk.psk_id, state.announced->psk.psk.clone()};
  if (auto committed = commit_and_post(server, state, options, next_psk); !committed) return committed.error();
  if (auto registered = server.rotate(state.token, {link->meeting_id, std::move(*verifier), std::move(*wrapped),
                                                    std::move(*sealed_title), {}, std::move(*sealed_earlier)});
      !registered) {
    return registered.error();
  }
  if (auto lock = server.set_locked(state.token, locked_after); !lock) return lock.error();
  return std::move(*link);
}

}  // namespace conclave::meeting
