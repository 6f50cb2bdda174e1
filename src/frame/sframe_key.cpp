#include "conclave/frame/sframe_key.hpp"

#include <limits>

namespace conclave::frame {

Result<SFrameKey> SFrameKey::derive(const SFrameSuite& suite, std::uint64_t kid, BytesView base_key) {
  SFrameKeySalt derived = derive_key_salt(suite, kid, base_key);
  auto aead = FrameAead::for_suite(suite, derived.key.view());
  if (!aead) return aead.error();
  return SFrameKey(suite, std::move(*aead), std::move(derived.salt));
}

Result<std::size_t> SFrameKey::seal(SFrameHeader header, BytesView metadata, BytesView plaintext,
                                    MutableBytesView out) {
  const auto header_size = encode_sframe_header(header, out);
  if (!header_size) return header_size.error();
  const SFrameNonce nonce = sframe_nonce(salt_.view(), header.ctr);
  const BytesView encoded_header = BytesView(out).first(*header_size);
  const auto sealed = aead_.seal(nonce, {encoded_header, metadata}, plaintext, out.subspan(*header_size));
  if (!sealed) return sealed.error();
  return *header_size + plaintext.size() + aead_.tag_size();
}

Result<std::size_t> SFrameKey::open(const DecodedSFrameHeader& header, BytesView frame,
                                    BytesView metadata, MutableBytesView out) {
  const SFrameNonce nonce = sframe_nonce(salt_.view(), header.header.ctr);
  const BytesView ciphertext = frame.subspan(header.size);
  const auto opened = aead_.open(nonce, {frame.first(header.size), metadata}, ciphertext, out);
  if (!opened) return opened.error();
  return ciphertext.size() - aead_.tag_size();
}

Result<std::size_t> SFrameSender::protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                                          MutableBytesView out) {
  if (exhausted_) return Errc::message_limit;
  if (out.size() < sframe_protected_size(key_.suite(), {kid, next_ctr_}, plaintext.size())) {
    return Errc::buffer_too_small;  // checked first: it leaves the counter unused
  }
  const std::uint64_t ctr = next_ctr_;
  if (ctr == std::numeric_limits<std::uint64_t>::max()) {
    exhausted_ = true;
  } else {
    ++next_ctr_;
  }
  return key_.seal({kid, ctr}, metadata, plaintext, out);
}

Result<std::size_t> SFrameReceiver::unprotect(const DecodedSFrameHeader& header, BytesView frame,
                                              BytesView metadata, MutableBytesView out) {
  if (const auto fresh = window_.check(header.header.ctr); !fresh) return fresh.error();
  const auto size = key_.open(header, frame, metadata, out);
  if (size) window_.accept(header.header.ctr);
  return size;
}

}  // namespace conclave::frame
