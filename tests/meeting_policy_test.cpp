// The meeting profile's Commit rules, one bad input each
// (spec-notes/meeting-profile.md, "The meeting group"; the roles' rules in
// detail in meeting_continuity_test.cpp).

#include <gtest/gtest.h>

#include "conclave/meeting/meeting_roles.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/mls/extension_types.hpp"
#include "meeting/meeting_policy.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;
using conclave::test::fails_with;
using conclave::test::is_ok;

const Bytes meeting_id{'M', 'E', 'E', 'T', '0', '0', '0', '0', '0', '1'};
const mls::Sender host{mls::MemberSender{0}};
const mls::Sender member{mls::MemberSender{3}};
const mls::Sender joiner{mls::NewMemberCommitSender{}};

mls::GroupContext context(std::uint8_t locked = 0) {
  mls::GroupContext c;
  c.extensions = {mls::make_extension(MeetingState{meeting_id}), roles_dictionary(MeetingRoles{0, {}, locked})};
  return c;
}

mls::ResolvedProposal psk(const Bytes& id, const mls::Sender& sender = host) {
  return {mls::Proposal{mls::PreSharedKey{{{mls::ExternalPskId{id}}, Bytes(32, 1)}}}, sender};
}

mls::ResolvedProposal gce(MeetingState state, const mls::Sender& sender = host) {
  return {mls::Proposal{mls::GroupContextExtensions{{mls::make_extension(state)}}}, sender};
}

mls::ResolvedProposal set_roles(const MeetingRoles& roles, const mls::Sender& sender = host) {
  return {roles_update(roles), sender};
}

mls::ResolvedProposal remove(std::uint32_t leaf, const mls::Sender& sender) {
  return {mls::Proposal{mls::Remove{leaf}}, sender};
}

mls::ResolvedProposal add(const mls::Sender& sender = host) { return {mls::Proposal{mls::Add{}}, sender}; }

TEST(MeetingPolicy, EveryCommitCarriesThePasswordPsk) {
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), member, {psk(meeting_id, member)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {}), Errc::psk_missing));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {psk(Bytes{'o', 't', 'h', 'e', 'r'})}),
                         Errc::psk_missing));
  const mls::ResolvedProposal resumption{
      mls::Proposal{mls::PreSharedKey{{{mls::ResumptionPskId{mls::ResumptionPskUsage::application, meeting_id, 1}},
                                       Bytes(32, 1)}}},
      member};
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {resumption}), Errc::psk_missing));
}

TEST(MeetingPolicy, ARotationCarriesTheNewLinksPsk) {
  const Bytes next_id{'N', 'E', 'X', 'T', '0', '0', '0', '0', '0', '2'};
  const MeetingState next{next_id};
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), host, {gce(next), psk(next_id)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {gce(next), psk(meeting_id)}), Errc::psk_missing));
}

TEST(MeetingPolicy, OnlyTheHostChangesTheMeetingState) {
  const MeetingState same{meeting_id};
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), host, {gce(same), psk(meeting_id)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {gce(same, member), psk(meeting_id)}),
                         Errc::not_permitted));
  const mls::ResolvedProposal without_state{mls::Proposal{mls::GroupContextExtensions{{}}}, host};
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {without_state, psk(meeting_id)}),
                         Errc::invalid_proposal));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {gce({Bytes{}}), psk(meeting_id)}),
                         Errc::invalid_proposal));
  const mls::ResolvedProposal reinit{mls::Proposal{mls::ReInit{}}, member};
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {reinit, psk(meeting_id)}), Errc::not_permitted));
}

TEST(MeetingPolicy, OnlyTheHostChangesTheRoles) {
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), host, {set_roles({0, {3}, 1}), psk(meeting_id)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {set_roles({3, {}, 0}, member), psk(meeting_id)}),
                         Errc::not_permitted));
}

TEST(MeetingPolicy, RemovesAreTheHostsOrOnesOwn) {
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), host, {remove(3, host), psk(meeting_id)})));
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), host, {remove(3, member), psk(meeting_id)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), member, {remove(4, member), psk(meeting_id)}),
                         Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {remove(0, host), psk(meeting_id)}),
                         Errc::not_permitted));
}

// An external Commit's Remove is a resync, the host's too; the resync rule
// then decides who may take the leaf.
TEST(MeetingPolicy, AnExternalCommitRemovesOnlyAsAResync) {
  const mls::ResolvedProposal external_init{mls::Proposal{mls::ExternalInit{}}, joiner};
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), joiner, {external_init, remove(5, joiner), psk(meeting_id, joiner)})));
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), joiner, {external_init, remove(0, joiner), psk(meeting_id, joiner)})));
  // Locked: a resync brings no one new, a plain external join does.
  EXPECT_TRUE(is_ok(check_meeting_commit(context(1), joiner, {external_init, remove(5, joiner), psk(meeting_id, joiner)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(1), joiner, {external_init, psk(meeting_id, joiner)}),
                         Errc::not_permitted));
}

TEST(MeetingPolicy, OnlyTheSameMemberResyncs) {
  mls::LeafNode removed;
  removed.signature_key = Bytes(32, 1);
  removed.credential = mls::Credential{mls::BasicCredential{Bytes{'a'}}};
  mls::LeafNode same = removed;
  same.encryption_key = Bytes(32, 2);
  EXPECT_TRUE(is_ok(check_meeting_resync(removed, same)));
  mls::LeafNode other_key = same;
  other_key.signature_key = Bytes(32, 3);
  EXPECT_TRUE(fails_with(check_meeting_resync(removed, other_key), Errc::not_permitted));
  mls::LeafNode other_name = same;
  other_name.credential = mls::Credential{mls::BasicCredential{Bytes{'b'}}};
  EXPECT_TRUE(fails_with(check_meeting_resync(removed, other_name), Errc::not_permitted));
}

TEST(MeetingPolicy, OnlyTheHostAdds) {
  const mls::Sender server{mls::NewMemberProposalSender{}};
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), member, {add(host), psk(meeting_id, member)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {add(member), psk(meeting_id)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(), host, {add(server), psk(meeting_id)}), Errc::not_permitted));
}

TEST(MeetingPolicy, ALockedMeetingAddsNoOne) {
  const mls::ResolvedProposal external_init{mls::Proposal{mls::ExternalInit{}}, joiner};
  EXPECT_TRUE(is_ok(check_meeting_commit(context(), member, {add(), psk(meeting_id)})));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(1), member, {add(), psk(meeting_id)}), Errc::not_permitted));
  EXPECT_TRUE(fails_with(check_meeting_commit(context(1), joiner, {external_init, psk(meeting_id, joiner)}),
                         Errc::not_permitted));
  EXPECT_TRUE(is_ok(check_meeting_commit(context(1), host, {set_roles({0, {}, 0}), add(), psk(meeting_id)})));
}

TEST(MeetingPolicy, TheContextMustHoldOneMeetingStateAndTheRoles) {
  mls::GroupContext twice = context();
  twice.extensions.push_back(twice.extensions[0]);
  EXPECT_TRUE(fails_with(check_meeting_commit(twice, host, {psk(meeting_id)}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(check_meeting_commit(mls::GroupContext{}, host, {psk(meeting_id)}), Errc::invalid_argument));
  mls::GroupContext without_roles = context();
  without_roles.extensions.pop_back();
  EXPECT_TRUE(fails_with(check_meeting_commit(without_roles, host, {psk(meeting_id)}), Errc::invalid_argument));
}

}  // namespace
