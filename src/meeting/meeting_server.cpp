#include "conclave/meeting/meeting_server.hpp"

#include <algorithm>
#include <set>

#include "conclave/crypto/hash.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/message.hpp"
#include "meeting_policy.hpp"

namespace conclave::meeting {

namespace {

constexpr std::size_t token_size = 32;

std::string token_key(BytesView token) {
  const Bytes digest = crypto::hash(crypto::HashId::sha256, token);
  return std::string(digest.begin(), digest.end());
}

std::string key_of(BytesView bytes) { return std::string(bytes.begin(), bytes.end()); }

using Authenticated = mls::SenderAuthenticatedMessage<mls::PrivateMessage>;

// An application message of `epoch` from `leaf` (draft-ietf-mls-partial,
// "Application Messages"): a PrivateMessage that is not a Commit, with the
// proof of the sender's leaf in `group`'s tree.
Result<Authenticated> application_message(BytesView message, const mls::PublicGroup& group, std::uint32_t leaf) {
  auto decoded = codec::decode<Authenticated>(message);
  if (!decoded) return decoded.error();
  if (decoded->message.content_type == mls::ContentType::commit) return Errc::content_not_allowed;
  if (decoded->message.epoch != group.context().epoch) return Errc::wrong_epoch;
  const auto& proof = decoded->sender_membership_proof;
  if (proof.leaf_index != leaf) return Errc::membership_proof_invalid;
  if (auto valid = mls::verify_membership_proof(group.suite(), proof, group.context().tree_hash); !valid) {
    return valid.error();
  }
  return decoded;
}

Result<mls::GroupInfo> group_info_of(BytesView group_info) {
  auto decoded = codec::decode<mls::MlsMessage>(group_info);
  if (!decoded) return Errc::invalid_argument;
  auto* info = decoded->body.get_if<mls::GroupInfo>();
  if (info == nullptr) return Errc::invalid_argument;
  return std::move(*info);
}

Result<mls::Welcome> welcome_of(BytesView welcome) {
  auto decoded = codec::decode<mls::MlsMessage>(welcome);
  if (!decoded) return decoded.error();
  const auto* body = decoded->body.get_if<mls::Welcome>();
  if (body == nullptr) return Errc::invalid_argument;
  return *body;
}

// A Commit as a PublicMessage of `epoch`: what the server can check.
Result<mls::MlsMessage> public_commit(BytesView commit, std::uint64_t epoch) {
  auto decoded = codec::decode<mls::MlsMessage>(commit);
  if (!decoded) return decoded.error();
  const auto* plain = decoded->body.get_if<mls::PublicMessage>();
  if (plain == nullptr || !plain->content.content.holds<mls::Commit>()) return Errc::content_not_allowed;
  if (plain->content.epoch != epoch) return Errc::wrong_epoch;
  return decoded;
}

std::optional<std::uint32_t> member_sender(const mls::Sender& sender) {
  const auto* member = sender.get_if<mls::MemberSender>();
  if (member == nullptr) return std::nullopt;
  return member->leaf_index;
}

// What the way back needs of the GroupInfo the server publishes (section
// 12.4.3.2): the ratchet tree (PublicGroup checks it is the group's) and
// an external_pub that is a public key of the suite.
Status usable_for_joins(const mls::CipherSuite& suite, const mls::GroupInfo& info) {
  if (mls::find_extension(info.extensions, mls::ExtensionType::ratchet_tree) == nullptr) {
    return Errc::invalid_argument;
  }
  const auto* external = mls::find_extension(info.extensions, mls::ExtensionType::external_pub);
  if (external == nullptr) return Errc::invalid_argument;
  auto key = codec::decode<mls::ExternalPub>(external->extension_data);
  if (!key) return Errc::invalid_argument;
  return suite.hpke().kem().validate_public_key(key->external_pub);
}

// A resync's Remove: the leaf an external Commit takes over.
std::optional<std::uint32_t> resynced_leaf(const mls::Commit& commit) {
  for (const auto& entry : commit.proposals) {
    const auto* proposal = entry.get_if<mls::Proposal>();
    if (proposal == nullptr) continue;
    if (const auto* remove = proposal->get_if<mls::Remove>()) return remove->removed;
  }
  return std::nullopt;
}

// Who may send `content`, from a session bound to `leaf`: a member's Commit
// comes from its own session; an external Commit from a session of no
// member, or of the member it resyncs.
Status may_send(std::optional<std::uint32_t> leaf, const mls::FramedContent& content) {
  if (const auto member = member_sender(content.sender)) {
    return leaf == member ? Status{} : Status{Errc::not_permitted};
  }
  if (!leaf) return {};
  return resynced_leaf(*content.content.get_if<mls::Commit>()) == leaf ? Status{} : Status{Errc::not_permitted};
}

// The Welcome with only `ref`'s entry: a partial joiner's is of log size.
mls::Welcome welcome_for(const mls::Welcome& welcome, BytesView ref) {
  mls::Welcome only{welcome.cipher_suite, {}, welcome.encrypted_group_info};
  for (const auto& entry : welcome.secrets) {
    if (std::equal(entry.new_member.begin(), entry.new_member.end(), ref.begin(), ref.end())) {
      only.secrets.push_back(entry);
    }
  }
  return only;
}

// The AnnotatedWelcome of each partial joiner the Commit added, from the
// tree after it; from now on the server annotates for its leaf.
void annotate_joiners(PartialAnnotations& partial, const mls::PublicGroup& group, const mls::Welcome& welcome,
                      const mls::PublicCommit& done) {
  for (const auto& [leaf, ref] : done.added) {
    const auto requested = partial.requested.find(key_of(ref));
    if (requested == partial.requested.end()) continue;
    partial.requested.erase(requested);
    auto annotated = mls::annotate_welcome(group.tree(), welcome_for(welcome, ref), done.committer, leaf);
    if (!annotated) continue;  // its joiner then finds no AnnotatedWelcome
    partial.welcomes[key_of(ref)] = codec::encode(*annotated);
    partial.leaves.insert(leaf.value);
  }
}

// The AnnotatedCommit of a partial member the Commit removes. Its leaf is
// blank in the tree after, so no proof of it there exists: the committer's
// proof after stands in for it (the two reference the same tree, as
// draft-ietf-mls-partial's step 2 checks), and the member authenticates
// the Commit by the committer's proof before and finds its own Remove. The
// resolution index, present exactly with a path, is not read then.
Result<mls::AnnotatedCommit> removal_annotation(const mls::PublicGroup& group, const mls::CommitAnnotationInput& input) {
  auto sender_after = mls::make_membership_proof(group.tree(), input.committer);
  if (!sender_after) return sender_after.error();
  const auto resolution_index = input.has_path ? std::optional<std::uint32_t>{0} : std::nullopt;
  return mls::AnnotatedCommit{{}, input.sender_before, group.context().tree_hash, resolution_index, *sender_after,
                              *sender_after};
}

// An AnnotatedCommit for each partial member but the committer, from the
// tree after the Commit, kept as the parts all share and each one's own;
// the members it removes leave the annotated.
void annotate_commit(PartialAnnotations& partial, const mls::PublicGroup& group,
                     const mls::CommitAnnotationInput& input, const std::vector<mls::LeafIndex>& removed,
                     std::uint64_t position) {
  const auto is_removed = [&](std::uint32_t leaf) {
    return std::any_of(removed.begin(), removed.end(), [&](mls::LeafIndex r) { return r.value == leaf; });
  };
  CommitAnnotations annotations;
  for (const std::uint32_t leaf : partial.leaves) {
    if (leaf == input.committer.value) continue;
    auto annotated = is_removed(leaf) ? removal_annotation(group, input)
                                      : mls::annotate_commit(group.tree(), input, mls::LeafIndex{leaf});
    if (!annotated) continue;  // its reader then gets the plain Commit and refuses it
    annotations.readers.emplace(leaf, ReaderAnnotation{annotated->resolution_index,
                                                       std::move(annotated->receiver_membership_proof_after)});
    if (annotations.readers.size() > 1) continue;
    annotated->commit = {};  // the log holds it once
    annotated->resolution_index.reset();
    annotations.shared = std::move(*annotated);
  }
  if (!annotations.readers.empty()) partial.commits.emplace(position, std::move(annotations));
  for (const auto leaf : removed) partial.leaves.erase(leaf.value);
}

// The Welcome, for each KeyPackage the Commit added (and no other: a
// member cannot take another joiner's place in the queue).
void keep_welcome(MeetingRecord& record, const mls::Welcome& welcome, Bytes bytes, const mls::GroupInfo& info,
                  const std::vector<std::pair<mls::LeafIndex, Bytes>>& added, std::uint64_t position) {
  std::set<std::string, std::less<>> refs;
  for (const auto& leaf : added) refs.insert(key_of(leaf.second));
  auto shared = std::make_shared<const Bytes>(std::move(bytes));
  // usable_for_joins() found it.
  const auto* tree = mls::find_extension(info.extensions, mls::ExtensionType::ratchet_tree);
  auto shared_tree = std::make_shared<const Bytes>(tree->extension_data);
  for (const auto& entry : welcome.secrets) {
    auto ref = key_of(entry.new_member);
    if (refs.count(ref) != 0) record.welcomes[std::move(ref)] = {shared, shared_tree, position};
  }
}

}  // namespace

MeetingServer::MeetingServer(const srp::Variant& variant, crypto::RandomSource& random, ServerLimits limits)
    : variant_(&variant), random_(&random), limits_(limits) {}

Status MeetingServer::register_at(std::size_t meeting, MeetingRegistration registration) {
  const auto& id = registration.meeting_id;
  if (id.empty() || ids_.count(id) != 0) return Errc::invalid_argument;
  if (registration.verifier.identity != Bytes(id.begin(), id.end())) return Errc::invalid_argument;
  auto& record = meetings_[meeting];
  if (!record.group) {
    auto info = group_info_of(registration.group_info);
    if (!info) return info.error();
    auto group = mls::PublicGroup::from_group_info(*info, std::nullopt, meeting_rules());
    if (!group) return group.error();
    record.group.emplace(std::move(*group));
    record.epoch = record.group->context().epoch;
  }
  ids_.erase(record.registration.meeting_id);
  ids_.emplace(id, meeting);
  record.registration = std::move(registration);
  return {};
}

Result<Bytes> MeetingServer::create_meeting(MeetingRegistration registration) {
  const std::lock_guard lock(mutex_);
  meetings_.emplace_back();
  if (auto registered = register_at(meetings_.size() - 1, std::move(registration)); !registered) {
    meetings_.pop_back();
    return registered.error();
  }
  meeting_sessions_.emplace_back();
  const auto roles = meeting_roles_of(meetings_.back().group->context().extensions);
  return issue_token(meetings_.size() - 1, roles ? std::optional<std::uint32_t>(roles->host) : std::nullopt);
}

Bytes MeetingServer::issue_token(std::size_t meeting, std::optional<std::uint32_t> leaf) {
  Bytes token(token_size);
  random_->fill(token);
  const std::string key = token_key(token);
  auto& session = sessions_[key];
  session = Session{meeting, std::nullopt, std::nullopt};
  if (leaf) {
    bind(key, session, *leaf);
  } else {
    meeting_sessions_[meeting].unbound.insert(key);
  }
  return token;
}

void MeetingServer::unbind(const std::string& key, Session& session) {
  auto& index = meeting_sessions_[session.meeting];
  if (session.leaf) {
    index.by_leaf[*session.leaf].erase(key);
  } else {
    index.unbound.erase(key);
  }
  session.leaf.reset();
}

// A member's sessions that a rotation ended go once it binds a new one.
void MeetingServer::bind(const std::string& key, Session& session, std::uint32_t leaf) {
  unbind(key, session);
  auto& bound = meeting_sessions_[session.meeting].by_leaf[leaf];
  for (auto it = bound.begin(); it != bound.end();) {
    const auto ended = sessions_.find(*it);
    if (ended != sessions_.end() && ended->second.ended_at) {
      sessions_.erase(ended);
      it = bound.erase(it);
    } else {
      ++it;
    }
  }
  session.leaf = leaf;
  bound.insert(key);
}

// The sessions of a removed member end: they read the log up to `end`
// (the Commit that removed it), then go.
void MeetingServer::revoke_member(std::size_t meeting, std::uint32_t leaf, std::uint64_t end) {
  auto& index = meeting_sessions_[meeting];
  const auto found = index.by_leaf.find(leaf);
  if (found == index.by_leaf.end()) return;
  for (const auto& key : found->second) {
    auto& session = sessions_[key];
    // It keeps its leaf: a partial member reads what was annotated for it
    // up to its removal.
    session.revoked = true;
    session.ended_at = std::min(session.ended_at.value_or(end), end);
  }
  index.by_leaf.erase(found);
}

Result<MeetingServer::Session*> MeetingServer::live_session(BytesView token, bool ended_too) {
  const auto found = sessions_.find(token_key(token));
  if (found == sessions_.end() || found->second.revoked) return Errc::unknown_meeting;
  if (found->second.ended_at && !ended_too) return Errc::session_expired;
  return &found->second;
}

Result<const MeetingServer::Session*> MeetingServer::live_session(BytesView token, bool ended_too) const {
  const auto found = sessions_.find(token_key(token));
  if (found == sessions_.end() || found->second.revoked) return Errc::unknown_meeting;
  if (found->second.ended_at && !ended_too) return Errc::session_expired;
  return &found->second;
}

// A member's session, or one a rotation or a removal ended.
Result<const MeetingServer::Session*> MeetingServer::member_session(BytesView token) const {
  const auto found = sessions_.find(token_key(token));
  if (found == sessions_.end()) return Errc::unknown_meeting;
  const Session& session = found->second;
  if (!session.leaf && !session.revoked) return Errc::not_permitted;
  return &session;
}

// A session of the host (or, unless `host_only`, of a co-host) by the
// roles of the current epoch.
Result<std::size_t> MeetingServer::hosted_by(BytesView token, bool host_only) const {
  auto session = live_session(token);
  if (!session) return session.error();
  const auto& leaf = (*session)->leaf;
  auto roles = meeting_roles_of(meetings_[(*session)->meeting].group->context().extensions);
  if (!roles || !leaf) return Errc::not_permitted;
  const bool allowed = host_only ? *leaf == roles->host : roles->holds_role(*leaf);
  return allowed ? Result<std::size_t>((*session)->meeting) : Result<std::size_t>(Errc::not_permitted);
}

// At most ServerLimits::pending_logins per meeting: a new one pushes out
// the oldest, so that no one can block a meeting's logins for good.
Result<LoginChallenge> MeetingServer::begin_login(std::string_view meeting_id, BytesView client_key) {
  const std::lock_guard lock(mutex_);
  const auto found = ids_.find(meeting_id);
  if (found == ids_.end()) return Errc::unknown_meeting;
  const std::size_t meeting = found->second;
  auto server = srp::Server::create(*variant_, meetings_[meeting].registration.verifier, *random_);
  if (!server) return server.error();
  auto server_key = server->challenge();
  if (!server_key) return server_key.error();
  if (auto received = server->receive(client_key); !received) return received.error();
  auto& pending = meeting_sessions_[meeting].logins;
  if (pending.size() >= limits_.pending_logins && !pending.empty()) {
    logins_.erase(pending.begin()->second);
    pending.erase(pending.begin());
  }
  // An unguessable handle: no one finishes, or cancels, another's login.
  std::uint64_t login = 0;
  while (login == 0 || logins_.count(login) != 0) {
    Bytes handle(sizeof login);
    random_->fill(handle);
    login = codec::decode<std::uint64_t>(handle).value();
  }
  const std::uint64_t order = next_login_++;
  Bytes salt = server->salt();
  logins_.emplace(login, Login{meeting, order, std::move(*server)});
  pending.emplace(order, login);
  return LoginChallenge{login, std::move(salt), std::move(*server_key)};
}

Result<LoginResult> MeetingServer::finish_login(std::uint64_t login, BytesView client_proof) {
  const std::lock_guard lock(mutex_);
  auto found = logins_.find(login);
  if (found == logins_.end()) return Errc::unknown_meeting;
  auto server_proof = found->second.server.verify(client_proof);
  const std::size_t meeting = found->second.meeting;
  meeting_sessions_[meeting].logins.erase(found->second.order);
  logins_.erase(found);
  if (!server_proof) return server_proof.error();
  if (meeting_sessions_[meeting].unbound.size() >= limits_.unbound_sessions) return Errc::not_permitted;
  return LoginResult{std::move(*server_proof), issue_token(meeting, std::nullopt)};
}

// A session a rotation ended may still bind: a guest admitted just before
// the rotation joins from its Welcome, then reads on to learn the new link.
Status MeetingServer::bind_session(BytesView token, std::uint32_t leaf, BytesView signature) {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token, true);
  if (!session) return session.error();
  if ((*session)->leaf && *(*session)->leaf != leaf) return Errc::not_permitted;
  const auto& group = *meetings_[(*session)->meeting].group;
  const auto member = group.tree().leaf(mls::LeafIndex{leaf});
  if (!member) return Errc::invalid_sender;
  const Bytes digest = crypto::hash(crypto::HashId::sha256, token);
  if (auto verified = group.suite().verify_with_label(member->signature_key, session_binding_label, digest, signature);
      !verified) {
    return verified.error();
  }
  bind(token_key(token), **session, leaf);
  return {};
}

