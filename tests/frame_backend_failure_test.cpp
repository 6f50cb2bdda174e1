// Issue 24: SFrame with each checked OpenSSL call made to fail in turn
// (tests/backend_failures.hpp), over a GCM and a CTR-HMAC suite. A failed
// key addition adds nothing, a failed unprotect leaves no plaintext in the
// output and its counter unused, and a failed protect burns its counter (no
// nonce is ever used twice, even for output the caller was told to drop).

#include <gtest/gtest.h>

#include <algorithm>

#include "backend_failures.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/frame/sframe_context.hpp"
#include "conclave/frame/sframe_header.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;
using conclave::test::BackendOutcome;
using conclave::test::failed_typed;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::with_each_backend_call_failing;

constexpr std::uint64_t kid = 7;
const Bytes base_key(16, 0x42);
const Bytes metadata = {9, 9};
const Bytes plaintext(40, 0x61);

bool all_zero(BytesView bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t byte) { return byte == 0; });
}

class SFrameBackendFailure : public ::testing::TestWithParam<SFrameSuiteId> {
 protected:
  SFrameSuite suite = *SFrameSuite::find(GetParam());
  SFrameContext sender{suite};
  SFrameContext receiver{suite};

  Bytes protect() {
    Bytes out(sender.max_protected_size(plaintext.size()));
    out.resize(*sender.protect(kid, metadata, plaintext, out));
    return out;
  }
};

// The helper's last run adds the key: a failed run that had added it would
// make that run fail with invalid_argument.
TEST_P(SFrameBackendFailure, FailedKeyAdditionAddsNothing) {
  Bytes out(sender.max_protected_size(plaintext.size()));
  with_each_backend_call_failing([&] { return sender.add_encryption_key(kid, base_key); },
                                 [&](const BackendOutcome<Status>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                   EXPECT_TRUE(fails_with(sender.protect(kid, metadata, plaintext, out),
                                                          Errc::unknown_key));
                                 });
}

TEST_P(SFrameBackendFailure, FailedProtectBurnsItsCounter) {
  ASSERT_TRUE(is_ok(sender.add_encryption_key(kid, base_key)));
  ASSERT_TRUE(is_ok(receiver.add_decryption_key(kid, base_key)));
  Bytes out(sender.max_protected_size(plaintext.size()));
  std::uint64_t failures = 0;
  with_each_backend_call_failing([&] { return sender.protect(kid, metadata, plaintext, out); },
                                 [&](const BackendOutcome<Result<std::size_t>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                   ++failures;
                                 });
  if (IsSkipped()) return;
  const Bytes frame = protect();
  EXPECT_EQ(decode_sframe_header(frame)->header.ctr, failures + 1);
  Bytes opened(frame.size());
  EXPECT_TRUE(is_ok(receiver.unprotect(metadata, frame, opened)));
}

// The helper's last run opens the frame: a failed run that had moved the
// replay window would make it a replay.
TEST_P(SFrameBackendFailure, FailedUnprotectLeavesNoPlaintextAndTheCounterUnused) {
  ASSERT_TRUE(is_ok(sender.add_encryption_key(kid, base_key)));
  ASSERT_TRUE(is_ok(receiver.add_decryption_key(kid, base_key)));
  const Bytes frame = protect();
  Bytes out(frame.size());
  with_each_backend_call_failing(
      [&] {
        std::fill(out.begin(), out.end(), 0);
        return receiver.unprotect(metadata, frame, out);
      },
      [&](const BackendOutcome<Result<SFrameUnprotected>>& outcome) {
        EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::aead_failure}));
        EXPECT_TRUE(all_zero(out));
      });
}

INSTANTIATE_TEST_SUITE_P(Suites, SFrameBackendFailure,
                         ::testing::Values(SFrameSuiteId::aes_128_gcm_sha256_128,
                                           SFrameSuiteId::aes_128_ctr_hmac_sha256_80),
                         [](const auto& test) {
                           return test.param == SFrameSuiteId::aes_128_gcm_sha256_128 ? "Gcm" : "CtrHmac";
                         });

// Two members of one epoch, keyed by hand (no MLS group needed).
MlsSFrame member(std::uint32_t leaf) {
  auto frames = MlsSFrame::create({});
  EXPECT_TRUE(is_ok(frames));
  EXPECT_TRUE(is_ok(frames->add_epoch({1, crypto::Secret(Bytes(16, 0x24)), leaf, {true, true}})));
  return std::move(*frames);
}

// The sender's key is derived on its first frame; a failed derivation keeps
// no half-made key, and a failed receipt keeps neither the sender's key nor
// the counter (the helper's last run would otherwise be a replay).
TEST(MlsSFrameBackendFailure, ProtectAndUnprotectFailTypedAndKeepNoKey) {
  MlsSFrame alice = member(0);
  MlsSFrame bob = member(1);
  Bytes frame(alice.max_protected_size(plaintext.size()));
  with_each_backend_call_failing([&] { return alice.protect(metadata, plaintext, frame); },
                                 [&](const BackendOutcome<Result<std::size_t>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
  if (IsSkipped()) return;
  frame.resize(*alice.protect(metadata, plaintext, frame));
  const std::size_t keys_before = bob.key_count();
  Bytes out(frame.size());
  with_each_backend_call_failing([&] { return bob.unprotect(metadata, frame, out); },
                                 [&](const BackendOutcome<Result<MlsSFrameUnprotected>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::aead_failure}));
                                   EXPECT_EQ(bob.key_count(), keys_before);
                                 });
}

// LiveKit: PBKDF2 and the AES-GCM keying of set_key(), then protect() and
// unprotect(); a failed set_key() leaves the cryptor without the key.
TEST(LiveKitBackendFailure, SetKeyProtectAndUnprotectFailTyped) {
  crypto::DeterministicRandom random(as_bytes("livekit backend failure"));
  LiveKitCryptor sender({}, random);
  const Bytes material(livekit_key_material_size, 0x17);
  const LiveKitFrameInfo audio{};
  Bytes frame(LiveKitCryptor::max_protected_size(plaintext.size()));
  with_each_backend_call_failing([&] { return sender.set_key(1, material); },
                                 [&](const BackendOutcome<Status>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                   EXPECT_TRUE(fails_with(sender.protect(audio, plaintext, frame), Errc::unknown_key));
                                 });
  if (IsSkipped()) return;
  with_each_backend_call_failing([&] { return sender.protect(audio, plaintext, frame); },
                                 [&](const BackendOutcome<Result<std::size_t>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal}));
                                 });
  frame.resize(*sender.protect(audio, plaintext, frame));
  LiveKitCryptor receiver({}, random);
  ASSERT_TRUE(is_ok(receiver.set_key(1, material)));
  Bytes out(frame.size());
  with_each_backend_call_failing([&] { return receiver.unprotect(audio, frame, out); },
                                 [&](const BackendOutcome<Result<LiveKitUnprotected>>& outcome) {
                                   EXPECT_TRUE(failed_typed(outcome, {Errc::internal, Errc::aead_failure}));
                                 });
}

}  // namespace
