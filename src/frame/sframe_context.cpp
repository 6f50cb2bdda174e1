#include "conclave/frame/sframe_context.hpp"

namespace conclave::frame {

bool SFrameContext::has_key(std::uint64_t kid) const noexcept {
  return senders_.count(kid) != 0 || receivers_.count(kid) != 0;
}

Result<SFrameKey> SFrameContext::new_key(std::uint64_t kid, BytesView base_key) const {
  if (has_key(kid)) return Errc::invalid_argument;
  return SFrameKey::derive(suite_, kid, base_key);
}

Status SFrameContext::add_encryption_key(std::uint64_t kid, BytesView base_key) {
  auto key = new_key(kid, base_key);
  if (key) senders_.emplace(kid, SFrameSender(std::move(*key)));
  return key ? Status{} : Status{key.error()};
}

Status SFrameContext::add_decryption_key(std::uint64_t kid, BytesView base_key) {
  auto key = new_key(kid, base_key);
  if (key) receivers_.emplace(kid, SFrameReceiver(std::move(*key)));
  return key ? Status{} : Status{key.error()};
}

void SFrameContext::remove_key(std::uint64_t kid) noexcept {
  senders_.erase(kid);
  receivers_.erase(kid);
}

Result<std::size_t> SFrameContext::protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                                           MutableBytesView out) {
  const auto sender = senders_.find(kid);
  if (sender == senders_.end()) return Errc::unknown_key;
  return sender->second.protect(kid, metadata, plaintext, out);
}

Result<SFrameUnprotected> SFrameContext::unprotect(BytesView metadata, BytesView frame,
                                                   MutableBytesView out) {
  const auto header = decode_sframe_header(frame);
  if (!header) return header.error();
  // Section 4.4.4: the KID selects the key. A frame with no key for its KID
  // may be buffered by the caller and retried once the key arrives.
  const auto receiver = receivers_.find(header->header.kid);
  if (receiver == receivers_.end()) return Errc::unknown_key;
  const auto size = receiver->second.unprotect(*header, frame, metadata, out);
  if (!size) return size.error();
  return SFrameUnprotected{header->header, *size};
}

}  // namespace conclave::frame
