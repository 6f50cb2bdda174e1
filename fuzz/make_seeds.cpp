// Writes seed inputs for the fuzz targets:
//   make_seeds hpke DIR                  one genuine message per KEM and mode,
//                                        in hpke_open_fuzz's input format
//   make_seeds unprotect DIR             public and private messages of
//                                        unprotect_fuzz's fixed group
//   make_seeds group DIR                 genuine messages of group_fuzz's
//                                        fixed group, in its epoch
//   make_seeds frame DIR                 genuine frames for frame_fuzz's receivers,
//                                        and frames to send, per format and codec
//   make_seeds mls-messages JSON DIR     every MLSMessage of the IETF
//                                        messages.json vectors, and their
//                                        ratchet trees into DIR/../ratchet_tree
//   make_seeds partial DIR               group_fuzz's fixed group's messages
//                                        with their senders' membership proofs,
//                                        and annotated, in partial_fuzz's format
//   make_seeds partial-messages JSON DIR every structure of the
//                                        draft-ietf-mls-partial message-syntax
//                                        vectors, in partial_fuzz's format
// Seeds from ../shared are written at test time, never committed.

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "conclave/mls/annotated_messages.hpp"
#include "conclave/mls/message.hpp"
#include "common/options.hpp"
#include "frame_fuzz_setup.hpp"
#include "group_fuzz_setup.hpp"
#include "hpke_fuzz_setup.hpp"
#include "partial_fuzz_setup.hpp"
#include "protection_fuzz_setup.hpp"

namespace {

using namespace conclave;

void write_seed(const std::string& path, const Bytes& seed) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(seed.data()), static_cast<std::streamsize>(seed.size()));
}

int hpke_seeds(const std::string& dir) {
  crypto::DeterministicRandom random(as_bytes("hpke seeds"));
  const BytesView aad = as_bytes("aad");
  for (std::uint8_t selector = 0; selector < 5; ++selector) {
    const auto& party = fuzz::party_for(selector);
    for (std::uint8_t mode = 0; mode < 4; ++mode) {
      crypto::HpkeSenderOptions options{.info = fuzz::info()};
      if (mode & 1) options.psk = fuzz::psk();
      if (mode & 2) options.sender_key = &party.sender;
      auto sealed = party.hpke.seal(party.recipient.public_key, options, aad,
                                    as_bytes("a media key"), random);
      if (!sealed) return 1;
      const std::uint8_t enc_size = static_cast<std::uint8_t>(sealed->enc.size());
      const std::uint8_t aad_size = static_cast<std::uint8_t>(aad.size());
      write_seed(dir + "/seed-" + std::to_string(selector) + "-" + std::to_string(mode),
                 concat({Bytes{selector, mode, enc_size}, sealed->enc, BytesView(&aad_size, 1), aad,
                         sealed->ciphertext}));
    }
  }
  return 0;
}

int unprotect_seeds(const std::string& dir) {
  const auto& party = fuzz::protection_party();
  auto protection = party.protection();
  crypto::DeterministicRandom random(as_bytes("unprotect seeds"));
  const mls::Content contents[] = {
      mls::Content{mls::ApplicationData{Bytes{'h', 'i'}}},
      mls::Content{mls::Proposal{mls::Remove{1}}},
      mls::Content{mls::Commit{}},
  };
  int index = 0;
  for (const auto& content : contents) {
    const mls::FramedContent framed{party.context.group_id, party.context.epoch,
                                    mls::Sender{mls::MemberSender{0}}, {}, content};
    mls::ProtectOptions options;
    if (content.holds<mls::Commit>()) options.confirmation_tag = Bytes(32, 3);
    auto priv = protection.protect_private(framed, party.member0.private_key, options, random);
    if (!priv) return 1;
    write_seed(dir + "/private-" + std::to_string(index), codec::encode(mls::MlsMessage{{}, {*priv}}));
    if (!content.holds<mls::ApplicationData>()) {
      auto pub = protection.protect_public(framed, party.member0.private_key, options);
      if (!pub) return 1;
      write_seed(dir + "/public-" + std::to_string(index), codec::encode(mls::MlsMessage{{}, {*pub}}));
    }
    ++index;
  }
  return 0;
}

