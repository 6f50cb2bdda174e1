#include "conclave/srp/verifier.hpp"

#include "conclave/srp/srp6a.hpp"

namespace conclave::srp {

Result<VerifierRecord> make_verifier_record(const Variant& variant, BytesView identity,
                                            BytesView password, BytesView salt) {
  const auto x = variant.password_key(identity, password, salt);
  if (!x) return x.error();
  return VerifierRecord{Bytes(identity.begin(), identity.end()), Bytes(salt.begin(), salt.end()),
                        verifier(variant, *x)};
}

Result<VerifierRecord> register_password(const Variant& variant, BytesView identity,
                                         BytesView password, crypto::RandomSource& random) {
  Bytes salt(variant.salt_size());
  random.fill(salt);
  return make_verifier_record(variant, identity, password, salt);
}

}  // namespace conclave::srp
