// Media frame protection at 100 B (audio), 1,200 B (a video packet) and
// 50 KB (a video frame): SFrame over MLS with an AES-GCM suite (4) and an
// AES-CTR-HMAC suite (1), the LiveKit format (Opus and H.264), and in the
// same run the raw EVP operations they are measured against, each on a
// context set up once: AES-128-GCM, and AES-128-CTR plus HMAC-SHA256 over
// the bytes RFC 9605 section 4.5.1 authenticates (three 8-byte lengths, the
// nonce, the header and the ciphertext).

#include <benchmark/benchmark.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <vector>

#include "conclave/frame/livekit.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "crypto/openssl.hpp"

namespace {

using namespace conclave;
using namespace conclave::frame;

const std::array<std::uint8_t, 32> key{1, 2, 3, 4, 5, 6, 7, 8};
const std::array<std::uint8_t, 16> iv{9, 9, 9};
const Bytes header{0x12, 0x34};

std::size_t frame_size(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

void report(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

crypto::ossl::CipherCtx keyed(const char* name) {
  crypto::ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, name, nullptr);
  EVP_EncryptInit_ex2(ctx.get(), cipher, key.data(), nullptr, nullptr);
  EVP_CIPHER_free(cipher);
  return ctx;
}

void raw_evp_aes_128_gcm(benchmark::State& state) {
  const auto ctx = keyed("AES-128-GCM");
  const Bytes plaintext(frame_size(state), 0x5a);
  Bytes out(plaintext.size() + 16);
  int size = 0;
  for (auto _ : state) {
    EVP_EncryptInit_ex2(ctx.get(), nullptr, nullptr, iv.data(), nullptr);
    EVP_EncryptUpdate(ctx.get(), nullptr, &size, header.data(), static_cast<int>(header.size()));
    EVP_EncryptUpdate(ctx.get(), out.data(), &size, plaintext.data(), static_cast<int>(plaintext.size()));
    EVP_EncryptFinal_ex(ctx.get(), out.data() + size, &size);
    EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, 16, out.data() + plaintext.size());
    benchmark::DoNotOptimize(out.data());
  }
  report(state);
}

void raw_evp_aes_128_ctr_hmac_sha256(benchmark::State& state) {
  const auto ctx = keyed("AES-128-CTR");
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  crypto::ossl::MacCtx mac(EVP_MAC_CTX_new(hmac));
  EVP_MAC_free(hmac);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                               OSSL_PARAM_construct_end()};
  EVP_MAC_init(mac.get(), key.data(), 32, params);
  const Bytes plaintext(frame_size(state), 0x5a);
  Bytes out(plaintext.size() + 32);
  const Bytes tag_prefix = concat({Bytes(24), BytesView(iv).first(12), header});  // lengths, nonce, AAD
  int size = 0;
  std::size_t tag_size = 0;
  for (auto _ : state) {
    EVP_EncryptInit_ex2(ctx.get(), nullptr, nullptr, iv.data(), nullptr);
    EVP_EncryptUpdate(ctx.get(), out.data(), &size, plaintext.data(), static_cast<int>(plaintext.size()));
    EVP_MAC_init(mac.get(), nullptr, 0, nullptr);
    EVP_MAC_update(mac.get(), tag_prefix.data(), tag_prefix.size());
    EVP_MAC_update(mac.get(), out.data(), plaintext.size());
    EVP_MAC_final(mac.get(), out.data() + plaintext.size(), &tag_size, 32);
    benchmark::DoNotOptimize(out.data());
  }
  report(state);
}

MlsSFrame sframe_member(SFrameSuiteId suite, std::uint32_t leaf) {
  auto keying = std::move(*MlsSFrame::create({.suite = suite}));
  const auto nk = SFrameSuite::find(suite)->nk;
  (void)keying.add_epoch({5, crypto::Secret(Bytes(nk, 0x11)), leaf, std::vector<bool>(1000, true)});
  return keying;
}

void sframe_protect(benchmark::State& state, SFrameSuiteId suite) {
  auto sender = sframe_member(suite, 7);
  const Bytes plaintext(frame_size(state), 0x5a);
  Bytes out(sender.max_protected_size(plaintext.size()));
  for (auto _ : state) benchmark::DoNotOptimize(sender.protect({}, plaintext, out));
  report(state);
}

