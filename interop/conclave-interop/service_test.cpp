// The MLSClient service called directly: a two-member group through its
// RPCs, and bad input (unknown ids, malformed and random bytes), which must
// give an error status, change nothing, and leave the service serving.

#include <gtest/gtest.h>

#include <string>

#include "conclave/bytes.hpp"
#include "conclave/crypto/random.hpp"
#include "mls_client_service.hpp"

namespace {

using conclave::interop::MlsClientService;
using grpc::StatusCode;

class ServiceTest : public ::testing::Test {
 protected:
  MlsClientService service;
  conclave::crypto::DeterministicRandom random{conclave::as_bytes("interop service test")};

  std::uint32_t create_group(const std::string& identity) {
    mls_client::CreateGroupRequest request;
    request.set_group_id("group");
    request.set_cipher_suite(1);
    request.set_identity(identity);
    mls_client::CreateGroupResponse response;
    EXPECT_TRUE(service.CreateGroup(nullptr, &request, &response).ok());
    return response.state_id();
  }

  mls_client::CreateKeyPackageResponse key_package(const std::string& identity) {
    mls_client::CreateKeyPackageRequest request;
    request.set_cipher_suite(1);
    request.set_identity(identity);
    mls_client::CreateKeyPackageResponse response;
    EXPECT_TRUE(service.CreateKeyPackage(nullptr, &request, &response).ok());
    return response;
  }

  mls_client::CommitResponse add(std::uint32_t state, const std::string& key_package_bytes) {
    mls_client::CommitRequest request;
    request.set_state_id(state);
    auto* add = request.add_by_value();
    add->set_proposal_type("add");
    add->set_key_package(key_package_bytes);
    mls_client::CommitResponse response;
    EXPECT_TRUE(service.Commit(nullptr, &request, &response).ok());
    mls_client::HandlePendingCommitRequest merge;
    merge.set_state_id(state);
    mls_client::HandleCommitResponse merged;
    EXPECT_TRUE(service.HandlePendingCommit(nullptr, &merge, &merged).ok());
    return response;
  }

  grpc::Status join(std::uint32_t transaction, const std::string& welcome, std::uint32_t& state) {
    mls_client::JoinGroupRequest request;
    request.set_transaction_id(transaction);
    request.set_welcome(welcome);
    mls_client::JoinGroupResponse response;
    const auto status = service.JoinGroup(nullptr, &request, &response);
    state = response.state_id();
    return status;
  }

  std::string state_auth(std::uint32_t state) {
    mls_client::StateAuthRequest request;
    request.set_state_id(state);
    mls_client::StateAuthResponse response;
    EXPECT_TRUE(service.StateAuth(nullptr, &request, &response).ok());
    return response.state_auth_secret();
  }

  std::string random_bytes(std::size_t size) {
    std::string bytes(size, '\0');
    random.fill({reinterpret_cast<std::uint8_t*>(bytes.data()), bytes.size()});
    return bytes;
  }