Result<SealedMetadata> MeetingServer::sealed_metadata(BytesView token) const {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  if (meetings_[(*session)->meeting].locked && !(*session)->leaf) return Errc::not_permitted;
  const auto& registration = meetings_[(*session)->meeting].registration;
  return SealedMetadata{registration.wrapped_session_key, registration.sealed_title,
                        registration.sealed_earlier_keys};
}

Result<Bytes> MeetingServer::group_info(BytesView token) const {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  const auto& record = meetings_[(*session)->meeting];
  if (record.locked && !(*session)->leaf) return Errc::not_permitted;
  return record.registration.group_info;
}

Status MeetingServer::request_join(BytesView token, Bytes join_request, Membership membership) {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  auto& record = meetings_[(*session)->meeting];
  if (record.locked || record.join_requests.size() >= limits_.join_requests) return Errc::not_permitted;
  if (join_request.size() > limits_.join_request_size) return Errc::length_limit;
  if (membership == Membership::partial) {
    if (record.partial.requested.size() >= limits_.join_requests) return Errc::not_permitted;
    auto request = codec::decode<JoinRequest>(join_request);
    if (!request) return request.error();
    record.partial.requested.insert(key_of(mls::key_package_ref(record.group->suite(), request->key_package)));
  }
  record.join_requests.push_back(std::move(join_request));
  return {};
}

