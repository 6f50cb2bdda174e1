// draft-ietf-mls-partial: the partial client's state and accessors.

#include "conclave/mls/partial_group.hpp"

#include "conclave/mls/key_schedule.hpp"
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

}  // namespace conclave::mls
