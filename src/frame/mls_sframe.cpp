#include "conclave/frame/mls_sframe.hpp"

#include <algorithm>
#include <cstddef>
#include <bit>
#include <unordered_map>

#include "conclave/frame/sframe_key.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::frame {

namespace {

constexpr unsigned max_epoch_bits = 32;
constexpr unsigned max_index_bits = 31;  // with E <= 32, S + E <= 63: every shift is defined
constexpr std::size_t max_leaves = std::size_t{1} << max_index_bits;

std::uint64_t low_bits(std::uint64_t value, unsigned bits) noexcept {
  return value & ((std::uint64_t{1} << bits) - 1);
}

// The fewest bits S with leaf_count <= 2^S.
unsigned bits_for(std::size_t leaf_count) noexcept {
  return leaf_count <= 1 ? 0 : static_cast<unsigned>(std::bit_width(leaf_count - 1));
}

struct Epoch {
  std::uint64_t number;
  unsigned index_bits;
  std::uint32_t own_leaf;
  std::vector<bool> members;
  crypto::Secret base_key;
  std::unordered_map<std::uint64_t, SFrameReceiver> receivers;  // by KID
  std::unordered_map<std::uint64_t, SFrameSender> senders;      // by context
};

struct KidParts {
  std::uint32_t sender;
  std::uint64_t context;
};

}  // namespace

// The sender of the last protect(), so that a run of frames in one epoch
// and context looks nothing up; cleared whenever the epochs change.
struct SendCache {
  SFrameSender* sender = nullptr;
  std::uint64_t epoch = 0;
  std::uint64_t context = 0;
  std::uint64_t kid = 0;
};

struct MlsSFrame::State {
  MlsSFrameOptions options;
  SFrameSuite suite;
  SendSchedule schedule;
  std::vector<Epoch> epochs;  // at most max_epochs, oldest first
  SendCache sending;

  Epoch* find(std::uint64_t number) noexcept;
  Epoch* find_by_low_bits(std::uint64_t low) noexcept;
  std::uint64_t kid(const Epoch& epoch, std::uint32_t sender, std::uint64_t context) const noexcept;
  KidParts split(const Epoch& epoch, std::uint64_t kid) const noexcept;
  bool context_fits(const Epoch& epoch, std::uint64_t context) const noexcept;
  void erase(std::vector<Epoch>::iterator at) noexcept;
  Result<SFrameReceiver> new_receiver(const Epoch& epoch, std::uint64_t kid) const;
  Result<std::size_t> unprotect(Epoch& epoch, const DecodedSFrameHeader& header, BytesView metadata,
                                BytesView frame, MutableBytesView out);
  Result<SFrameSender*> sender_for(Epoch& epoch, std::uint64_t context);
};

Epoch* MlsSFrame::State::find(std::uint64_t number) noexcept {
  const auto it = std::find_if(epochs.begin(), epochs.end(),
                               [&](const Epoch& e) { return e.number == number; });
  return it == epochs.end() ? nullptr : &*it;
}

Epoch* MlsSFrame::State::find_by_low_bits(std::uint64_t low) noexcept {
  const auto it = std::find_if(epochs.begin(), epochs.end(), [&](const Epoch& e) {
    return low_bits(e.number, options.epoch_bits) == low;
  });
  return it == epochs.end() ? nullptr : &*it;
}

std::uint64_t MlsSFrame::State::kid(const Epoch& epoch, std::uint32_t sender,
                                    std::uint64_t context) const noexcept {
  const unsigned e = options.epoch_bits;
  return context << (epoch.index_bits + e) | std::uint64_t{sender} << e | low_bits(epoch.number, e);
}

KidParts MlsSFrame::State::split(const Epoch& epoch, std::uint64_t kid) const noexcept {
  const unsigned e = options.epoch_bits;
  return {static_cast<std::uint32_t>(low_bits(kid >> e, epoch.index_bits)),
          kid >> (e + epoch.index_bits)};
}

// The context must fit the KID's remaining 64 - S - E bits, and the limit.
bool MlsSFrame::State::context_fits(const Epoch& epoch, std::uint64_t context) const noexcept {
  const unsigned used = options.epoch_bits + epoch.index_bits;
  return context < options.max_contexts && (used == 0 || context >> (64 - used) == 0);
}

