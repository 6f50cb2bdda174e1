// RFC 9605 section 5.2 over live MLS groups: the KID layout, epochs kept
// and purged by their low bits, and the receiver's rejections (unknown or
// purged epoch, a sender without a member, its own KID reflected, replay,
// tampering, a context beyond the limit), each leaving the keying usable.

#include <gtest/gtest.h>

#include "conclave/frame/mls_sframe.hpp"
#include "conclave/frame/sframe_header.hpp"
#include "frame_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;
using conclave::test::fails_with;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

const Bytes metadata{'m', 'e', 't', 'a'};
const Bytes plaintext(80, 0x42);

MlsSFrameEpoch epoch_of(std::uint64_t number, std::uint32_t own_leaf, std::uint32_t leaves = 4) {
  return {number, crypto::Secret(Bytes(16, static_cast<std::uint8_t>(number))), own_leaf,
          std::vector<bool>(leaves, true)};
}

MlsSFrame keying(MlsSFrameOptions options = {}) {
  options.clock = conclave::test::fake_clock;
  return std::move(*MlsSFrame::create(options));
}

Bytes protect(MlsSFrame& sender, std::uint64_t context = 0) {
  Bytes out(sender.max_protected_size(plaintext.size()));
  const auto size = sender.protect(metadata, plaintext, out, context);
  EXPECT_TRUE(is_ok(size));
  out.resize(size ? *size : 0);
  return out;
}

Result<MlsSFrameUnprotected> unprotect(MlsSFrame& receiver, BytesView frame) {
  Bytes out(frame.size());
  auto result = receiver.unprotect(metadata, frame, out);
  if (result) {
    EXPECT_EQ(Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(result->size)), plaintext);
  }
  return result;
}

TEST(MlsSFrame, MembersOfAGroupShareEpochKeys) {
  conclave::test::TwoMembers group;
  auto alice = keying();
  auto bob = keying();
  ASSERT_TRUE(is_ok(alice.add_epoch(group.alice)));
  ASSERT_TRUE(is_ok(bob.add_epoch(group.bob)));
  const auto at_bob = unprotect(bob, protect(alice));
  ASSERT_TRUE(is_ok(at_bob));
  EXPECT_EQ(at_bob->epoch, group.alice.epoch());
  EXPECT_EQ(at_bob->sender, group.alice.own_leaf().value);

  group.commit();
  ASSERT_TRUE(is_ok(alice.add_epoch(group.alice)));
  ASSERT_TRUE(is_ok(bob.add_epoch(group.bob)));
  const auto reply = unprotect(alice, protect(bob));
  ASSERT_TRUE(is_ok(reply));
  EXPECT_EQ(reply->epoch, 2u);
  EXPECT_EQ(reply->sender, group.bob.own_leaf().value);
}

// KID = context << (S + E) | index << E | epoch mod 2^E, with S from the
// leaf count unless configured.
TEST(MlsSFrame, KidLayout) {
  auto derived = keying({.epoch_bits = 4});
  ASSERT_TRUE(is_ok(derived.add_epoch(epoch_of(0x2e, 5, 64))));
  EXPECT_EQ(*derived.kid(0x2e), 0x5eu);
  EXPECT_EQ(*derived.kid(0x2e, 3), (std::uint64_t{3} << 10) | 0x5e);
  EXPECT_EQ(decode_sframe_header(protect(derived, 2))->header.kid, (std::uint64_t{2} << 10) | 0x5e);

  auto fixed = keying({.epoch_bits = 8, .index_bits = 12});
  ASSERT_TRUE(is_ok(fixed.add_epoch(epoch_of(0x1ff, 3))));
  EXPECT_EQ(*fixed.kid(0x1ff, 1), (std::uint64_t{1} << 20) | (3u << 8) | 0xff);
  EXPECT_TRUE(fails_with(fixed.kid(7), Errc::wrong_epoch));
  EXPECT_TRUE(fails_with(fixed.kid(0x1ff, 16), Errc::invalid_argument));
}

TEST(MlsSFrame, RejectsUnknownEpochAndPurgesOnLowBitReuse) {
  auto alice = keying({.epoch_bits = 2, .max_epochs = 4});
  auto bob = keying({.epoch_bits = 2, .max_epochs = 4});
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(1, 0))));
  const Bytes old_frame = protect(alice);
  EXPECT_TRUE(fails_with(unprotect(bob, old_frame), Errc::wrong_epoch));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(1, 1))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(2, 1))));
  ASSERT_TRUE(is_ok(unprotect(bob, protect(alice))));
  // Section 5.2 MUST: epoch 5 has epoch 1's low two bits, so epoch 1 goes;
  // epoch 1's frames now name epoch 5 and fail to authenticate under it.
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(5, 1))));
  EXPECT_TRUE(fails_with(unprotect(bob, protect(alice)), Errc::aead_failure));
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(2, 0))));
  const auto fresh = unprotect(bob, protect(alice));
  ASSERT_TRUE(is_ok(fresh));
  EXPECT_EQ(fresh->epoch, 2u);
}

