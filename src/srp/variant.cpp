#include "conclave/srp/variant.hpp"

#include "group_state.hpp"

namespace conclave::srp {

Variant::Variant(Group group, ByteOrder order, BytesView multiplier)
    : group_(std::move(group)), order_(order) {
  const GroupState& state = group_.state();
  const BnCtx ctx = new_bn_context();
  Bignum k = to_bignum(multiplier, order);
  require(BN_nnmod(k.get(), k.get(), state.modulus(), ctx.get()));
  multiplier_ = to_bytes(k.get(), state.size(), order);
}

}  // namespace conclave::srp
