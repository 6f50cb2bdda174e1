// The C API's frame encryption (include/conclave.h, frame section): SFrame
// over MLS and the LiveKit cryptor round-trip through the C API and give the
// C++ API's frames byte for byte; every function refuses bad input at the
// boundary with its code, and a refused call changes no counter, window or key.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "capi_support.hpp"
#include "mls_fixtures.hpp"
#include "conclave.h"
#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"

namespace {

using namespace conclave;
using capi_test::wrong_kind;

constexpr std::uint64_t epoch = 9;
const Bytes metadata = {'m', 'e', 't', 'a'};
const Bytes plaintext(1200, 0x5a);
const std::uint8_t two_members[] = {1, 1};

Bytes prefix(const Bytes& bytes, std::size_t size) {
  return Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size));
}

Bytes base_key(std::uint16_t suite) {
  return Bytes(frame::SFrameSuite::find(static_cast<frame::SFrameSuiteId>(suite))->nk, 0x11);
}

// One member's SFrame handle, keyed for `epoch` in a group of two.
class SFrame {
 public:
  explicit SFrame(std::uint32_t leaf, std::uint16_t suite = CONCLAVE_SFRAME_AES_128_GCM_SHA256_128) {
    conclave_sframe_options options;
    conclave_sframe_options_default(&options);
    options.suite = suite;
    EXPECT_EQ(conclave_sframe_create(&options, &handle_), CONCLAVE_OK);
    const Bytes key = base_key(suite);
    EXPECT_EQ(conclave_sframe_add_epoch_key(handle_, epoch, key.data(), key.size(), leaf, two_members, 2),
              CONCLAVE_OK);
  }
  SFrame(const SFrame&) = delete;
  SFrame& operator=(const SFrame&) = delete;
  ~SFrame() { conclave_sframe_free(handle_); }
  conclave_sframe* handle() const { return handle_; }

  Bytes protect(BytesView in, std::uint64_t context = 0) {
    Bytes out(in.size() + 64);
    size_t written = 0;
    EXPECT_EQ(conclave_sframe_protect(handle_, metadata.data(), metadata.size(), in.data(), in.size(), out.data(),
                                      out.size(), &written, context),
              CONCLAVE_OK);
    out.resize(written);
    return out;
  }
  conclave_status unprotect(BytesView in, Bytes& out, conclave_sframe_frame_info* info = nullptr) {
    out.assign(in.size(), 0);
    size_t written = 0;
    const conclave_status status = conclave_sframe_unprotect(handle_, metadata.data(), metadata.size(), in.data(),
                                                             in.size(), out.data(), out.size(), &written, info);
    out.resize(status == CONCLAVE_OK ? written : 0);
    return status;
  }

 private:
  conclave_sframe* handle_ = nullptr;
};

// The same member through the C++ API.
frame::MlsSFrame cpp_sframe(std::uint32_t leaf, std::uint16_t suite) {
  auto sframe = std::move(*frame::MlsSFrame::create({.suite = static_cast<frame::SFrameSuiteId>(suite)}));
  EXPECT_TRUE(sframe.add_epoch({epoch, crypto::Secret(base_key(suite)), leaf, {true, true}}).ok());
  return sframe;
}

TEST(CApiSFrame, RoundTripGivesThePlaintextAndTheFrameInfo) {
  SFrame alice(0), bob(1);
  const Bytes sent = alice.protect(plaintext, 3);
  Bytes opened;
  conclave_sframe_frame_info info{};
  ASSERT_EQ(bob.unprotect(sent, opened, &info), CONCLAVE_OK);
  EXPECT_EQ(opened, plaintext);
  EXPECT_EQ(info.epoch, epoch);
  EXPECT_EQ(info.sender, 0u);
  EXPECT_EQ(info.context, 3u);
  EXPECT_EQ(info.ctr, 0u);
  EXPECT_EQ(bob.unprotect(alice.protect(plaintext, 3), opened, nullptr), CONCLAVE_OK);
}

