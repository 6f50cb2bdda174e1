// meeting-transcript.json (Conclave's own, vectors/generator): a whole
// meeting as an observer sees it, and as the server sees it. The observer's
// SRP login is recomputed from its a and the password; both password PSKs
// are derived; both links' session keys are unwrapped and each opens its
// title, the first does not open the rotated title, and the rotated one
// opens the sealed earlier keys to the first. The observer joins from its
// Welcome with the PSKs and processes every logged message: each Commit
// must be a PublicMessage, and the link rotation must carry the rotated
// link and session key. Beside it, an mls::PublicGroup follower (the
// server's view) starts from the published GroupInfo and processes each
// Commit with its GroupInfo. After each Commit both must reach the same
// GroupContext and the vector's tree hash, and the observer the vector's
// epoch authenticator, security codes and media keys, and decrypt each
// frame. The final tree's display names open.

#include "check.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/security_code.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/public_group.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/verifier.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::meeting;

const srp::Rfc5054& transcript_srp() {
  static const srp::Rfc5054 variant(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  return variant;
}

void check_login(const Json& v, CaseCheck& check) {
  const auto& variant = transcript_srp();
  const auto id = v.at("meeting_id").get<std::string>();
  const auto password = v.at("meeting_password").get<std::string>();
  const Json& login = v.at("login");
  const auto record = srp::make_verifier_record(variant, as_bytes(id), as_bytes(password), hex_field(v, "srp_salt"));
  check.expect(record.ok(), "verifier failed");
  if (record) check.expect_equal(record->verifier, hex_field(v, "srp_verifier"), "srp_verifier");
  FixedBytes no_random({});  // start_for_testing takes a: nothing is drawn
  srp::Client client(variant, as_bytes(id), as_bytes(password), no_random);
  const auto a = client.start_for_testing(crypto::Secret(hex_field(login, "a")));
  check.expect(a.ok(), "A failed");
  if (a) check.expect_equal(*a, hex_field(login, "A"), "A");
  const auto m1 = client.respond(hex_field(login, "salt"), hex_field(login, "B"));
  check.expect(m1.ok(), "M1 failed");
  if (m1) check.expect_equal(*m1, hex_field(login, "M1"), "M1");
  check.expect(client.verify(hex_field(login, "M2")).ok(), "M2 refused");
  const auto k = client.session_key();
  if (k) check.expect_equal(k->view(), hex_field(login, "K"), "K");
}

// The PSK of one link, derived and compared.
std::optional<PasswordPsk> link_psk(const Json& v, const char* id_field, const std::string& id, const char* password,
                                    const char* psk_field, CaseCheck& check) {
  auto psk = password_psk(id, v.at(password).get<std::string>());
  check.expect(psk.ok(), std::string("PSK failed: ") + id_field);
  if (!psk) return std::nullopt;
  check.expect_equal(psk->psk.view(), hex_field(v, psk_field), psk_field);
  return std::move(*psk);
}

std::string meeting_id_of(const std::string& url) { return url.substr(url.find("/id-") + 4, 10); }

// A link's session key: the PSK unwraps it, and it opens `sealed` to the title.
std::optional<crypto::Secret> check_session(const Json& v, const PasswordPsk& psk, const char* wrapped,
                                            const char* sealed, CaseCheck& check) {
  auto session_key = unwrap_session_key(psk, hex_field(v, wrapped));
  check.expect(session_key.ok(), std::string(wrapped) + " did not unwrap");
  if (!session_key) return std::nullopt;
  const auto metadata = MetadataKey::derive(session_key->view());
  const auto title = metadata->open(Metadata::meeting_title, hex_field(v, sealed));
  check.expect(title.ok() && *title == v.at("title").get<std::string>(), std::string(sealed) + ": title");
  return std::move(*session_key);
}

// The rotation drew a fresh session key: the first one does not open the
// rotated title, and the rotated one opens the earlier keys to the first.
void check_rotated_key(const Json& v, const crypto::Secret& first, const crypto::Secret& rotated, CaseCheck& check) {
  const auto old_metadata = MetadataKey::derive(first.view());
  check.expect(old_metadata.ok() && !old_metadata->open(Metadata::meeting_title, hex_field(v, "rotated_sealed_title")),
               "the first session key opens the rotated title");
  const auto earlier = open_earlier_session_keys(rotated.view(), hex_field(v, "sealed_earlier_keys"));
  check.expect(earlier.ok() && earlier->size() == 1, "sealed_earlier_keys did not open to one key");
  if (earlier && earlier->size() == 1) check.expect_equal(earlier->front().view(), first.view(), "earlier session key");
}

void check_epoch(const mls::Group& group, const mls::PublicGroup& follower, frame::MlsSFrame& media, const Json& e,
                 CaseCheck& check) {
  const std::string step = e.at("step").get<std::string>();
  check.expect(group.epoch() == e.at("epoch").get<std::uint64_t>(), step + ": epoch");
  check.expect_equal(group.context().tree_hash, hex_field(e, "tree_hash"), step + ": tree hash");
  check.expect_equal(follower.tree().tree_hash(), hex_field(e, "tree_hash"), step + ": the follower's tree hash");
  check.expect_equal(group.epoch_authenticator(), hex_field(e, "epoch_authenticator"), step + ": authenticator");
  const auto code = SecurityCode::of(group.epoch(), group.epoch_authenticator());
  check.expect(code.ok() && code->display() == e.at("security_code").get<std::string>() &&
                   code->decimal == e.at("security_code_decimal").get<std::string>(),
               step + ": security code");
  const auto base_key = group.export_secret(frame::mls_sframe_exporter_label, {}, 16);
  if (base_key) check.expect_equal(base_key->view(), hex_field(e, "sframe_base_key"), step + ": SFrame base key");
  const auto material = group.export_secret("meet-key", {}, 32);
  if (material) {
    const auto livekit_key = frame::livekit_frame_key(material->view());
    if (livekit_key) check.expect_equal(livekit_key->view(), hex_field(e, "livekit_key"), step + ": LiveKit key");
  }
  check.expect(media.add_epoch(group).ok(), step + ": media epoch");
  for (const auto& f : e.at("frames")) {
    const Bytes frame = hex_field(f, "frame");
    Bytes out(frame.size());
    const auto opened = media.unprotect({}, frame, out);
    check.expect(opened.ok() && opened->sender == f.at("sender").get<std::uint32_t>(), step + ": frame refused");
    if (opened) check.expect_equal(BytesView(out).first(opened->size), hex_field(f, "plaintext"), step + ": frame");
  }
}

// Each name opens under one of the links' session keys (a name sealed
// before the rotation under the first).
void check_names(const mls::Group& group, const std::vector<MetadataKey>& keys, const Json& members, CaseCheck& check) {
  for (const auto& m : members) {
    const auto leaf = group.tree().leaf(mls::LeafIndex{m.at("leaf").get<std::uint32_t>()});
    const auto* basic = leaf ? leaf->credential.get_if<mls::BasicCredential>() : nullptr;
    bool opened = false;
    for (const auto& key : keys) {
      const auto name = basic ? key.open(Metadata::display_name, basic->identity) : Result<std::string>(Errc::invalid_sender);
      opened = opened || (name.ok() && *name == m.at("display_name").get<std::string>());
    }
    check.expect(opened, "display name");
  }
}

// What the log must show besides the groups: its rotation and its Commits.
struct Expected {
  const Json& v;
  const crypto::Secret& rotated_key;
  std::size_t rotations = 0;
};

// A link rotation in the log announces the rotated link and its session key.
void check_application(const mls::Received& received, Expected& expected, CaseCheck& check) {
  const auto message = codec::decode<MeetingMessage>(received.application_data);
  check.expect(message.ok(), "an application message is no MeetingMessage");
  if (!message || message->type != MeetingMessageType::link_rotation) return;
  expected.rotations += 1;
  const auto rotation = codec::decode<LinkRotation>(message->body.view());
  check.expect(rotation.ok(), "malformed LinkRotation");
  if (!rotation) return;
  check.expect(rotation->url.text() == expected.v.at("rotated_url").get<std::string>() &&
                   rotation->meeting_password.text() == expected.v.at("rotated_meeting_password").get<std::string>(),
               "the LinkRotation's link");
  check.expect_equal(rotation->session_key.view(), expected.rotated_key.view(), "the LinkRotation's session key");
}

// The server's view: the follower takes the Commit only with its GroupInfo,
// and reaches the observer's GroupContext.
void check_follower(mls::PublicGroup& follower, const mls::MlsMessage& commit, const Json& info_hex,
                    const mls::Group& group, CaseCheck& check) {
  const auto info = codec::decode<mls::MlsMessage>(from_hex(info_hex.get<std::string>()).value());
  const auto* body = info ? info->body.get_if<mls::GroupInfo>() : nullptr;
  check.expect(body != nullptr, "a logged Commit's GroupInfo is no GroupInfo");
  if (body == nullptr) return;
  check.expect(follower.process(commit, *body).ok(), "the follower refused a Commit with its GroupInfo");
  check.expect_equal(codec::encode(follower.context()), codec::encode(group.context()),
                     "the follower's GroupContext (as the observer's)");
}

// Commits are PublicMessages, everything else PrivateMessages.
bool is_public_commit(const mls::MlsMessage& message) {
  const auto* plain = message.body.get_if<mls::PublicMessage>();
  return plain != nullptr && plain->content.content.holds<mls::Commit>();
}

mls::GroupConfig observer_config(const PasswordPsk& first, const PasswordPsk& rotated) {
  mls::GroupConfig config;
  config.psks = [&first, &rotated](const mls::PreSharedKeyId& psk_id) -> std::optional<crypto::Secret> {
    const auto* external = psk_id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    for (const auto* psk : {&first, &rotated}) {
      if (external->psk_id == psk->psk_id) return psk->psk.clone();
    }
    return std::nullopt;
  };
  return config;
}

// The tree of the Welcome's epoch, from the GroupInfo the server published
// then: the Welcome may carry none (the meeting's joiners get it from the
// server); one it carries comes first.
std::optional<mls::RatchetTreeNodes> published_tree(const Json& v) {
  const auto info = codec::decode<mls::MlsMessage>(hex_field(v, "group_info"));
  const auto* body = info ? info->body.get_if<mls::GroupInfo>() : nullptr;
  const auto* extension = body ? mls::find_extension(body->extensions, mls::ExtensionType::ratchet_tree) : nullptr;
  if (extension == nullptr) return std::nullopt;
  auto tree = codec::decode<mls::RatchetTreeNodes>(extension->extension_data);
  if (!tree) return std::nullopt;
  return std::move(*tree);
}

std::optional<mls::Group> join_observer(const Json& v, mls::GroupConfig config, CaseCheck& check) {
  const auto key_package = codec::decode<mls::KeyPackage>(hex_field(v, "key_package"));
  const auto welcome = codec::decode<mls::MlsMessage>(hex_field(v, "welcome"));
  check.expect(key_package.ok() && welcome.ok() && welcome->body.holds<mls::Welcome>(), "malformed Welcome");
  if (!key_package || !welcome || !welcome->body.holds<mls::Welcome>()) return std::nullopt;
  mls::KeyPackageKeys keys{crypto::Secret(hex_field(v, "init_priv")), crypto::Secret(hex_field(v, "encryption_priv")),
                           crypto::Secret(hex_field(v, "signature_priv"))};
  auto group = mls::Group::join(*welcome->body.get_if<mls::Welcome>(), *key_package, std::move(keys),
                                published_tree(v), std::move(config));
  check.expect(group.ok(), "join from the Welcome failed");
  if (!group) return std::nullopt;
  return std::move(*group);
}

// The server's view at the Welcome's epoch, from the GroupInfo it published.
std::optional<mls::PublicGroup> follow(const Json& v, const mls::Group& group, CaseCheck& check) {
  const auto info = codec::decode<mls::MlsMessage>(hex_field(v, "group_info"));
  const auto* body = info ? info->body.get_if<mls::GroupInfo>() : nullptr;
  auto follower = body ? mls::PublicGroup::from_group_info(*body, std::nullopt, {}) : Result<mls::PublicGroup>(Errc::invalid_argument);
  check.expect(follower.ok(), "no follower from the published GroupInfo");
  if (!follower) return std::nullopt;
  check.expect_equal(codec::encode(follower->context()), codec::encode(group.context()),
                     "the published GroupInfo's GroupContext (as the Welcome's)");
  return std::move(*follower);
}

// Every logged message, by the observer and (each Commit) by the follower.
void replay(const Json& v, mls::Group& group, mls::PublicGroup& follower, Expected& expected, CaseCheck& check) {
  auto media = frame::MlsSFrame::create({});
  if (!media) return;
  const Json& epochs = v.at("epochs");
  const Json& group_infos = v.at("group_infos");
  std::size_t commits = 0;
  check_epoch(group, follower, *media, epochs.at(0), check);
  for (const auto& message : v.at("messages")) {
    const auto decoded = codec::decode<mls::MlsMessage>(from_hex(message.get<std::string>()).value());
    const auto received = decoded ? group.process(*decoded) : Result<mls::Received>(decoded.error());
    check.expect(received.ok(), "a logged message was refused");
    if (!received) return;
    if (received->kind == mls::Received::Kind::application) check_application(*received, expected, check);
    const bool commit = received->kind == mls::Received::Kind::commit;
    check.expect(commit == is_public_commit(*decoded), "a Commit that is no PublicMessage, or a PublicMessage that is no Commit");
    if (!commit) continue;
    check_follower(follower, *decoded, group_infos.at(commits++), group, check);
    check_epoch(group, follower, *media, epochs.at(commits), check);
  }
  check.expect(commits + 1 == epochs.size() && commits == group_infos.size(), "epochs or GroupInfos left unchecked");
  check.expect(expected.rotations == 1, "the log holds no single link rotation");
}

void check_case(const Json& v, CaseCheck& check) {
  check_login(v, check);
  const auto id = v.at("meeting_id").get<std::string>();
  auto first = link_psk(v, "meeting_id", id, "meeting_password", "psk", check);
  auto rotated = link_psk(v, "rotated_url", meeting_id_of(v.at("rotated_url").get<std::string>()),
                          "rotated_meeting_password", "rotated_psk", check);
  if (!first || !rotated) return;
  const auto first_key = check_session(v, *first, "wrapped_session_key", "sealed_title", check);
  const auto rotated_key = check_session(v, *rotated, "rotated_wrapped_session_key", "rotated_sealed_title", check);
  if (!first_key || !rotated_key) return;
  check_rotated_key(v, *first_key, *rotated_key, check);

  auto group = join_observer(v, observer_config(*first, *rotated), check);
  auto follower = group ? follow(v, *group, check) : std::nullopt;
  if (!follower) return;
  Expected expected{v, *rotated_key};
  replay(v, *group, *follower, expected, check);
  std::vector<MetadataKey> keys;
  for (const auto* key : {&*rotated_key, &*first_key}) keys.push_back(MetadataKey::derive(key->view()).value());
  check_names(*group, keys, v.at("members"), check);
}

}  // namespace

Tally check_meeting_transcript(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