// Alice's application message and commits (empty with a path, encrypted,
// adding dave with his Welcome, and by reference to bob's proposals), bob's
// proposals, a GroupInfo and a KeyPackage. Each commit is discarded, so all
// belong to the epoch group_fuzz's receiver is in.
int group_seeds(const std::string& dir) {
  auto setup = fuzz::make_group_fuzz_setup();
  auto& alice = setup.alice;
  crypto::DeterministicRandom random(as_bytes("group seeds"));
  const auto dave = fuzz::fuzz_key_package(alice.suite(), "dave", random);
  const mls::Proposal add_dave{mls::Add{dave.key_package}};
  int written = 0;
  const auto write = [&](const std::string& name, const mls::MlsMessage& message) {
    write_seed(dir + "/" + name + "-" + std::to_string(written++), codec::encode(message));
  };
  const auto commit = [&](const std::string& name, const mls::CommitOptions& options) {
    auto output = alice.commit(options, random);
    if (!output) return false;
    alice.discard_pending_commit();
    write(name, output->commit);
    if (output->welcome) write("welcome", *output->welcome);
    return true;
  };
  auto application = alice.protect(as_bytes("hello"), {}, random);
  auto update = setup.bob.propose_update(random);
  auto add = setup.bob.propose(add_dave);
  auto info = alice.group_info(true);
  if (!application || !update || !add || !info) return 1;
  write("application", *application);
  write("proposal-update", *update);
  write("proposal-add", *add);
  write("group-info", *info);
  write("key-package", mls::MlsMessage{mls::ProtocolVersion::mls10, mls::MessageBody{dave.key_package}});
  if (!commit("commit-empty", {.force_path = true}) || !commit("commit-private", {.encrypt = true}) ||
      !commit("commit-add", {.proposals = {add_dave}})) {
    return 1;
  }
  if (!alice.process(*update) || !alice.process(*add)) return 1;
  return commit("commit-by-reference", {}) ? 0 : 1;
}

int mls_message_seeds(const std::string& json_path, const std::string& dir) {
  std::ifstream in(json_path);
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_array()) return 1;
  int written = 0;
  for (const auto& entry : doc) {
    if (auto tree = from_hex(entry.value("ratchet_tree", "")); tree && !tree->empty()) {
      write_seed(dir + "/../ratchet_tree/tree-" + std::to_string(written), *tree);
    }
    for (const char* field : {"mls_welcome", "mls_group_info", "mls_key_package",
                              "public_message_application", "public_message_proposal",
                              "public_message_commit", "private_message"}) {
      auto bytes = from_hex(entry.value(field, ""));
      if (!bytes || bytes->empty()) continue;
      write_seed(dir + "/" + field + "-" + std::to_string(written++), *bytes);
    }
  }
  return written > 0 ? 0 : 1;
}

// Messages of group_fuzz's fixed group, each with its sender's membership
// proof: alice's application message (private), bob's proposal (public),
// alice's GroupInfo; carol's proof alone; alice's Commit annotated for
// carol, and her Welcome adding dave annotated for him (each Commit
// discarded, so all belong to the epoch partial_fuzz's client is in).
int partial_seeds(const std::string& dir) {
  auto setup = fuzz::make_group_fuzz_setup();
  auto& alice = setup.alice;
  crypto::DeterministicRandom random(as_bytes("partial seeds"));
  auto alice_proof = mls::make_membership_proof(alice.tree(), mls::LeafIndex{0});
  auto bob_proof = mls::make_membership_proof(alice.tree(), mls::LeafIndex{1});
  auto carol_proof = mls::make_membership_proof(alice.tree(), mls::LeafIndex{2});
  auto application = alice.protect(as_bytes("hello"), {}, random);
  auto proposal = setup.bob.propose_update(random);
  auto info = alice.group_info(false);
  if (!alice_proof || !bob_proof || !carol_proof || !application || !proposal || !info) return 1;
  auto commit = alice.commit({.force_path = true, .annotate = true}, random);
  if (!commit) return 1;
  auto annotated_commit = mls::annotate_commit(alice.tree(), *commit->annotation, mls::LeafIndex{2});
  alice.discard_pending_commit();
  const auto dave = fuzz::fuzz_key_package(alice.suite(), "dave", random);
  auto adding = alice.commit({.proposals = {mls::Proposal{mls::Add{dave.key_package}}}}, random);
  if (!adding || !annotated_commit) return 1;
  auto annotated_welcome = mls::annotate_welcome(alice.tree(), *adding->welcome->body.get_if<mls::Welcome>(),
                                                 mls::LeafIndex{0}, mls::LeafIndex{3});
  alice.discard_pending_commit();
  if (!annotated_welcome) return 1;
  const auto write = [&](const char* name, fuzz::PartialKind kind, const Bytes& encoded) {
    write_seed(dir + "/" + name, fuzz::partial_input(kind, encoded));
  };
  write("membership-proof", fuzz::PartialKind::membership_proof, codec::encode(*carol_proof));
  write("copath-hash", fuzz::PartialKind::copath_hash, codec::encode(carol_proof->copath_hashes.front()));
  write("private-message", fuzz::PartialKind::sender_authenticated_private_message,
        codec::encode(mls::SenderAuthenticatedMessage<mls::PrivateMessage>{
            *application->body.get_if<mls::PrivateMessage>(), *alice_proof}));
  write("public-message", fuzz::PartialKind::sender_authenticated_public_message,
        codec::encode(mls::SenderAuthenticatedMessage<mls::PublicMessage>{
            *proposal->body.get_if<mls::PublicMessage>(), *bob_proof}));
  write("group-info", fuzz::PartialKind::sender_authenticated_group_info,
        codec::encode(mls::SenderAuthenticatedMessage<mls::GroupInfo>{*info->body.get_if<mls::GroupInfo>(),
                                                                      *alice_proof}));
  write("annotated-commit", fuzz::PartialKind::annotated_commit, codec::encode(*annotated_commit));
  write("annotated-welcome", fuzz::PartialKind::annotated_welcome, codec::encode(*annotated_welcome));
  return 0;
}

