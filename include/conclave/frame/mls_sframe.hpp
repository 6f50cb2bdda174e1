#pragma once

/// @file
/// RFC 9605 section 5.2: SFrame keyed from MLS. Each epoch's base_key is
/// MLS-Exporter("SFrame 1.0 Base Key", "", AEAD.Nk); a frame's KID is
///
///     context << (S + E) | sender_index << E | epoch mod 2^E
///
/// where E (epoch_bits) is configured and S (index_bits) is configured or
/// taken from the epoch's tree (the fewest bits that hold every leaf index).
/// Keys are derived once per (epoch, KID) and kept; a receiver keeps a few
/// epochs and purges an old one when a new epoch has the same low E bits.
/// Not thread-safe: one MlsSFrame per thread, or a lock around it.

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

/// The MLS exporter label of each epoch's SFrame base_key (RFC 9605 section 5.2).
inline constexpr std::string_view mls_sframe_exporter_label = "SFrame 1.0 Base Key";

/// How an MlsSFrame keys and keeps epochs.
struct MlsSFrameOptions {
  SFrameSuiteId suite = SFrameSuiteId::aes_128_gcm_sha256_128;  ///< The SFrame cipher suite.
  unsigned epoch_bits = 4;                ///< E, 0 to 32: the KID bits that carry the epoch.
  std::optional<unsigned> index_bits;     ///< S, 0 to 31; unset: from each epoch's leaf count.
  std::size_t max_epochs = 3;             ///< Epochs a receiver keeps, at least 1.
  std::uint64_t max_contexts = 16;        ///< Contexts accepted per sender, at least 1.
  std::chrono::milliseconds encrypt_delay{0};  ///< How long after add_epoch() before a sender moves to the new epoch.
  ClockSource clock = steady_now;         ///< The time source for the delay; must not be null.
};

/// What the SFrame keying needs of one MLS epoch.
struct MlsSFrameEpoch {
  std::uint64_t epoch = 0;      ///< The MLS epoch number.
  crypto::Secret base_key;      ///< The exporter output, AEAD.Nk bytes.
  std::uint32_t own_leaf = 0;   ///< This member's leaf index.
  std::vector<bool> members;    ///< By leaf index, the whole tree: true where a member sits.

  /// From the group's current epoch: its number, its exported base_key
  /// (label mls_sframe_exporter_label, `suite.nk` bytes), this member's leaf
  /// and the tree's occupied leaves.
  /// @errors The errors of mls::Group::export_secret() (none for the
  /// registered suites' key sizes).
  static Result<MlsSFrameEpoch> of(const mls::Group& group, const SFrameSuite& suite);
};

/// What MlsSFrame::unprotect() found in a frame.
struct MlsSFrameUnprotected {
  std::uint64_t epoch = 0;    ///< The full MLS epoch number of the key that opened the frame.
  std::uint32_t sender = 0;   ///< The sender's leaf index.
  std::uint64_t context = 0;  ///< The sender's context, from the KID's high bits.
  std::uint64_t ctr = 0;      ///< The frame's counter (CTR).
  std::size_t size = 0;       ///< Plaintext bytes written.
};

/// SFrame over MLS (RFC 9605 section 5.2) for one member: its senders'
/// keys for a few recent epochs, its own sending keys, and a replay window
/// per received key.
///
/// Move-only. Not thread-safe: one MlsSFrame per thread, or a lock around it.
class MlsSFrame {
 public:
  /// An instance with no epochs yet.
  /// @errors `Errc::unsupported_algorithm` for a suite ID that is not
  /// registered; `Errc::invalid_argument` for widths outside their ranges
  /// (E above 32, S above 31), a zero `max_epochs` or `max_contexts`, or a
  /// null clock.
  static Result<MlsSFrame> create(MlsSFrameOptions options);

  /// Takes over the other instance's epochs and keys; the moved-from object
  /// may only be assigned to or destroyed.
  MlsSFrame(MlsSFrame&&) noexcept;
  /// Takes over the other instance's epochs and keys, dropping this one's.
  MlsSFrame& operator=(MlsSFrame&&) noexcept;
  /// Frees every epoch's keys.
  ~MlsSFrame();

