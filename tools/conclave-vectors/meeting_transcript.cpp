// meeting-transcript.json (Conclave's own, vectors/generator): a whole
// meeting as an observer sees it. The observer's SRP login is recomputed
// from its a and the password; both password PSKs are derived; the session
// key is unwrapped and the title opened; the observer joins from its
// Welcome with the PSKs, processes every logged message, and after each
// Commit must reach the vector's epoch authenticator, security codes and
// media keys and decrypt each frame; the final tree's display names open.

#include "check.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/meeting/security_code.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/mls/group.hpp"
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

std::optional<MetadataKey> check_session(const Json& v, const PasswordPsk& psk, CaseCheck& check) {
  const auto session_key = unwrap_session_key(psk, hex_field(v, "wrapped_session_key"));
  check.expect(session_key.ok(), "session key did not unwrap");
  if (!session_key) return std::nullopt;
  auto metadata = MetadataKey::derive(session_key->view());
  const auto title = metadata->open(Metadata::meeting_title, hex_field(v, "sealed_title"));
  check.expect(title.ok() && *title == v.at("title").get<std::string>(), "title");
  return std::move(*metadata);
}

void check_epoch(const mls::Group& group, frame::MlsSFrame& media, const Json& e, CaseCheck& check) {
  const std::string step = e.at("step").get<std::string>();
  check.expect(group.epoch() == e.at("epoch").get<std::uint64_t>(), step + ": epoch");
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

void check_names(const mls::Group& group, const MetadataKey& metadata, const Json& members, CaseCheck& check) {
  for (const auto& m : members) {
    const auto leaf = group.tree().leaf(mls::LeafIndex{m.at("leaf").get<std::uint32_t>()});
    const auto* basic = leaf ? leaf->credential.get_if<mls::BasicCredential>() : nullptr;
    const auto name = basic ? metadata.open(Metadata::display_name, basic->identity) : Result<std::string>(Errc::invalid_sender);
    check.expect(name.ok() && *name == m.at("display_name").get<std::string>(), "display name");
  }
}

void check_case(const Json& v, CaseCheck& check) {
  check_login(v, check);
  const auto id = v.at("meeting_id").get<std::string>();
  auto first = link_psk(v, "meeting_id", id, "meeting_password", "psk", check);
  auto rotated = link_psk(v, "rotated_url", meeting_id_of(v.at("rotated_url").get<std::string>()),
                          "rotated_meeting_password", "rotated_psk", check);
  if (!first || !rotated) return;
  auto metadata = check_session(v, *first, check);
  if (!metadata) return;

  mls::GroupConfig config;
  config.psks = [&](const mls::PreSharedKeyId& psk_id) -> std::optional<crypto::Secret> {
    const auto* external = psk_id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr) return std::nullopt;
    for (const auto* psk : {&*first, &*rotated}) {
      if (external->psk_id == psk->psk_id) return psk->psk.clone();
    }
    return std::nullopt;
  };
  const auto key_package = codec::decode<mls::KeyPackage>(hex_field(v, "key_package"));
  const auto welcome = codec::decode<mls::MlsMessage>(hex_field(v, "welcome"));
  check.expect(key_package.ok() && welcome.ok() && welcome->body.holds<mls::Welcome>(), "malformed Welcome");
  if (!key_package || !welcome || !welcome->body.holds<mls::Welcome>()) return;
  mls::KeyPackageKeys keys{crypto::Secret(hex_field(v, "init_priv")), crypto::Secret(hex_field(v, "encryption_priv")),
                           crypto::Secret(hex_field(v, "signature_priv"))};
  auto group = mls::Group::join(*welcome->body.get_if<mls::Welcome>(), *key_package, std::move(keys), std::nullopt,
                                std::move(config));
  check.expect(group.ok(), "join from the Welcome failed");
  auto media = frame::MlsSFrame::create({});
  if (!group || !media) return;

  const Json& epochs = v.at("epochs");
  std::size_t next_epoch = 0;
  check_epoch(*group, *media, epochs.at(next_epoch++), check);
  for (const auto& message : v.at("messages")) {
    const auto decoded = codec::decode<mls::MlsMessage>(from_hex(message.get<std::string>()).value());
    const auto received = decoded ? group->process(*decoded) : Result<mls::Received>(decoded.error());
    check.expect(received.ok(), "a logged message was refused");
    if (!received) return;
    if (received->kind == mls::Received::Kind::commit) check_epoch(*group, *media, epochs.at(next_epoch++), check);
  }
  check.expect(next_epoch == epochs.size(), "epochs left unchecked");
  check_names(*group, *metadata, v.at("members"), check);
}

}  // namespace

Tally check_meeting_transcript(const Json& doc) { return check_each(doc.at("cases"), check_case); }

}  // namespace conclave::vectors
