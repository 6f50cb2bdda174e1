#pragma once

#include <openssl/ec.h>

#include <cstddef>
#include <cstdint>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/error.hpp"
#include "openssl.hpp"

namespace conclave::crypto {

// A NIST prime curve (P-256, P-384, P-521): scalars are big-endian of the
// order's byte size, points use the SEC1 uncompressed form 0x04 | X | Y.
class NistCurve {
 public:
  static const NistCurve& p256();
  static const NistCurve& p384();
  static const NistCurve& p521();

  int nid() const noexcept { return nid_; }
  const char* name() const noexcept { return name_; }
  std::size_t scalar_size() const noexcept { return scalar_size_; }
  std::size_t point_size() const noexcept { return 1 + 2 * scalar_size_; }
  // The mask RFC 9180 section 7.1.3 applies to the first candidate byte.
  std::uint8_t scalar_mask() const noexcept { return scalar_size_ == 66 ? 0x01 : 0xff; }

  // True when the bytes are a scalar in [1, n-1].
  bool is_valid_scalar(BytesView scalar) const;
  // A big-endian scalar given in fewer bytes (leading zeros dropped, as some
  // encoders do) widened to scalar_size(); longer input is rejected.
  Result<Secret> widen_scalar(const Secret& scalar) const;
  Result<Bytes> public_key(const Secret& scalar) const;
  // Partial public key validation (NIST SP 800-56A 5.6.2.3.4): the form,
  // coordinates in range, on the curve, not the point at infinity.
  Result<ossl::EcPoint> decode_point(BytesView encoded) const;
  // The X coordinate of scalar * point; fails when that is infinity.
  Result<Secret> shared_x(const Secret& scalar, BytesView public_key) const;
  // An EVP key for OpenSSL's signature API.
  Result<ossl::Pkey> evp_key(const Secret* scalar, BytesView public_key) const;

 private:
  NistCurve(int nid, const char* name, std::size_t scalar_size);
  Result<Bytes> encode_point(const EC_POINT* point) const;

  int nid_;
  const char* name_;
  std::size_t scalar_size_;
  EC_GROUP* group_;
};

}  // namespace conclave::crypto
