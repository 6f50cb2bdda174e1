// RFC 9605 sections 4.3 to 4.5 beyond the vectors: header bounds and the
// receiver's rejection of truncated and non-minimal headers, the keyed AEADs
// against the general-purpose AEAD, and the SFrame context's receiver
// checks (unknown KID, replay, tampering), each leaving its state usable.

#include <gtest/gtest.h>

#include "conclave/crypto/aead.hpp"
#include "conclave/frame/frame_aead.hpp"
#include "conclave/frame/replay_window.hpp"
#include "conclave/frame/sframe_context.hpp"
#include "conclave/frame/sframe_header.hpp"
#include "conclave/frame/send_schedule.hpp"
#include "frame_fixtures.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

Bytes encoded(SFrameHeader header) {
  Bytes out(max_sframe_header_size);
  out.resize(*encode_sframe_header(header, out));
  return out;
}

TEST(SFrameHeader, RoundTripsAtEveryFieldWidth) {
  for (unsigned bits = 0; bits <= 64; ++bits) {
    const std::uint64_t value = bits == 0 ? 0 : ~std::uint64_t{0} >> (64 - bits);
    for (const SFrameHeader header : {SFrameHeader{value, 3}, SFrameHeader{5, value}, SFrameHeader{value, value}}) {
      const Bytes bytes = encoded(header);
      EXPECT_EQ(bytes.size(), sframe_header_size(header));
      const auto decoded = decode_sframe_header(bytes);
      ASSERT_TRUE(is_ok(decoded));
      EXPECT_EQ(decoded->header, header);
      EXPECT_EQ(decoded->size, bytes.size());
    }
  }
  EXPECT_EQ(encoded({7, 7}), hex("77"));
  EXPECT_EQ(encoded({8, 0}), hex("8008"));
  EXPECT_EQ(encoded({0, 0x100}), hex("090100"));
  EXPECT_EQ(sframe_header_size({~std::uint64_t{0}, ~std::uint64_t{0}}), max_sframe_header_size);
}

TEST(SFrameHeader, RejectsEveryTruncation) {
  const Bytes full = encoded({0x123456, 0x789abcdef0});
  for (std::size_t size = 0; size < full.size(); ++size) {
    EXPECT_TRUE(fails_with(decode_sframe_header(BytesView(full).first(size)), Errc::truncated)) << size;
  }
}

// Section 4.3: values 0 to 7 MUST be inline and others minimal.
TEST(SFrameHeader, RejectsNonMinimalFields) {
  EXPECT_TRUE(fails_with(decode_sframe_header(hex("8005")), Errc::non_minimal_header));
  EXPECT_TRUE(fails_with(decode_sframe_header(hex("080007")), Errc::non_minimal_header));
  EXPECT_TRUE(fails_with(decode_sframe_header(hex("9000ff")), Errc::non_minimal_header));
  EXPECT_TRUE(fails_with(decode_sframe_header(hex("0900ff")), Errc::non_minimal_header));
}

TEST(SFrameHeader, EncodeNeedsRoom) {
  Bytes small(2);
  EXPECT_TRUE(fails_with(encode_sframe_header({0x1234, 0}, small), Errc::buffer_too_small));
}

const Bytes nonce = hex("101112131415161718191a1b");
const Bytes header_bytes = hex("9901");
const Bytes metadata = hex("4945544620534672616d65205747");

// The keyed AES-GCM equals the general-purpose AEAD over header | metadata.
TEST(FrameAead, GcmMatchesTheGeneralAead) {
  for (const std::size_t key_size : {16u, 32u}) {
    const Bytes key(key_size, 0x42);
    auto reference = *crypto::Aead::find(key_size == 16 ? crypto::AeadId::aes_128_gcm : crypto::AeadId::aes_256_gcm);
    auto aead = FrameAead::aes_gcm(key);
    ASSERT_TRUE(is_ok(aead));
    for (const std::size_t size : {0u, 1u, 15u, 16u, 17u, 1200u}) {
      const Bytes plaintext(size, 0x5a);
      Bytes sealed(size + 16);
      for (int repeat = 0; repeat < 2; ++repeat) {  // the reused context gives the same output
        ASSERT_TRUE(is_ok(aead->seal(nonce, {header_bytes, metadata}, plaintext, sealed)));
        EXPECT_EQ(sealed, *reference.seal(key, nonce, concat({header_bytes, metadata}), plaintext));
      }
      Bytes opened(size);
      ASSERT_TRUE(is_ok(aead->open(nonce, {header_bytes, metadata}, sealed, opened)));
      EXPECT_EQ(opened, plaintext);
    }
  }
}

