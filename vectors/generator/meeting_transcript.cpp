// meeting-transcript: runs a deterministic meeting through the reference
// server and writes what an observer needs to check another
// implementation against it (vectors/README.md, "Meeting transcript"):
//
//   meeting-transcript OUTPUT.json
//
// Per MLS cipher suite 1 to 7: the link and both passwords, the observer's
// SRP login, the password PSKs, the wrapped session key and sealed title
// (and after the link rotation the new ones and the sealed earlier key),
// the observer's KeyPackage and private keys, its Welcome, every message
// the server logged after it, the GroupInfo the server published at the
// Welcome's epoch and with each later Commit, and after each Commit the
// epoch's tree hash, authenticator, security codes, media keys and SFrame
// frames.

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <string>

#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/metadata_key.hpp"
#include "conclave/meeting/participant.hpp"
#include "conclave/meeting/session_key.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "common/options.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using Json = nlohmann::ordered_json;

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) {
    std::cerr << "meeting-transcript: " << what << ": " << to_string(result.error()) << "\n";
    std::exit(1);
  }
  return std::move(*result);
}

void must(const Status& status, const char* what) {
  if (!status) {
    std::cerr << "meeting-transcript: " << what << ": " << to_string(status.error()) << "\n";
    std::exit(1);
  }
}

std::string hex(BytesView bytes) { return to_hex(bytes); }

// The observer: logs in with SRP and asks to join by Welcome, with its keys
// kept so that the vector can carry them.
struct Observer {
  Json login;
  Bytes token;
  mls::KeyPackageBundle bundle;
  Bytes ref;
};

Observer observe(MeetingServer& server, const srp::Variant& variant, const MeetingLink& link,
                 const std::string& password, const MeetingProfile& profile, crypto::RandomSource& random) {
  srp::Client client(variant, as_bytes(link.meeting_id), as_bytes(password), random);
  crypto::Secret a(variant.group().secret_size());
  random.fill(a.mutable_view());
  const Bytes a_bytes(a.view().begin(), a.view().end());
  const Bytes client_key = must(client.start_for_testing(std::move(a)), "A");
  const auto challenge = must(server.begin_login(link.meeting_id, client_key), "login");
  const Bytes m1 = must(client.respond(challenge.salt, challenge.server_key), "M1");
  auto result = must(server.finish_login(challenge.login, m1), "M2");
  must(client.verify(result.server_proof), "server proof");
  const auto k = must(client.session_key(), "K");
  Json login = {{"a", hex(a_bytes)}, {"A", hex(client_key)}, {"salt", hex(challenge.salt)},
                {"B", hex(challenge.server_key)}, {"M1", hex(m1)}, {"M2", hex(result.server_proof)},
                {"K", hex(k.view())}};

  const auto psk = must(password_psk(link.meeting_id, password), "psk");
  const auto sealed = must(server.sealed_metadata(result.access_token), "metadata");
  const auto session_key = must(unwrap_session_key(psk, sealed.wrapped_session_key), "unwrap");
  const auto metadata = must(MetadataKey::derive(session_key.view()), "metadata key");
  const auto suite = must(mls::CipherSuite::find(profile.suite), "suite");
  mls::KeyPackageOptions options;
  add_meeting_capabilities(options.capabilities);
  const mls::Credential credential{mls::BasicCredential{must(metadata.seal(Metadata::display_name, "Observer", random), "name")}};
  auto bundle = must(mls::create_key_package(suite, credential, suite.signature().generate_key_pair(random), options, random),
                     "key package");
  must(server.request_join(result.access_token, codec::encode(make_join_request(psk, bundle.key_package))), "join");
  Bytes ref = mls::key_package_ref(suite, bundle.key_package);
  return {std::move(login), std::move(result.access_token), std::move(bundle), std::move(ref)};
}

void sync(MeetingServer& server, std::vector<Participant*> members) {
  for (auto* member : members) {
    const auto report = must(member->sync(server), "sync");
    if (!report.refused.empty()) {
      std::cerr << "meeting-transcript: a member refused a message\n";
      std::exit(1);
    }
  }
}