// A sender whose epoch goes falls back to the newest one left.
void MlsSFrame::State::erase(std::vector<Epoch>::iterator at) noexcept {
  sending = {};
  schedule.withdraw(at->number);
  epochs.erase(at);
  if (!schedule.current() && !epochs.empty()) schedule.offer(epochs.back().number);
}

Result<SFrameReceiver> MlsSFrame::State::new_receiver(const Epoch& epoch, std::uint64_t kid) const {
  const KidParts parts = split(epoch, kid);
  // Section 4.4.1: this member's own KIDs are for encryption only.
  if (parts.sender >= epoch.members.size() || !epoch.members[parts.sender] ||
      parts.sender == epoch.own_leaf) {
    return Errc::invalid_sender;
  }
  if (parts.context >= options.max_contexts) return Errc::unknown_key;
  auto key = SFrameKey::derive(suite, kid, epoch.base_key.view());
  if (!key) return key.error();
  return SFrameReceiver(std::move(*key));
}

// A KID seen for the first time gets a key that is kept only once a frame
// under it authenticates, so forged headers cannot fill the key cache.
Result<std::size_t> MlsSFrame::State::unprotect(Epoch& epoch, const DecodedSFrameHeader& header,
                                                BytesView metadata, BytesView frame,
                                                MutableBytesView out) {
  const std::uint64_t kid = header.header.kid;
  if (const auto it = epoch.receivers.find(kid); it != epoch.receivers.end()) {
    return it->second.unprotect(header, frame, metadata, out);
  }
  auto receiver = new_receiver(epoch, kid);
  if (!receiver) return receiver.error();
  const auto size = receiver->unprotect(header, frame, metadata, out);
  if (size) epoch.receivers.emplace(kid, std::move(*receiver));
  return size;
}

Result<SFrameSender*> MlsSFrame::State::sender_for(Epoch& epoch, std::uint64_t context) {
  if (const auto it = epoch.senders.find(context); it != epoch.senders.end()) return &it->second;
  if (!context_fits(epoch, context)) return Errc::invalid_argument;
  auto key = SFrameKey::derive(suite, kid(epoch, epoch.own_leaf, context), epoch.base_key.view());
  if (!key) return key.error();
  return &epoch.senders.emplace(context, SFrameSender(std::move(*key))).first->second;
}

Result<MlsSFrameEpoch> MlsSFrameEpoch::of(const mls::Group& group, const SFrameSuite& suite) {
  auto base_key = group.export_secret(mls_sframe_exporter_label, {}, suite.nk);
  if (!base_key) return base_key.error();
  const mls::RatchetTree& tree = group.tree();
  std::vector<bool> members(tree.leaf_count().value());
  for (std::uint32_t leaf = 0; leaf < members.size(); ++leaf) {
    members[leaf] = tree.is_member(mls::LeafIndex{leaf});
  }
  return MlsSFrameEpoch{group.epoch(), std::move(*base_key), group.own_leaf().value,
                        std::move(members)};
}

Result<MlsSFrame> MlsSFrame::create(MlsSFrameOptions options) {
  const auto suite = SFrameSuite::find(options.suite);
  if (!suite) return suite.error();
  if (options.epoch_bits > max_epoch_bits || options.max_epochs == 0 || options.max_contexts == 0 ||
      (options.index_bits && *options.index_bits > max_index_bits) || options.clock == nullptr) {
    return Errc::invalid_argument;
  }
  SendSchedule schedule(options.encrypt_delay, options.clock);
  return MlsSFrame(std::make_unique<State>(State{options, *suite, schedule, {}, {}}));
}

