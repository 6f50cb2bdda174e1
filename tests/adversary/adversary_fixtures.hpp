#pragma once

// The adversaries of spec-notes/meeting-profile.md ("Threat model"), as
// programs over the reference server's public requests: what each holds,
// and the raw steps it can take with it. Every test in this folder names
// the promise it tries to break.

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "../meeting_fixtures.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/meeting/password_psk.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/key_package.hpp"

namespace conclave::test {

// An attacker's own MLS client in the meeting's group: it joined by a
// valid external Commit with the password, and can then sign whatever it
// likes as that member.
struct RogueMember {
  Bytes token;
  mls::Group group;
};

class AdversaryFixture : public MeetingFixture {
 protected:
  // A session from an SRP login with `password` at `at`'s meeting ID.
  Result<Bytes> log_in(const meeting::MeetingLink& at, std::string_view with_password) {
    return meeting::log_in_session(server, profile, at, with_password, random);
  }

  // A KeyPackage that meets the meeting's required capabilities.
  mls::KeyPackageBundle key_package(std::string_view name) {
    const auto& suite = members[0].group().suite();
    mls::KeyPackageOptions options;
    meeting::add_meeting_capabilities(options.capabilities);
    return *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes(name.begin(), name.end())}},
                                    suite.signature().generate_key_pair(random), options, random);
  }

  mls::GroupInfo current_group_info(BytesView token) {
    auto bytes = server.group_info(token);
    EXPECT_TRUE(is_ok(bytes));
    return *codec::decode<mls::MlsMessage>(*bytes)->body.get_if<mls::GroupInfo>();
  }

  // An external Commit into the current epoch carrying a PreSharedKey for
  // the meeting ID, whose value `psk` gives (the real one, or a guess).
  Result<mls::Group::ExternalJoin> external_commit(BytesView token, const crypto::Secret& psk,
                                                   std::string_view name = "rogue") {
    const auto meeting_id = members[0].link().meeting_id;
    mls::GroupConfig config;
    // The attacker's client knows the roles component, so that it can
    // propose changes to it.
    config.components = meeting::meeting_components();
    // The group keeps its config: the lookup owns its copy of the value.
    config.psks = [value = std::make_shared<crypto::Secret>(psk.clone())](
                      const mls::PreSharedKeyId&) -> std::optional<crypto::Secret> { return value->clone(); };
    const mls::PreSharedKeyId id{{mls::ExternalPskId{Bytes(meeting_id.begin(), meeting_id.end())}}, Bytes(32, 9)};
    return mls::Group::join_external(current_group_info(token), key_package(name), std::nullopt, std::move(config),
                                     random, {.psks = {id}});
  }

  static meeting::CommitPost post_of(const mls::Group::ExternalJoin& joined) {
    return {codec::encode(joined.commit), codec::encode(*joined.group.group_info(true)), std::nullopt};
  }

  // A member of the attacker's own making, in the group with the password.
  RogueMember rogue_member() {
    auto token = log_in(members[0].link(), password);
    EXPECT_TRUE(is_ok(token));
    const auto psk = *meeting::password_psk(members[0].link().meeting_id, password);
    auto joined = external_commit(*token, psk.psk);
    EXPECT_TRUE(is_ok(joined));
    EXPECT_TRUE(is_ok(server.post_commit(*token, post_of(*joined))));
    sync_all();
    return {std::move(*token), std::move(joined->group)};
  }

  // The rogue's Commit (with the PSK), as the server receives it.
  meeting::CommitPost rogue_commit(RogueMember& rogue, std::vector<mls::Proposal> proposals = {}) {
    const auto meeting_id = members[0].link().meeting_id;
    proposals.push_back(mls::Proposal{mls::PreSharedKey{
        {{mls::ExternalPskId{Bytes(meeting_id.begin(), meeting_id.end())}}, Bytes(32, 3)}}});
    auto output = rogue.group.commit(
        {.proposals = std::move(proposals), .include_received = false, .force_path = true, .group_info = true},
        random);
    EXPECT_TRUE(is_ok(output));
    rogue.group.discard_pending_commit();
    return {codec::encode(output->commit), codec::encode(*output->group_info), std::nullopt};
  }

  // Every member's sync stops at the Commit it refuses with `why`.
  void expect_stranded(Errc why) {
    for (auto& member : members) {
      if (member.removed()) continue;
      auto report = member.sync(server);
      ASSERT_TRUE(is_ok(report));
      ASSERT_EQ(report->refused.size(), 1u);
      EXPECT_EQ(report->refused[0].second, why) << to_string(report->refused[0].second);
      EXPECT_TRUE(report->stranded);
    }
  }

  // Every member resyncs, in turn, reading what the others did first.
  void resync_all() {
    for (auto& member : members) {
      if (member.removed()) continue;
      auto report = member.sync(server);
      ASSERT_TRUE(is_ok(report));
      if (report->stranded) {
        ASSERT_TRUE(is_ok(member.resync(server)));
      }
    }
    sync_all();
  }

  // The link everyone uses from now on.
  void use_link(meeting::MeetingLink next) {
    link = std::move(next);
    password = std::string(link.meeting_password()->text());
  }

  std::size_t log_size() const { return server.record(members[0].link().meeting_id)->log.size(); }
};

}  // namespace conclave::test