TEST(MlsSFrame, KeepsAtMostMaxEpochs) {
  auto alice = keying({.epoch_bits = 8, .max_epochs = 2});
  auto bob = keying({.epoch_bits = 8, .max_epochs = 2});
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(10, 0))));
  const Bytes frame10 = protect(alice);
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(10, 1))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(11, 1))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(12, 1))));
  EXPECT_TRUE(fails_with(unprotect(bob, frame10), Errc::wrong_epoch));
  bob.remove_epoch(12);
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(11, 0))));
  EXPECT_TRUE(is_ok(unprotect(bob, protect(alice))));
}

TEST(MlsSFrame, RejectsSendersWithoutAMemberAndItsOwnKid) {
  auto alice = keying();
  auto bob = keying();
  MlsSFrameEpoch at_bob = epoch_of(3, 1);
  at_bob.members[0] = false;  // alice's leaf is blank in bob's view
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(3, 0))));
  ASSERT_TRUE(is_ok(bob.add_epoch(std::move(at_bob))));
  EXPECT_TRUE(fails_with(unprotect(bob, protect(alice)), Errc::invalid_sender));
  // Section 4.4.1: a member's own KID is for encryption only; a frame
  // reflected back to it is rejected.
  EXPECT_TRUE(fails_with(unprotect(alice, protect(alice)), Errc::invalid_sender));

  auto wide = keying({.index_bits = 8});
  ASSERT_TRUE(is_ok(wide.add_epoch(epoch_of(3, 0))));
  auto receiver = keying({.index_bits = 8});
  ASSERT_TRUE(is_ok(receiver.add_epoch(epoch_of(3, 1))));
  Bytes forged(max_sframe_header_size);
  forged.resize(*encode_sframe_header({(std::uint64_t{200} << 4) | 3, 0}, forged));
  forged.resize(forged.size() + 20);
  EXPECT_TRUE(fails_with(unprotect(receiver, forged), Errc::invalid_sender));  // leaf 200 of 4
  EXPECT_TRUE(is_ok(unprotect(receiver, protect(wide))));
}

TEST(MlsSFrame, RejectsReplayTamperingAndExcessContexts) {
  auto alice = keying({.max_contexts = 2});
  auto bob = keying({.max_contexts = 2});
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(4, 0))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(4, 1))));
  const Bytes frame = protect(alice);
  EXPECT_TRUE(fails_with(unprotect(bob, with_bit_flipped(frame, frame.size() - 3)), Errc::aead_failure));
  ASSERT_TRUE(is_ok(unprotect(bob, frame)));
  EXPECT_TRUE(fails_with(unprotect(bob, frame), Errc::replayed_counter));

  Bytes out(100);
  EXPECT_TRUE(fails_with(alice.protect(metadata, plaintext, out, 2), Errc::invalid_argument));
  auto unlimited = keying();
  ASSERT_TRUE(is_ok(unlimited.add_epoch(epoch_of(4, 0))));
  EXPECT_TRUE(fails_with(unprotect(bob, protect(unlimited, 5)), Errc::unknown_key));
  const auto second = unprotect(bob, protect(alice, 1));
  ASSERT_TRUE(is_ok(second));
  EXPECT_EQ(second->context, 1u);
  // `frame` was accepted above, so every cut of it past its one-byte header
  // is refused as a replay before any decryption.
  for (std::size_t size = 0; size < frame.size(); ++size) {
    EXPECT_TRUE(fails_with(bob.unprotect(metadata, BytesView(frame).first(size), out),
                           size == 0 ? Errc::truncated : Errc::replayed_counter)) << size;
  }
}

// Section 4.4.1: a new epoch decrypts at once; the sender moves to it after
// the configured delay.
TEST(MlsSFrame, SenderWaitsForTheDelay) {
  using namespace std::chrono_literals;
  auto alice = keying({.encrypt_delay = 500ms});
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(1, 0))));
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(2, 0))));
  auto bob = keying();
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(1, 1))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(2, 1))));
  EXPECT_EQ(unprotect(bob, protect(alice))->epoch, 1u);
  conclave::test::fake_now += 499ms;
  EXPECT_EQ(unprotect(bob, protect(alice))->epoch, 1u);
  conclave::test::fake_now += 1ms;
  EXPECT_EQ(unprotect(bob, protect(alice))->epoch, 2u);
  alice.remove_epoch(2);  // the sender falls back to the newest epoch it still holds
  EXPECT_EQ(unprotect(bob, protect(alice))->epoch, 1u);
}

