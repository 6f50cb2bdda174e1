#pragma once

// RFC 9605 appendix A's SFrame context: keys by KID, each marked for
// encryption or for decryption (section 4.4.1), for applications that
// provision base keys themselves (the sender-key scheme of section 5.1).
// For keys from MLS, see mls_sframe.hpp. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <unordered_map>

#include "conclave/bytes.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/sframe_key.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::frame {

struct SFrameUnprotected {
  SFrameHeader header;
  std::size_t size = 0;  // plaintext bytes written
};

class SFrameContext {
 public:
  explicit SFrameContext(const SFrameSuite& suite) noexcept : suite_(suite) {}

  // Section 4.4.1: a KID is for encryption or for decryption, never both
  // (invalid_argument when it is already present in either role).
  Status add_encryption_key(std::uint64_t kid, BytesView base_key);
  Status add_decryption_key(std::uint64_t kid, BytesView base_key);
  void remove_key(std::uint64_t kid) noexcept;

  // The largest frame protect() writes for a plaintext.
  std::size_t max_protected_size(std::size_t plaintext_size) const noexcept {
    return max_sframe_header_size + plaintext_size + suite_.nt;
  }

  // Writes the frame to `out` (not overlapping the plaintext) and returns
  // its size. Errors: unknown_key,
  // buffer_too_small, message_limit.
  Result<std::size_t> protect(std::uint64_t kid, BytesView metadata, BytesView plaintext,
                              MutableBytesView out);
  // Writes the plaintext to `out` (not overlapping `frame`). Errors:
  // truncated, non_minimal_header, unknown_key, replayed_counter,
  // aead_failure, buffer_too_small.
  Result<SFrameUnprotected> unprotect(BytesView metadata, BytesView frame, MutableBytesView out);

 private:
  bool has_key(std::uint64_t kid) const noexcept;
  Result<SFrameKey> new_key(std::uint64_t kid, BytesView base_key) const;

  SFrameSuite suite_;
  std::unordered_map<std::uint64_t, SFrameSender> senders_;
  std::unordered_map<std::uint64_t, SFrameReceiver> receivers_;
};

}  // namespace conclave::frame
