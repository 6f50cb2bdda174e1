// draft-ietf-mls-extensions, "The Safe Application Interface".

#include "conclave/mls/safe_api.hpp"

#include <string_view>

#include "conclave/codec/codec.hpp"

namespace conclave::mls {

namespace {

// The encoded label as the text the RFC 9420 labeled operations take; they
// add "MLS 1.0 " in front of it (the draft composes with them unchanged).
std::string_view as_label(const Bytes& encoded) {
  return {reinterpret_cast<const char*>(encoded.data()), encoded.size()};
}

}  // namespace

Bytes component_operation_label(ComponentId component, BytesView label) {
  const BytesView base = as_bytes(component_base_label);
  return codec::encode(ComponentOperationLabel{Bytes(base.begin(), base.end()), component,
                                               Bytes(label.begin(), label.end())});
}

Result<HpkeCiphertext> safe_encrypt_with_label(const CipherSuite& suite, BytesView public_key,
                                               ComponentId component, BytesView label,
                                               BytesView context, BytesView plaintext,
                                               crypto::RandomSource& random) {
  const Bytes encoded = component_operation_label(component, label);
  return suite.encrypt_with_label(public_key, as_label(encoded), context, plaintext, random);
}

Result<Bytes> safe_decrypt_with_label(const CipherSuite& suite, const crypto::KemKeyPair& recipient,
                                      ComponentId component, BytesView label, BytesView context,
                                      const HpkeCiphertext& ciphertext) {
  const Bytes encoded = component_operation_label(component, label);
  return suite.decrypt_with_label(recipient, as_label(encoded), context, ciphertext);
}

Result<Bytes> safe_sign_with_label(const CipherSuite& suite, const crypto::Secret& signature_key,
                                   ComponentId component, BytesView label, BytesView content) {
  const Bytes encoded = component_operation_label(component, label);
  return suite.sign_with_label(signature_key, as_label(encoded), content);
}

Status safe_verify_with_label(const CipherSuite& suite, BytesView verification_key,
                              ComponentId component, BytesView label, BytesView content,
                              BytesView signature) {
  const Bytes encoded = component_operation_label(component, label);
  return suite.verify_with_label(verification_key, as_label(encoded), content, signature);
}

}  // namespace conclave::mls
