#include "digest.hpp"

#include <new>
#include <stdexcept>

namespace conclave::srp {

namespace {

void hash_parts(Hasher& hasher, std::initializer_list<BytesView> parts) {
  for (const auto part : parts) hasher.update(part);
}

}  // namespace

Hasher::Hasher(crypto::HashId hash)
    : ctx_(crypto::ossl::adopt<crypto::ossl::MdCtx>(EVP_MD_CTX_new())),
      md_(crypto::ossl::digest(hash)),
      size_(crypto::digest_size(hash)) {
  if (!ctx_) throw std::bad_alloc();
  if (!crypto::ossl::ok(EVP_DigestInit_ex2(ctx_.get(), md_, nullptr))) throw std::runtime_error("digest failed");
}

Hasher& Hasher::update(BytesView data) {
  if (!crypto::ossl::ok(EVP_DigestUpdate(ctx_.get(), data.data(), data.size()))) {
    throw std::runtime_error("digest failed");
  }
  return *this;
}

void Hasher::finish_into(MutableBytesView out) {
  unsigned int written = 0;
  if (out.size() != size_ || !crypto::ossl::ok(EVP_DigestFinal_ex(ctx_.get(), out.data(), &written)) ||
      !crypto::ossl::ok(EVP_DigestInit_ex2(ctx_.get(), md_, nullptr))) {
    throw std::runtime_error("digest failed");
  }
}

Bytes Hasher::finish() {
  Bytes out(size_);
  finish_into(out);
  return out;
}

crypto::Secret Hasher::finish_secret() {
  crypto::Secret out(size_);
  finish_into(out.mutable_view());
  return out;
}

Bytes digest(crypto::HashId hash, std::initializer_list<BytesView> parts) {
  Hasher hasher(hash);
  hash_parts(hasher, parts);
  return hasher.finish();
}

crypto::Secret secret_digest(crypto::HashId hash, std::initializer_list<BytesView> parts) {
  Hasher hasher(hash);
  hash_parts(hasher, parts);
  return hasher.finish_secret();
}

}  // namespace conclave::srp