TEST(FrameAead, SealsAndOpensInPlace) {
  for (const auto id : {SFrameSuiteId::aes_128_gcm_sha256_128, SFrameSuiteId::aes_128_ctr_hmac_sha256_80}) {
    const auto suite = *SFrameSuite::find(id);
    auto aead = *FrameAead::for_suite(suite, Bytes(suite.nk, 7));
    const Bytes plaintext(100, 0x33);
    Bytes apart(plaintext.size() + suite.nt);
    ASSERT_TRUE(is_ok(aead.seal(nonce, {header_bytes, {}}, plaintext, apart)));
    Bytes buffer = plaintext;
    buffer.resize(apart.size());
    ASSERT_TRUE(is_ok(aead.seal(nonce, {header_bytes, {}}, BytesView(buffer).first(plaintext.size()), buffer)));
    EXPECT_EQ(buffer, apart);
    ASSERT_TRUE(is_ok(aead.open(nonce, {header_bytes, {}}, buffer, buffer)));
    EXPECT_TRUE(std::equal(plaintext.begin(), plaintext.end(), buffer.begin()));
  }
}

// Every byte of ciphertext, tag and additional data is authenticated, for
// each tag length; a failed open leaves zeros, not unauthenticated plaintext.
TEST(FrameAead, RejectsAnyTampering) {
  for (std::uint16_t id = 1; id <= 8; ++id) {
    const auto suite = *SFrameSuite::find(static_cast<SFrameSuiteId>(id));
    auto aead = *FrameAead::for_suite(suite, Bytes(suite.nk, 9));
    const Bytes plaintext(24, 0x61);
    Bytes sealed(plaintext.size() + suite.nt);
    ASSERT_TRUE(is_ok(aead.seal(nonce, {header_bytes, metadata}, plaintext, sealed)));
    Bytes opened(plaintext.size());
    for (std::size_t i = 0; i < sealed.size(); ++i) {
      std::fill(opened.begin(), opened.end(), 0xee);
      EXPECT_TRUE(fails_with(aead.open(nonce, {header_bytes, metadata}, with_bit_flipped(sealed, i), opened),
                             Errc::aead_failure)) << id << " byte " << i;
      EXPECT_EQ(opened, Bytes(plaintext.size(), 0)) << id << " byte " << i;
    }
    EXPECT_TRUE(fails_with(aead.open(nonce, {header_bytes, with_bit_flipped(metadata, 3)}, sealed, opened),
                           Errc::aead_failure));
    EXPECT_TRUE(fails_with(aead.open(nonce, {with_bit_flipped(header_bytes, 0), metadata}, sealed, opened),
                           Errc::aead_failure));
    EXPECT_TRUE(fails_with(aead.open(nonce, {header_bytes, metadata}, BytesView(sealed).first(suite.nt - 1), opened),
                           Errc::aead_failure));
    ASSERT_TRUE(is_ok(aead.open(nonce, {header_bytes, metadata}, sealed, opened)));
    EXPECT_EQ(opened, plaintext);
  }
}

TEST(FrameAead, ChecksSizes) {
  const auto suite = *SFrameSuite::find(SFrameSuiteId::aes_128_ctr_hmac_sha256_32);
  EXPECT_TRUE(fails_with(FrameAead::for_suite(suite, Bytes(16)), Errc::invalid_length));
  EXPECT_TRUE(fails_with(FrameAead::aes_gcm(Bytes(24)), Errc::invalid_length));
  auto aead = *FrameAead::for_suite(suite, Bytes(suite.nk));
  Bytes out(10);
  EXPECT_TRUE(fails_with(aead.seal(nonce, {}, Bytes(7), out), Errc::buffer_too_small));
  EXPECT_TRUE(fails_with(aead.seal(BytesView(nonce).first(8), {}, Bytes(2), out), Errc::invalid_length));
  EXPECT_TRUE(fails_with(aead.open(BytesView(nonce).first(8), {}, Bytes(20), out), Errc::invalid_length));
  EXPECT_TRUE(fails_with(SFrameSuite::find(static_cast<SFrameSuiteId>(9)), Errc::unsupported_algorithm));
}