// Keys for a KID are kept only once a frame under it authenticates.
TEST(MlsSFrame, ForgedFramesLeaveNoKeys) {
  auto alice = keying();
  auto bob = keying();
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(6, 0))));
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(6, 1))));
  const Bytes frame = protect(alice);
  const std::size_t before = bob.key_count();
  for (std::uint8_t context = 0; context < 4; ++context) {
    // KID = context << 6 | leaf 2 << 4 | epoch 6, as one extended byte; the
    // body is alice's frame, which does not authenticate under that KID.
    Bytes forged{0x80, static_cast<std::uint8_t>(context << 6 | 2 << 4 | 6)};
    forged.insert(forged.end(), frame.begin() + 1, frame.end());
    Bytes out(forged.size());
    EXPECT_TRUE(fails_with(bob.unprotect(metadata, forged, out), Errc::aead_failure));
  }
  EXPECT_EQ(bob.key_count(), before);
  ASSERT_TRUE(is_ok(unprotect(bob, frame)));
  EXPECT_EQ(bob.key_count(), before + 1);
}

// MLS epochs only grow: an epoch older than one held is refused, so the
// section 5.2 purge always removes the older of two epochs.
TEST(MlsSFrame, EpochsComeInOrder) {
  auto bob = keying({.epoch_bits = 4});
  ASSERT_TRUE(is_ok(bob.add_epoch(epoch_of(19, 1))));
  EXPECT_TRUE(fails_with(bob.add_epoch(epoch_of(3, 1)), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(bob.add_epoch(epoch_of(19, 1)), Errc::invalid_argument));
  auto alice = keying({.epoch_bits = 4});
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(19, 0))));
  EXPECT_TRUE(is_ok(unprotect(bob, protect(alice))));
}

TEST(MlsSFrame, ValidatesOptionsAndEpochs) {
  EXPECT_TRUE(fails_with(MlsSFrame::create({.max_contexts = 0}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(MlsSFrame::create({.epoch_bits = 33}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(MlsSFrame::create({.index_bits = 32}), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(MlsSFrame::create({.max_epochs = 0}), Errc::invalid_argument));
  auto alice = keying({.index_bits = 1});
  EXPECT_TRUE(fails_with(alice.add_epoch(epoch_of(1, 0, 4)), Errc::invalid_argument));  // 4 leaves need 2 bits
  EXPECT_TRUE(fails_with(alice.add_epoch(epoch_of(1, 2, 2)), Errc::invalid_argument));   // own leaf outside
  MlsSFrameEpoch short_key = epoch_of(1, 0, 2);
  short_key.base_key = crypto::Secret(Bytes(8));
  EXPECT_TRUE(fails_with(alice.add_epoch(std::move(short_key)), Errc::invalid_argument));
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(1, 0, 2))));
  EXPECT_TRUE(fails_with(alice.add_epoch(epoch_of(1, 0, 2)), Errc::invalid_argument));
  Bytes out(100);
  auto empty = keying();
  EXPECT_TRUE(fails_with(empty.protect(metadata, plaintext, out), Errc::wrong_epoch));
}

TEST(MlsSFrame, RefusesAnUnknownSuiteANullClockAndAnOwnLeafWithoutAMember) {
  EXPECT_TRUE(fails_with(MlsSFrame::create({.suite = static_cast<SFrameSuiteId>(99)}), Errc::unsupported_algorithm));
  EXPECT_TRUE(fails_with(MlsSFrame::create({.clock = nullptr}), Errc::invalid_argument));
  auto alice = keying();
  MlsSFrameEpoch vacant = epoch_of(1, 1, 2);
  vacant.members[1] = false;
  EXPECT_TRUE(fails_with(alice.add_epoch(std::move(vacant)), Errc::invalid_argument));
}

// With E = 0 and a lone member (S = 0) the context is the whole KID; with
// E + S bits used, a context must fit the 64 - E - S bits left.
TEST(MlsSFrame, ContextsFillTheKidBitsLeft) {
  constexpr std::uint64_t unlimited = ~std::uint64_t{0};
  auto alone = keying({.epoch_bits = 0, .max_contexts = unlimited});
  ASSERT_TRUE(is_ok(alone.add_epoch(epoch_of(1, 0, 1))));
  EXPECT_EQ(*alone.kid(1, unlimited - 1), unlimited - 1);
  auto pair = keying({.epoch_bits = 4, .max_contexts = unlimited});
  ASSERT_TRUE(is_ok(pair.add_epoch(epoch_of(1, 0, 2))));
  EXPECT_EQ(*pair.kid(1, (std::uint64_t{1} << 59) - 1), ((std::uint64_t{1} << 59) - 1) << 5 | 1);
  EXPECT_TRUE(fails_with(pair.kid(1, std::uint64_t{1} << 59), Errc::invalid_argument));
}

// Removing an epoch not held changes nothing; removing the only one leaves
// nothing to send under.
TEST(MlsSFrame, RemovingEpochs) {
  auto alice = keying();
  ASSERT_TRUE(is_ok(alice.add_epoch(epoch_of(1, 0))));
  alice.remove_epoch(2);
  EXPECT_TRUE(is_ok(alice.kid(1)));
  alice.remove_epoch(1);
  Bytes out(alice.max_protected_size(plaintext.size()));
  EXPECT_TRUE(fails_with(alice.protect(metadata, plaintext, out), Errc::wrong_epoch));
  EXPECT_TRUE(fails_with(alice.kid(1), Errc::wrong_epoch));
}

}  // namespace