// Each frame decrypts once (the replay window), so the receiver cycles
// through a batch of distinct frames, replaced by a fresh receiver (one
// key derivation) after each pass; batches stay within a few MB.
void sframe_unprotect(benchmark::State& state, SFrameSuiteId suite) {
  auto sender = sframe_member(suite, 7);
  const Bytes plaintext(frame_size(state), 0x5a);
  const std::size_t batch = std::clamp<std::size_t>((2u << 20) / plaintext.size(), 64, 1024);
  std::vector<Bytes> frames(batch, Bytes(sender.max_protected_size(plaintext.size())));
  for (auto& frame : frames) frame.resize(*sender.protect({}, plaintext, frame));
  Bytes out(plaintext.size() + 64);
  auto receiver = sframe_member(suite, 8);
  std::size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(receiver.unprotect({}, frames[next], out));
    if (++next == batch) {
      next = 0;
      receiver = sframe_member(suite, 8);
    }
  }
  report(state);
}

const Bytes h264_prefix = *from_hex("0000000167420029" "0000000168ce3c80" "0000000165888400");

LiveKitCryptor livekit_member() {
  LiveKitCryptor cryptor({}, crypto::system_random());
  (void)cryptor.set_key(5, Bytes(livekit_key_material_size, 0x22));
  return cryptor;
}

Bytes livekit_frame(LiveKitCodec codec, std::size_t size) {
  Bytes frame(size, 0x5a);
  if (codec == LiveKitCodec::h264) std::copy(h264_prefix.begin(), h264_prefix.end(), frame.begin());
  return frame;
}

void livekit_protect(benchmark::State& state, LiveKitCodec codec) {
  auto sender = livekit_member();
  const LiveKitFrameInfo info{codec, true, 1234, 90000};
  const Bytes frame = livekit_frame(codec, frame_size(state));
  Bytes out(LiveKitCryptor::max_protected_size(frame.size()));
  for (auto _ : state) benchmark::DoNotOptimize(sender.protect(info, frame, out));
  report(state);
}

void livekit_unprotect(benchmark::State& state, LiveKitCodec codec) {
  auto sender = livekit_member();
  auto receiver = livekit_member();
  const LiveKitFrameInfo info{codec, true, 1234, 90000};
  const Bytes frame = livekit_frame(codec, frame_size(state));
  Bytes sent(LiveKitCryptor::max_protected_size(frame.size()));
  sent.resize(*sender.protect(info, frame, sent));
  Bytes out(sent.size());
  for (auto _ : state) benchmark::DoNotOptimize(receiver.unprotect(info, sent, out));
  report(state);
}

void frame_sizes(benchmark::internal::Benchmark* b) { b->Arg(100)->Arg(1200)->Arg(50'000); }

BENCHMARK(raw_evp_aes_128_gcm)->Apply(frame_sizes);
BENCHMARK_CAPTURE(sframe_protect, aes_128_gcm, SFrameSuiteId::aes_128_gcm_sha256_128)->Apply(frame_sizes);
BENCHMARK_CAPTURE(sframe_unprotect, aes_128_gcm, SFrameSuiteId::aes_128_gcm_sha256_128)->Apply(frame_sizes);
BENCHMARK_CAPTURE(sframe_protect, aes_256_gcm, SFrameSuiteId::aes_256_gcm_sha512_128)->Apply(frame_sizes);
BENCHMARK(raw_evp_aes_128_ctr_hmac_sha256)->Apply(frame_sizes);
BENCHMARK_CAPTURE(sframe_protect, aes_128_ctr_hmac, SFrameSuiteId::aes_128_ctr_hmac_sha256_80)->Apply(frame_sizes);
BENCHMARK_CAPTURE(sframe_unprotect, aes_128_ctr_hmac, SFrameSuiteId::aes_128_ctr_hmac_sha256_80)->Apply(frame_sizes);
BENCHMARK_CAPTURE(livekit_protect, opus, LiveKitCodec::audio)->Apply(frame_sizes);
BENCHMARK_CAPTURE(livekit_unprotect, opus, LiveKitCodec::audio)->Apply(frame_sizes);
BENCHMARK_CAPTURE(livekit_protect, h264, LiveKitCodec::h264)->Apply(frame_sizes);
BENCHMARK_CAPTURE(livekit_unprotect, h264, LiveKitCodec::h264)->Apply(frame_sizes);

}  // namespace
