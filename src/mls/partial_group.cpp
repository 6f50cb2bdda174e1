// draft-ietf-mls-partial: the partial client's state and accessors.

#include "conclave/mls/partial_group.hpp"

#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "partial_state.hpp"

namespace conclave::mls {

PartialGroup::PartialGroup(std::unique_ptr<PartialState> state) noexcept : state_(std::move(state)) {}
PartialGroup::PartialGroup(PartialGroup&&) noexcept = default;
PartialGroup& PartialGroup::operator=(PartialGroup&&) noexcept = default;
PartialGroup::~PartialGroup() = default;

const CipherSuite& PartialGroup::suite() const noexcept { return state_->suite; }
const GroupContext& PartialGroup::context() const noexcept { return state_->context; }
std::uint64_t PartialGroup::epoch() const noexcept { return state_->context.epoch; }
LeafIndex PartialGroup::own_leaf() const noexcept { return state_->own_leaf; }
LeafCount PartialGroup::leaf_count() const noexcept { return state_->leaves; }
const MembershipProof& PartialGroup::own_membership_proof() const noexcept { return state_->own_proof; }

BytesView PartialGroup::epoch_authenticator() const noexcept {
  return state_->epoch.epoch_authenticator.view();
}

Result<crypto::Secret> PartialGroup::export_secret(std::string_view label, BytesView context,
                                                   std::size_t length) const {
  return mls_exporter(state_->suite, state_->epoch.exporter_secret.view(), label, context, length);
}

void PartialState::enter_epoch(GroupContext next, EpochSecrets secrets, Bytes tag, LeafCount leaf_count) {
  if (!epoch.resumption_psk.empty()) {
    resumption_psks.emplace_back(context.epoch, std::move(epoch.resumption_psk));
    while (resumption_psks.size() > config.resumption_psk_epochs) resumption_psks.pop_front();
  }
  auto protection = std::make_unique<MessageProtection>(
      suite, next,
      ProtectionSecrets{std::move(secrets.membership_key), std::move(secrets.sender_data_secret),
                        std::move(secrets.encryption_secret)},
      leaf_count, [this](const FramedContent& content) { return signer_of(content); }, config.secret_tree);
  epoch = EpochState{std::move(secrets.init_secret),      std::move(secrets.exporter_secret),
                     std::move(secrets.external_secret),  std::move(secrets.resumption_psk),
                     std::move(secrets.epoch_authenticator), std::move(protection),
                     ExporterTree(std::move(secrets.application_export_secret))};
  interim_transcript_hash = mls::interim_transcript_hash(suite, next.confirmed_transcript_hash, tag);
  context = std::move(next);
  confirmation_tag = std::move(tag);
  leaves = leaf_count;
  proposals.clear();
}

std::optional<Bytes> PartialState::signer_of(const FramedContent& content) const {
  if (const auto* member = content.sender.get_if<MemberSender>()) {
    if (!proven_sender || proven_sender->leaf.value != member->leaf_index) return std::nullopt;
    return proven_sender->signature_key;
  }
  return non_member_signer(context, content);
}

std::optional<crypto::Secret> PartialState::psk(const PreSharedKeyId& id) const {
  return group_psk(context, epoch.resumption_psk, resumption_psks, config, id);
}

}  // namespace conclave::mls
