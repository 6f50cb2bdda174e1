#include "conclave/meeting/join_request.hpp"

#include "conclave/crypto/hash.hpp"

namespace conclave::meeting {

namespace {

Bytes join_tag(const PasswordPsk& psk, const mls::KeyPackage& key_package) {
  const crypto::Secret key = password_subkey(psk, "conclave join request");
  return crypto::hmac(crypto::HashId::sha256, key.view(), codec::encode(key_package));
}

}  // namespace

JoinRequest make_join_request(const PasswordPsk& psk, mls::KeyPackage key_package) {
  Bytes tag = join_tag(psk, key_package);
  return JoinRequest{std::move(key_package), std::move(tag)};
}

Status verify_join_request(const PasswordPsk& psk, const JoinRequest& request) {
  if (!crypto::constant_time_equal(join_tag(psk, request.key_package), request.tag)) return Errc::proof_invalid;
  return {};
}

}  // namespace conclave::meeting