Result<PendingWelcome> MeetingServer::welcome(BytesView token, BytesView key_package_ref) const {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token, true);
  if (!session) return session.error();
  const auto& welcomes = meetings_[(*session)->meeting].welcomes;
  const auto found = welcomes.find(key_of(key_package_ref));
  if (found == welcomes.end()) return Errc::unknown_meeting;
  const auto& annotated = meetings_[(*session)->meeting].partial.welcomes;
  const auto partial = annotated.find(key_of(key_package_ref));
  return PendingWelcome{*found->second.welcome, found->second.position, *found->second.ratchet_tree,
                        partial == annotated.end() ? Bytes{} : partial->second};
}

Result<std::vector<Bytes>> MeetingServer::messages(BytesView token, std::uint64_t from) {
  const std::lock_guard lock(mutex_);
  return read_log(token, from);
}

Result<std::vector<PartialEntry>> MeetingServer::partial_messages(BytesView token, std::uint64_t from) {
  const std::lock_guard lock(mutex_);
  const auto found = sessions_.find(token_key(token));
  const auto leaf = found == sessions_.end() ? std::nullopt : found->second.leaf;
  const std::size_t meeting = found == sessions_.end() ? 0 : found->second.meeting;
  auto messages = read_log(token, from);
  if (!messages) return messages.error();
  std::vector<PartialEntry> entries;
  entries.reserve(messages->size());
  for (auto& message : *messages) {
    entries.push_back(partial_entry(meetings_[meeting].partial, leaf, from++, std::move(message)));
  }
  return entries;
}