// A key offered while another is pending and already due does not pass
// over it: the due one is sent under first. One not yet due is replaced.
TEST(SendSchedule, ADueKeyIsNotPassedOver) {
  conclave::test::fake_now = {};
  SendSchedule schedule(std::chrono::milliseconds(10), conclave::test::fake_clock);
  schedule.offer(1);
  schedule.offer(4);
  schedule.offer(2);  // 4 was not due yet: 2 replaces it
  EXPECT_EQ(schedule.current(), 1u);
  conclave::test::fake_now += std::chrono::milliseconds(10);
  schedule.offer(3);
  EXPECT_EQ(schedule.current(), 2u);
  conclave::test::fake_now += std::chrono::milliseconds(10);
  EXPECT_EQ(schedule.current(), 3u);
}

// Withdrawing the pending key keeps the current one; withdrawing the
// current one moves to the pending one, if any.
TEST(SendSchedule, WithdrawnKeysAreNotSentUnder) {
  conclave::test::fake_now = {};
  SendSchedule schedule(std::chrono::milliseconds(10), conclave::test::fake_clock);
  schedule.offer(1);
  schedule.offer(2);
  schedule.withdraw(2);
  conclave::test::fake_now += std::chrono::milliseconds(10);
  EXPECT_EQ(schedule.current(), 1u);
  schedule.offer(3);
  schedule.withdraw(1);
  EXPECT_EQ(schedule.current(), 3u);
  schedule.withdraw(3);
  EXPECT_EQ(schedule.current(), std::nullopt);
}

TEST(ReplayWindow, AcceptsEachCounterOnceWithinTheWindow) {
  ReplayWindow window;
  EXPECT_TRUE(is_ok(window.check(5)));
  window.accept(5);
  EXPECT_TRUE(fails_with(window.check(5), Errc::replayed_counter));
  EXPECT_TRUE(is_ok(window.check(3)));  // late but inside the window
  window.accept(3);
  EXPECT_TRUE(fails_with(window.check(3), Errc::replayed_counter));
  window.accept(5 + ReplayWindow::size);
  EXPECT_TRUE(fails_with(window.check(5), Errc::replayed_counter));  // now below the window
  EXPECT_TRUE(is_ok(window.check(6)));
  window.accept(2);  // below the window: ignored
  EXPECT_TRUE(is_ok(window.check(6)));
  window.accept(1000);
  EXPECT_TRUE(fails_with(window.check(1000 - ReplayWindow::size), Errc::replayed_counter));
  EXPECT_TRUE(is_ok(window.check(1000 - ReplayWindow::size + 1)));
  EXPECT_TRUE(is_ok(window.check(~std::uint64_t{0})));
}

// Sections 7.4 and 9.1: the last counter is used once, then the sender
// stops; a frame refused for want of room uses no counter.
TEST(SFrameSender, StopsAfterTheLastCounter) {
  const auto suite = *SFrameSuite::find(SFrameSuiteId::aes_128_gcm_sha256_128);
  const std::uint64_t last = ~std::uint64_t{0};
  SFrameSender sender(*SFrameKey::derive(suite, 3, Bytes(16, 1)), last);
  Bytes small(8);
  EXPECT_TRUE(fails_with(sender.protect(3, {}, Bytes(20), small), Errc::buffer_too_small));
  EXPECT_EQ(sender.next_counter(), last);
  Bytes out(max_sframe_header_size + 20 + suite.nt);
  const auto size = sender.protect(3, {}, Bytes(20), out);
  ASSERT_TRUE(is_ok(size));
  EXPECT_EQ(decode_sframe_header(BytesView(out).first(*size))->header, (SFrameHeader{3, last}));
  EXPECT_TRUE(fails_with(sender.protect(3, {}, Bytes(20), out), Errc::message_limit));
}

