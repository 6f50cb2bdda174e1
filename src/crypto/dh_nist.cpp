#include "dh_group.hpp"
#include "nist_curve.hpp"

namespace conclave::crypto {

namespace {

// DH over a NIST curve: the shared secret is the X coordinate (RFC 9180
// section 7.1.1), and the identity result is rejected (section 7.1.4).
class NistDhGroup final : public DhGroup {
 public:
  explicit NistDhGroup(const NistCurve& curve) : curve_(curve) {}

  std::size_t private_key_size() const noexcept override { return curve_.scalar_size(); }
  std::size_t public_key_size() const noexcept override { return curve_.point_size(); }
  bool samples_candidates() const noexcept override { return true; }
  std::uint8_t candidate_mask() const noexcept override { return curve_.scalar_mask(); }
  bool is_valid_private_key(BytesView private_key) const override {
    return curve_.is_valid_scalar(private_key);
  }
  // Private keys may arrive with leading zero bytes dropped (as a P-521
  // scalar in 65 bytes); they are widened first.
  Result<Bytes> public_key(const Secret& private_key) const override {
    auto scalar = curve_.widen_scalar(private_key);
    if (!scalar) return scalar.error();
    return curve_.public_key(*scalar);
  }
  Status validate_public_key(BytesView public_key) const override {
    auto point = curve_.decode_point(public_key);
    return point ? Status() : Status(point.error());
  }
  Result<Secret> dh(const Secret& private_key, BytesView public_key) const override {
    auto scalar = curve_.widen_scalar(private_key);
    if (!scalar) return scalar.error();
    return curve_.shared_x(*scalar, public_key);
  }

 private:
  const NistCurve& curve_;
};

}  // namespace

const DhGroup& p256_group() {
  static const NistDhGroup group(NistCurve::p256());
  return group;
}

const DhGroup& p384_group() {
  static const NistDhGroup group(NistCurve::p384());
  return group;
}

const DhGroup& p521_group() {
  static const NistDhGroup group(NistCurve::p521());
  return group;
}

}  // namespace conclave::crypto
