#pragma once

// A fixture for group tests: suite 1, deterministic randomness, members
// created and added by name.

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "conclave/mls/group.hpp"
#include "test_support.hpp"

namespace conclave::mls {

class GroupTest : public ::testing::Test {
 protected:
  GroupTest() = default;
  // Every KeyPackage key_package() makes has `options`.
  explicit GroupTest(KeyPackageOptions options) : member_options(std::move(options)) {}

  CipherSuite suite = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("group test")};
  // The settings of every group create() and add() make.
  GroupConfig member_config;
  KeyPackageOptions member_options;

  KeyPackageBundle key_package(std::string_view name) {
    return *create_key_package(suite, Credential{BasicCredential{Bytes(name.begin(), name.end())}},
                               suite.signature().generate_key_pair(random), member_options, random);
  }

  // A KeyPackage of `credential` whose capabilities list `supported`.
  KeyPackageBundle key_package_with(Credential credential, std::vector<CredentialType> supported) {
    KeyPackageOptions options;
    options.capabilities.credentials = std::move(supported);
    return *create_key_package(suite, std::move(credential), suite.signature().generate_key_pair(random),
                               options, random);
  }

  Group create(std::string_view name) {
    return std::move(*Group::create(suite, Bytes{'g', 'i', 'd'}, key_package(name), {}, member_config, random));
  }

  // Adds `names` in one commit from `committer`; returns the joined groups.
  std::vector<Group> add(Group& committer, const std::vector<std::string_view>& names,
                         std::vector<Group*> others = {}) {
    std::vector<KeyPackageBundle> bundles;
    CommitOptions options;
    for (const auto name : names) {
      bundles.push_back(key_package(name));
      options.proposals.push_back(Proposal{Add{bundles.back().key_package}});
    }
    auto output = committer.commit(options, random);
    EXPECT_TRUE(test::is_ok(output));
    EXPECT_TRUE(test::is_ok(committer.merge_pending_commit()));
    for (auto* other : others) EXPECT_TRUE(test::is_ok(other->process(output->commit)));
    std::vector<Group> joined;
    for (auto& bundle : bundles) {
      auto group = Group::join(*output->welcome->body.get_if<Welcome>(), bundle.key_package,
                               std::move(bundle.keys), std::nullopt, member_config);
      EXPECT_TRUE(test::is_ok(group));
      joined.push_back(std::move(*group));
    }
    return joined;
  }
};

// An X.509 credential whose one certificate is `name`'s bytes.
inline Credential x509_credential(std::string_view name) {
  return Credential{X509Credential{{Certificate{Bytes(name.begin(), name.end())}}}};
}

inline void expect_same_epoch(const Group& a, const Group& b) {
  EXPECT_EQ(a.epoch(), b.epoch());
  EXPECT_TRUE(std::equal(a.epoch_authenticator().begin(), a.epoch_authenticator().end(),
                         b.epoch_authenticator().begin(), b.epoch_authenticator().end()));
  EXPECT_EQ(a.tree().tree_hash(), b.tree().tree_hash());
}

}  // namespace conclave::mls
