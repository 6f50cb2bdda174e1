#include "integer.hpp"

#include <limits>
#include <new>

namespace conclave::srp {

namespace {

int as_int(std::size_t size) {
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) throw std::bad_alloc();
  return static_cast<int>(size);
}

void write(const BIGNUM* value, MutableBytesView out, ByteOrder order) {
  const int size = as_int(out.size());
  require(order == ByteOrder::big_endian ? BN_bn2binpad(value, out.data(), size)
                                         : BN_bn2lebinpad(value, out.data(), size));
}

}  // namespace

void require(int openssl_result) {
  if (!crypto::backend_ok(openssl_result > 0)) throw std::bad_alloc();
}

BnCtx new_bn_context() {
  auto ctx = crypto::ossl::adopt<BnCtx>(BN_CTX_new());
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

Bignum to_bignum(BytesView bytes, ByteOrder order) {
  const int size = as_int(bytes.size());
  auto value = crypto::ossl::adopt<Bignum>(order == ByteOrder::big_endian
                                               ? BN_bin2bn(bytes.data(), size, nullptr)
                                               : BN_lebin2bn(bytes.data(), size, nullptr));
  if (!value) throw std::bad_alloc();
  return value;
}

Bignum to_secret_bignum(BytesView bytes, ByteOrder order) {
  Bignum value = to_bignum(bytes, order);
  BN_set_flags(value.get(), BN_FLG_CONSTTIME);
  return value;
}

Bignum new_secret_bignum() {
  auto value = crypto::ossl::adopt<Bignum>(BN_new());
  if (!value) throw std::bad_alloc();
  BN_set_flags(value.get(), BN_FLG_CONSTTIME);
  return value;
}

Bytes to_bytes(const BIGNUM* value, std::size_t size, ByteOrder order) {
  Bytes out(size);
  write(value, out, order);
  return out;
}

crypto::Secret to_secret(const BIGNUM* value, std::size_t size, ByteOrder order) {
  crypto::Secret out(size);
  write(value, out.mutable_view(), order);
  return out;
}

}  // namespace conclave::srp
