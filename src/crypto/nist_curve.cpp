#include "nist_curve.hpp"

#include <openssl/core_names.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <stdexcept>

namespace conclave::crypto {

namespace {

using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<OSSL_PARAM_BLD_free>>;
// The parameters of a key pair hold a copy of the private scalar: each
// value is cleared before the block is freed (OpenSSL 3.0 has no
// OSSL_PARAM_clear_free).
void clear_free_params(OSSL_PARAM* params) {
  for (OSSL_PARAM* p = params; p != nullptr && p->key != nullptr; ++p) OPENSSL_cleanse(p->data, p->data_size);
  OSSL_PARAM_free(params);
}

using Params = std::unique_ptr<OSSL_PARAM, ossl::Deleter<clear_free_params>>;

}  // namespace

NistCurve::NistCurve(int nid, const char* name, std::size_t scalar_size)
    : nid_(nid), name_(name), scalar_size_(scalar_size), group_(EC_GROUP_new_by_curve_name(nid)) {
  if (group_ == nullptr) throw std::runtime_error("OpenSSL lacks a NIST curve");
}

const NistCurve& NistCurve::p256() {
  static const NistCurve curve(NID_X9_62_prime256v1, "P-256", 32);
  return curve;
}

const NistCurve& NistCurve::p384() {
  static const NistCurve curve(NID_secp384r1, "P-384", 48);
  return curve;
}

const NistCurve& NistCurve::p521() {
  static const NistCurve curve(NID_secp521r1, "P-521", 66);
  return curve;
}

bool NistCurve::is_valid_scalar(BytesView scalar) const {
  if (scalar.size() != scalar_size_) return false;
  const ossl::Bignum value = ossl::secret_bignum(scalar);
  return !BN_is_zero(value.get()) && BN_cmp(value.get(), EC_GROUP_get0_order(group_)) < 0;
}

Result<Secret> NistCurve::widen_scalar(const Secret& scalar) const {
  if (scalar.size() > scalar_size_) return Errc::invalid_private_key;
  Secret wide(scalar_size_);
  std::copy(scalar.view().begin(), scalar.view().end(),
            wide.mutable_view().begin() + static_cast<std::ptrdiff_t>(scalar_size_ - scalar.size()));
  return wide;
}

Result<Bytes> NistCurve::encode_point(const EC_POINT* point) const {
  Bytes out(point_size());
  if (!backend_ok(EC_POINT_point2oct(group_, point, POINT_CONVERSION_UNCOMPRESSED, out.data(),
                                     out.size(), nullptr) == out.size())) {
    return Errc::internal;
  }
  return out;
}

Result<Bytes> NistCurve::public_key(const Secret& scalar) const {
  if (!is_valid_scalar(scalar.view())) return Errc::invalid_private_key;
  const ossl::Bignum k = ossl::secret_bignum(scalar.view());
  const auto point = ossl::adopt<ossl::EcPoint>(EC_POINT_new(group_));
  if (!point || !ossl::ok(EC_POINT_mul(group_, point.get(), k.get(), nullptr, nullptr, nullptr))) {
    return Errc::internal;
  }
  return encode_point(point.get());
}

Result<ossl::EcPoint> NistCurve::decode_point(BytesView encoded) const {
  // Only the uncompressed form (RFC 8446 UncompressedPointRepresentation,
  // RFC 9180 SerializePublicKey); this also excludes the infinity encoding.
  if (encoded.size() != point_size() || encoded[0] != 0x04) return Errc::invalid_public_key;
  auto point = ossl::adopt<ossl::EcPoint>(EC_POINT_new(group_));
  if (!point) throw std::bad_alloc();
  // oct2point rejects coordinates outside [0, p-1] and points off the curve.
  if (EC_POINT_oct2point(group_, point.get(), encoded.data(), encoded.size(), nullptr) != 1 ||
      EC_POINT_is_at_infinity(group_, point.get()) == 1) {
    return Errc::invalid_public_key;
  }
  return point;
}

Result<Secret> NistCurve::shared_x(const Secret& scalar, BytesView public_key) const {
  if (!is_valid_scalar(scalar.view())) return Errc::invalid_private_key;
  auto peer = decode_point(public_key);
  if (!peer) return peer.error();
  const ossl::Bignum k = ossl::secret_bignum(scalar.view());
  const auto product = ossl::adopt<ossl::EcPoint>(EC_POINT_new(group_));
  if (!product || !ossl::ok(EC_POINT_mul(group_, product.get(), nullptr, peer->get(), k.get(), nullptr))) {
    return Errc::internal;
  }
  if (EC_POINT_is_at_infinity(group_, product.get()) == 1) return Errc::dh_failure;
  auto encoded = encode_point(product.get());
  if (!encoded) return encoded.error();
  Secret x(BytesView(*encoded).subspan(1, scalar_size_));
  secure_zero(*encoded);
  return x;
}

Result<ossl::Pkey> NistCurve::evp_key(const Secret* scalar, BytesView public_key) const {
  const auto builder = ossl::adopt<ParamBld>(OSSL_PARAM_BLD_new());
  if (!builder) return Errc::internal;
  ossl::Bignum k = scalar ? ossl::secret_bignum(scalar->view()) : nullptr;
  if (!ossl::ok(OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME,
                                                OBJ_nid2sn(nid_), 0)) ||
      !ossl::ok(OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                                 public_key.data(), public_key.size())) ||
      (k && !ossl::ok(OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, k.get())))) {
    return Errc::internal;
  }
  const auto params = ossl::adopt<Params>(OSSL_PARAM_BLD_to_param(builder.get()));
  const auto ctx = ossl::adopt<ossl::PkeyCtx>(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* made = nullptr;
  if (!params || !ctx || !ossl::ok(EVP_PKEY_fromdata_init(ctx.get()))) return Errc::internal;
  const int result = EVP_PKEY_fromdata(ctx.get(), &made, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                                       params.get());
  ossl::Pkey key(made);
  if (!ossl::ok(result)) return Errc::internal;
  return key;
}

}  // namespace conclave::crypto