TEST(CApiSFrame, EverySuiteGivesTheCppFramesAndOpensThem) {
  for (std::uint16_t suite = CONCLAVE_SFRAME_AES_128_CTR_HMAC_SHA256_80;
       suite <= CONCLAVE_SFRAME_AES_256_CTR_HMAC_SHA512_32; ++suite) {
    SFrame alice(0, suite), bob(1, suite);
    auto cpp_alice = cpp_sframe(0, suite);
    auto cpp_bob = cpp_sframe(1, suite);
    // The same base key and counter 0: the same frame, byte for byte.
    const Bytes sent = alice.protect(plaintext);
    Bytes expected(cpp_alice.max_protected_size(plaintext.size()));
    expected.resize(*cpp_alice.protect(metadata, plaintext, expected));
    EXPECT_EQ(sent, expected) << suite;
    Bytes opened(sent.size());
    const auto by_cpp = cpp_bob.unprotect(metadata, sent, opened);
    ASSERT_TRUE(by_cpp.ok()) << suite;
    EXPECT_EQ(prefix(opened, by_cpp->size), plaintext);
    // And the C side opens the C++ side's next frame.
    Bytes from_cpp(cpp_alice.max_protected_size(plaintext.size()));
    from_cpp.resize(*cpp_alice.protect(metadata, plaintext, from_cpp));
    ASSERT_EQ(bob.unprotect(from_cpp, opened), CONCLAVE_OK) << suite;
    EXPECT_EQ(opened, plaintext);
  }
}

TEST(CApiSFrame, OptionsAndSizesAreTheCpps) {
  conclave_sframe_options options;
  conclave_sframe_options_default(&options);
  conclave_sframe_options_default(nullptr);
  const frame::MlsSFrameOptions cpp;
  EXPECT_EQ(options.suite, static_cast<std::uint16_t>(cpp.suite));
  EXPECT_EQ(options.epoch_bits, cpp.epoch_bits);
  EXPECT_EQ(options.index_bits, -1);
  EXPECT_EQ(options.max_epochs, cpp.max_epochs);
  EXPECT_EQ(options.max_contexts, cpp.max_contexts);
  EXPECT_EQ(options.encrypt_delay_ms, 0u);
  SFrame alice(0);
  size_t size = 0;
  ASSERT_EQ(conclave_sframe_max_protected_size(alice.handle(), 100, &size), CONCLAVE_OK);
  EXPECT_EQ(size, cpp_sframe(0, options.suite).max_protected_size(100));
  EXPECT_EQ(conclave_sframe_max_protected_size(alice.handle(), SIZE_MAX - 10, &size), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_max_protected_size(alice.handle(), 100, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(size, cpp_sframe(0, options.suite).max_protected_size(100));
}

TEST(CApiSFrame, CreateRefusesBadOptions) {
  conclave_sframe* sframe = nullptr;
  auto create = [&](auto change) {
    conclave_sframe_options options;
    conclave_sframe_options_default(&options);
    change(options);
    return conclave_sframe_create(&options, &sframe);
  };
  EXPECT_EQ(create([](auto& o) { o.suite = 9; }), CONCLAVE_E_UNSUPPORTED_ALGORITHM);
  EXPECT_EQ(create([](auto& o) { o.suite = 0; }), CONCLAVE_E_UNSUPPORTED_ALGORITHM);
  EXPECT_EQ(create([](auto& o) { o.epoch_bits = 33; }), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(create([](auto& o) { o.index_bits = -2; }), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(create([](auto& o) { o.index_bits = 32; }), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(create([](auto& o) { o.max_epochs = 0; }), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(create([](auto& o) { o.max_contexts = 0; }), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(sframe, nullptr);
  EXPECT_EQ(conclave_sframe_create(nullptr, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  ASSERT_EQ(conclave_sframe_create(nullptr, &sframe), CONCLAVE_OK);  // NULL options: the defaults
  conclave_sframe_free(sframe);
}

// A refused epoch leaves the held one sending and receiving.
TEST(CApiSFrame, AddEpochKeyRefusesBadInputAndKeepsTheEpochs) {
  SFrame alice(0), bob(1);
  conclave_sframe* a = alice.handle();
  const Bytes key = base_key(CONCLAVE_SFRAME_AES_128_GCM_SHA256_128);
  const std::uint8_t only_bob[] = {0, 1};
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, 10, nullptr, key.size(), 0, two_members, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, 10, key.data(), key.size(), 0, nullptr, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, 10, key.data(), key.size() - 1, 0, two_members, 2),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, 10, key.data(), key.size(), 0, only_bob, 2), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, 10, key.data(), key.size(), 2, two_members, 2),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_add_epoch_key(a, epoch, key.data(), key.size(), 0, two_members, 2),
            CONCLAVE_E_INVALID_ARGUMENT);  // not newer
  Bytes opened;
  conclave_sframe_frame_info info{};
  ASSERT_EQ(bob.unprotect(alice.protect(plaintext), opened, &info), CONCLAVE_OK);
  EXPECT_EQ(info.epoch, epoch);
  EXPECT_EQ(info.ctr, 0u);
}

TEST(CApiSFrame, RemovedEpochNoLongerProtects) {
  SFrame alice(0);
  EXPECT_EQ(conclave_sframe_remove_epoch(alice.handle(), epoch + 1), CONCLAVE_OK);  // not held: nothing
  Bytes out(200);
  size_t written = 0;
  EXPECT_EQ(conclave_sframe_protect(alice.handle(), nullptr, 0, plaintext.data(), 100, out.data(), out.size(),
                                    &written, 0),
            CONCLAVE_OK);
  EXPECT_EQ(conclave_sframe_remove_epoch(alice.handle(), epoch), CONCLAVE_OK);
  written = 0;
  EXPECT_EQ(conclave_sframe_protect(alice.handle(), nullptr, 0, plaintext.data(), 100, out.data(), out.size(),
                                    &written, 0),
            CONCLAVE_E_WRONG_EPOCH);
  EXPECT_EQ(written, 0u);
}

// Bad pointers, an overlapping or short output and a bad context: refused,
// and the counter stays unused (the next frame has CTR 0).
TEST(CApiSFrame, ProtectRefusesBadInputAndKeepsTheCounter) {
  SFrame alice(0), bob(1);
  conclave_sframe* a = alice.handle();
  const Bytes& m = metadata;
  Bytes out(plaintext.size() + 64, 0xee);
  const Bytes untouched = out;
  size_t written = 7;
  const std::uint8_t* p = plaintext.data();
  const size_t n = plaintext.size();
  EXPECT_EQ(conclave_sframe_protect(a, nullptr, 1, p, n, out.data(), out.size(), &written, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), nullptr, n, out.data(), out.size(), &written, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), p, n, nullptr, out.size(), &written, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), p, n, out.data(), out.size(), nullptr, 0),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), out.data() + 8, 100, out.data(), out.size(), &written, 0),
            CONCLAVE_E_INVALID_ARGUMENT);  // overlapping
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), p, n, out.data(), out.size(), &written, 16),
            CONCLAVE_E_INVALID_ARGUMENT);  // context of max_contexts
  EXPECT_EQ(written, 7u);
  EXPECT_EQ(out, untouched);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), p, n, out.data(), n, &written, 0),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  size_t needed = 0;
  ASSERT_EQ(conclave_sframe_max_protected_size(a, n, &needed), CONCLAVE_OK);
  EXPECT_EQ(written, needed);
  EXPECT_EQ(conclave_sframe_protect(a, m.data(), m.size(), p, n, nullptr, 0, &written, 0),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, needed);
  EXPECT_EQ(out, untouched);
  Bytes opened;
  conclave_sframe_frame_info info{};
  ASSERT_EQ(bob.unprotect(alice.protect(plaintext), opened, &info), CONCLAVE_OK);
  EXPECT_EQ(info.ctr, 0u);
}

