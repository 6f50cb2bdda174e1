#include "conclave/meeting/meeting_server.hpp"

#include "conclave/crypto/hash.hpp"
#include "conclave/mls/message.hpp"

namespace conclave::meeting {

namespace {

constexpr std::size_t token_size = 32;
constexpr std::size_t max_pending_logins = 4096;
constexpr std::size_t max_join_requests = 4096;

std::string token_key(BytesView token) {
  const Bytes digest = crypto::hash(crypto::HashId::sha256, token);
  return std::string(digest.begin(), digest.end());
}

std::string key_of(BytesView bytes) { return std::string(bytes.begin(), bytes.end()); }

// What the server reads of a message: its epoch, and whether it commits.
struct Header {
  std::uint64_t epoch = 0;
  bool commit = false;
};

Result<Header> header_of(BytesView message) {
  auto decoded = codec::decode<mls::MlsMessage>(message);
  if (!decoded) return decoded.error();
  if (const auto* plain = decoded->body.get_if<mls::PublicMessage>()) {
    return Header{plain->content.epoch, plain->content.content.holds<mls::Commit>()};
  }
  if (const auto* sealed = decoded->body.get_if<mls::PrivateMessage>()) {
    return Header{sealed->epoch, sealed->content_type == mls::ContentType::commit};
  }
  return Errc::content_not_allowed;
}

Result<std::uint64_t> group_info_epoch(BytesView group_info) {
  auto decoded = codec::decode<mls::MlsMessage>(group_info);
  if (!decoded) return Errc::invalid_argument;
  const auto* info = decoded->body.get_if<mls::GroupInfo>();
  if (info == nullptr) return Errc::invalid_argument;
  return info->group_context.epoch;
}

Result<mls::Welcome> welcome_of(BytesView welcome) {
  auto decoded = codec::decode<mls::MlsMessage>(welcome);
  if (!decoded) return decoded.error();
  const auto* body = decoded->body.get_if<mls::Welcome>();
  if (body == nullptr) return Errc::invalid_argument;
  return *body;
}

}  // namespace

MeetingServer::MeetingServer(const srp::Variant& variant, crypto::RandomSource& random)
    : variant_(&variant), random_(&random) {}

Status MeetingServer::register_at(std::size_t meeting, MeetingRegistration registration) {
  const auto& id = registration.meeting_id;
  if (id.empty() || ids_.count(id) != 0) return Errc::invalid_argument;
  if (registration.verifier.identity != Bytes(id.begin(), id.end())) return Errc::invalid_argument;
  auto epoch = group_info_epoch(registration.group_info);
  if (!epoch) return epoch.error();
  auto& record = meetings_[meeting];
  ids_.erase(record.registration.meeting_id);
  ids_.emplace(id, meeting);
  record.epoch = *epoch;
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
  return issue_token(meetings_.size() - 1, true);
}

Bytes MeetingServer::issue_token(std::size_t meeting, bool host) {
  Bytes token(token_size);
  random_->fill(token);
  sessions_[token_key(token)] = Session{meeting, host};
  return token;
}

Result<std::size_t> MeetingServer::meeting_of(BytesView token) const {
  const auto found = sessions_.find(token_key(token));
  if (found == sessions_.end()) return Errc::unknown_meeting;
  return found->second.meeting;
}

Result<std::size_t> MeetingServer::hosted_by(BytesView host_token) const {
  const auto found = sessions_.find(token_key(host_token));
  if (found == sessions_.end()) return Errc::unknown_meeting;
  if (!found->second.host) return Errc::not_permitted;
  return found->second.meeting;
}

Result<LoginChallenge> MeetingServer::begin_login(std::string_view meeting_id, BytesView client_key) {
  const std::lock_guard lock(mutex_);
  const auto found = ids_.find(meeting_id);
  if (found == ids_.end()) return Errc::unknown_meeting;
  const auto& record = meetings_[found->second];
  if (record.locked || logins_.size() >= max_pending_logins) return Errc::not_permitted;
  auto server = srp::Server::create(*variant_, record.registration.verifier, *random_);
  if (!server) return server.error();
  auto server_key = server->challenge();
  if (!server_key) return server_key.error();
  if (auto received = server->receive(client_key); !received) return received.error();
  const std::uint64_t login = next_login_++;
  Bytes salt = server->salt();
  logins_.emplace(login, Login{found->second, std::move(*server)});
  return LoginChallenge{login, std::move(salt), std::move(*server_key)};
}

Result<LoginResult> MeetingServer::finish_login(std::uint64_t login, BytesView client_proof) {
  const std::lock_guard lock(mutex_);
  auto found = logins_.find(login);
  if (found == logins_.end()) return Errc::unknown_meeting;
  auto server_proof = found->second.server.verify(client_proof);
  const std::size_t meeting = found->second.meeting;
  logins_.erase(found);
  if (!server_proof) return server_proof.error();
  return LoginResult{std::move(*server_proof), issue_token(meeting, false)};
}

Result<SealedMetadata> MeetingServer::sealed_metadata(BytesView token) const {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  const auto& registration = meetings_[*meeting].registration;
  return SealedMetadata{registration.wrapped_session_key, registration.sealed_title};
}

Result<Bytes> MeetingServer::group_info(BytesView token) const {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  if (meetings_[*meeting].locked) return Errc::not_permitted;
  return meetings_[*meeting].registration.group_info;
}

Status MeetingServer::request_join(BytesView token, Bytes join_request) {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  auto& record = meetings_[*meeting];
  if (record.locked || record.join_requests.size() >= max_join_requests) return Errc::not_permitted;
  record.join_requests.push_back(std::move(join_request));
  return {};
}

Result<PendingWelcome> MeetingServer::welcome(BytesView token, BytesView key_package_ref) const {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  const auto& welcomes = meetings_[*meeting].welcomes;
  const auto found = welcomes.find(key_of(key_package_ref));
  if (found == welcomes.end()) return Errc::unknown_meeting;
  return PendingWelcome{*found->second.first, found->second.second};
}

Result<std::vector<Bytes>> MeetingServer::messages(BytesView token, std::uint64_t from) const {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  const auto& log = meetings_[*meeting].log;
  if (from >= log.size()) return std::vector<Bytes>{};
  return std::vector<Bytes>(log.begin() + static_cast<std::ptrdiff_t>(from), log.end());
}

Result<std::uint64_t> MeetingServer::post(BytesView token, Bytes message, std::optional<Bytes> welcome) {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  auto& record = meetings_[*meeting];
  auto header = header_of(message);
  if (!header) return header.error();
  if (header->epoch != record.epoch) return Errc::wrong_epoch;
  if (welcome && !header->commit) return Errc::invalid_argument;
  const std::uint64_t position = record.log.size();
  if (welcome) {
    auto parsed = welcome_of(*welcome);
    if (!parsed) return parsed.error();
    auto shared = std::make_shared<const Bytes>(std::move(*welcome));
    for (const auto& entry : parsed->secrets) record.welcomes[key_of(entry.new_member)] = {shared, position + 1};
  }
  if (header->commit) record.epoch += 1;
  record.log.push_back(std::move(message));
  return position;
}

Status MeetingServer::publish_group_info(BytesView token, Bytes group_info) {
  const std::lock_guard lock(mutex_);
  auto meeting = meeting_of(token);
  if (!meeting) return meeting.error();
  auto& record = meetings_[*meeting];
  auto epoch = group_info_epoch(group_info);
  if (!epoch) return epoch.error();
  if (*epoch != record.epoch) return Errc::wrong_epoch;
  record.registration.group_info = std::move(group_info);
  return {};
}

Result<std::vector<Bytes>> MeetingServer::take_join_requests(BytesView host_token) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token);
  if (!meeting) return meeting.error();
  return std::exchange(meetings_[*meeting].join_requests, {});
}

Status MeetingServer::set_locked(BytesView host_token, bool locked) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token);
  if (!meeting) return meeting.error();
  meetings_[*meeting].locked = locked;
  return {};
}

Status MeetingServer::rotate(BytesView host_token, MeetingRegistration next) {
  const std::lock_guard lock(mutex_);
  auto meeting = hosted_by(host_token);
  if (!meeting) return meeting.error();
  next.group_info = meetings_[*meeting].registration.group_info;
  return register_at(*meeting, std::move(next));
}

const MeetingRecord* MeetingServer::record(std::string_view meeting_id) const {
  const auto found = ids_.find(meeting_id);
  return found == ids_.end() ? nullptr : &meetings_[found->second];
}

}  // namespace conclave::meeting
