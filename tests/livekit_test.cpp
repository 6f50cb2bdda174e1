// The LiveKit frame format beyond the vectors: every codec's clear header,
// H.26x NAL unit scanning and RBSP escaping, the key ring, the send delay,
// keys from an MLS group, and the receiver's rejections (truncation, a wrong
// IV length byte, an empty key slot, tampering).

#include <gtest/gtest.h>

#include "conclave/frame/livekit.hpp"
#include "frame/nal_units.hpp"
#include "frame_fixtures.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

const Bytes material_a(32, 0xa1);
const Bytes material_b(32, 0xb2);

LiveKitCryptor cryptor(std::uint64_t epoch, BytesView material, LiveKitOptions options = {}) {
  options.clock = conclave::test::fake_clock;
  LiveKitCryptor out(options, crypto::system_random());
  EXPECT_TRUE(is_ok(out.set_key(epoch, material)));
  return out;
}

Bytes protect(LiveKitCryptor& sender, const LiveKitFrameInfo& info, BytesView frame) {
  Bytes out(LiveKitCryptor::max_protected_size(frame.size()));
  const auto size = sender.protect(info, frame, out);
  EXPECT_TRUE(is_ok(size));
  out.resize(size ? *size : 0);
  return out;
}

Result<Bytes> unprotect(LiveKitCryptor& receiver, const LiveKitFrameInfo& info, BytesView frame) {
  Bytes out(frame.size());
  const auto result = receiver.unprotect(info, frame, out);
  if (!result) return result.error();
  out.resize(result->size);
  return out;
}

// An H.264 access unit: SPS, PPS (4-byte start codes) and an IDR slice
// whose body, once encrypted, is escaped.
const Bytes h264_idr = hex("0000000167420029" "0000000168ce3c80" "0000000165888400" "1122334455667788");

// H.265: VPS, then an IDR_W_RADL slice (NAL header 26 01).
const Bytes h265_idr = hex("0000000140010c01" "00000001260101aa" "bbccddeeff112233");

TEST(LiveKitNal, FindsTheFirstSliceHeader) {
  using nal::Syntax;
  EXPECT_EQ(nal::slice_header_end(Syntax::h264, h264_idr), 22u);  // IDR NAL header at 20, + 2
  EXPECT_EQ(nal::slice_header_end(Syntax::h264, hex("000001419a0102")), 5u);
  EXPECT_EQ(nal::slice_header_end(Syntax::h264, hex("00000001670102030000000168aabbcc")), std::nullopt);
  EXPECT_EQ(nal::slice_header_end(Syntax::h264, hex("ff000001419a0102")), std::nullopt);  // leading data
  EXPECT_EQ(nal::slice_header_end(Syntax::h264, hex("000001")), std::nullopt);
  // H.265: VPS (32), then an IDR_W_RADL slice (19): NAL header 0x26 0x01.
  EXPECT_EQ(nal::slice_header_end(Syntax::h265, hex("0000000140010c01" "00000001260101aa")), 14u);
  EXPECT_EQ(nal::slice_header_end(Syntax::h265, hex("0000000140010c01" "0000000128010102")), 14u);  // type 20
  EXPECT_EQ(nal::slice_header_end(Syntax::h265, hex("0000000140010c01" "000000014e010102")), std::nullopt);  // SEI
}

TEST(LiveKitNal, EscapingRemovesEveryStartCodePatternAndInverts) {
  crypto::DeterministicRandom random(as_bytes("rbsp"));
  for (int round = 0; round < 200; ++round) {
    Bytes data(64);
    random.fill(data);
    for (auto& byte : data) byte = byte < 128 ? 0 : byte & 3;  // mostly zeros and small values
    Bytes escaped(data.size() * 3 / 2 + 2);
    escaped.resize(nal::escape(data, escaped.data()));
    for (std::size_t i = 0; i + 2 < escaped.size(); ++i) {
      EXPECT_FALSE(escaped[i] == 0 && escaped[i + 1] == 0 && escaped[i + 2] <= 2) << i;
    }
    Bytes back(escaped.size());
    back.resize(nal::unescape(escaped, back.data()));
    EXPECT_EQ(back, data);
  }
  Bytes out(8);
  EXPECT_EQ(nal::escape(hex("00000000"), out.data()), 5u);
  EXPECT_EQ(Bytes(out.begin(), out.begin() + 5), hex("0000030000"));
}