// Every field of the message-syntax vectors, as the kind it names.
int partial_message_seeds(const std::string& json_path, const std::string& dir) {
  std::ifstream in(json_path);
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_array()) return 1;
  const std::pair<const char*, fuzz::PartialKind> fields[] = {
      {"copath_hash", fuzz::PartialKind::copath_hash},
      {"membership_proof", fuzz::PartialKind::membership_proof},
      {"sender_authenticated_welcome", fuzz::PartialKind::sender_authenticated_welcome},
      {"sender_authenticated_group_info", fuzz::PartialKind::sender_authenticated_group_info},
      {"sender_authenticated_public_message", fuzz::PartialKind::sender_authenticated_public_message},
      {"sender_authenticated_private_message", fuzz::PartialKind::sender_authenticated_private_message},
      {"annotated_welcome", fuzz::PartialKind::annotated_welcome},
      {"annotated_commit", fuzz::PartialKind::annotated_commit},
  };
  int written = 0;
  for (const auto& entry : doc) {
    for (const auto& [field, kind] : fields) {
      auto bytes = from_hex(entry.value(field, ""));
      if (!bytes || bytes->empty()) continue;
      write_seed(dir + "/" + field + "-" + std::to_string(written++), fuzz::partial_input(kind, *bytes));
    }
  }
  return written > 0 ? 0 : 1;
}

constexpr tools::Usage usage{
    "make_seeds",
    "make_seeds hpke|unprotect|group|frame|partial DIR\n"
    "       make_seeds mls-messages|partial-messages JSON DIR",
    "Writes seed inputs for the fuzz targets into DIR (see fuzz/make_seeds.cpp for each kind):\n"
    "  hpke, unprotect, group, frame, partial  genuine messages of that fuzz target's fixed setup\n"
    "  mls-messages JSON                       every MLSMessage of the IETF messages.json vectors, and\n"
    "                                          their ratchet trees into DIR/../ratchet_tree\n"
    "  partial-messages JSON                   every structure of the draft-ietf-mls-partial\n"
    "                                          message-syntax vectors"};

}  // namespace

int frame_seeds(const std::string& dir) {
  auto mls_sender = fuzz::mls_keying(0);
  auto livekit_sender = fuzz::livekit_cryptor();
  // An H.264 access unit (SPS, PPS, IDR slice) and an H.265 one (VPS, IDR_W_RADL).
  const Bytes h264 = *from_hex("00000001674200290000000168ce3c80000000016588840011223344");
  const Bytes h265 = *from_hex("0000000140010c0100000001260101aa55667788");
  const Bytes media(64, 0x5c);
  for (std::uint8_t selector = 0; selector < fuzz::frame_selectors; ++selector) {
    const auto info = fuzz::livekit_info(selector);
    const Bytes& plaintext = selector == 5 ? h264 : selector == 6 ? h265 : media;
    Bytes out(frame::LiveKitCryptor::max_protected_size(plaintext.size()));
    const auto size = selector == 0 ? mls_sender.protect(as_bytes("metadata"), plaintext, out)
                                    : livekit_sender.protect(info, plaintext, out);
    if (!size) return 1;
    write_seed(dir + "/frame-" + std::to_string(selector),
               concat({Bytes{selector}, BytesView(out).first(*size)}));
    const std::uint8_t round_trip = selector | fuzz::round_trip_flag;
    write_seed(dir + "/send-" + std::to_string(selector), concat({Bytes{round_trip}, plaintext}));
  }
  return 0;
}

int main(int argc, char** argv) {
  tools::positional_only(usage, argc, argv);
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "hpke" && argc == 3) return hpke_seeds(argv[2]);
  if (command == "unprotect" && argc == 3) return unprotect_seeds(argv[2]);
  if (command == "group" && argc == 3) return group_seeds(argv[2]);
  if (command == "frame" && argc == 3) return frame_seeds(argv[2]);
  if (command == "mls-messages" && argc == 4) return mls_message_seeds(argv[2], argv[3]);
  if (command == "partial" && argc == 3) return partial_seeds(argv[2]);
  if (command == "partial-messages" && argc == 4) return partial_message_seeds(argv[2], argv[3]);
  tools::usage_error(usage, "expected a kind of seeds and its arguments");
}
