#include "attacker.hpp"

#include <memory>
#include <optional>
#include <utility>

#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/mls/message.hpp"

namespace conclave::tools {

namespace {

Result<mls::GroupInfo> current_group_info(const meeting::MeetingServer& server, BytesView token) {
  auto bytes = server.group_info(token);
  if (!bytes) return bytes.error();
  auto message = codec::decode<mls::MlsMessage>(*bytes);
  if (!message) return message.error();
  const auto* info = message->body.get_if<mls::GroupInfo>();
  if (info == nullptr) return Errc::invalid_argument;
  return *info;
}

// A KeyPackage whose capabilities list what the meeting's members require.
Result<mls::KeyPackageBundle> key_package(const meeting::MeetingProfile& profile, Bytes identity,
                                          crypto::RandomSource& random) {
  auto suite = mls::CipherSuite::find(profile.suite);
  if (!suite) return suite.error();
  mls::KeyPackageOptions options;
  meeting::add_meeting_capabilities(options.capabilities);
  return mls::create_key_package(*suite, mls::Credential{mls::BasicCredential{std::move(identity)}},
                                 suite->signature().generate_key_pair(random), options, random);
}

// RFC 9420 section 12.4.3.2: an external Commit from `info`, with a
// PreSharedKey named by the meeting's ID (section 8.4) whose value is `psk`.
Result<mls::Group::ExternalJoin> join_with_psk(const mls::GroupInfo& info, mls::KeyPackageBundle joiner,
                                               const crypto::Secret& psk, crypto::RandomSource& random) {
  auto meeting = meeting::meeting_state_of(info.group_context.extensions);
  if (!meeting) return meeting.error();
  auto suite = mls::CipherSuite::find(info.group_context.cipher_suite);
  if (!suite) return suite.error();
  Bytes nonce(suite->secret_size());
  random.fill(nonce);
  const mls::PreSharedKeyId id{{mls::ExternalPskId{meeting->meeting_id}}, std::move(nonce)};
  mls::GroupConfig config;
  // Its client knows the meeting's roles component, as a member's does.
  config.components = meeting::meeting_components();
  // The group keeps its config: the lookup owns its copy of the value.
  config.psks = [value = std::make_shared<crypto::Secret>(psk.clone())](
                    const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return value->clone(); };
  return mls::Group::join_external(info, std::move(joiner), std::nullopt, std::move(config), random,
                                   {.psks = {id}});
}

Result<meeting::CommitPost> post_of(const mls::Group::ExternalJoin& joined) {
  auto info = joined.group.group_info(true);
  if (!info) return info.error();
  return meeting::CommitPost{codec::encode(joined.commit), codec::encode(*info), std::nullopt};
}

}  // namespace

Result<RawMember> RawMember::join(meeting::MeetingServer& server, const meeting::MeetingProfile& profile,
                                  const meeting::MeetingLink& link, std::string_view password,
                                  std::string_view display_name, crypto::RandomSource& random) {
  auto token = meeting::log_in_session(server, profile, link, password, random);
  if (!token) return token.error();
  auto psk = meeting::password_psk(link.meeting_id, password);
  if (!psk) return psk.error();
  auto sealed = server.sealed_metadata(*token);
  if (!sealed) return sealed.error();
  auto session_key = meeting::unwrap_session_key(*psk, sealed->wrapped_session_key);
  if (!session_key) return session_key.error();
  auto metadata = meeting::MetadataKey::derive(session_key->view());
  if (!metadata) return metadata.error();
  auto name = metadata->seal(meeting::Metadata::display_name, display_name, random);
  if (!name) return name.error();
  auto bundle = key_package(profile, std::move(*name), random);
  if (!bundle) return bundle.error();
  auto info = current_group_info(server, *token);
  if (!info) return info.error();
  auto joined = join_with_psk(*info, std::move(*bundle), psk->psk, random);
  if (!joined) return joined.error();
  auto post = post_of(*joined);
  if (!post) return post.error();
  auto posted = server.post_commit(*token, std::move(*post));
  if (!posted) return posted.error();
  auto sframe = frame::MlsSFrame::create(profile.sframe_options);
  if (!sframe) return sframe.error();
  if (auto added = sframe->add_epoch(joined->group); !added) return added.error();
  return RawMember(std::move(*token), std::move(*metadata), std::move(joined->group), std::move(*sframe),
                   *posted + 1);
}

Result<bool> RawMember::read_on(meeting::MeetingServer& server) {
  auto messages = server.messages(token_, cursor_);
  if (!messages) return messages.error();
  for (const auto& bytes : *messages) {
    cursor_ += 1;
    auto message = codec::decode<mls::MlsMessage>(bytes);
    if (!message) return message.error();
    auto received = group_.process(*message);
    if (!received) return received.error();
    if (received->removed) return true;
    if (received->kind != mls::Received::Kind::commit) continue;
    if (auto added = sframe_.add_epoch(group_); !added) return added.error();
  }
  return false;
}

Result<meeting::CommitPost> forged_member_commit(const meeting::MeetingServer& server, BytesView token,
                                                 std::uint32_t leaf) {
  auto info = current_group_info(server, token);
  if (!info) return info.error();
  const auto& context = info->group_context;
  mls::PublicMessage forged{
      {context.group_id, context.epoch, mls::Sender{mls::MemberSender{leaf}}, {}, mls::Content{mls::Commit{}}},
      {Bytes(64, 1), Bytes(32, 2)},
      Bytes(32, 3)};
  const mls::MlsMessage message{mls::ProtocolVersion::mls10, mls::MessageBody{std::move(forged)}};
  return meeting::CommitPost{codec::encode(message), {}, std::nullopt};
}

Result<meeting::CommitPost> external_commit_with_psk(const meeting::MeetingServer& server, BytesView token,
                                                     const meeting::MeetingProfile& profile,
                                                     const crypto::Secret& psk, crypto::RandomSource& random) {
  auto info = current_group_info(server, token);
  if (!info) return info.error();
  const std::string_view name = "rogue guest";
  auto bundle = key_package(profile, Bytes(name.begin(), name.end()), random);
  if (!bundle) return bundle.error();
  auto joined = join_with_psk(*info, std::move(*bundle), psk, random);
  if (!joined) return joined.error();
  return post_of(*joined);
}

meeting::CommitPost with_bad_signature(meeting::CommitPost post) {
  auto message = codec::decode<mls::MlsMessage>(post.commit);
  auto* commit = message ? message->body.get_if<mls::PublicMessage>() : nullptr;
  if (commit != nullptr && !commit->auth.signature.empty()) {
    commit->auth.signature[0] ^= 1;
    post.commit = codec::encode(*message);
  }
  return post;
}

}  // namespace conclave::tools
