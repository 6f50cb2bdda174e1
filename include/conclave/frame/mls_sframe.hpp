#pragma once

// RFC 9605 section 5.2: SFrame keyed from MLS. Each epoch's base_key is
// MLS-Exporter("SFrame 1.0 Base Key", "", AEAD.Nk); a frame's KID is
//   context << (S + E) | sender_index << E | epoch mod 2^E
// where E (epoch_bits) is configured and S (index_bits) is configured or
// taken from the epoch's tree (the fewest bits that hold every leaf index).
// Keys are derived once per (epoch, KID) and kept; a receiver keeps a few
// epochs and purges an old one when a new epoch has the same low E bits.
// Not thread-safe: one MlsSFrame per thread, or a lock around it.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "conclave/frame/send_schedule.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::mls {
class Group;
}

namespace conclave::frame {

inline constexpr std::string_view mls_sframe_exporter_label = "SFrame 1.0 Base Key";

struct MlsSFrameOptions {
  SFrameSuiteId suite = SFrameSuiteId::aes_128_gcm_sha256_128;
  unsigned epoch_bits = 4;                // E, 0 to 32
  std::optional<unsigned> index_bits;     // S, 0 to 31; unset: from each epoch's leaf count
  std::size_t max_epochs = 3;             // epochs a receiver keeps, at least 1
  std::uint64_t max_contexts = 16;        // contexts accepted per sender, at least 1
  std::chrono::milliseconds encrypt_delay{0};  // before a sender moves to a new epoch
  ClockSource clock = steady_now;
};

// What the SFrame keying needs of one MLS epoch.
struct MlsSFrameEpoch {
  std::uint64_t epoch = 0;
  crypto::Secret base_key;      // the exporter output, AEAD.Nk bytes
  std::uint32_t own_leaf = 0;
  std::vector<bool> members;    // by leaf index, the whole tree: true where a member sits

  // From the group's current epoch.
  static Result<MlsSFrameEpoch> of(const mls::Group& group, const SFrameSuite& suite);
};

struct MlsSFrameUnprotected {
  std::uint64_t epoch = 0;
  std::uint32_t sender = 0;   // leaf index
  std::uint64_t context = 0;
  std::uint64_t ctr = 0;
  std::size_t size = 0;       // plaintext bytes written
};

class MlsSFrame {
 public:
  // invalid_argument for widths outside their ranges.
  static Result<MlsSFrame> create(MlsSFrameOptions options);

  MlsSFrame(MlsSFrame&&) noexcept;
  MlsSFrame& operator=(MlsSFrame&&) noexcept;
  ~MlsSFrame();

  const SFrameSuite& suite() const noexcept;

  // Makes an epoch's keys available: for decryption at once, for this
  // member's encryption after the configured delay. Epochs are added in
  // increasing order. Section 5.2 MUST: a held epoch with the same low E
  // bits is removed. Errors: invalid_argument (an epoch not newer than
  // every held one, a base key of the wrong size, an own leaf that is not
  // a member, a tree wider than S bits or than 2^31 leaves).
  Status add_epoch(MlsSFrameEpoch epoch);
  Status add_epoch(const mls::Group& group);
  void remove_epoch(std::uint64_t epoch) noexcept;

  // The SFrame keys held over all epochs (this member's, and each sender's
  // once one of its frames has authenticated).
  std::size_t key_count() const noexcept;

  // The frame's KID for this member in an epoch it holds.
  Result<std::uint64_t> kid(std::uint64_t epoch, std::uint64_t context = 0) const;

  std::size_t max_protected_size(std::size_t plaintext_size) const noexcept;

  // Encrypts under the current sending epoch into `out` (not overlapping
  // the plaintext). Errors: wrong_epoch (no
  // epoch yet), invalid_argument (a context beyond max_contexts),
  // buffer_too_small, message_limit.
  Result<std::size_t> protect(BytesView metadata, BytesView plaintext, MutableBytesView out,
                              std::uint64_t context = 0);
  // Writes the plaintext to `out` (not overlapping `frame`). Errors:
  // truncated, non_minimal_header, wrong_epoch (an epoch not held
  // or purged), invalid_sender (a leaf without a member, or this member's
  // own KID), unknown_key (a context beyond max_contexts),
  // replayed_counter, aead_failure, buffer_too_small.
  Result<MlsSFrameUnprotected> unprotect(BytesView metadata, BytesView frame, MutableBytesView out);

 private:
  struct State;
  explicit MlsSFrame(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::frame