  // Alice's group with Bob in it; returns {alice, bob}.
  std::pair<std::uint32_t, std::uint32_t> two_members() {
    const auto alice = create_group("alice");
    const auto bob_key_package = key_package("bob");
    const auto commit = add(alice, bob_key_package.key_package());
    std::uint32_t bob = 0;
    EXPECT_TRUE(join(bob_key_package.transaction_id(), commit.welcome(), bob).ok());
    return {alice, bob};
  }
};

TEST_F(ServiceTest, TwoMembersAgreeAndTalk) {
  const auto [alice, bob] = two_members();
  EXPECT_EQ(state_auth(alice), state_auth(bob));
  EXPECT_EQ(state_auth(alice).size(), 32u);

  mls_client::ProtectRequest protect;
  protect.set_state_id(bob);
  protect.set_plaintext("hello");
  protect.set_authenticated_data("aad");
  mls_client::ProtectResponse sealed;
  ASSERT_TRUE(service.Protect(nullptr, &protect, &sealed).ok());
  mls_client::UnprotectRequest unprotect;
  unprotect.set_state_id(alice);
  unprotect.set_ciphertext(sealed.ciphertext());
  mls_client::UnprotectResponse opened;
  ASSERT_TRUE(service.Unprotect(nullptr, &unprotect, &opened).ok());
  EXPECT_EQ(opened.plaintext(), "hello");
  EXPECT_EQ(opened.authenticated_data(), "aad");

  mls_client::ExportRequest exporter;
  exporter.set_label("test");
  exporter.set_key_length(16);
  mls_client::ExportResponse from_alice;
  mls_client::ExportResponse from_bob;
  exporter.set_state_id(alice);
  ASSERT_TRUE(service.Export(nullptr, &exporter, &from_alice).ok());
  exporter.set_state_id(bob);
  ASSERT_TRUE(service.Export(nullptr, &exporter, &from_bob).ok());
  EXPECT_EQ(from_alice.exported_secret().size(), 16u);
  EXPECT_EQ(from_alice.exported_secret(), from_bob.exported_secret());
}

TEST_F(ServiceTest, UnknownIdsAreNotFound) {
  mls_client::StateAuthRequest auth;
  auth.set_state_id(999);
  mls_client::StateAuthResponse auth_response;
  EXPECT_EQ(service.StateAuth(nullptr, &auth, &auth_response).error_code(), StatusCode::NOT_FOUND);
  std::uint32_t state = 0;
  EXPECT_EQ(join(999, "", state).error_code(), StatusCode::NOT_FOUND);
  const auto transaction = key_package("carol").transaction_id();
  mls_client::StateAuthRequest of_transaction;
  of_transaction.set_state_id(transaction);
  EXPECT_EQ(service.StateAuth(nullptr, &of_transaction, &auth_response).error_code(), StatusCode::NOT_FOUND);
}

// A malformed Welcome is refused and the KeyPackage it was for still joins.
TEST_F(ServiceTest, AMalformedWelcomeIsRefused) {
  const auto alice = create_group("alice");
  const auto bob_key_package = key_package("bob");
  const auto commit = add(alice, bob_key_package.key_package());
  std::uint32_t bob = 0;
  const auto truncated = commit.welcome().substr(0, commit.welcome().size() / 2);
  EXPECT_EQ(join(bob_key_package.transaction_id(), truncated, bob).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(join(bob_key_package.transaction_id(), commit.commit(), bob).error_code(),
            StatusCode::INVALID_ARGUMENT);
  ASSERT_TRUE(join(bob_key_package.transaction_id(), commit.welcome(), bob).ok());
  EXPECT_EQ(state_auth(alice), state_auth(bob));
}

// A Commit handed to Unprotect is refused before it is processed.
TEST_F(ServiceTest, UnprotectTakesOnlyApplicationMessages) {
  const auto [alice, bob] = two_members();
  mls_client::CommitRequest request;
  request.set_state_id(alice);
  request.set_force_path(true);
  mls_client::CommitResponse commit;
  ASSERT_TRUE(service.Commit(nullptr, &request, &commit).ok());
  const auto before = state_auth(bob);
  mls_client::UnprotectRequest unprotect;
  unprotect.set_state_id(bob);
  unprotect.set_ciphertext(commit.commit());
  mls_client::UnprotectResponse opened;
  EXPECT_EQ(service.Unprotect(nullptr, &unprotect, &opened).error_code(), StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(state_auth(bob), before);
}

// Random and truncated bytes into every field that takes a message: an
// error status each time, and the members still agree afterwards.
TEST_F(ServiceTest, RandomBytesNeverCrashTheService) {
  const auto [alice, bob] = two_members();
  const auto before = state_auth(alice);
  for (int round = 0; round < 200; ++round) {
    const auto bytes = random_bytes(static_cast<std::size_t>(round));
    mls_client::HandleCommitRequest handle;
    handle.set_state_id(bob);
    handle.set_commit(bytes);
    handle.add_proposal(bytes);
    mls_client::HandleCommitResponse handled;
    EXPECT_FALSE(service.HandleCommit(nullptr, &handle, &handled).ok());
    mls_client::UnprotectRequest unprotect;
    unprotect.set_state_id(alice);
    unprotect.set_ciphertext(bytes);
    mls_client::UnprotectResponse opened;
    EXPECT_FALSE(service.Unprotect(nullptr, &unprotect, &opened).ok());
    mls_client::ExternalJoinRequest external;
    external.set_group_info(bytes);
    external.set_ratchet_tree(bytes);
    mls_client::ExternalJoinResponse joined;
    EXPECT_FALSE(service.ExternalJoin(nullptr, &external, &joined).ok());
    mls_client::AddExternalSignerRequest signer;
    signer.set_state_id(alice);
    signer.set_external_sender(bytes);
    mls_client::ProposalResponse proposal;
    EXPECT_FALSE(service.AddExternalSigner(nullptr, &signer, &proposal).ok());
  }
  EXPECT_EQ(state_auth(alice), before);
  EXPECT_EQ(state_auth(bob), before);
}

}  // namespace