TEST(LiveKitNal, NormalizesThreeByteStartCodes) {
  const Bytes header = hex("000001670000000168000001");
  Bytes out(nal::normalized_size(header));
  nal::normalize_start_codes(header, out.data());
  EXPECT_EQ(out, hex("00000001670000000168" "00000001"));
}

TEST(LiveKit, EveryCodecRoundTripsWithItsClearHeader) {
  struct Case {
    LiveKitFrameInfo info;
    Bytes frame;
    std::size_t clear;
  };
  const Bytes media(300, 0x5c);
  const std::vector<Case> cases = {
      {{LiveKitCodec::audio, false, 1, 960}, media, 1},
      {{LiveKitCodec::vp8, true, 2, 3000}, media, 10},
      {{LiveKitCodec::vp8, false, 2, 6000}, media, 3},
      {{LiveKitCodec::vp9, true, 3, 3000}, media, 0},
      {{LiveKitCodec::h264, true, 4, 3000}, h264_idr, 22},
      {{LiveKitCodec::h264, false, 4, 3000}, media, 3},  // no NAL units: VP8's sizes
      {{LiveKitCodec::h265, true, 5, 3000}, h265_idr, 14},
  };
  auto sender = cryptor(7, material_a);
  auto receiver = cryptor(7, material_a);
  for (const auto& c : cases) {
    const Bytes sent = protect(sender, c.info, c.frame);
    EXPECT_TRUE(std::equal(c.frame.begin(), c.frame.begin() + static_cast<std::ptrdiff_t>(c.clear), sent.begin()));
    EXPECT_EQ(sent.back(), 7u);
    EXPECT_FALSE(std::equal(c.frame.begin(), c.frame.end(), sent.begin()));
    const auto back = unprotect(receiver, c.info, sent);
    ASSERT_TRUE(is_ok(back));
    EXPECT_EQ(*back, c.frame);
  }
}

TEST(LiveKit, IvUsesTheSendCountPerSsrc) {
  auto sender = cryptor(1, material_a);
  sender.set_send_count(10, 0xfffe);
  const LiveKitFrameInfo first{LiveKitCodec::audio, false, 10, 1000};
  const Bytes a = protect(sender, first, Bytes(20, 1));
  const Bytes b = protect(sender, first, Bytes(20, 1));
  const auto iv_of = [](const Bytes& frame) { return Bytes(frame.end() - 14, frame.end() - 2); };
  const auto expected = livekit_iv(10, 1000, 0xfffe);
  EXPECT_EQ(iv_of(a), Bytes(expected.begin(), expected.end()));
  EXPECT_EQ(iv_of(b), hex("0000000a000003e8000003e8"));  // 0xffff mod 0xffff = 0
  EXPECT_NE(a, b);
}

