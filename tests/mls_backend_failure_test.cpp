// Whole MLS operations with each of their OpenSSL and libsodium calls
// failing in turn (tests/backend_failures.hpp): every failure gives a typed
// error, and a group that was asked to change is left exactly as it was
// (epoch, GroupContext, epoch_authenticator, tree and serialization). The
// groups are small (two members, three after an Add) to keep the loops fast.

#include <gtest/gtest.h>

#include <initializer_list>
#include <string_view>

#include "backend_failures.hpp"
#include "conclave/storage/memory_store.hpp"
#include "follower_snapshot.hpp"
#include "storage/persisted_pair.hpp"
#include "group_snapshot.hpp"
#include "partial/partial_client_fixtures.hpp"

namespace conclave::mls {
namespace {

using test::failed_typed;
using test::with_each_backend_call_failing;

// What an operation that creates or sends reports for a failed backend call.
constexpr std::initializer_list<Errc> sending_errors = {Errc::internal};

// What one that also validates a KeyPackage reports: a failed call in its
// signature check is a signature that does not verify.
constexpr std::initializer_list<Errc> validating_errors = {Errc::internal, Errc::signature_invalid};

// What a Commit with a path reports: its HPKE encryptions' Diffie-Hellman
// failing is dh_failure.
constexpr std::initializer_list<Errc> committing_errors = {Errc::internal, Errc::signature_invalid,
                                                           Errc::dh_failure};

// What a receiver reports: a failed call in a check is that check failing
// (a signature, a MAC, an AEAD tag or a key that does not verify).
constexpr std::initializer_list<Errc> receiving_errors = {
    Errc::internal,         Errc::signature_invalid,        Errc::aead_failure,
    Errc::membership_tag_invalid, Errc::confirmation_tag_invalid, Errc::parent_hash_invalid,
    Errc::invalid_public_key,     Errc::invalid_private_key,      Errc::invalid_value,
    Errc::dh_failure};

KeyPackageBundle copy_of(const KeyPackageBundle& bundle) {
  return {bundle.key_package,
          {bundle.keys.init_private_key.clone(), bundle.keys.encryption_private_key.clone(),
           bundle.keys.signature_private_key.clone()}};
}

// Alice created the group and added Bob.
class MlsBackendFailureTest : public PersistedPairTest {
 protected:
  // An operation on `group` whose failures give one of `errors` and leave
  // `group` as it was.
  template <class Operation>
  void each_failure_leaves(Group& group, std::initializer_list<Errc> errors, Operation&& operation) {
    const Snapshot before = snapshot(group);
    with_each_backend_call_failing(operation, [&](const auto& outcome) {
      EXPECT_TRUE(failed_typed(outcome, errors));
      EXPECT_TRUE(unchanged(group, before));
    });
  }

  CommitOutput alice_sends(const CommitOptions& options) {
    auto output = alice->commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(alice->merge_pending_commit()));
    return std::move(*output);
  }
};

TEST_F(MlsBackendFailureTest, CreatingAGroupFailsTyped) {
  const KeyPackageBundle creator = key_package("carol");
  with_each_backend_call_failing(
      [&] { return Group::create(suite, Bytes{'n', 'e', 'w'}, copy_of(creator), {}, member_config, random); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, validating_errors)); });
}

TEST_F(MlsBackendFailureTest, CreatingAKeyPackageFailsTyped) {
  with_each_backend_call_failing(
      [&] {
        return create_key_package(suite, Credential{BasicCredential{Bytes{'c'}}},
                                  suite.signature().generate_key_pair(random), {}, random);
      },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, sending_errors)); });
}

TEST_F(MlsBackendFailureTest, ACommitWithAPathAndAnAddLeavesTheGroup) {
  const KeyPackageBundle carol = key_package("carol");
  CommitOptions options;
  options.force_path = true;
  options.group_info = true;
  options.proposals.push_back(Proposal{Add{carol.key_package}});
  each_failure_leaves(*alice, committing_errors, [&] { return alice->commit(options, random); });
}

