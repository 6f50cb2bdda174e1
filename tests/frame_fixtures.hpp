#pragma once

// Shared by the frame tests: a settable clock for the send delay, and a
// two-member MLS group whose epochs key the frames.

#include <gtest/gtest.h>

#include <chrono>

#include "conclave/frame/send_schedule.hpp"
#include "conclave/mls/group.hpp"
#include "test_support.hpp"

namespace conclave::test {

// The time every frame object in a test sees; tests move it forward.
inline frame::FrameClock::time_point fake_now{};
inline frame::FrameClock::time_point fake_clock() noexcept { return fake_now; }

// Alice creates a group and adds Bob by Welcome; commit() moves both to the
// next epoch.
struct TwoMembers {
  mls::CipherSuite suite = *mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::DeterministicRandom random{as_bytes("frame test")};
  mls::Group alice = create();
  mls::Group bob = add_bob();

  mls::KeyPackageBundle key_package(std::string_view name) {
    return *mls::create_key_package(suite, mls::Credential{mls::BasicCredential{Bytes(name.begin(), name.end())}},
                                    suite.signature().generate_key_pair(random), {}, random);
  }

  mls::Group create() {
    return std::move(*mls::Group::create(suite, Bytes{'m', 'e', 'e', 't'}, key_package("alice"), {}, {}, random));
  }

  mls::Group add_bob() {
    auto bundle = key_package("bob");
    mls::CommitOptions options;
    options.proposals.push_back(mls::Proposal{mls::Add{bundle.key_package}});
    auto output = alice.commit(options, random);
    EXPECT_TRUE(is_ok(alice.merge_pending_commit()));
    return std::move(*mls::Group::join(*output->welcome->body.get_if<mls::Welcome>(), bundle.key_package,
                                       std::move(bundle.keys), std::nullopt, {}));
  }

  void commit() {
    auto output = alice.commit({}, random);
    ASSERT_TRUE(is_ok(output));
    ASSERT_TRUE(is_ok(alice.merge_pending_commit()));
    ASSERT_TRUE(is_ok(bob.process(output->commit)));
  }
};

}  // namespace conclave::test