// Bad input: each is a typed error and the cryptor keeps working.
TEST(LiveKit, RejectsBadFrames) {
  auto sender = cryptor(3, material_a);
  auto receiver = cryptor(3, material_a);
  const LiveKitFrameInfo info{LiveKitCodec::h264, true, 258, 65536};
  const Bytes frame = protect(sender, info, h264_idr);
  EXPECT_TRUE(fails_with(unprotect(receiver, info, with_bit_flipped(frame, frame.size() - 20)), Errc::aead_failure));
  Bytes wrong_iv_length = frame;
  wrong_iv_length[wrong_iv_length.size() - 2] = 16;
  EXPECT_TRUE(fails_with(unprotect(receiver, info, wrong_iv_length), Errc::invalid_length));
  Bytes other_slot = frame;
  other_slot.back() = 4;
  EXPECT_TRUE(fails_with(unprotect(receiver, info, other_slot), Errc::unknown_key));
  EXPECT_TRUE(fails_with(unprotect(receiver, info, {}), Errc::truncated));
  // A frame too short for its header, tag and trailer is truncated whatever
  // key slot its last byte names (the length is checked first).
  EXPECT_TRUE(fails_with(unprotect(receiver, info, Bytes{0x00, 0x0c, 0x04}), Errc::truncated));
  EXPECT_TRUE(fails_with(unprotect(receiver, info, Bytes{0x00, 0x0c, 0x03}), Errc::truncated));
  for (std::size_t size = 1; size < 30; ++size) {
    Bytes cut(frame.end() - static_cast<std::ptrdiff_t>(size), frame.end());
    EXPECT_FALSE(unprotect(receiver, info, cut).ok()) << size;
  }
  Bytes small(10);
  EXPECT_TRUE(fails_with(receiver.unprotect(info, frame, small), Errc::buffer_too_small));
  EXPECT_TRUE(fails_with(sender.protect(info, h264_idr, small), Errc::buffer_too_small));
  EXPECT_TRUE(fails_with(sender.protect({LiveKitCodec::vp8, true, 1, 1}, Bytes(5), small), Errc::truncated));
  EXPECT_TRUE(is_ok(unprotect(receiver, info, frame)));

  LiveKitCryptor keyless({}, crypto::system_random());
  Bytes out(100);
  EXPECT_TRUE(fails_with(keyless.protect(info, h264_idr, out), Errc::unknown_key));
  EXPECT_TRUE(fails_with(keyless.set_key(1, Bytes(16)), Errc::invalid_length));
}

// The body's length is checked again once unescaped: ten 00 00 03 runs
// are thirty bytes sent but twenty after unescaping.
TEST(LiveKit, AnEscapedBodyTooShortOnceUnescapedIsTruncated) {
  auto receiver = cryptor(3, material_a);
  Bytes frame(h264_idr.begin(), h264_idr.begin() + 22);
  for (int run = 0; run < 10; ++run) frame.insert(frame.end(), {0x00, 0x00, 0x03});
  EXPECT_TRUE(fails_with(unprotect(receiver, {LiveKitCodec::h264, true, 1, 1}, frame), Errc::truncated));
}

// Without start code normalization the H.264 header is sent as it is; a body
// without start code patterns (no zero bytes in the IV) is sent unescaped.
TEST(LiveKit, H264HeaderAsIsAndABodyThatNeedsNoEscaping) {
  auto sender = cryptor(7, material_a, {.normalize_start_codes = false});
  auto receiver = cryptor(7, material_a);
  const LiveKitFrameInfo info{LiveKitCodec::h264, true, 0x01020304, 0x05060708};
  sender.set_send_count(info.ssrc, 1);
  const Bytes sent = protect(sender, info, h264_idr);
  EXPECT_EQ(sent.size(), h264_idr.size() + 16 + livekit_iv_size + 2);
  EXPECT_TRUE(std::equal(h264_idr.begin(), h264_idr.begin() + 22, sent.begin()));
  const auto back = unprotect(receiver, info, sent);
  ASSERT_TRUE(is_ok(back));
  EXPECT_EQ(*back, h264_idr);
}