MlsSFrame::MlsSFrame(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
MlsSFrame::MlsSFrame(MlsSFrame&&) noexcept = default;
MlsSFrame& MlsSFrame::operator=(MlsSFrame&&) noexcept = default;
MlsSFrame::~MlsSFrame() = default;

const SFrameSuite& MlsSFrame::suite() const noexcept { return state_->suite; }

Status MlsSFrame::add_epoch(MlsSFrameEpoch epoch) {
  State& s = *state_;
  const unsigned index_bits = s.options.index_bits.value_or(bits_for(epoch.members.size()));
  // Epochs come in order (MLS epochs only grow), so "old" in the section
  // 5.2 purge is always the held one.
  const bool in_order = s.epochs.empty() || epoch.epoch > s.epochs.back().number;
  // index_bits is at most max_index_bits: create() checks the option, and
  // max_leaves bounds what bits_for() returns.
  if (!in_order || epoch.base_key.size() != s.suite.nk || epoch.members.size() > max_leaves ||
      epoch.own_leaf >= epoch.members.size() || !epoch.members[epoch.own_leaf] ||
      bits_for(epoch.members.size()) > index_bits) {
    return Errc::invalid_argument;
  }
  const std::uint64_t low = low_bits(epoch.epoch, s.options.epoch_bits);
  if (Epoch* same_low_bits = s.find_by_low_bits(low)) {
    s.erase(s.epochs.begin() + (same_low_bits - s.epochs.data()));
  }
  if (s.epochs.size() == s.options.max_epochs) s.erase(s.epochs.begin());
  s.sending = {};
  s.epochs.push_back(Epoch{epoch.epoch, index_bits, epoch.own_leaf, std::move(epoch.members),
                           std::move(epoch.base_key), {}, {}});
  s.schedule.offer(epoch.epoch);
  return {};
}

Status MlsSFrame::add_epoch(const mls::Group& group) {
  auto epoch = MlsSFrameEpoch::of(group, state_->suite);
  if (!epoch) return epoch.error();
  return add_epoch(std::move(*epoch));
}

void MlsSFrame::remove_epoch(std::uint64_t epoch) noexcept {
  State& s = *state_;
  const auto it = std::find_if(s.epochs.begin(), s.epochs.end(),
                               [&](const Epoch& e) { return e.number == epoch; });
  if (it != s.epochs.end()) s.erase(it);
}

std::size_t MlsSFrame::key_count() const noexcept {
  std::size_t keys = 0;
  for (const Epoch& epoch : state_->epochs) keys += epoch.receivers.size() + epoch.senders.size();
  return keys;
}

Result<std::uint64_t> MlsSFrame::kid(std::uint64_t epoch, std::uint64_t context) const {
  const Epoch* held = state_->find(epoch);
  if (held == nullptr) return Errc::wrong_epoch;
  if (!state_->context_fits(*held, context)) return Errc::invalid_argument;
  return state_->kid(*held, held->own_leaf, context);
}

std::size_t MlsSFrame::max_protected_size(std::size_t plaintext_size) const noexcept {
  return max_sframe_header_size + plaintext_size + state_->suite.nt;
}

Result<std::size_t> MlsSFrame::protect(BytesView metadata, BytesView plaintext,
                                       MutableBytesView out, std::uint64_t context) {
  State& s = *state_;
  const auto current = s.schedule.current();
  if (!current) return Errc::wrong_epoch;
  if (s.sending.sender == nullptr || s.sending.epoch != *current || s.sending.context != context) {
    Epoch* epoch = s.find(*current);
    if (epoch == nullptr) return Errc::wrong_epoch;
    const auto sender = s.sender_for(*epoch, context);
    if (!sender) return sender.error();
    s.sending = {*sender, *current, context, s.kid(*epoch, epoch->own_leaf, context)};
  }
  return s.sending.sender->protect(s.sending.kid, metadata, plaintext, out);
}

Result<MlsSFrameUnprotected> MlsSFrame::unprotect(BytesView metadata, BytesView frame,
                                                  MutableBytesView out) {
  State& s = *state_;
  const auto header = decode_sframe_header(frame);
  if (!header) return header.error();
  const std::uint64_t kid = header->header.kid;
  Epoch* epoch = s.find_by_low_bits(low_bits(kid, s.options.epoch_bits));
  if (epoch == nullptr) return Errc::wrong_epoch;
  const auto size = s.unprotect(*epoch, *header, metadata, frame, out);
  if (!size) return size.error();
  const KidParts parts = s.split(*epoch, kid);
  return MlsSFrameUnprotected{epoch->number, parts.sender, parts.context, header->header.ctr, *size};
}

}  // namespace conclave::frame
