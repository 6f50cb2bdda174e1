// RFC 9420 section 12.4.1 at scale: a committer gathers the proposals it
// received in time near-linear in their number (each is checked once
// against the list built so far, and its content was checked on receipt).
// White-box: the state's cache is filled through the receipt path and the
// gathering is timed alone, without the Commit's own cryptography.

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "conclave/mls/external_proposal.hpp"
#include "conclave/mls/group.hpp"
#include "mls/group_state.hpp"
#include "mls/proposal_gathering.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::mls;
using conclave::test::is_ok;

// Well above what an optimized build takes (under 10 ms), well below what
// a quadratic gathering took (1.9 s).
constexpr double gathering_bound_ms = 50.0 * conclave::test::time_scale;

// 2,000 cached Adds from 1,000 new members, two KeyPackages of one
// signature key each: one of each pair is left out, as the whole list is
// invalid (section 12.2), which used to make gathering quadratic (1.9 s).
TEST(ProposalGatheringTest, TwoThousandCachedAddsGatherInLinearTime) {
  const auto suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("proposal gathering test")};
  const auto key_package = [&](const crypto::SignatureKeyPair& signer) {
    return *create_key_package(suite, Credential{BasicCredential{Bytes{'n'}}},
                               {signer.private_key.clone(), signer.public_key}, {}, random);
  };
  GroupConfig config;
  config.external_proposals = [](const GroupContext&, const Sender&, const Proposal&) { return Status(); };
  auto state = create_group(suite, Bytes{'g'}, key_package(suite.signature().generate_key_pair(random)), {},
                            std::move(config), random);
  ASSERT_TRUE(is_ok(state));
  constexpr std::size_t newcomers = 1000;
  for (std::size_t i = 0; i < 2 * newcomers; i += 2) {
    const auto signer = suite.signature().generate_key_pair(random);
    for (int twice = 0; twice < 2; ++twice) {
      auto message = external_proposal((*state)->context, Sender{NewMemberProposalSender{}},
                                       Proposal{Add{key_package(signer).key_package}}, signer.private_key);
      ASSERT_TRUE(is_ok(message));
      auto content = (*state)->epoch.protection->unprotect(*message->body.get_if<PublicMessage>());
      ASSERT_TRUE(is_ok(content));
      ASSERT_TRUE(is_ok(cache_received_proposal(**state, *content)));
    }
  }
  ASSERT_EQ((*state)->proposals.size(), 2 * newcomers);

  const auto start = std::chrono::steady_clock::now();
  auto gathered = gather_proposals(**state, {});
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(is_ok(gathered));
  EXPECT_EQ(gathered->listed.size(), newcomers);
  std::cout << "gathering 2,000 cached Adds took " << took.count() << " ms\n";
  RecordProperty("gather_ms", std::to_string(took.count()));
  EXPECT_LT(took.count(), gathering_bound_ms);
}

}  // namespace
