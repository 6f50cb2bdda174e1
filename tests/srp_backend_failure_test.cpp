// Issue 24: SRP with each checked OpenSSL and libxcrypt call made to fail in
// turn (tests/backend_failures.hpp). The bignum arithmetic and the hashing
// throw their documented exceptions, bcrypt gives Errc::internal, and a
// Client or Server whose step fails, by either, is left failed: no later
// step runs on a password or ephemeral secret the step may have wiped.

#include <gtest/gtest.h>

#include <optional>

#include "backend_failures.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::test::BackendOutcome;
using conclave::test::failed_typed;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::with_each_backend_call_failing;

// The 1024-bit group keeps every code path of the larger ones, faster.
const srp::GroupPolicy small_groups{.min_bits = 1024};

const srp::Rfc5054& variant() {
  static const srp::Rfc5054 rfc5054(*srp::rfc5054_group(1024, small_groups), crypto::HashId::sha256);
  return rfc5054;
}

// Both parties of one login, made afresh for each run.
struct Login {
  crypto::DeterministicRandom random{as_bytes("srp backend failure")};
  std::optional<srp::Server> server;
  std::optional<srp::Client> client;

  Status run() {
    server.reset();
    client.reset();
    auto record = srp::register_password(variant(), as_bytes("alice"), as_bytes("pw"), random);
    if (!record) return record.error();
    const Bytes salt = record->salt;
    auto created = srp::Server::create(variant(), std::move(*record), random);
    if (!created) return created.error();
    server.emplace(std::move(*created));
    client.emplace(variant(), as_bytes("alice"), as_bytes("pw"), random);
    auto client_key = client->start();
    if (!client_key) return client_key.error();
    auto server_key = server->challenge();
    if (!server_key) return server_key.error();
    if (auto received = server->receive(*client_key); !received) return received.error();
    auto client_proof = client->respond(salt, *server_key);
    if (!client_proof) return client_proof.error();
    auto server_proof = server->verify(*client_proof);
    if (!server_proof) return server_proof.error();
    return client->verify(*server_proof);
  }
};

// Before the fix a step that threw left its party in the state before it,
// holding a wiped password, and a retry went on with it.
TEST(SrpBackendFailure, FailedStepLeavesItsPartyFailed) {
  Login login;
  with_each_backend_call_failing([&] { return login.run(); }, [&](const BackendOutcome<Status>& outcome) {
    EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
    const bool client_failed = login.client && login.client->state() == srp::Client::State::failed;
    const bool server_failed = login.server && login.server->state() == srp::Server::State::failed;
    const bool before_the_parties = !login.server;
    EXPECT_TRUE(client_failed || server_failed || before_the_parties);
    if (client_failed) {
      EXPECT_TRUE(fails_with(login.client->respond({}, {}), Errc::out_of_order));
    }
    if (server_failed) {
      EXPECT_TRUE(fails_with(login.server->verify({}), Errc::out_of_order));
    }
    if (login.client) {
      EXPECT_TRUE(fails_with(login.client->session_key(), Errc::out_of_order));
    }
  });
}

TEST(SrpBackendFailure, GroupCreateThrowsTheDocumentedException) {
  const srp::Group& group = variant().group();
  with_each_backend_call_failing(
      [&] { return srp::Group::create(group.modulus(), group.generator(), small_groups); },
      [](const BackendOutcome<Result<srp::Group>>& outcome) { EXPECT_FALSE(outcome.has_value()); });
}

// One bcrypt per run: its cost dominates.
TEST(SrpBackendFailure, BcryptFailureIsInternal) {
  const Bytes salt(srp::proton::salt_size, 5);
  with_each_backend_call_failing([&] { return srp::proton::bcrypt(as_bytes("pw"), salt); },
                                 [](const BackendOutcome<Result<crypto::Secret>>& outcome) {
                                   ASSERT_TRUE(outcome.has_value());
                                   EXPECT_TRUE(fails_with(*outcome, Errc::internal));
                                 });
}

}  // namespace