// A log entry with what the server annotated for a partial reader at `leaf`.
PartialEntry MeetingServer::partial_entry(const PartialAnnotations& partial, std::optional<std::uint32_t> leaf,
                                          std::uint64_t position, Bytes message) {
  auto decoded = codec::decode<mls::MlsMessage>(message);
  const auto commits = partial.commits.find(position);
  if (decoded && leaf && commits != partial.commits.end()) {
    const auto reader = commits->second.readers.find(*leaf);
    if (reader != commits->second.readers.end()) {
      auto whole = commits->second.shared;
      whole.commit = std::move(*decoded);
      whole.resolution_index = reader->second.resolution_index;
      whole.receiver_membership_proof_after = reader->second.receiver_after;
      return {PartialEntryKind::annotated_commit, codec::encode(whole)};
    }
  }
  const auto sender = partial.senders.find(position);
  const auto* sealed = decoded ? decoded->body.get_if<mls::PrivateMessage>() : nullptr;
  if (sealed != nullptr && sender != partial.senders.end()) {
    return {PartialEntryKind::sender_authenticated, codec::encode(Authenticated{*sealed, sender->second})};
  }
  return {PartialEntryKind::plain, std::move(message)};
}

// The log from `from` for the session of `token` (see messages()).
Result<std::vector<Bytes>> MeetingServer::read_log(BytesView token, std::uint64_t from) {
  auto found = member_session(token);
  if (!found) return found.error();
  const Session& session = **found;
  const auto& log = meetings_[session.meeting].log;
  const std::uint64_t end = session.ended_at.value_or(log.size());
  if (session.ended_at && from >= end) {
    if (!session.revoked) return Errc::session_expired;
    sessions_.erase(token_key(token));  // a removed member's session, read to its end
    return Errc::unknown_meeting;
  }
  if (from >= end) return std::vector<Bytes>{};
  const std::uint64_t last = std::min<std::uint64_t>(end, from + limits_.messages_per_read);
  return std::vector<Bytes>(log.begin() + static_cast<std::ptrdiff_t>(from),
                            log.begin() + static_cast<std::ptrdiff_t>(last));
}