// Finding (not fixed): hash() and hmac() report a backend failure by
// throwing std::runtime_error, and Group::process() is not exception-safe:
// with backend call 276 throwing, Bob is left half in the Commit's epoch
// (his epoch_authenticator changed) and the genuine Commit is then refused.
TEST_F(MlsBackendFailureTest, DISABLED_ProcessingACommitWithAPathLeavesTheGroup) {
  CommitOptions options;
  options.force_path = true;
  const MlsMessage commit = alice_sends(options).commit;
  each_failure_leaves(*bob, receiving_errors, [&] { return bob->process(commit); });
}

TEST_F(MlsBackendFailureTest, JoiningByAWelcomeFailsTyped) {
  const KeyPackageBundle carol = key_package("carol");
  CommitOptions options;
  options.proposals.push_back(Proposal{Add{carol.key_package}});
  const Welcome welcome = *alice_sends(options).welcome->body.get_if<Welcome>();
  with_each_backend_call_failing(
      [&] { return Group::join(welcome, carol.key_package, copy_of(carol).keys, std::nullopt, member_config); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, receiving_errors)); });
}

TEST_F(MlsBackendFailureTest, AnExternalJoinFailsTyped) {
  const auto info = alice->group_info(true);
  ASSERT_TRUE(test::is_ok(info));
  const GroupInfo& group_info = *info->body.get_if<GroupInfo>();
  const KeyPackageBundle carol = key_package("carol");
  with_each_backend_call_failing(
      [&] { return Group::join_external(group_info, copy_of(carol), std::nullopt, member_config, random); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, receiving_errors)); });
}

// Finding (not fixed): as for a Commit with a path, backend call 370 throwing
// leaves Alice half in the external Commit's epoch.
TEST_F(MlsBackendFailureTest, DISABLED_ProcessingAnExternalCommitLeavesTheGroup) {
  const auto info = alice->group_info(true);
  ASSERT_TRUE(test::is_ok(info));
  const GroupInfo& group_info = *info->body.get_if<GroupInfo>();
  const KeyPackageBundle carol = key_package("carol");
  auto joined = Group::join_external(group_info, copy_of(carol), std::nullopt, member_config, random);
  ASSERT_TRUE(test::is_ok(joined));
  each_failure_leaves(*alice, receiving_errors, [&] { return alice->process(joined->commit); });
}

// Section 9.2: a sender's key is consumed once drawn, even when sealing
// with it fails, so that no failure can make it reuse a key and nonce; the
// epoch stays, and the next message is sent and opens.
TEST_F(MlsBackendFailureTest, AFailedProtectKeepsTheEpochAndTheNextMessageOpens) {
  const Snapshot before = snapshot(*alice);
  with_each_backend_call_failing([&] { return alice->protect(as_bytes("hello"), {}, random); },
                                 [&](const auto& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, sending_errors));
                                   EXPECT_EQ(alice->epoch(), before.epoch);
                                   EXPECT_EQ(test::copy_of(alice->epoch_authenticator()), before.epoch_authenticator);
                                 });
  EXPECT_TRUE(test::is_ok(bob->process(from_alice("after the failures"))));
}

// Finding (not fixed): with backend call 131 throwing, Bob's state after the
// refused application message differs from before (its serialization).
TEST_F(MlsBackendFailureTest, DISABLED_OpeningAMessageLeavesTheGroup) {
  auto message = alice->protect(as_bytes("hello"), {}, random);
  ASSERT_TRUE(test::is_ok(message));
  each_failure_leaves(*bob, receiving_errors, [&] { return bob->process(*message); });
}

TEST_F(MlsBackendFailureTest, ProposingAnUpdateLeavesTheGroup) {
  each_failure_leaves(*bob, sending_errors, [&] { return bob->propose_update(random); });
}

// Finding (not fixed): a member's proposal whose validation fails is cached
// as invalid by design (a Commit that references it is then refused), so a
// failed signature check of the Update's leaf gives success with the cache
// grown; and with the proposal reference's hash throwing after validation
// (backend call 11), the group's serialization changed all the same.
TEST_F(MlsBackendFailureTest, DISABLED_ProcessingAnUpdateLeavesTheGroup) {
  auto proposal = bob->propose_update(random);
  ASSERT_TRUE(test::is_ok(proposal));
  each_failure_leaves(*alice, receiving_errors, [&] { return alice->process(*proposal); });
}

