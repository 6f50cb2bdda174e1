#include "participant_state.hpp"

#include "conclave/crypto/hash.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/mls/membership_proof.hpp"
#include "meeting_policy.hpp"

namespace conclave::meeting {

Result<MeetingRoles> roles_of(const Participant::State& state) {
  return meeting_roles_of(
      with_group(state, [](const auto& group) -> const mls::GroupContext& { return group.context(); }).extensions);
}

namespace {

// Whether `holds` is true of the current roles and this member's leaf; false
// once removed.
template <class Holds>
bool own_role(const Participant::State& state, Holds holds) {
  if (state.removed) return false;
  auto roles = roles_of(state);
  const auto own = with_group(state, [](const auto& group) { return group.own_leaf().value; });
  return roles && holds(*roles, own);
}

}  // namespace

bool holds_host_role(const Participant::State& state) {
  return own_role(state, [](const MeetingRoles& roles, std::uint32_t own) { return roles.host == own; });
}

bool holds_any_role(const Participant::State& state) {
  return own_role(state, [](const MeetingRoles& roles, std::uint32_t own) { return roles.holds_role(own); });
}

mls::GroupConfig meeting_config(Participant::State& state) {
  mls::GroupConfig config = meeting_rules();
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

Result<mls::KeyPackageBundle> key_package_for(const Participant::State& state, mls::Credential credential,
                                              crypto::SignatureKeyPair signing) {
  auto suite = mls::CipherSuite::find(state.profile.suite);
  if (!suite) return suite.error();
  mls::KeyPackageOptions options;
  add_meeting_capabilities(options.capabilities);
  return mls::create_key_package(*suite, std::move(credential), std::move(signing), options, *state.random);
}

Result<mls::KeyPackageBundle> meeting_key_package(Participant::State& state, std::string_view display_name) {
  auto suite = mls::CipherSuite::find(state.profile.suite);
  if (!suite) return suite.error();
  auto sealed = state.metadata.seal(Metadata::display_name, display_name, *state.random);
  if (!sealed) return sealed.error();
  state.signing = suite->signature().generate_key_pair(*state.random);
  return key_package_for(state, mls::Credential{mls::BasicCredential{std::move(*sealed)}},
                         {state.signing.private_key.clone(), state.signing.public_key});
}

Status bind_session(MeetingServer& server, const Participant::State& state) {
  const Bytes digest = crypto::hash(crypto::HashId::sha256, state.token);
  const auto& suite = with_group(state, [](const auto& group) -> const mls::CipherSuite& { return group.suite(); });
  auto signature = suite.sign_with_label(state.signing.private_key, session_binding_label, digest);
  if (!signature) return signature.error();
  const auto leaf = with_group(state, [](const auto& group) { return group.own_leaf(); });
  return server.bind_session(state.token, leaf.value, *signature);
}

void prove_leaf(Participant::State& state, const mls::MembershipProof& proof) {
  if (const auto* leaf = mls::proven_leaf(proof)) state.proven.insert_or_assign(proof.leaf_index, leaf->credential);
}

void prove_leaves(Participant::State& state, const mls::MembershipProof* proof) {
  state.proven.clear();
  prove_leaf(state, state.partial->own_membership_proof());
  if (proof != nullptr) prove_leaf(state, *proof);
}

Status renew_session(MeetingServer& server, Participant::State& state) {
  auto token = log_in_session(server, state.profile, state.link, state.meeting_password.text(), *state.random);
  if (!token) return token.error();
  state.token = std::move(*token);
  return bind_session(server, state);
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

namespace {

// The SFrame keys of a partial member's epoch (RFC 9605 section 5.2, from
// the exporter as a full member's): it does not know which leaves are
// blank, so every leaf position may send.
Result<frame::MlsSFrameEpoch> partial_sframe_epoch(const mls::PartialGroup& group, const frame::SFrameSuite& suite) {
  auto base_key = group.export_secret(frame::mls_sframe_exporter_label, {}, suite.nk);
  if (!base_key) return base_key.error();
  return frame::MlsSFrameEpoch{group.epoch(), std::move(*base_key), group.own_leaf().value,
                               std::vector<bool>(group.leaf_count().value(), true)};
}

// The media keys of a partial member's epoch, from its exporter.
Status key_partial_media(Participant::State& state) {
  const auto& group = *state.partial;
  if (state.sframe) {
    auto epoch = partial_sframe_epoch(group, state.sframe->suite());
    if (!epoch) return epoch.error();
    if (auto added = state.sframe->add_epoch(std::move(*epoch)); !added) return added;
  }
  if (state.livekit) {
    auto material = group.export_secret(frame::livekit_exporter_label, {}, frame::livekit_key_material_size);
    if (!material) return material.error();
    if (auto set = state.livekit->set_key(group.epoch(), material->view()); !set) return set;
  }
  return {};
}

}  // namespace

Status enter_epoch(Participant::State& state) {
  state.pending.clear();
  const auto& context = with_group(state, [](const auto& group) -> const mls::GroupContext& { return group.context(); });
  auto meeting = meeting_state_of(context.extensions);
  if (!meeting) return meeting.error();
  if (meeting->meeting_id != state.psk.psk_id && state.announced &&
      meeting->meeting_id == state.announced->psk.psk_id) {
    auto metadata = MetadataKey::derive(state.announced->session_key.view());
    if (!metadata) return metadata.error();
    state.link = std::move(state.announced->link);
    state.meeting_password = std::move(state.announced->password);
    state.psk = std::move(state.announced->psk);
    state.earlier_session_keys.insert(state.earlier_session_keys.begin(), std::move(state.session_key));
    state.session_key = std::move(state.announced->session_key);
    state.metadata = std::move(*metadata);
    state.announced.reset();
  }
  if (state.partial) return key_partial_media(state);
  if (state.sframe) {
    if (auto added = state.sframe->add_epoch(*state.group); !added) return added;
  }
  if (state.livekit) {
    if (auto set = state.livekit->set_key(*state.group); !set) return set;
  }
  return {};
}

namespace {

// draft-ietf-mls-partial, "Application Messages": the PrivateMessage with
// the proof of this member's leaf, for partial recipients.
Result<mls::SenderAuthenticatedMessage<mls::PrivateMessage>> seal(Participant::State& state, BytesView plaintext) {
  if (state.partial) return state.partial->protect(plaintext, {}, *state.random);
  auto& group = *state.group;
  auto proof = mls::make_membership_proof(group.tree(), group.own_leaf());
  if (!proof) return proof.error();
  auto sealed = group.protect(plaintext, {}, *state.random);
  if (!sealed) return sealed.error();
  auto* message = sealed->body.get_if<mls::PrivateMessage>();
  if (message == nullptr) return Errc::internal;
  return mls::SenderAuthenticatedMessage<mls::PrivateMessage>{std::move(*message), std::move(*proof)};
}

}  // namespace

Status send_message(MeetingServer& server, Participant::State& state, const MeetingMessage& message) {
  const crypto::Secret plaintext = codec::encode_secret(message);
  auto sealed = seal(state, plaintext.view());
  if (!sealed) return sealed.error();
  auto posted = post_own(server, state, *sealed);
  if (!posted) return posted.error();
  return {};
}

void record_own_position(Participant::State& state, std::uint64_t position) {
  if (position == state.cursor) {
    state.cursor += 1;
  } else {
    state.own_posts.insert(position);
  }
}

namespace {

// Before a persisted member posts, its record names the post (and holds
// what the group wrote for it: a consumed generation, a staged Commit), so
// that after a crash sync() can tell whether the server took it.
Status note_in_flight(Participant::State& state, BytesView bytes) {
  if (!state.store) return {};
  state.in_flight = crypto::hash(crypto::HashId::sha256, bytes);
  return save_participant(state);
}

Result<std::uint64_t> record_own(Participant::State& state, Result<std::uint64_t> posted) {
  state.in_flight.reset();
  if (posted) record_own_position(state, *posted);
  return posted;
}

}  // namespace

// The log keeps the PrivateMessage alone (MeetingServer::post): that is
// what sync() finds after a crash.
Result<std::uint64_t> post_own(MeetingServer& server, Participant::State& state,
                               const mls::SenderAuthenticatedMessage<mls::PrivateMessage>& message) {
  const Bytes logged = codec::encode(mls::MlsMessage{mls::ProtocolVersion::mls10, {message.message}});
  if (auto noted = note_in_flight(state, logged); !noted) return noted.error();
  const Bytes bytes = codec::encode(message);
  return record_own(state, with_session(server, state, [&] { return server.post(state.token, bytes); }));
}

Result<std::uint64_t> post_own_commit(MeetingServer& server, Participant::State& state, CommitPost post) {
  if (auto noted = note_in_flight(state, post.commit); !noted) return noted.error();
  return record_own(state, with_session(server, state, [&] { return server.post_commit(state.token, post); }));
}

namespace {

// The Commit a call staged, discarded unless the server took it: an error
// or an exception (hash() throws when the crypto library fails) before the
// post leaves the group as it was.
class StagedCommit {
 public:
  explicit StagedCommit(mls::Group& group) noexcept : group_(&group) {}
  StagedCommit(const StagedCommit&) = delete;
  StagedCommit& operator=(const StagedCommit&) = delete;
  ~StagedCommit() {
    if (!posted_ && group_->has_pending_commit()) group_->discard_pending_commit();
  }
  // The server took it: it is merged, not discarded.
  void posted() noexcept { posted_ = true; }

 private:
  mls::Group* group_;
  bool posted_ = false;
};

}  // namespace

Status commit_and_post(MeetingServer& server, Participant::State& state, mls::CommitOptions options,
                       const PasswordPsk& carried) {
  if (state.removed) return Errc::not_in_group;
  // draft-ietf-mls-partial: a partial member cannot commit.
  if (state.partial) return Errc::partial_unsupported;
  options.proposals.push_back(mls::Proposal{mls::PreSharedKey{password_psk_id(state, carried)}});
  // A PublicMessage, with the next GroupInfo, so that the server can check
  // it before it accepts it.
  options.encrypt = false;
  options.group_info = true;
  // The received proposals too (the SelfRemoves pending, say): the group
  // holds only those the roles allow their senders (screen_proposal()), so
  // none breaks the meeting's rules for everyone else. A role holder's
  // departure brings the succession.
  options.include_received = true;
  if (auto succeeded = add_succession(state, options.proposals); !succeeded) return succeeded;
  // The server gives full joiners the tree (PendingWelcome::ratchet_tree),
  // so that a partial joiner's AnnotatedWelcome is of log size.
  options.ratchet_tree_in_welcome = false;
  StagedCommit staged(*state.group);
  auto output = state.group->commit(options, *state.random);
  if (!output) return output.error();
  CommitPost post{codec::encode(output->commit), codec::encode(*output->group_info), std::nullopt};
  if (output->welcome) post.welcome = codec::encode(*output->welcome);
  auto posted = post_own_commit(server, state, std::move(post));
  if (!posted) return posted.error();
  staged.posted();
  if (auto merged = state.group->merge_pending_commit(); !merged) return merged;
  return enter_epoch(state);
}

}  // namespace conclave::meeting
