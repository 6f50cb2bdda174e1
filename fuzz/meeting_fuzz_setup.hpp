#pragma once

// The meeting the meeting fuzzer posts Commits to, made once: a host with
// two members, the GroupInfo the server is registered from, and one valid
// CommitPost from the host (a Remove, an Add with its Welcome, the password
// PSK and a path). The host is driven as an mls::Group so that the fuzzer
// holds its signature key and can sign edited Commits and GroupInfos: an
// edit then reaches the checks behind the signature (the proposal rules,
// the meeting's rules, the new leaves, the parent hashes, the GroupInfo).

#include <string_view>
#include <utility>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"

namespace conclave::fuzz {

inline const srp::Rfc5054& meeting_fuzz_srp() {
  static const srp::Rfc5054 variant(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  return variant;
}

// The meeting's password PSK (its value is no Argon2id output: the server
// never sees it).
inline const meeting::PasswordPsk& meeting_fuzz_psk() {
  static const meeting::PasswordPsk psk{Bytes{'F', 'U', 'Z', 'Z'}, crypto::Secret(Bytes(32, 7))};
  return psk;
}

struct FuzzMeeting {
  mls::CipherSuite suite;
  meeting::MeetingRegistration registration;  // with the GroupInfo of the epoch the post comes from
  mls::GroupContext context;                  // that epoch's
  meeting::CommitPost post;                   // valid from the host's session
  crypto::Secret host_key;                    // the host's signature private key
};

namespace detail {

inline void must(const Status& status) {
  if (!status) __builtin_trap();
}

inline mls::KeyPackageBundle meeting_member(const mls::CipherSuite& suite, std::string_view name,
                                            crypto::RandomSource& random) {
  mls::KeyPackageOptions options;
  meeting::add_meeting_capabilities(options.capabilities);
  const mls::Credential credential{mls::BasicCredential{Bytes(name.begin(), name.end())}};
  return mls::create_key_package(suite, credential, suite.signature().generate_key_pair(random), options, random)
      .value();
}

// A host Commit as a meeting member makes it: a PublicMessage with the
// password PSK and the next GroupInfo, of the host's own proposals only.
inline mls::CommitOutput host_commit(mls::Group& group, std::vector<mls::Proposal> proposals,
                                     const meeting::PasswordPsk& psk, crypto::RandomSource& random) {
  Bytes nonce(group.suite().secret_size());
  random.fill(nonce);
  proposals.push_back(mls::Proposal{mls::PreSharedKey{{{mls::ExternalPskId{psk.psk_id}}, std::move(nonce)}}});
  return group
      .commit({.proposals = std::move(proposals), .include_received = false, .force_path = true, .group_info = true},
              random)
      .value();
}

inline FuzzMeeting make_meeting() {
  crypto::DeterministicRandom random(as_bytes("meeting fuzz"));
  const auto suite = mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519).value();
  const auto& psk = meeting_fuzz_psk();
  mls::GroupConfig config;
  config.psks = [&psk](const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return psk.psk.clone(); };
  auto host = meeting_member(suite, "host", random);
  crypto::Secret host_key = host.keys.signature_private_key.clone();
  config.components = meeting::meeting_components();
  mls::ExtensionList extensions{mls::make_extension(meeting::MeetingState{psk.psk_id}),
                                meeting::roles_dictionary(meeting::MeetingRoles{0, {}, 0}),
                                mls::make_extension(meeting::meeting_required_capabilities())};
  auto group = mls::Group::create(suite, Bytes(16, 1), std::move(host), std::move(extensions), std::move(config), random)
                   .value();
  host_commit(group, {}, psk, random);
  must(group.merge_pending_commit());
  host_commit(group,
              {mls::Proposal{mls::Add{meeting_member(suite, "bob", random).key_package}},
               mls::Proposal{mls::Add{meeting_member(suite, "carol", random).key_package}}},
              psk, random);
  must(group.merge_pending_commit());
  const auto base = group.group_info(true).value();
  auto output = host_commit(
      group, {mls::Proposal{mls::Remove{2}}, mls::Proposal{mls::Add{meeting_member(suite, "dave", random).key_package}}},
      psk, random);
  auto verifier = srp::register_password(meeting_fuzz_srp(), as_bytes("FUZZ"), as_bytes("password"), random).value();
  return {suite,
          {"FUZZ", std::move(verifier), {}, {}, codec::encode(base), {}},
          group.context(),
          {codec::encode(output.commit), codec::encode(*output.group_info), codec::encode(*output.welcome)},
          std::move(host_key)};
}

}  // namespace detail

inline const FuzzMeeting& fuzz_meeting() {
  static const FuzzMeeting meeting = detail::make_meeting();
  return meeting;
}

}  // namespace conclave::fuzz