TEST_F(MlsBackendFailureTest, LoadingAGroupFailsTyped) {
  storage::MemoryStore store;
  ASSERT_TRUE(test::is_ok(bob->persist(store)));
  const Bytes id = bob->context().group_id;
  with_each_backend_call_failing(
      [&] { return Group::load(store, id, member_config); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, {Errc::storage_corrupt, Errc::internal})); });
}

TEST_F(MlsBackendFailureTest, ExportingASecretAndAGroupInfoFailTyped) {
  each_failure_leaves(*alice, sending_errors, [&] { return alice->export_secret("label", {}, 32); });
  each_failure_leaves(*alice, sending_errors, [&] { return alice->group_info(true); });
}

TEST_F(MlsBackendFailureTest, AFollowerFromAGroupInfoFailsTyped) {
  const auto info = alice->group_info(true);
  ASSERT_TRUE(test::is_ok(info));
  const GroupInfo& group_info = *info->body.get_if<GroupInfo>();
  with_each_backend_call_failing(
      [&] { return PublicGroup::from_group_info(group_info, std::nullopt, member_config); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, receiving_errors)); });
}

// Finding (fixed): with backend call 4 throwing, PublicGroup::process() left
// the follower's tree changed (its tree hash).
TEST_F(MlsBackendFailureTest, ACommitLeavesAFollower) {
  const auto info = alice->group_info(true);
  ASSERT_TRUE(test::is_ok(info));
  const GroupInfo& group_info = *info->body.get_if<GroupInfo>();
  auto follower = PublicGroup::from_group_info(group_info, std::nullopt, member_config);
  ASSERT_TRUE(test::is_ok(follower));
  CommitOptions options;
  options.force_path = true;
  const MlsMessage commit = alice_sends(options).commit;
  const auto before = validation::snapshot_of(*follower);
  with_each_backend_call_failing([&] { return follower->process(commit); },
                                 [&](const auto& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, receiving_errors));
                                   EXPECT_TRUE(validation::unchanged(*follower, before));
                                 });
}

// Pat, a partial client, joins the group of alice, bob and carol.
using PartialBackendFailureTest = PartialClientTest;

TEST_F(PartialBackendFailureTest, APartialJoinFailsTyped) {
  const KeyPackageBundle bundle = key_package("pat");
  const auto added = alice_adds(bundle.key_package, true);
  const AnnotatedWelcome welcome = welcome_for(alice, added.welcome(), added.leaf);
  with_each_backend_call_failing(
      [&] { return PartialGroup::join(welcome, bundle.key_package, copy_of(bundle).keys, member_config); },
      [](const auto& outcome) { EXPECT_TRUE(failed_typed(outcome, receiving_errors)); });
}

// Finding (not fixed): with backend call 283 throwing, PartialGroup::process()
// leaves Pat half in the Commit's epoch (epoch_authenticator changed).
TEST_F(PartialBackendFailureTest, DISABLED_AnAnnotatedCommitLeavesThePartialClient) {
  const KeyPackageBundle bundle = key_package("pat");
  const auto added = alice_adds(bundle.key_package, true);
  const AnnotatedWelcome welcome = welcome_for(alice, added.welcome(), added.leaf);
  auto pat = PartialGroup::join(welcome, bundle.key_package, copy_of(bundle).keys, member_config);
  ASSERT_TRUE(test::is_ok(pat));
  CommitOptions options;
  options.force_path = true;
  const AnnotatedCommit commit = annotate(*bob, commit_by(*bob, options), pat->own_leaf());
  const PartialSnapshot before = snapshot(*pat);
  with_each_backend_call_failing([&] { return pat->process(commit); },
                                 [&](const auto& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, receiving_errors));
                                   EXPECT_TRUE(unchanged(*pat, before));
                                 });
}

}  // namespace
}  // namespace conclave::mls