Result<std::uint64_t> MeetingServer::epoch(BytesView token) const {
  const std::lock_guard lock(mutex_);
  auto session = member_session(token);
  if (!session) return session.error();
  if ((*session)->revoked) return Errc::unknown_meeting;
  return meetings_[(*session)->meeting].epoch;
}

Result<std::uint64_t> MeetingServer::post(BytesView token, Bytes message) {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  if (!(*session)->leaf) return Errc::not_permitted;
  auto& record = meetings_[(*session)->meeting];
  auto application = application_message(message, *record.group, *(*session)->leaf);
  if (!application) return application.error();
  const std::uint64_t position = record.log.size();
  record.log.push_back(codec::encode(mls::MlsMessage{mls::ProtocolVersion::mls10, {std::move(application->message)}}));
  record.partial.senders.emplace(position, std::move(application->sender_membership_proof));
  return position;
}

Result<std::uint64_t> MeetingServer::post_proposal(BytesView token, Bytes proposal) {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  if (!(*session)->leaf) return Errc::not_permitted;
  auto& record = meetings_[(*session)->meeting];
  auto message = codec::decode<mls::MlsMessage>(proposal);
  if (!message) return message.error();
  const auto* plain = message->body.get_if<mls::PublicMessage>();
  if (plain == nullptr || !plain->content.content.holds<mls::Proposal>()) return Errc::content_not_allowed;
  if (plain->content.epoch != record.epoch) return Errc::wrong_epoch;
  if (member_sender(plain->content.sender) != (*session)->leaf) return Errc::not_permitted;
  const auto& context = record.group->context();
  if (auto allowed = check_meeting_proposal(context, plain->content.sender, *plain->content.content.get_if<mls::Proposal>());
      !allowed) {
    return allowed.error();
  }
  if (auto cached = record.group->process(*message); !cached) return cached.error();
  const std::uint64_t position = record.log.size();
  record.log.push_back(std::move(proposal));
  return position;
}