// The epoch the host is in: what an observer must derive, and two frames.
Json epoch_of(Participant& host, Participant& other, std::string_view step) {
  const auto& group = host.group();
  const auto code = must(host.security_code(), "code");
  const auto base_key = must(group.export_secret(frame::mls_sframe_exporter_label, {}, 16), "base key");
  const auto material = must(group.export_secret("meet-key", {}, 32), "meet-key");
  const auto livekit_key = must(frame::livekit_frame_key(material.view()), "livekit key");
  Json frames = Json::array();
  for (auto* sender : {&host, &other}) {
    const std::string text = std::string(step) + " from leaf " + std::to_string(sender->group().own_leaf().value);
    Bytes out(sender->sframe()->max_protected_size(text.size()));
    out.resize(must(sender->sframe()->protect({}, as_bytes(text), out), "frame"));
    frames.push_back({{"sender", sender->group().own_leaf().value}, {"plaintext", hex(as_bytes(text))},
                      {"frame", hex(out)}});
  }
  return {{"step", step},
          {"epoch", group.epoch()},
          {"tree_hash", hex(group.context().tree_hash)},
          {"epoch_authenticator", hex(group.epoch_authenticator())},
          {"security_code", code.display()},
          {"security_code_decimal", code.decimal},
          {"sframe_base_key", hex(base_key.view())},
          {"livekit_key", hex(livekit_key.view())},
          {"frames", frames}};
}

// The GroupInfo the server publishes now: the one posted with the last Commit.
std::string published_group_info(const MeetingServer& server, const MeetingLink& link) {
  return hex(server.record(link.meeting_id)->registration.group_info);
}

Json members_of(const Participant& host) {
  Json names = Json::array();
  const auto& tree = host.group().tree();
  for (std::uint32_t leaf = 0; leaf < tree.leaf_count().value(); ++leaf) {
    if (!tree.leaf(mls::LeafIndex{leaf})) continue;
    names.push_back({{"leaf", leaf}, {"display_name", must(host.display_name(leaf), "name")}});
  }
  return names;
}

Json transcript(mls::CipherSuiteId suite_id) {
  const std::string seed = "conclave meeting transcript " + std::to_string(static_cast<unsigned>(suite_id));
  crypto::DeterministicRandom random(as_bytes(seed));
  const srp::Rfc5054 variant(must(srp::rfc5054_group(2048), "group"), crypto::HashId::sha256);
  MeetingServer server(variant, random);
  MeetingProfile profile{.suite = suite_id, .srp = &variant};
  const auto link = must(MeetingLink::generate("https://meet.conclave.example", random), "link");
  const std::string password(must(link.meeting_password(), "password").text());
  auto host = must(Participant::host_meeting(server, link, password, "Host", "Conclave transcript", profile, random),
                   "host");
  const auto* record = server.record(link.meeting_id);
  Json out = {{"cipher_suite", static_cast<unsigned>(suite_id)},
              {"srp", "RFC 5054 2048-bit group, SHA-256, identity = meeting ID"},
              {"url", link.url().text()},
              {"meeting_id", link.meeting_id},
              {"meeting_password", password},
              {"srp_salt", hex(record->registration.verifier.salt)},
              {"srp_verifier", hex(record->registration.verifier.verifier)},
              {"wrapped_session_key", hex(record->registration.wrapped_session_key)},
              {"sealed_title", hex(record->registration.sealed_title)},
              {"title", "Conclave transcript"}};
  auto observer = observe(server, variant, link, password, profile, random);
  out["login"] = observer.login;
  out["psk"] = hex(must(password_psk(link.meeting_id, password), "psk").psk.view());
  out["key_package"] = hex(codec::encode(observer.bundle.key_package));
  out["init_priv"] = hex(observer.bundle.keys.init_private_key.view());
  out["encryption_priv"] = hex(observer.bundle.keys.encryption_private_key.view());
  out["signature_priv"] = hex(observer.bundle.keys.signature_private_key.view());

  auto bob_guest = must(Guest::log_in(server, link, password, "Bob", profile, random), "bob");
  must(bob_guest.request_welcome(server), "bob request");
  must(host.admit(server), "admit");
  const auto welcome = must(server.welcome(observer.token, observer.ref), "welcome");
  out["welcome"] = hex(welcome.welcome);
  out["group_info"] = published_group_info(server, link);
  auto bob = must(bob_guest.join_from_welcome(server), "bob join");
  Json epochs = Json::array();
  Json group_infos = Json::array();
  epochs.push_back(epoch_of(host, bob, "observer and Bob added by Welcome"));

  auto carol = must(must(Guest::log_in(server, link, password, "Carol", profile, random), "carol")
                        .join_by_external_commit(server),
                    "carol join");
  group_infos.push_back(published_group_info(server, link));
  sync(server, {&host, &bob});
  epochs.push_back(epoch_of(host, carol, "Carol joined by external Commit"));
  must(bob.send_chat(server, "hello from Bob"), "chat");
  must(bob.update(server), "update");
  group_infos.push_back(published_group_info(server, link));
  sync(server, {&host, &carol});
  epochs.push_back(epoch_of(host, carol, "Bob's update"));
  // Participant::remove_and_keep_out() is remove() then rotate_link(): made
  // apart here so that the GroupInfo published between them is kept.
  must(host.remove(server, bob.group().own_leaf().value), "remove");
  group_infos.push_back(published_group_info(server, link));
  sync(server, {&carol});
  epochs.push_back(epoch_of(host, carol, "host removed Bob"));
  const auto rotated = must(host.rotate_link(server), "rotate");
  const std::string next_password(must(rotated.meeting_password(), "password").text());
  group_infos.push_back(published_group_info(server, rotated));
  sync(server, {&carol});
  epochs.push_back(epoch_of(host, carol, "host rotated the link"));
  const auto& rotated_record = server.record(rotated.meeting_id)->registration;
  out["rotated_wrapped_session_key"] = hex(rotated_record.wrapped_session_key);
  out["rotated_sealed_title"] = hex(rotated_record.sealed_title);
  out["sealed_earlier_keys"] = hex(rotated_record.sealed_earlier_keys);
  auto dave = must(must(Guest::log_in(server, rotated, next_password, "Dave", profile, random), "dave")
                       .join_by_external_commit(server),
                   "dave join");
  group_infos.push_back(published_group_info(server, rotated));
  sync(server, {&host, &carol});
  epochs.push_back(epoch_of(host, dave, "Dave joined with the new link"));

  out["rotated_url"] = rotated.url().text();
  out["rotated_meeting_password"] = next_password;
  out["rotated_psk"] = hex(must(password_psk(rotated.meeting_id, next_password), "psk").psk.view());
  Json messages = Json::array();
  const auto& log = server.record(rotated.meeting_id)->log;
  for (std::size_t i = welcome.position; i < log.size(); ++i) messages.push_back(hex(log[i]));
  out["messages"] = messages;
  out["group_infos"] = group_infos;
  out["epochs"] = epochs;
  out["members"] = members_of(host);
  return out;
}