class SFrameContextTest : public ::testing::Test {
 protected:
  SFrameSuite suite = *SFrameSuite::find(SFrameSuiteId::aes_128_gcm_sha256_128);
  Bytes base_key = hex("000102030405060708090a0b0c0d0e0f");
  SFrameContext sender{suite};
  SFrameContext receiver{suite};
  Bytes plaintext = Bytes(50, 0x77);

  void SetUp() override {
    ASSERT_TRUE(is_ok(sender.add_encryption_key(0x1234, base_key)));
    ASSERT_TRUE(is_ok(receiver.add_decryption_key(0x1234, base_key)));
  }

  Bytes protect() {
    Bytes out(sender.max_protected_size(plaintext.size()));
    out.resize(*sender.protect(0x1234, metadata, plaintext, out));
    return out;
  }

  Result<SFrameUnprotected> unprotect(BytesView frame) {
    Bytes out(frame.size());
    auto result = receiver.unprotect(metadata, frame, out);
    if (result) {
      EXPECT_EQ(Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(result->size)), plaintext);
    }
    return result;
  }
};

TEST_F(SFrameContextTest, CountersAdvanceAndFramesDecryptOutOfOrder) {
  const Bytes first = protect();
  const Bytes second = protect();
  EXPECT_EQ(decode_sframe_header(first)->header, (SFrameHeader{0x1234, 0}));
  EXPECT_EQ(decode_sframe_header(second)->header, (SFrameHeader{0x1234, 1}));
  ASSERT_TRUE(is_ok(unprotect(second)));
  const auto late = unprotect(first);
  ASSERT_TRUE(is_ok(late));
  EXPECT_EQ(late->header.ctr, 0u);
}

TEST_F(SFrameContextTest, RejectsReplay) {
  const Bytes frame = protect();
  ASSERT_TRUE(is_ok(unprotect(frame)));
  EXPECT_TRUE(fails_with(unprotect(frame), Errc::replayed_counter));
}

// A forged frame does not consume its counter: the genuine one still decrypts.
TEST_F(SFrameContextTest, RejectsTamperedTagWithoutConsumingTheCounter) {
  const Bytes frame = protect();
  EXPECT_TRUE(fails_with(unprotect(with_bit_flipped(frame, frame.size() - 1)), Errc::aead_failure));
  EXPECT_TRUE(is_ok(unprotect(frame)));
}

TEST_F(SFrameContextTest, RejectsUnknownKidAndTruncation) {
  const Bytes frame = protect();
  SFrameContext stranger(suite);
  Bytes out(frame.size());
  EXPECT_TRUE(fails_with(stranger.unprotect(metadata, frame, out), Errc::unknown_key));
  EXPECT_TRUE(fails_with(sender.unprotect(metadata, frame, out), Errc::unknown_key));  // encryption-only
  const std::size_t header_size = decode_sframe_header(frame)->size;
  for (std::size_t size = 0; size < frame.size(); ++size) {
    EXPECT_TRUE(fails_with(receiver.unprotect(metadata, BytesView(frame).first(size), out),
                           size < header_size ? Errc::truncated : Errc::aead_failure)) << size;
  }
  EXPECT_TRUE(is_ok(unprotect(frame)));
}

// Section 4.4.1: a KID is for encryption or for decryption, never both.
TEST_F(SFrameContextTest, KeepsRolesApart) {
  EXPECT_TRUE(fails_with(sender.add_decryption_key(0x1234, base_key), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(receiver.add_encryption_key(0x1234, base_key), Errc::invalid_argument));
  Bytes out(100);
  EXPECT_TRUE(fails_with(receiver.protect(0x1234, {}, plaintext, out), Errc::unknown_key));
  sender.remove_key(0x1234);
  EXPECT_TRUE(fails_with(sender.protect(0x1234, {}, plaintext, out), Errc::unknown_key));
}

TEST_F(SFrameContextTest, ChecksTheOutputBuffer) {
  Bytes small(plaintext.size());
  EXPECT_TRUE(fails_with(sender.protect(0x1234, metadata, plaintext, small), Errc::buffer_too_small));
  const Bytes frame = protect();
  Bytes out(10);
  EXPECT_TRUE(fails_with(receiver.unprotect(metadata, frame, out), Errc::buffer_too_small));
  EXPECT_TRUE(is_ok(unprotect(frame)));
}

}  // namespace