// Bad pointers, an overlapping or short output: refused, and the frame's
// counter is not taken (the same frame then opens once).
TEST(CApiSFrame, UnprotectRefusesBadInputAndKeepsTheReplayWindow) {
  SFrame alice(0), bob(1);
  conclave_sframe* b = bob.handle();
  const Bytes& m = metadata;
  Bytes sent = alice.protect(plaintext);
  Bytes out(sent.size(), 0xee);
  size_t written = 7;
  const size_t n = sent.size();
  EXPECT_EQ(conclave_sframe_unprotect(b, nullptr, 1, sent.data(), n, out.data(), out.size(), &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_unprotect(b, m.data(), m.size(), nullptr, n, out.data(), out.size(), &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_unprotect(b, m.data(), m.size(), sent.data(), n, nullptr, n, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_unprotect(b, m.data(), m.size(), sent.data(), n, out.data(), n, nullptr, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_sframe_unprotect(b, m.data(), m.size(), sent.data(), n, sent.data() + 1, n - 1, &written, nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);  // overlapping
  EXPECT_EQ(written, 7u);
  EXPECT_EQ(conclave_sframe_unprotect(b, m.data(), m.size(), sent.data(), n, out.data(), 100, &written, nullptr),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, n);
  Bytes opened;
  ASSERT_EQ(bob.unprotect(sent, opened), CONCLAVE_OK);
  EXPECT_EQ(opened, plaintext);
  EXPECT_EQ(bob.unprotect(sent, opened), CONCLAVE_E_REPLAYED_COUNTER);
  EXPECT_EQ(bob.unprotect(alice.protect(plaintext), opened), CONCLAVE_OK);
}

TEST(CApiSFrame, TamperedFramesAndMetadataAreRefused) {
  SFrame alice(0), bob(1);
  Bytes sent = alice.protect(plaintext);
  sent.back() ^= 1;
  Bytes opened;
  EXPECT_EQ(bob.unprotect(sent, opened), CONCLAVE_E_AEAD_FAILURE);
  sent.back() ^= 1;
  Bytes out(sent.size());
  size_t written = 0;
  EXPECT_EQ(conclave_sframe_unprotect(bob.handle(), nullptr, 0, sent.data(), sent.size(), out.data(), out.size(),
                                      &written, nullptr),
            CONCLAVE_E_AEAD_FAILURE);
  EXPECT_EQ(bob.unprotect(prefix(sent, 0), opened), CONCLAVE_E_TRUNCATED);
  EXPECT_EQ(bob.unprotect(sent, opened), CONCLAVE_OK);  // the failures took no counter
  EXPECT_EQ(alice.unprotect(alice.protect(plaintext), opened), CONCLAVE_E_INVALID_SENDER);  // its own KID
}

TEST(CApiSFrame, EveryFunctionRefusesAHandleNotLiveOfItsKind) {
  SFrame alice(0), bob(1);
  conclave_sframe* freed = nullptr;
  ASSERT_EQ(conclave_sframe_create(nullptr, &freed), CONCLAVE_OK);
  conclave_sframe_free(freed);
  conclave_livekit* livekit = nullptr;
  ASSERT_EQ(conclave_livekit_create(1, 0, &livekit), CONCLAVE_OK);
  const Bytes key = base_key(CONCLAVE_SFRAME_AES_128_GCM_SHA256_128);
  Bytes out(plaintext.size() + 64);
  size_t written = 7;
  conclave_sframe_frame_info info{};
  for (conclave_sframe* handle : {static_cast<conclave_sframe*>(nullptr), freed, wrong_kind<conclave_sframe>(livekit)}) {
    EXPECT_EQ(conclave_sframe_add_epoch(handle, wrong_kind<conclave_group>(livekit)), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_sframe_add_epoch_key(handle, 10, key.data(), key.size(), 0, two_members, 2),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_sframe_remove_epoch(handle, epoch), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_sframe_max_protected_size(handle, 10, &written), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_sframe_protect(handle, nullptr, 0, plaintext.data(), plaintext.size(), out.data(), out.size(),
                                      &written, 0),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_sframe_unprotect(handle, nullptr, 0, out.data(), 100, out.data() + 100, 100, &written, &info),
              CONCLAVE_E_INVALID_HANDLE);
    conclave_sframe_free(handle);
  }
  // A group parameter that is no live group.
  for (const conclave_group* group : {static_cast<const conclave_group*>(nullptr), wrong_kind<const conclave_group>(livekit),
                                      wrong_kind<const conclave_group>(alice.handle())}) {
    EXPECT_EQ(conclave_sframe_add_epoch(alice.handle(), group), CONCLAVE_E_INVALID_HANDLE);
  }
  EXPECT_EQ(written, 7u);
  conclave_livekit_free(livekit);
  Bytes opened;
  conclave_sframe_frame_info seen{};
  ASSERT_EQ(bob.unprotect(alice.protect(plaintext), opened, &seen), CONCLAVE_OK);
  EXPECT_EQ(seen.epoch, epoch);
}

// Two members of one group made through the C API, and each one's epoch and
// exported secret for `label`.
struct GroupOfTwo {
  capi_test::Group alice{capi_test::new_group("alice")};
  capi_test::Group bob{capi_test::join_member(alice.get(), "bob")};

  static std::uint64_t epoch_of(const conclave_group* group) {
    std::uint64_t value = 0;
    EXPECT_EQ(conclave_group_epoch(group, &value), CONCLAVE_OK);
    return value;
  }
  static Bytes exported(const conclave_group* group, const char* label, std::size_t length) {
    Bytes out(length);
    EXPECT_EQ(conclave_group_export_secret(group, label, nullptr, 0, out.data(), out.size()), CONCLAVE_OK);
    return out;
  }
};

// RFC 9605 section 5.2: the base key is MLS-Exporter("SFrame 1.0 Base
// Key", "", Nk); add_epoch(group) keys both members alike, and as
// add_epoch_key() with that exported key does.
TEST(CApiSFrame, AddEpochFromAGroupKeysEveryMemberByTheExporter) {
  GroupOfTwo group;
  conclave_sframe *alice = nullptr, *bob = nullptr, *by_key = nullptr;
  ASSERT_EQ(conclave_sframe_create(nullptr, &alice), CONCLAVE_OK);
  ASSERT_EQ(conclave_sframe_create(nullptr, &bob), CONCLAVE_OK);
  ASSERT_EQ(conclave_sframe_create(nullptr, &by_key), CONCLAVE_OK);
  ASSERT_EQ(conclave_sframe_add_epoch(alice, group.alice.get()), CONCLAVE_OK);
  ASSERT_EQ(conclave_sframe_add_epoch(bob, group.bob.get()), CONCLAVE_OK);
  const std::uint64_t group_epoch = GroupOfTwo::epoch_of(group.alice.get());
  const Bytes key = GroupOfTwo::exported(group.alice.get(), "SFrame 1.0 Base Key", 16);
  ASSERT_EQ(conclave_sframe_add_epoch_key(by_key, group_epoch, key.data(), key.size(), 0, two_members, 2),
            CONCLAVE_OK);
  EXPECT_EQ(conclave_sframe_add_epoch(alice, group.alice.get()), CONCLAVE_E_INVALID_ARGUMENT);  // not newer

  Bytes sent(plaintext.size() + 64), expected(sent.size()), opened(sent.size());
  size_t sent_size = 0, expected_size = 0, opened_size = 0;
  ASSERT_EQ(conclave_sframe_protect(alice, nullptr, 0, plaintext.data(), plaintext.size(), sent.data(), sent.size(),
                                    &sent_size, 0),
            CONCLAVE_OK);
  ASSERT_EQ(conclave_sframe_protect(by_key, nullptr, 0, plaintext.data(), plaintext.size(), expected.data(),
                                    expected.size(), &expected_size, 0),
            CONCLAVE_OK);
  EXPECT_EQ(prefix(sent, sent_size), prefix(expected, expected_size));
  conclave_sframe_frame_info info{};
  ASSERT_EQ(conclave_sframe_unprotect(bob, nullptr, 0, sent.data(), sent_size, opened.data(), opened.size(),
                                      &opened_size, &info),
            CONCLAVE_OK);
  EXPECT_EQ(prefix(opened, opened_size), plaintext);
  EXPECT_EQ(info.epoch, group_epoch);
  EXPECT_EQ(info.sender, 0u);
  for (conclave_sframe* sframe : {alice, bob, by_key}) conclave_sframe_free(sframe);
}

// ---- LiveKit ----

const Bytes material(32, 0xa1);
// An H.264 access unit: SPS, PPS and an IDR slice whose body, once
// encrypted, is escaped.
const Bytes h264_idr = {0, 0, 0, 1, 0x67, 0x42, 0, 0x29, 0, 0, 0, 1, 0x68, 0xce, 0x3c, 0x80,
                        0, 0, 0, 1, 0x65, 0x88, 0x84, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};

// One participant's LiveKit handle with the key of epoch 4.
class LiveKit {
 public:
  LiveKit() {
    EXPECT_EQ(conclave_livekit_create(1, 0, &handle_), CONCLAVE_OK);
    EXPECT_EQ(conclave_livekit_set_key(handle_, 4, material.data(), material.size()), CONCLAVE_OK);
  }
  LiveKit(const LiveKit&) = delete;
  LiveKit& operator=(const LiveKit&) = delete;
  ~LiveKit() { conclave_livekit_free(handle_); }
  conclave_livekit* handle() const { return handle_; }

  Bytes protect(const conclave_livekit_frame_info& info, BytesView in) {
    Bytes out(conclave_livekit_max_protected_size(in.size()));
    size_t written = 0;
    EXPECT_EQ(conclave_livekit_protect(handle_, &info, in.data(), in.size(), out.data(), out.size(), &written),
              CONCLAVE_OK);
    out.resize(written);
    return out;
  }
  conclave_status unprotect(const conclave_livekit_frame_info& info, BytesView in, Bytes& out,
                            std::uint64_t* key_epoch = nullptr) {
    out.assign(in.size(), 0);
    size_t written = 0;
    const conclave_status status =
        conclave_livekit_unprotect(handle_, &info, in.data(), in.size(), out.data(), out.size(), &written, key_epoch);
    out.resize(status == CONCLAVE_OK ? written : 0);
    return status;
  }

 private:
  conclave_livekit* handle_ = nullptr;
};

frame::LiveKitFrameInfo cpp_info(const conclave_livekit_frame_info& info) {
  return {static_cast<frame::LiveKitCodec>(info.codec), info.key_frame == 1, info.ssrc, info.rtp_timestamp};
}

const conclave_livekit_frame_info audio{CONCLAVE_LIVEKIT_AUDIO, 0, 7, 960};
const conclave_livekit_frame_info h264{CONCLAVE_LIVEKIT_H264, 1, 8, 3000};

TEST(CApiLiveKit, RoundTripEveryCodecGivesTheFrameAndItsEpoch) {
  LiveKit alice, bob;
  for (std::uint32_t codec = CONCLAVE_LIVEKIT_AUDIO; codec <= CONCLAVE_LIVEKIT_H265; ++codec) {
    for (const int key_frame : {0, 1}) {
      const conclave_livekit_frame_info info{codec, key_frame, 11, 90000};
      const Bytes frame = codec == CONCLAVE_LIVEKIT_H264 ? h264_idr : plaintext;
      Bytes opened;
      std::uint64_t key_epoch = 0;
      ASSERT_EQ(bob.unprotect(info, alice.protect(info, frame), opened, &key_epoch), CONCLAVE_OK) << codec;
      EXPECT_EQ(opened, frame);
      EXPECT_EQ(key_epoch, 4u);
    }
  }
}

TEST(CApiLiveKit, SameSendCountGivesTheCppFrameBytes) {
  LiveKit alice, bob;
  frame::LiveKitCryptor cpp({}, crypto::system_random());
  ASSERT_TRUE(cpp.set_key(4, material).ok());
  for (const conclave_livekit_frame_info& info : {audio, h264}) {
    ASSERT_EQ(conclave_livekit_set_send_count(alice.handle(), info.ssrc, 77), CONCLAVE_OK);
    cpp.set_send_count(info.ssrc, 77);
    const Bytes sent = alice.protect(info, h264_idr);
    Bytes expected(frame::LiveKitCryptor::max_protected_size(h264_idr.size()));
    expected.resize(*cpp.protect(cpp_info(info), h264_idr, expected));
    EXPECT_EQ(sent, expected);
    Bytes opened(sent.size());
    const auto by_cpp = cpp.unprotect(cpp_info(info), sent, opened);
    ASSERT_TRUE(by_cpp.ok());
    opened.resize(by_cpp->size);
    EXPECT_EQ(opened, h264_idr);
    EXPECT_EQ(bob.unprotect(info, expected, opened), CONCLAVE_OK);
    EXPECT_EQ(opened, h264_idr);
  }
}

TEST(CApiLiveKit, CreateAndSetKeyRefuseBadInput) {
  conclave_livekit* livekit = nullptr;
  EXPECT_EQ(conclave_livekit_create(2, 0, &livekit), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_create(-1, 0, &livekit), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_create(0, 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(livekit, nullptr);
  LiveKit alice, bob;
  conclave_livekit* a = alice.handle();
  EXPECT_EQ(conclave_livekit_set_key(a, 5, nullptr, 32), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_set_key(a, 5, material.data(), 31), CONCLAVE_E_INVALID_LENGTH);
  EXPECT_EQ(conclave_livekit_set_key(a, 5, nullptr, 0), CONCLAVE_E_INVALID_LENGTH);
  const Bytes other(32, 0xb2);
  EXPECT_EQ(conclave_livekit_set_key(a, 4, other.data(), other.size()), CONCLAVE_E_INVALID_ARGUMENT);  // not newer
  EXPECT_EQ(conclave_livekit_set_key(a, 3, other.data(), other.size()), CONCLAVE_E_INVALID_ARGUMENT);
  Bytes opened;
  std::uint64_t key_epoch = 0;
  ASSERT_EQ(bob.unprotect(audio, alice.protect(audio, plaintext), opened, &key_epoch), CONCLAVE_OK);
  EXPECT_EQ(key_epoch, 4u);
}

TEST(CApiLiveKit, WithoutAKeyNothingIsProtected) {
  conclave_livekit* livekit = nullptr;
  ASSERT_EQ(conclave_livekit_create(0, 0, &livekit), CONCLAVE_OK);
  Bytes out(conclave_livekit_max_protected_size(plaintext.size()));
  size_t written = 7;
  EXPECT_EQ(conclave_livekit_protect(livekit, &audio, plaintext.data(), plaintext.size(), out.data(), out.size(),
                                     &written),
            CONCLAVE_E_UNKNOWN_KEY);
  EXPECT_EQ(written, 7u);
  conclave_livekit_free(livekit);
}

// Bad pointers, codecs, flags and a short output: refused, and the send
// count stays unused (the next frame is the C++ one at that count).
TEST(CApiLiveKit, ProtectRefusesBadInputAndKeepsTheSendCount) {
  LiveKit alice;
  conclave_livekit* a = alice.handle();
  ASSERT_EQ(conclave_livekit_set_send_count(a, audio.ssrc, 5), CONCLAVE_OK);
  const std::uint8_t* p = plaintext.data();
  const size_t n = plaintext.size();
  Bytes out(conclave_livekit_max_protected_size(n), 0xee);
  const Bytes untouched = out;
  size_t written = 7;
  const conclave_livekit_frame_info bad_codec{5, 0, 7, 960};
  const conclave_livekit_frame_info bad_flag{CONCLAVE_LIVEKIT_VP8, 2, 7, 960};
  EXPECT_EQ(conclave_livekit_protect(a, nullptr, p, n, out.data(), out.size(), &written), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &bad_codec, p, n, out.data(), out.size(), &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &bad_flag, p, n, out.data(), out.size(), &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &audio, nullptr, n, out.data(), out.size(), &written),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &audio, p, n, nullptr, out.size(), &written), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &audio, p, n, out.data(), out.size(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_protect(a, &audio, out.data() + 1, n, out.data(), out.size(), &written),
            CONCLAVE_E_INVALID_ARGUMENT);  // overlapping
  EXPECT_EQ(written, 7u);
  EXPECT_EQ(out, untouched);
  EXPECT_EQ(conclave_livekit_protect(a, &audio, p, n, out.data(), n, &written), CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, conclave_livekit_max_protected_size(n));
  EXPECT_EQ(conclave_livekit_protect(a, &audio, nullptr, 0, out.data(), out.size(), &written),
            CONCLAVE_E_TRUNCATED);  // shorter than Opus's TOC byte
  EXPECT_EQ(out, untouched);

  frame::LiveKitCryptor cpp({}, crypto::system_random());
  ASSERT_TRUE(cpp.set_key(4, material).ok());
  cpp.set_send_count(audio.ssrc, 5);
  Bytes expected(frame::LiveKitCryptor::max_protected_size(n));
  expected.resize(*cpp.protect(cpp_info(audio), plaintext, expected));
  EXPECT_EQ(alice.protect(audio, plaintext), expected);
}

TEST(CApiLiveKit, UnprotectRefusesBadInput) {
  LiveKit alice, bob;
  conclave_livekit* b = bob.handle();
  Bytes sent = alice.protect(audio, plaintext);
  const size_t n = sent.size();
  Bytes out(n, 0xee);
  const Bytes untouched = out;
  size_t written = 7;
  std::uint64_t key_epoch = 99;
  const conclave_livekit_frame_info bad_codec{7, 0, 0, 0};
  EXPECT_EQ(conclave_livekit_unprotect(b, nullptr, sent.data(), n, out.data(), n, &written, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_unprotect(b, &bad_codec, sent.data(), n, out.data(), n, &written, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_unprotect(b, &audio, nullptr, n, out.data(), n, &written, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_unprotect(b, &audio, sent.data(), n, nullptr, n, &written, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_unprotect(b, &audio, sent.data(), n, out.data(), n, nullptr, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_livekit_unprotect(b, &audio, sent.data(), n, sent.data() + 2, n - 2, &written, &key_epoch),
            CONCLAVE_E_INVALID_ARGUMENT);  // overlapping
  EXPECT_EQ(written, 7u);
  EXPECT_EQ(conclave_livekit_unprotect(b, &audio, sent.data(), n, out.data(), n - 1, &written, &key_epoch),
            CONCLAVE_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(written, n);
  EXPECT_EQ(key_epoch, 99u);
  EXPECT_EQ(out, untouched);
  Bytes opened;
  sent[n / 2] ^= 1;
  EXPECT_EQ(bob.unprotect(audio, sent, opened), CONCLAVE_E_AEAD_FAILURE);
  sent[n / 2] ^= 1;
  sent.back() = 5;  // an empty key slot
  EXPECT_EQ(bob.unprotect(audio, sent, opened), CONCLAVE_E_UNKNOWN_KEY);
  EXPECT_EQ(bob.unprotect(audio, prefix(sent, 0), opened), CONCLAVE_E_TRUNCATED);
}

TEST(CApiLiveKit, EveryFunctionRefusesAHandleNotLiveOfItsKind) {
  LiveKit alice;
  conclave_livekit* freed = nullptr;
  ASSERT_EQ(conclave_livekit_create(1, 0, &freed), CONCLAVE_OK);
  conclave_livekit_free(freed);
  SFrame sframe(0);
  Bytes out(conclave_livekit_max_protected_size(plaintext.size()));
  size_t written = 7;
  std::uint64_t key_epoch = 99;
  for (conclave_livekit* handle :
       {static_cast<conclave_livekit*>(nullptr), freed, wrong_kind<conclave_livekit>(sframe.handle())}) {
    EXPECT_EQ(conclave_livekit_set_key(handle, 5, material.data(), material.size()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_livekit_set_key_from_group(handle, wrong_kind<conclave_group>(sframe.handle())),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_livekit_set_send_count(handle, 1, 2), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_livekit_protect(handle, &audio, plaintext.data(), plaintext.size(), out.data(), out.size(),
                                       &written),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_livekit_unprotect(handle, &audio, plaintext.data(), plaintext.size(), out.data(), out.size(),
                                         &written, &key_epoch),
              CONCLAVE_E_INVALID_HANDLE);
    conclave_livekit_free(handle);
  }
  for (const conclave_group* group : {static_cast<const conclave_group*>(nullptr),
                                      wrong_kind<const conclave_group>(sframe.handle()),
                                      wrong_kind<const conclave_group>(alice.handle())}) {
    EXPECT_EQ(conclave_livekit_set_key_from_group(alice.handle(), group), CONCLAVE_E_INVALID_HANDLE);
  }
  EXPECT_EQ(written, 7u);
  EXPECT_EQ(key_epoch, 99u);
  LiveKit bob;
  Bytes opened;
  EXPECT_EQ(bob.unprotect(audio, alice.protect(audio, plaintext), opened, &key_epoch), CONCLAVE_OK);
  EXPECT_EQ(key_epoch, 4u);
}

TEST(CApiLiveKit, MaxProtectedSizeIsTheCppsAndSaturates) {
  for (const size_t size : {size_t{0}, size_t{1}, size_t{100}, size_t{1200}}) {
    EXPECT_EQ(conclave_livekit_max_protected_size(size), frame::LiveKitCryptor::max_protected_size(size));
  }
  EXPECT_EQ(conclave_livekit_max_protected_size(SIZE_MAX), SIZE_MAX);
  EXPECT_EQ(conclave_livekit_max_protected_size(SIZE_MAX / 3 * 2), SIZE_MAX);
}

// The LiveKit key of a group's epoch is its "meet-key" export: set from the
// group, the frames are those of set_key() with that material.
TEST(CApiLiveKit, SetKeyFromAGroupUsesTheMeetKeyExport) {
  GroupOfTwo group;
  LiveKit by_material;
  conclave_livekit *alice = nullptr, *bob = nullptr;
  ASSERT_EQ(conclave_livekit_create(1, 0, &alice), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_create(1, 0, &bob), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_key_from_group(alice, group.alice.get()), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_key_from_group(bob, group.bob.get()), CONCLAVE_OK);
  EXPECT_EQ(conclave_livekit_set_key_from_group(alice, group.alice.get()), CONCLAVE_E_INVALID_ARGUMENT);  // not newer
  const std::uint64_t group_epoch = GroupOfTwo::epoch_of(group.alice.get());
  const Bytes key = GroupOfTwo::exported(group.alice.get(), "meet-key", 32);
  conclave_livekit* reference = nullptr;
  ASSERT_EQ(conclave_livekit_create(1, 0, &reference), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_key(reference, group_epoch, key.data(), key.size()), CONCLAVE_OK);

  ASSERT_EQ(conclave_livekit_set_send_count(alice, audio.ssrc, 3), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_send_count(reference, audio.ssrc, 3), CONCLAVE_OK);
  Bytes sent(conclave_livekit_max_protected_size(plaintext.size())), expected(sent.size()), opened(sent.size());
  size_t sent_size = 0, expected_size = 0, opened_size = 0;
  ASSERT_EQ(conclave_livekit_protect(alice, &audio, plaintext.data(), plaintext.size(), sent.data(), sent.size(),
                                     &sent_size),
            CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_protect(reference, &audio, plaintext.data(), plaintext.size(), expected.data(),
                                     expected.size(), &expected_size),
            CONCLAVE_OK);
  EXPECT_EQ(prefix(sent, sent_size), prefix(expected, expected_size));
  std::uint64_t key_epoch = 0;
  ASSERT_EQ(conclave_livekit_unprotect(bob, &audio, sent.data(), sent_size, opened.data(), opened.size(),
                                       &opened_size, &key_epoch),
            CONCLAVE_OK);
  EXPECT_EQ(prefix(opened, opened_size), plaintext);
  EXPECT_EQ(key_epoch, group_epoch);
  for (conclave_livekit* livekit : {alice, bob, reference}) conclave_livekit_free(livekit);
}

}  // namespace