// Key index = epoch mod 256: epoch 257 replaces epoch 1 in its slot. A new
// key decrypts at once; the sender keeps the old key (same index) until the
// delay has passed, so a receiver that has only the old key still decrypts.
TEST(LiveKit, KeyRingAndSendDelay) {
  using namespace std::chrono_literals;
  auto sender = cryptor(1, material_a, {.encrypt_delay = 2s});
  auto old_receiver = cryptor(1, material_a);
  auto new_receiver = cryptor(257, material_b);
  const LiveKitFrameInfo info{LiveKitCodec::audio, false, 5, 100};
  ASSERT_TRUE(is_ok(sender.set_key(257, material_b)));
  const Bytes during = protect(sender, info, Bytes(40, 9));
  EXPECT_EQ(during.back(), 1u);
  EXPECT_TRUE(is_ok(unprotect(old_receiver, info, during)));
  EXPECT_TRUE(fails_with(unprotect(new_receiver, info, during), Errc::aead_failure));
  conclave::test::fake_now += 2s;
  const Bytes after = protect(sender, info, Bytes(40, 9));
  EXPECT_EQ(after.back(), 1u);  // 257 mod 256, now under material_b
  EXPECT_TRUE(is_ok(unprotect(new_receiver, info, after)));
  EXPECT_TRUE(fails_with(unprotect(old_receiver, info, after), Errc::aead_failure));
  ASSERT_TRUE(is_ok(old_receiver.set_key(257, material_b)));  // the slot now decrypts only the new key
  EXPECT_TRUE(is_ok(unprotect(old_receiver, info, after)));
  EXPECT_TRUE(fails_with(unprotect(old_receiver, info, during), Errc::aead_failure));
}

TEST(LiveKit, KeysComeInEpochOrder) {
  auto keys = cryptor(5, material_a);
  EXPECT_TRUE(fails_with(keys.set_key(5, material_b), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(keys.set_key(4, material_b), Errc::invalid_argument));
  EXPECT_TRUE(is_ok(keys.set_key(6, material_b)));
}

// A frame that a receiver would split at another clear header (here: too
// short for the sender to see a slice, so sent unescaped, while its
// ciphertext may look like one) is refused; every frame sent round-trips.
TEST(LiveKit, RefusesH26xFramesReceiversWouldMisparse) {
  auto sender = cryptor(1, material_a);
  auto receiver = cryptor(1, material_a);
  const LiveKitFrameInfo info{LiveKitCodec::h264, false, 9, 1000};
  const Bytes tiny = hex("00000141");
  std::size_t refused = 0;
  for (std::uint32_t count = 0; count < 300; ++count) {
    sender.set_send_count(info.ssrc, count);
    Bytes out(LiveKitCryptor::max_protected_size(tiny.size()));
    const auto size = sender.protect(info, tiny, out);
    if (!size) {
      EXPECT_EQ(size.error(), Errc::invalid_argument);
      ++refused;
      continue;
    }
    out.resize(*size);
    const auto back = unprotect(receiver, info, out);
    ASSERT_TRUE(is_ok(back)) << count;
    EXPECT_EQ(*back, tiny);
  }
  EXPECT_GT(refused, 0u);
  EXPECT_LT(refused, 60u);
}

TEST(LiveKit, KeysFromTheMlsGroupMatchAcrossMembers) {
  conclave::test::TwoMembers group;
  LiveKitCryptor alice({}, crypto::system_random());
  LiveKitCryptor bob({}, crypto::system_random());
  ASSERT_TRUE(is_ok(alice.set_key(group.alice)));
  ASSERT_TRUE(is_ok(bob.set_key(group.bob)));
  const LiveKitFrameInfo info{LiveKitCodec::vp8, true, 77, 9000};
  const Bytes frame(500, 0x3c);
  const Bytes sent = protect(alice, info, frame);
  EXPECT_EQ(sent.back(), static_cast<std::uint8_t>(group.alice.epoch()));
  EXPECT_EQ(*unprotect(bob, info, sent), frame);
  group.commit();
  ASSERT_TRUE(is_ok(bob.set_key(group.bob)));
  EXPECT_TRUE(fails_with(unprotect(alice, info, protect(bob, info, frame)), Errc::unknown_key));
  ASSERT_TRUE(is_ok(alice.set_key(group.alice)));
  EXPECT_EQ(*unprotect(alice, info, protect(bob, info, frame)), frame);
}

}  // namespace
