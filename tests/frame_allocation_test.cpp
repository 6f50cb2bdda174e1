// The frame hot path allocates nothing: after the first frame of a key
// (which derives it), protect and unprotect make no C++ allocation and no
// OpenSSL allocation, for the AES-GCM suites and the LiveKit format, through
// the C++ API and through the C API (include/conclave.h) alike. The
// AES-CTR-HMAC suites make none of their own; OpenSSL 3.0's HMAC re-init
// copies its keyed digest state, which allocates inside OpenSSL (3.0 has
// no allocation-free copy), and that count is asserted too. A binary of its
// own: it installs counting allocators before anything else runs. A meeting
// participant's frame calls allocate nothing either.

#include <gtest/gtest.h>
#include <openssl/crypto.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "conclave.h"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"

namespace {

std::atomic<std::size_t> cxx_allocations{0};
std::atomic<std::size_t> openssl_allocations{0};

void* openssl_malloc(std::size_t size, const char*, int) {
  ++openssl_allocations;
  return std::malloc(size);
}
void* openssl_realloc(void* p, std::size_t size, const char*, int) {
  ++openssl_allocations;
  return std::realloc(p, size);
}
void openssl_free(void* p, const char*, int) { std::free(p); }

struct Counts {
  std::size_t cxx;
  std::size_t openssl;
};

template <class F>
Counts allocations_of(F&& run) {
  const std::size_t cxx = cxx_allocations;
  const std::size_t openssl = openssl_allocations;
  run();
  return {cxx_allocations - cxx, openssl_allocations - openssl};
}

using namespace conclave;
using namespace conclave::frame;

constexpr int frames = 100;

Counts sframe_round_trips(SFrameSuiteId suite) {
  const std::size_t nk = SFrameSuite::find(suite)->nk;
  auto member = [&](std::uint32_t leaf) {
    auto keying = std::move(*MlsSFrame::create({.suite = suite}));
    EXPECT_TRUE(keying.add_epoch({9, crypto::Secret(Bytes(nk, 0x11)), leaf, std::vector<bool>(8, true)}).ok());
    return keying;
  };
  auto sender = member(2);
  auto receiver = member(5);
  const Bytes plaintext(1200, 0x5a);
  Bytes sent(sender.max_protected_size(plaintext.size()));
  Bytes opened(sent.size());
  auto one = [&] {
    const auto size = sender.protect({}, plaintext, sent);
    EXPECT_TRUE(size.ok() && receiver.unprotect({}, BytesView(sent).first(*size), opened).ok());
  };
  one();  // derives both keys
  return allocations_of([&] {
    for (int i = 0; i < frames; ++i) one();
  });
}

TEST(FrameAllocations, AesGcmSuitesAllocateNothing) {
  for (const auto suite : {SFrameSuiteId::aes_128_gcm_sha256_128, SFrameSuiteId::aes_256_gcm_sha512_128}) {
    const Counts counts = sframe_round_trips(suite);
    EXPECT_EQ(counts.cxx, 0u);
    EXPECT_EQ(counts.openssl, 0u);
  }
}

TEST(FrameAllocations, AesCtrHmacSuitesAllocateOnlyInsideOpenSslHmac) {
  const Counts counts = sframe_round_trips(SFrameSuiteId::aes_128_ctr_hmac_sha256_80);
  EXPECT_EQ(counts.cxx, 0u);
  // Two digest-state copies per HMAC (inner and outer), one HMAC per protect and per unprotect.
  EXPECT_EQ(counts.openssl, 4u * frames);
}

TEST(FrameAllocations, LiveKitAllocatesNothing) {
  LiveKitCryptor sender({}, crypto::system_random());
  LiveKitCryptor receiver({}, crypto::system_random());
  ASSERT_TRUE(sender.set_key(4, Bytes(32, 0x44)).ok());
  ASSERT_TRUE(receiver.set_key(4, Bytes(32, 0x44)).ok());
  const Bytes h264 = *from_hex("00000001674200290000000168ce3c80000000016588840011223344556677889900");
  for (const LiveKitFrameInfo info : {LiveKitFrameInfo{LiveKitCodec::audio, false, 7, 960},
                                      LiveKitFrameInfo{LiveKitCodec::h264, true, 8, 3000}}) {
    Bytes sent(LiveKitCryptor::max_protected_size(h264.size()));
    Bytes opened(sent.size());
    auto one = [&] {
      const auto size = sender.protect(info, h264, sent);
      EXPECT_TRUE(size.ok() && receiver.unprotect(info, BytesView(sent).first(*size), opened).ok());
    };
    one();  // the SSRC's send counter
    const Counts counts = allocations_of([&] {
      for (int i = 0; i < frames; ++i) one();
    });
    EXPECT_EQ(counts.cxx, 0u);
    EXPECT_EQ(counts.openssl, 0u);
  }
}

// The C API's frame calls (a handle lookup, checks, the C++ call) add no
// allocation of their own.
TEST(FrameAllocations, CApiSFrameAllocatesNothing) {
  for (const std::uint16_t suite :
       {std::uint16_t{CONCLAVE_SFRAME_AES_128_GCM_SHA256_128}, std::uint16_t{CONCLAVE_SFRAME_AES_256_GCM_SHA512_128}}) {
    const Bytes key(SFrameSuite::find(static_cast<SFrameSuiteId>(suite))->nk, 0x11);
    const std::uint8_t members[] = {1, 1, 1};
    conclave_sframe* sender = nullptr;
    conclave_sframe* receiver = nullptr;
    conclave_sframe_options options;
    conclave_sframe_options_default(&options);
    options.suite = suite;
    ASSERT_EQ(conclave_sframe_create(&options, &sender), CONCLAVE_OK);
    ASSERT_EQ(conclave_sframe_create(&options, &receiver), CONCLAVE_OK);
    ASSERT_EQ(conclave_sframe_add_epoch_key(sender, 9, key.data(), key.size(), 0, members, 3), CONCLAVE_OK);
    ASSERT_EQ(conclave_sframe_add_epoch_key(receiver, 9, key.data(), key.size(), 2, members, 3), CONCLAVE_OK);
    const Bytes plaintext(1200, 0x5a);
    Bytes sent(plaintext.size() + 64);
    Bytes opened(sent.size());
    auto one = [&] {
      std::size_t size = 0;
      std::size_t opened_size = 0;
      EXPECT_EQ(conclave_sframe_protect(sender, nullptr, 0, plaintext.data(), plaintext.size(), sent.data(),
                                        sent.size(), &size, 0),
                CONCLAVE_OK);
      EXPECT_EQ(conclave_sframe_unprotect(receiver, nullptr, 0, sent.data(), size, opened.data(), opened.size(),
                                          &opened_size, nullptr),
                CONCLAVE_OK);
    };
    one();  // derives both keys
    const Counts counts = allocations_of([&] {
      for (int i = 0; i < frames; ++i) one();
    });
    EXPECT_EQ(counts.cxx, 0u);
    EXPECT_EQ(counts.openssl, 0u);
    conclave_sframe_free(sender);
    conclave_sframe_free(receiver);
  }
}

TEST(FrameAllocations, CApiLiveKitAllocatesNothing) {
  conclave_livekit* sender = nullptr;
  conclave_livekit* receiver = nullptr;
  const Bytes material(32, 0x44);
  ASSERT_EQ(conclave_livekit_create(1, 0, &sender), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_create(1, 0, &receiver), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_key(sender, 4, material.data(), material.size()), CONCLAVE_OK);
  ASSERT_EQ(conclave_livekit_set_key(receiver, 4, material.data(), material.size()), CONCLAVE_OK);
  const Bytes h264 = *from_hex("00000001674200290000000168ce3c80000000016588840011223344556677889900");
  for (const conclave_livekit_frame_info info : {conclave_livekit_frame_info{CONCLAVE_LIVEKIT_AUDIO, 0, 7, 960},
                                                 conclave_livekit_frame_info{CONCLAVE_LIVEKIT_H264, 1, 8, 3000}}) {
    Bytes sent(conclave_livekit_max_protected_size(h264.size()));
    Bytes opened(sent.size());
    auto one = [&] {
      std::size_t size = 0;
      std::size_t opened_size = 0;
      EXPECT_EQ(conclave_livekit_protect(sender, &info, h264.data(), h264.size(), sent.data(), sent.size(), &size),
                CONCLAVE_OK);
      EXPECT_EQ(conclave_livekit_unprotect(receiver, &info, sent.data(), size, opened.data(), opened.size(),
                                           &opened_size, nullptr),
                CONCLAVE_OK);
    };
    one();  // the SSRC's send counter
    const Counts counts = allocations_of([&] {
      for (int i = 0; i < frames; ++i) one();
    });
    EXPECT_EQ(counts.cxx, 0u);
    EXPECT_EQ(counts.openssl, 0u);
  }
  conclave_livekit_free(sender);
  conclave_livekit_free(receiver);
}

// A meeting participant's frame calls (SFrame and LiveKit keys of its
// epoch) through the C API: a host and a guest of one meeting with both.
TEST(FrameAllocations, CApiMeetingFramesAllocateNothing) {
#ifdef CONCLAVE_TEST_SANITIZED
  // The meeting's setup commits, and the Commit's std::stable_sort takes its
  // buffer from ASan's nothrow operator new, which this binary's replaced
  // delete cannot free: the count is a release-build property.
  GTEST_SKIP() << "the meeting's setup mixes ASan's and this binary's allocators";
#endif
  conclave_meeting_server* server = nullptr;
  conclave_meeting_link* link = nullptr;
  conclave_buffer password = {nullptr, 0};
  conclave_meeting_profile profile;
  conclave_meeting_profile_default(&profile);
  profile.livekit = 1;
  conclave_participant* host = nullptr;
  conclave_guest* guest = nullptr;
  conclave_participant* member = nullptr;
  std::size_t admitted = 0;
  conclave_sync_report report{};
  ASSERT_EQ(conclave_meeting_server_create(nullptr, &server), CONCLAVE_OK);
  ASSERT_EQ(conclave_meeting_link_generate("https://meet.example", &link), CONCLAVE_OK);
  ASSERT_EQ(conclave_meeting_link_password(link, nullptr, &password), CONCLAVE_OK);
  ASSERT_EQ(conclave_meeting_host(server, link, password.data, password.size, "H", "T", &profile, &host), CONCLAVE_OK);
  ASSERT_EQ(conclave_guest_log_in(server, link, password.data, password.size, "G", &profile, &guest), CONCLAVE_OK);
  ASSERT_EQ(conclave_guest_request_welcome(guest, server, 0), CONCLAVE_OK);
  ASSERT_EQ(conclave_participant_admit(host, server, &admitted), CONCLAVE_OK);
  ASSERT_EQ(conclave_guest_join(guest, server, &member), CONCLAVE_OK);
  ASSERT_EQ(conclave_participant_sync(host, server, &report), CONCLAVE_OK);

  const Bytes plaintext(1200, 0x5a);
  Bytes sent(conclave_livekit_max_protected_size(plaintext.size()));
  Bytes opened(sent.size());
  const conclave_livekit_frame_info info{CONCLAVE_LIVEKIT_AUDIO, 0, 7, 960};
  auto one = [&] {
    std::size_t size = 0;
    std::size_t opened_size = 0;
    std::uint64_t epoch = 0;
    EXPECT_EQ(conclave_participant_protect_frame(host, nullptr, 0, plaintext.data(), plaintext.size(), sent.data(),
                                                 sent.size(), &size),
              CONCLAVE_OK);
    EXPECT_EQ(conclave_participant_unprotect_frame(member, nullptr, 0, sent.data(), size, opened.data(), opened.size(),
                                                   &opened_size, nullptr),
              CONCLAVE_OK);
    EXPECT_EQ(conclave_participant_livekit_protect(host, &info, plaintext.data(), plaintext.size(), sent.data(),
                                                   sent.size(), &size),
              CONCLAVE_OK);
    EXPECT_EQ(conclave_participant_livekit_unprotect(member, &info, sent.data(), size, opened.data(), opened.size(),
                                                     &opened_size, &epoch),
              CONCLAVE_OK);
  };
  one();  // derives the host's SFrame key at the guest, and the SSRC's send counter
  const Counts counts = allocations_of([&] {
    for (int i = 0; i < frames; ++i) one();
  });
  EXPECT_EQ(counts.cxx, 0u);
  EXPECT_EQ(counts.openssl, 0u);
  conclave_participant_free(member);
  conclave_guest_free(guest);
  conclave_participant_free(host);
  conclave_buffer_free(&password);
  conclave_meeting_link_free(link);
  conclave_meeting_server_free(server);
}

}  // namespace

// The replacements stay out of line: inlined into a new-expression, g++ 12
// would take the free() in delete for a mismatch with new.
[[gnu::noinline]] void* operator new(std::size_t size) {
  ++cxx_allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* p) noexcept { std::free(p); }
[[gnu::noinline]] void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
  if (CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) != 1) return 1;
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
