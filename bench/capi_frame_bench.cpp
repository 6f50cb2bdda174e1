// The C API's per-frame overhead: SFrame over MLS (AES-128-GCM) and the
// LiveKit format (Opus) at 100 B (audio) and 1,200 B (a video packet),
// protected and unprotected through the C++ API and through the C API
// (include/conclave.h) side by side, both out of libconclave.so as an
// application or a binding links it. Same keys, same buffers, same loop:
// the difference is the C layer (a lock-free handle lookup and the
// argument checks).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "conclave.h"
#include "conclave/crypto/random.hpp"
#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;

constexpr std::uint64_t epoch = 5;
const Bytes base_key(16, 0x11);
const std::vector<std::uint8_t> members(1000, 1);

std::size_t frame_size(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

void report(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

// One member's SFrame keying through the C++ API.
class CppSFrame {
 public:
  explicit CppSFrame(std::uint32_t leaf) : sframe_(std::move(*MlsSFrame::create({}))) {
    (void)sframe_.add_epoch({epoch, crypto::Secret(base_key), leaf, std::vector<bool>(members.size(), true)});
  }
  std::size_t protect(BytesView plaintext, MutableBytesView out) { return *sframe_.protect({}, plaintext, out); }
  std::size_t unprotect(BytesView frame, MutableBytesView out) { return sframe_.unprotect({}, frame, out)->size; }

 private:
  MlsSFrame sframe_;
};

// The same through the C API.
class CSFrame {
 public:
  explicit CSFrame(std::uint32_t leaf) {
    (void)conclave_sframe_create(nullptr, &handle_);
    (void)conclave_sframe_add_epoch_key(handle_, epoch, base_key.data(), base_key.size(), leaf, members.data(),
                                        members.size());
  }
  CSFrame(const CSFrame&) = delete;
  CSFrame& operator=(const CSFrame&) = delete;
  ~CSFrame() { conclave_sframe_free(handle_); }
  std::size_t protect(BytesView plaintext, MutableBytesView out) {
    std::size_t written = 0;
    (void)conclave_sframe_protect(handle_, nullptr, 0, plaintext.data(), plaintext.size(), out.data(), out.size(),
                                  &written, 0);
    return written;
  }
  std::size_t unprotect(BytesView frame, MutableBytesView out) {
    std::size_t written = 0;
    (void)conclave_sframe_unprotect(handle_, nullptr, 0, frame.data(), frame.size(), out.data(), out.size(),
                                    &written, nullptr);
    return written;
  }

 private:
  conclave_sframe* handle_ = nullptr;
};

template <class Member>
void sframe_protect(benchmark::State& state) {
  Member sender(7);
  const Bytes plaintext(frame_size(state), 0x5a);
  Bytes out(plaintext.size() + 64);
  for (auto _ : state) benchmark::DoNotOptimize(sender.protect(plaintext, out));
  report(state);
}

// Each frame decrypts once (the replay window), so the receiver cycles
// through a batch of distinct frames and is replaced (one key derivation)
// after each pass, in both APIs alike.
template <class Member>
void sframe_unprotect(benchmark::State& state) {
  Member sender(7);
  const Bytes plaintext(frame_size(state), 0x5a);
  std::vector<Bytes> frames(1024, Bytes(plaintext.size() + 64));
  for (auto& frame : frames) frame.resize(sender.protect(plaintext, frame));
  Bytes out(plaintext.size() + 64);
  auto receiver = std::make_unique<Member>(8);
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(receiver->unprotect(frames[next], out));
    if (++next == frames.size()) {
      next = 0;
      receiver = std::make_unique<Member>(8);
    }
  }
  report(state);
}

const Bytes material(livekit_key_material_size, 0x22);

// One participant's LiveKit cryptor through the C++ API (Opus frames).
class CppLiveKit {
 public:
  CppLiveKit() : cryptor_({}, crypto::system_random()) { (void)cryptor_.set_key(epoch, material); }
  std::size_t protect(BytesView frame, MutableBytesView out) { return *cryptor_.protect(info_, frame, out); }
  std::size_t unprotect(BytesView frame, MutableBytesView out) { return cryptor_.unprotect(info_, frame, out)->size; }

 private:
  LiveKitCryptor cryptor_;
  LiveKitFrameInfo info_{LiveKitCodec::audio, false, 1234, 90000};
};

// The same through the C API.
class CLiveKit {
 public:
  CLiveKit() {
    (void)conclave_livekit_create(1, 0, &handle_);
    (void)conclave_livekit_set_key(handle_, epoch, material.data(), material.size());
  }
  CLiveKit(const CLiveKit&) = delete;
  CLiveKit& operator=(const CLiveKit&) = delete;
  ~CLiveKit() { conclave_livekit_free(handle_); }
  std::size_t protect(BytesView frame, MutableBytesView out) {
    std::size_t written = 0;
    (void)conclave_livekit_protect(handle_, &info_, frame.data(), frame.size(), out.data(), out.size(), &written);
    return written;
  }
  std::size_t unprotect(BytesView frame, MutableBytesView out) {
    std::size_t written = 0;
    (void)conclave_livekit_unprotect(handle_, &info_, frame.data(), frame.size(), out.data(), out.size(), &written,
                                     nullptr);
    return written;
  }

 private:
  conclave_livekit* handle_ = nullptr;
  conclave_livekit_frame_info info_{CONCLAVE_LIVEKIT_AUDIO, 0, 1234, 90000};
};

template <class Member>
void livekit_protect(benchmark::State& state) {
  Member sender;
  const Bytes frame(frame_size(state), 0x5a);
  Bytes out(LiveKitCryptor::max_protected_size(frame.size()));
  for (auto _ : state) benchmark::DoNotOptimize(sender.protect(frame, out));
  report(state);
}

template <class Member>
void livekit_unprotect(benchmark::State& state) {
  Member sender;
  Member receiver;
  const Bytes frame(frame_size(state), 0x5a);
  Bytes sent(LiveKitCryptor::max_protected_size(frame.size()));
  sent.resize(sender.protect(frame, sent));
  Bytes out(sent.size());
  for (auto _ : state) benchmark::DoNotOptimize(receiver.unprotect(sent, out));
  report(state);
}

void frame_sizes(benchmark::internal::Benchmark* b) { b->Arg(100)->Arg(1200); }

BENCHMARK(sframe_protect<CppSFrame>)->Apply(frame_sizes);
BENCHMARK(sframe_protect<CSFrame>)->Apply(frame_sizes);
BENCHMARK(sframe_unprotect<CppSFrame>)->Apply(frame_sizes);
BENCHMARK(sframe_unprotect<CSFrame>)->Apply(frame_sizes);
BENCHMARK(livekit_protect<CppLiveKit>)->Apply(frame_sizes);
BENCHMARK(livekit_protect<CLiveKit>)->Apply(frame_sizes);
BENCHMARK(livekit_unprotect<CppLiveKit>)->Apply(frame_sizes);
BENCHMARK(livekit_unprotect<CLiveKit>)->Apply(frame_sizes);

}  // namespace