Result<std::uint64_t> MeetingServer::post_commit(BytesView token, CommitPost post) {
  const std::lock_guard lock(mutex_);
  auto session = live_session(token);
  if (!session) return session.error();
  return append_commit(token_key(token), **session, std::move(post));
}

// Every check runs before anything changes: the follower stages the
// Commit and keeps it only with a GroupInfo of the epoch it leads to.
Result<std::uint64_t> MeetingServer::append_commit(const std::string& key, Session& session, CommitPost post) {
  auto& record = meetings_[session.meeting];
  auto commit = public_commit(post.commit, record.epoch);
  if (!commit) return commit.error();
  const auto& content = commit->body.get_if<mls::PublicMessage>()->content;
  if (auto allowed = may_send(session.leaf, content); !allowed) return allowed.error();
  auto info = group_info_of(post.group_info);
  if (!info) return info.error();
  if (auto usable = usable_for_joins(record.group->suite(), *info); !usable) return usable.error();
  std::optional<mls::Welcome> welcome;
  if (post.welcome) {
    auto parsed = welcome_of(*post.welcome);
    if (!parsed) return parsed.error();
    welcome = std::move(*parsed);
  }
  // draft-ietf-mls-partial, "Annotated Commit": follow() keeps what the
  // annotations need, the committer's proof in the tree before among it.
  auto followed = record.group->follow(*commit, *info);
  if (!followed) return followed.error();
  const auto& done = followed->applied;

  const std::uint64_t position = record.log.size();
  annotate_commit(record.partial, *record.group, followed->annotation, done.removed, position);
  if (welcome) annotate_joiners(record.partial, *record.group, *welcome, done);
  if (welcome) keep_welcome(record, *welcome, std::move(*post.welcome), *info, done.added, position + 1);
  // A resync's own session outlives its old leaf and moves to the new one.
  const bool external = !member_sender(content.sender);
  if (external) unbind(key, session);
  for (const auto& removed : done.removed) revoke_member(session.meeting, removed.value, position + 1);
  if (external) bind(key, session, done.committer.value);
  record.epoch = record.group->context().epoch;
  record.registration.group_info = std::move(post.group_info);
  record.log.push_back(std::move(post.commit));
  return position;
}