  /// The SFrame cipher suite of the options.
  const SFrameSuite& suite() const noexcept;

  /// Makes an epoch's keys available: for decryption at once, for this
  /// member's encryption after the configured delay. Epochs are added in
  /// increasing order. Section 5.2 MUST: a held epoch with the same low E
  /// bits is removed. When max_epochs are held, the oldest is removed too.
  /// @errors `Errc::invalid_argument` for an epoch not newer than every held
  /// one, a base key of the wrong size, an own leaf that is not a member, or
  /// a tree wider than S bits or than 2^31 leaves.
  Status add_epoch(MlsSFrameEpoch epoch);
  /// Adds the group's current epoch: MlsSFrameEpoch::of(), then the other
  /// add_epoch() overload.
  /// @errors Those of MlsSFrameEpoch::of() and of the other overload.
  Status add_epoch(const mls::Group& group);
  /// Drops an epoch and its keys, if held. When it was the sending epoch,
  /// the sender moves to the pending epoch, or else to the newest one left.
  void remove_epoch(std::uint64_t epoch) noexcept;

  /// The SFrame keys held over all epochs (this member's, and each sender's
  /// once one of its frames has authenticated).
  std::size_t key_count() const noexcept;

  /// The frame's KID for this member in an epoch it holds.
  /// @param epoch The MLS epoch number.
  /// @param context The sender context (the KID's high bits).
  /// @errors `Errc::wrong_epoch` for an epoch not held;
  /// `Errc::invalid_argument` for a context of max_contexts or more, or one
  /// that does not fit the 64 - S - E bits left in the KID.
  Result<std::uint64_t> kid(std::uint64_t epoch, std::uint64_t context = 0) const;

  /// The largest frame protect() writes for a plaintext of `plaintext_size`
  /// bytes.
  std::size_t max_protected_size(std::size_t plaintext_size) const noexcept;

  /// Encrypts under the current sending epoch into `out` (not overlapping
  /// the plaintext); returns the frame's size. RFC 9605 section 4.4.3.
  /// @param metadata The application's metadata, authenticated but not sent.
  /// @param plaintext The frame's bytes to encrypt.
  /// @param out Receives the SFrame; max_protected_size() bytes suffice.
  /// @param context The sender context; each has its own key and counter.
  /// @errors `Errc::wrong_epoch` when there is no epoch yet;
  /// `Errc::invalid_argument` for a context of max_contexts or more, or one
  /// too wide for the KID; `Errc::buffer_too_small` when `out` is too short
  /// (the counter is then not used); `Errc::message_limit` once this key's
  /// counters are exhausted; `Errc::invalid_length` for a plaintext or
  /// metadata of INT_MAX bytes or more; `Errc::internal` if the crypto
  /// provider fails.
  Result<std::size_t> protect(BytesView metadata, BytesView plaintext, MutableBytesView out,
                              std::uint64_t context = 0);
  /// Decrypts a frame under the key its KID names (RFC 9605 section 4.4.4):
  /// writes the plaintext to `out` (not overlapping `frame`). A sender's key
  /// is derived on its first frame and kept only once that frame
  /// authenticates.
  /// @param metadata The application's metadata the sender authenticated.
  /// @param frame The SFrame as received.
  /// @param out Receives the plaintext.
  /// @errors `Errc::truncated` or `Errc::non_minimal_header` for a header
  /// that does not decode; `Errc::wrong_epoch` for an epoch not held or
  /// purged; `Errc::invalid_sender` for a leaf outside the tree or without
  /// a member, or this member's own KID; `Errc::unknown_key` for a context of max_contexts or
  /// more; `Errc::replayed_counter` for a counter already accepted or below
  /// the replay window; `Errc::aead_failure` when the frame is shorter than
  /// its header and tag or the tag does not verify; `Errc::buffer_too_small`
  /// when `out` is shorter than the plaintext; `Errc::invalid_length` for a
  /// frame or metadata of INT_MAX bytes or more; `Errc::internal` if the
  /// crypto provider fails.
  Result<MlsSFrameUnprotected> unprotect(BytesView metadata, BytesView frame, MutableBytesView out);

 private:
  struct State;
  explicit MlsSFrame(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

}  // namespace conclave::frame
