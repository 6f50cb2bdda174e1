// RFC 9420 section 14 (deletion schedule) and section 12.4.2's note on late
// messages: the past epochs a member keeps, each able to open its late
// application messages once, and nothing else.

#include <algorithm>

#include "conclave/mls/app_data.hpp"
#include "group_state.hpp"

namespace conclave::mls {

namespace {

bool same_group(const GroupState& state, BytesView group_id) {
  return std::equal(group_id.begin(), group_id.end(), state.context.group_id.begin(),
                    state.context.group_id.end());
}

bool strictly_ordered(const std::vector<StoredLeafSigner>& signers) {
  return std::adjacent_find(signers.begin(), signers.end(),
                            [](const auto& a, const auto& b) { return a.leaf >= b.leaf; }) == signers.end();
}

}  // namespace

void GroupState::mark_removed() {
  removed = true;
  trim_past_epochs();
}

void GroupState::trim_past_epochs() {
  // Section 12.4.2's note: a removed member keeps its last epoch for late
  // messages; it is the newest of the config.past_epochs it may keep.
  const std::size_t kept = removed && config.past_epochs > 0 ? config.past_epochs - 1 : config.past_epochs;
  while (past_epochs.size() > kept) past_epochs.pop_front();
}

PastEpoch* GroupState::past_epoch(std::uint64_t number) {
  if (past_epochs.empty() || number < past_epochs.front().number()) return nullptr;
  const std::uint64_t index = number - past_epochs.front().number();
  return index < past_epochs.size() ? &past_epochs[static_cast<std::size_t>(index)] : nullptr;
}

// Each past epoch records the leaves the next Commit changed, with their
// keys before it: the first such record at or after `number` has the key
// of that epoch; a leaf no later Commit changed has its current key.
std::optional<Bytes> GroupState::signer_as_of(std::uint64_t number, LeafIndex leaf) const {
  for (const auto& past : past_epochs) {
    if (past.number() < number) continue;
    const auto& changed = past.signers_before_next;
    const auto found = std::lower_bound(changed.begin(), changed.end(), leaf,
                                        [](const auto& entry, LeafIndex l) { return entry.leaf < l; });
    if (found != changed.end() && found->leaf == leaf) return found->signature_key;
  }
  const BytesView key = tree.signature_key(leaf);
  if (key.empty()) return std::nullopt;
  return Bytes(key.begin(), key.end());
}

PastEpoch* late_message_epoch(GroupState& state, const MlsMessage& message) {
  const auto* late = message.body.get_if<PrivateMessage>();
  if (message.version != ProtocolVersion::mls10 || late == nullptr ||
      late->content_type != ContentType::application || !same_group(state, late->group_id)) {
    return nullptr;
  }
  return state.past_epoch(late->epoch);
}

Result<Received> process_late_message(GroupState& state, PastEpoch& past, const PrivateMessage& message) {
  const std::uint64_t number = past.number();
  const SignerLookup signers = [&state, number](const FramedContent& content) -> std::optional<Bytes> {
    const auto* member = content.sender.get_if<MemberSender>();
    if (member == nullptr) return std::nullopt;
    return state.signer_as_of(number, LeafIndex{member->leaf_index});
  };
  auto& protection = past.protection;
  auto opened = open_private(state.suite, protection.context, protection.sender_data_secret.view(),
                             protection.secret_tree, signers, message);
  if (!opened) return opened.error();
  // Section 12.4.2's note: only application messages of a past epoch; its
  // handshake messages are refused as any other epoch's.
  auto& content = opened->content.content;
  auto* data = content.content.get_if<ApplicationData>();
  if (data == nullptr) return Errc::wrong_epoch;
  // draft-ietf-mls-extensions: safe AAD as that epoch's GroupContext says.
  if (auto aad = check_authenticated_data(protection.context, content.authenticated_data); !aad) {
    return aad.error();
  }
  // Section 9.2: the key is deleted once it decrypted.
  auto used = protection.secret_tree.get(opened->sender, opened->ratchet, opened->generation);
  if (!used) return used.error();
  return Received{Received::Kind::application, content.sender, std::move(data->data),
                  content.authenticated_data, false, number};
}

Status check_not_expired(const GroupState& state, const PrivateMessage& message) {
  if (message.content_type != ContentType::application || !same_group(state, message.group_id)) return {};
  if (message.epoch >= state.first_epoch && message.epoch < state.context.epoch) return Errc::epoch_expired;
  return {};
}

StoredPastEpoch store_past_epoch(const PastEpoch& past, bool with_secret_tree) {
  const auto& protection = past.protection;
  StoredPastEpoch stored{protection.context, protection.sender_data_secret.clone(),
                         protection.secret_tree.leaf_count().value(),
                         with_secret_tree ? protection.secret_tree.store() : StoredSecretTree{}, {}};
  for (const auto& signer : past.signers_before_next) {
    stored.signers_before_next.push_back({signer.leaf.value, signer.signature_key});
  }
  return stored;
}

Result<PastEpoch> restore_past_epoch(const CipherSuite& suite, const SecretTreeOptions& options,
                                     StoredPastEpoch stored) {
  const auto leaves = LeafCount::of(stored.leaves);
  if (!leaves || !strictly_ordered(stored.signers_before_next)) return Errc::invalid_value;
  auto tree = SecretTree::restore(suite, *leaves, options, std::move(stored.secret_tree));
  if (!tree) return tree.error();
  PastEpoch past{{std::move(stored.context), std::move(stored.sender_data_secret), std::move(*tree)}, {}};
  for (auto& signer : stored.signers_before_next) {
    past.signers_before_next.push_back({LeafIndex{signer.leaf}, std::move(signer.signature_key)});
  }
  return past;
}

}  // namespace conclave::mls