Result<std::vector<Bytes>> MeetingServer::take_join_requests(BytesView host_token) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token, false);
  if (!meeting) return meeting.error();
  return std::exchange(meetings_[*meeting].join_requests, {});
}

Status MeetingServer::set_locked(BytesView host_token, bool locked) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token, false);
  if (!meeting) return meeting.error();
  meetings_[*meeting].locked = locked;
  return {};
}

Status MeetingServer::rotate(BytesView host_token, MeetingRegistration next) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token, true);
  if (!meeting) return meeting.error();
  const auto host = (*live_session(host_token))->leaf;
  next.group_info = meetings_[*meeting].registration.group_info;
  if (auto registered = register_at(*meeting, std::move(next)); !registered) return registered;
  // Logins begun under the old verifier end; members' sessions read up to
  // here.
  auto& index = meeting_sessions_[*meeting];
  for (const auto& [order, login] : index.logins) logins_.erase(login);
  index.logins.clear();
  // Sessions of no member end too, and go at the next rotation: until then
  // they may only fetch a Welcome and bind.
  const std::uint64_t end = meetings_[*meeting].log.size();
  for (auto it = index.unbound.begin(); it != index.unbound.end();) {
    auto& session = sessions_[*it];
    if (session.ended_at) {
      sessions_.erase(*it);
      it = index.unbound.erase(it);
    } else {
      session.ended_at = end;
      ++it;
    }
  }
  for (const auto& [leaf, keys] : index.by_leaf) {
    for (const auto& key : keys) {
      auto& session = sessions_[key];
      if (leaf != host && !session.ended_at) session.ended_at = end;
    }
  }
  return {};
}

const MeetingRecord* MeetingServer::record(std::string_view meeting_id) const {
  const auto found = ids_.find(meeting_id);
  return found == ids_.end() ? nullptr : &meetings_[found->second];
}

}  // namespace conclave::meeting