constexpr conclave::tools::Usage usage{
    "meeting-transcript", "meeting-transcript OUTPUT.json",
    "Writes the meeting-transcript vectors (vectors/meeting-transcript.json, see vectors/README.md): one\n"
    "deterministic meeting per MLS cipher suite, as an observer that joins by Welcome sees it."};

}  // namespace

int main(int argc, char** argv) {
  conclave::tools::positional_only(usage, argc, argv);
  if (argc != 2) conclave::tools::usage_error(usage, "expected one output file");
  Json cases = Json::array();
  for (unsigned suite = 1; suite <= 7; ++suite) cases.push_back(transcript(static_cast<mls::CipherSuiteId>(suite)));
  Json doc = {
      {"description", "Conclave meeting transcripts (spec-notes/meeting-profile.md): one meeting per MLS cipher suite, "
                      "as an observer that joins by Welcome sees it"},
      {"conventions",
       {{"login", "the observer's SRP-6a login: a (client secret), A, the server's salt and B, M1, M2, K"},
        {"psk", "Argon2id password PSK of meeting_id and meeting_password; rotated_psk the same for the rotated link"},
        {"rotated_wrapped_session_key", "the fresh session key of the rotated link, wrapped under rotated_psk; "
                                        "rotated_sealed_title the title under it; sealed_earlier_keys the first "
                                        "session key sealed under it"},
        {"group_info", "the GroupInfo (MLSMessage, with the ratchet tree) the server published at the Welcome's epoch; "
                       "a Welcome without the ratchet tree takes it from here (RFC 9420 section 12.4.3.1)"},
        {"messages", "every message the server logged after the observer's Welcome, in order (MLSMessage): each "
                     "Commit a PublicMessage, each other message a PrivateMessage"},
        {"group_infos", "for each Commit in messages, in order, the GroupInfo of the epoch it leads to, as posted "
                        "with it and published by the server"},
        {"epochs", "after each Commit in messages: the epoch, its tree hash, authenticator and security codes, "
                   "MLS-Exporter(\"SFrame 1.0 Base Key\", \"\", 16), the LiveKit key from MLS-Exporter(\"meet-key\", \"\", 32), "
                   "and SFrame frames (suite 4, E = 4, S from the tree, counters from 0) from two members"},
        {"members", "the final tree's members and their display names, sealed in their credentials"}}},
      {"cases", cases}};
  std::ofstream(argv[1]) << doc.dump(2) << "\n";
  return 0;
}
