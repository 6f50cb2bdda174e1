// A participant in the group: the host's creation of the meeting, reading
// the log, and what every member may send.

#include <algorithm>

#include "conclave/crypto/hash.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/srp/verifier.hpp"
#include "participant_state.hpp"

namespace conclave::meeting {

namespace {

constexpr std::size_t group_id_size = 16;

// The creator hosts, on leaf 0; the group requires what the roles need
// (draft-ietf-mls-extensions: with AppDataUpdate required, no
// GroupContextExtensions may touch the app_data_dictionary).
mls::ExtensionList initial_extensions(const PasswordPsk& psk) {
  return {mls::make_extension(MeetingState{psk.psk_id}), roles_dictionary(MeetingRoles{0, {}, 0}),
          mls::make_extension(meeting_required_capabilities())};
}

std::optional<std::uint32_t> member_leaf(const mls::Sender& sender) {
  const auto* member = sender.get_if<mls::MemberSender>();
  if (member == nullptr) return std::nullopt;
  return member->leaf_index;
}

// A link rotation from the host: the next PSK, derived now so the Commit
// that moves to it can be processed.
Status receive_link_rotation(Participant::State& state, std::uint32_t sender, BytesView body) {
  const auto& context = with_group(state, [](const auto& group) -> const mls::GroupContext& { return group.context(); });
  auto roles = meeting_roles_of(context.extensions);
  if (!roles) return roles.error();
  if (sender != roles->host) return Errc::not_permitted;
  auto rotation = codec::decode<LinkRotation>(body);
  if (!rotation) return rotation.error();
  if (rotation->session_key.size() != metadata_session_key_size) return Errc::invalid_length;
  auto link = MeetingLink::parse(rotation->url.text());
  if (!link) return link.error();
  auto psk = password_psk(link->meeting_id, rotation->meeting_password.text());
  if (!psk) return psk.error();
  state.announced = AnnouncedLink{std::move(*link), std::move(rotation->meeting_password), std::move(*psk),
                                  std::move(rotation->session_key)};
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

// What a message did to the member: a Commit moves it to the next epoch
// (or out of the group), application data goes to the report.
Status take_received(Participant::State& state, mls::Received& received, SyncReport& report) {
  switch (received.kind) {
    case mls::Received::Kind::commit:
      report.commits += 1;
      if (received.removed) {
        state.removed = report.removed = true;
        return {};
      }
      return enter_epoch(state);
    case mls::Received::Kind::application: {
      const Status status = receive_application(state, received, report);
      crypto::secure_zero(received.application_data);
      return status;
    }
    case mls::Received::Kind::proposal:
      return {};
  }
  return {};
}

// Whether the log entry is a PublicMessage of `type`, as logged.
bool is_plain(const PartialEntry& entry, mls::ContentType type) {
  if (entry.kind != PartialEntryKind::plain) return false;
  auto message = codec::decode<mls::MlsMessage>(entry.message);
  if (!message) return false;
  const auto* plain = message->body.get_if<mls::PublicMessage>();
  return plain != nullptr && plain->content.content.tag() == type;
}

// One log entry for a partial member (draft-ietf-mls-partial): each
// verified proof adds its leaf to the ones the member can name.
Status receive_partial(Participant::State& state, const PartialEntry& entry, SyncReport& report) {
  auto& group = *state.partial;
  if (entry.kind == PartialEntryKind::annotated_commit) {
    auto annotated = codec::decode<mls::AnnotatedCommit>(entry.message);
    if (!annotated) return annotated.error();
    auto received = group.process(*annotated);
    if (!received) return received.error();
    if (!received->removed) prove_leaves(state, &annotated->sender_membership_proof_after);
    return take_received(state, *received, report);
  }
  if (entry.kind == PartialEntryKind::sender_authenticated) {
    auto authenticated = codec::decode<mls::SenderAuthenticatedMessage<mls::PrivateMessage>>(entry.message);
    if (!authenticated) return authenticated.error();
    const mls::MlsMessage message{mls::ProtocolVersion::mls10, {std::move(authenticated->message)}};
    auto received = group.process(message, authenticated->sender_membership_proof);
    if (!received) return received.error();
    prove_leaf(state, authenticated->sender_membership_proof);
    return take_received(state, *received, report);
  }
  // A proposal: a partial member never commits, so it keeps none.
  if (is_plain(entry, mls::ContentType::proposal)) return {};
  // Nothing annotated for this member: it cannot process the message.
  return Errc::partial_unsupported;
}

// An external Commit whose new leaf holds this member's signature key: its
// own resync (only the key's holder signs one that passes), whose outcome
// it lost (the server's answer, an exception, or the process gone before
// the record was written). Processed, it would read as this member's
// removal.
bool is_own_lost_resync(const Participant::State& state, const mls::MlsMessage& message) {
  const auto* plain = message.body.get_if<mls::PublicMessage>();
  if (plain == nullptr || !plain->content.sender.holds<mls::NewMemberCommitSender>()) return false;
  const auto* commit = plain->content.content.get_if<mls::Commit>();
  return commit != nullptr && commit->path && commit->path->leaf_node.signature_key == state.signing.public_key;
}

// One message of the log; an error refuses it and changes nothing. This
// member's own lost resync is refused too: the server took it, so the
// member is stranded, and resync() replaces the leaf it made.
Status receive(Participant::State& state, const PartialEntry& entry, SyncReport& report) {
  if (state.partial) return receive_partial(state, entry, report);
  auto message = codec::decode<mls::MlsMessage>(entry.message);
  if (!message) return message.error();
  if (is_own_lost_resync(state, *message)) return Errc::out_of_order;
  // Only proposals the roles allow reach the group, so that no Commit of
  // this member includes one the others refuse.
  if (auto screened = screen_proposal(state, *message); !screened) return screened;
  auto received = state.group->process(*message);
  if (!received) return received.error();
  if (received->kind == mls::Received::Kind::proposal) note_pending(state, *message);
  return take_received(state, *received, report);
}

bool is_commit(const PartialEntry& entry) {
  return entry.kind == PartialEntryKind::annotated_commit || is_plain(entry, mls::ContentType::commit);
}

// The log from the cursor, a page; a full member's entries as logged
// (PartialEntryKind::plain), a partial member's as the server annotated them.
Result<std::vector<PartialEntry>> read_page(MeetingServer& server, Participant::State& state) {
  if (state.partial) {
    return with_session(server, state, [&] { return server.partial_messages(state.token, state.cursor); });
  }
  auto messages = with_session(server, state, [&] { return server.messages(state.token, state.cursor); });
  if (!messages) return messages.error();
  std::vector<PartialEntry> entries;
  entries.reserve(messages->size());
  for (auto& message : *messages) entries.push_back({PartialEntryKind::plain, std::move(message)});
  return entries;
}

// Processes the log from the cursor, a page at a time, to its end; whether
// it refused a Commit.
Result<bool> read_log(MeetingServer& server, Participant::State& state, SyncReport& report) {
  bool refused_commit = false;
  for (;;) {
    auto entries = read_page(server, state);
    if (!entries) return entries.error();
    if (entries->empty()) return refused_commit;
    for (const auto& entry : *entries) {
      const std::uint64_t position = state.cursor;
      if (state.own_posts.erase(position) != 0) {
        state.cursor += 1;
        continue;
      }
      // The cursor passes the message only once it is read: a failure of
      // this member's crypto library (an error or an exception) is no fault
      // of the message, which the next sync reads again.
      if (auto received = receive(state, entry, report); !received) {
        if (received.error() == Errc::internal) return received.error();
        report.refused.emplace_back(position, received.error());
        refused_commit = refused_commit || is_commit(entry);
      }
      state.cursor += 1;
      // Each message's changes go with the cursor past it, in one write.
      if (auto saved = save_participant(state); !saved) return saved.error();
      if (state.removed) return refused_commit;
    }
  }
}

// The position of the post whose SHA-256 is `digest`, from the cursor on.
Result<std::optional<std::uint64_t>> find_post(MeetingServer& server, Participant::State& state, BytesView digest) {
  for (std::uint64_t position = state.cursor;;) {
    auto messages = with_session(server, state, [&] { return server.messages(state.token, position); });
    if (!messages) return messages.error();
    if (messages->empty()) return std::optional<std::uint64_t>{};
    for (const auto& bytes : *messages) {
      const Bytes hashed = crypto::hash(crypto::HashId::sha256, bytes);
      if (std::equal(hashed.begin(), hashed.end(), digest.begin(), digest.end())) return {position};
      position += 1;
    }
  }
}

// After a crash during a post (Participant::State::in_flight): the log
// says whether the server took it. Found, it is this member's own, and a
// staged Commit takes effect; not there once the log is read, it never
// will be, and a staged Commit is dropped. Nothing is written here: a crash
// before the next write settles it again, the same way.
Status settle_in_flight(MeetingServer& server, Participant::State& state) {
  if (!state.in_flight) return {};
  auto found = find_post(server, state, *state.in_flight);
  if (!found) return found.error();
  state.in_flight.reset();
  auto& group = *state.group;
  if (!*found) {
    group.discard_pending_commit();
    return {};
  }
  record_own_position(state, **found);
  if (!group.has_pending_commit()) return {};
  if (auto merged = group.merge_pending_commit(); !merged) return merged;
  return enter_epoch(state);
}

// The leaf of the GroupInfo's tree that holds this member's signature key:
// its own, or the one a resync the server took before a crash made (it may
// have taken a blank leaf to the left). Section 5.3: no two leaves share a
// signature key.
mls::LeafIndex leaf_to_replace(const mls::GroupInfo& info, const Participant::State& state) {
  const auto& group = *state.group;
  const auto* extension = mls::find_extension(info.extensions, mls::ExtensionType::ratchet_tree);
  if (extension == nullptr) return group.own_leaf();
  auto tree = mls::RatchetTree::from_encoded(group.suite(), extension->extension_data);
  if (!tree) return group.own_leaf();
  for (std::uint32_t leaf = 0; leaf < tree->leaf_count().value(); ++leaf) {
    const auto node = tree->leaf(mls::LeafIndex{leaf});
    if (node && node->signature_key == state.signing.public_key) return mls::LeafIndex{leaf};
  }
  return group.own_leaf();
}

// Section 12.4.3.2: an external Commit from the server's GroupInfo that
// replaces this member's leaf with the same credential and signature key
// (the meeting's resync rule), carrying the PSK.
Result<mls::Group::ExternalJoin> resync_group(MeetingServer& server, Participant::State& state) {
  auto info_bytes = with_session(server, state, [&] { return server.group_info(state.token); });
  if (!info_bytes) return info_bytes.error();
  auto message = codec::decode<mls::MlsMessage>(*info_bytes);
  if (!message) return message.error();
  const auto* info = message->body.get_if<mls::GroupInfo>();
  if (info == nullptr) return Errc::invalid_argument;
  const auto& group = *state.group;
  // The same group, and no epoch this member has passed: a server cannot
  // lead it back, or into another group.
  if (info->group_context.group_id != group.context().group_id) return Errc::wrong_group;
  if (info->group_context.epoch < group.epoch()) return Errc::wrong_epoch;
  const auto own = group.tree().leaf(group.own_leaf());
  if (!own) return Errc::not_in_group;
  auto bundle = key_package_for(state, own->credential, {state.signing.private_key.clone(), state.signing.public_key});
  if (!bundle) return bundle.error();
  const mls::ExternalJoinOptions join{.replacing = leaf_to_replace(*info, state),
                                      .psks = {password_psk_id(state, state.psk)}};
  return mls::Group::join_external(*info, std::move(*bundle), std::nullopt, meeting_config(state), *state.random,
                                   join);
}

Result<SyncReport> sync_log(MeetingServer& server, Participant::State& state) {
  if (state.removed) return Errc::not_in_group;
  if (auto settled = settle_in_flight(server, state); !settled) return settled.error();
  if (state.stranded) return SyncReport{.stranded = true};
  SyncReport report;
  bool refused_commit = false;
  // Reads until the log holds nothing new: a refused Commit is checked
  // against the server's epoch only once everything after it is read.
  for (;;) {
    auto read = read_log(server, state, report);
    if (!read) return read.error();
    refused_commit = refused_commit || *read;
    if (state.removed || !refused_commit) return report;
    auto epoch = with_session(server, state, [&] { return server.epoch(state.token); });
    if (!epoch) return epoch.error();
    if (*epoch <= with_group(state, [](const auto& group) { return group.epoch(); })) return report;
    auto more = with_session(server, state, [&] { return server.messages(state.token, state.cursor); });
    if (!more) return more.error();
    if (more->empty()) break;
  }
  // The server took a Commit this member refused: resync() is the way back.
  state.stranded = report.stranded = true;
  return report;
}

Status replace_leaf(MeetingServer& server, Participant::State& state) {
  if (state.removed) return Errc::not_in_group;
  // An external Commit: a partial member cannot make one (draft-ietf-mls-partial,
  // "Joining via External Commit").
  if (state.partial) return Errc::partial_unsupported;
  auto joined = resync_group(server, state);
  if (!joined) return joined.error();
  auto next_info = joined->group.group_info(true);
  if (!next_info) return next_info.error();
  // Not noted in flight: a resync whose outcome is lost, read back from the
  // log, strands the member (is_own_lost_resync()).
  auto posted = server.post_commit(state.token, {codec::encode(joined->commit), codec::encode(*next_info), std::nullopt});
  if (!posted) return posted.error();
  state.group.emplace(std::move(joined->group));
  if (state.store) {
    if (auto kept = state.group->persist(*state.store); !kept) return kept;
  }
  state.cursor = *posted + 1;
  state.own_posts.clear();
  state.stranded = false;
  return enter_epoch(state);
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
  return as_step(*state_, [&] { return sync_log(server, *state_); });
}

Status Participant::resync(MeetingServer& server) {
  return as_step(*state_, [&] { return replace_leaf(server, *state_); });
}

Status Participant::update(MeetingServer& server) {
  return as_step(*state_, [&] { return commit_and_post(server, *state_, {.force_path = true}, state_->psk); });
}

Status Participant::send_chat(MeetingServer& server, std::string_view text) {
  auto& state = *state_;
  return as_step(state, [&]() -> Status {
    if (state.removed) return Errc::not_in_group;
    return send_message(server, state, {MeetingMessageType::chat, crypto::Secret(as_bytes(text))});
  });
}

const mls::Group& Participant::group() const noexcept { return *state_->group; }
const mls::PartialGroup* Participant::partial_group() const noexcept {
  return state_->partial ? &*state_->partial : nullptr;
}
std::uint64_t Participant::epoch() const noexcept {
  return with_group(*state_, [](const auto& group) { return group.epoch(); });
}
std::uint32_t Participant::own_leaf() const noexcept {
  return with_group(*state_, [](const auto& group) { return group.own_leaf().value; });
}
bool Participant::is_host() const noexcept { return holds_host_role(*state_); }
bool Participant::removed() const noexcept { return state_->removed; }
const MeetingLink& Participant::link() const noexcept { return state_->link; }
const std::string& Participant::meeting_title() const noexcept { return state_->title; }

Result<SecurityCode> Participant::security_code() const {
  return with_group(*state_, [](const auto& group) { return SecurityCode::of(group.epoch(), group.epoch_authenticator()); });
}

namespace {

// The credential at `leaf`: from the tree, or for a partial member from a
// proof it verified in this epoch.
Result<mls::Credential> credential_at(const Participant::State& state, std::uint32_t leaf) {
  if (state.partial) {
    const auto proven = state.proven.find(leaf);
    if (proven == state.proven.end()) return Errc::partial_unsupported;
    return proven->second;
  }
  const auto node = state.group->tree().leaf(mls::LeafIndex{leaf});
  if (!node) return Errc::invalid_sender;
  return node->credential;
}

}  // namespace

Result<std::string> Participant::display_name(std::uint32_t leaf) const {
  auto credential = credential_at(*state_, leaf);
  if (!credential) return credential.error();
  const auto* basic = credential->get_if<mls::BasicCredential>();
  if (basic == nullptr) return Errc::invalid_sender;
  auto name = state_->metadata.open(Metadata::display_name, basic->identity);
  // A name sealed before a link rotation opens under that link's key.
  for (const auto& earlier : state_->earlier_session_keys) {
    if (name || name.error() != Errc::aead_failure) break;
    auto metadata = MetadataKey::derive(earlier.view());
    if (!metadata) return metadata.error();
    name = metadata->open(Metadata::display_name, basic->identity);
  }
  return name;
}

frame::MlsSFrame* Participant::sframe() noexcept { return state_->sframe ? &*state_->sframe : nullptr; }
frame::LiveKitCryptor* Participant::livekit() noexcept { return state_->livekit ? &*state_->livekit : nullptr; }

}  // namespace conclave::meeting
