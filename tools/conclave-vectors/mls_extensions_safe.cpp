// mls-extensions.json, the safe application interface: SafeEncryptWithLabel
// and SafeSignWithLabel, the Exporter Tree and application PSKs.

#include <utility>
#include <vector>

#include "check.hpp"
#include "conclave/mls/exporter_tree.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/safe_api.hpp"
#include "mls_extensions.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

// A component other than the case's, which must not open or verify it.
ComponentId other_than(ComponentId component) {
  return static_cast<ComponentId>(static_cast<std::uint16_t>(component) ^ 1u);
}

struct SafeOperation {
  ComponentId component;
  Bytes label;
  Bytes context;  // or the content signed
};

SafeOperation operation_of(const Json& v, const char* data) {
  return {component_of(v), hex_field(v, "label"), hex_field(v, data)};
}

// Opens the published ciphertext, seals the plaintext again from ikm_e to
// the same bytes, and refuses the ciphertext to another component.
void check_safe_hpke(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  const crypto::KemKeyPair recipient{crypto::Secret(hex_field(v, "priv")), hex_field(v, "pub")};
  const auto op = operation_of(v, "context");
  const Bytes plaintext = hex_field(v, "plaintext");
  const HpkeCiphertext published{hex_field(v, "kem_output"), hex_field(v, "ciphertext")};
  const auto opened = safe_decrypt_with_label(*suite, recipient, op.component, op.label, op.context, published);
  check.expect(opened.ok() && *opened == plaintext, "published ciphertext did not decrypt");
  FixedBytes ikm_e(hex_field(v, "ikm_e"));
  const auto sealed =
      safe_encrypt_with_label(*suite, recipient.public_key, op.component, op.label, op.context, plaintext, ikm_e);
  check.expect(sealed.ok(), "encryption failed");
  if (sealed) check.expect_equal(codec::encode(*sealed), codec::encode(published), "kem_output and ciphertext");
  check.expect(!safe_decrypt_with_label(*suite, recipient, other_than(op.component), op.label, op.context, published),
               "decrypted by another component");
}

// Signs again to the same bytes (Ed25519 is deterministic), verifies the
// published signature, and refuses it as another component's.
void check_safe_signature(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  const auto op = operation_of(v, "content");
  const Bytes pub = hex_field(v, "pub");
  const Bytes signature = hex_field(v, "signature");
  const auto signed_again = safe_sign_with_label(*suite, crypto::Secret(hex_field(v, "priv")), op.component,
                                                 op.label, op.context);
  check.expect(signed_again.ok(), "signing failed");
  if (signed_again) check.expect_equal(*signed_again, signature, "signature");
  check.expect(safe_verify_with_label(*suite, pub, op.component, op.label, op.context, signature).ok(),
               "published signature rejected");
  check.expect(!safe_verify_with_label(*suite, pub, other_than(op.component), op.label, op.context, signature),
               "verified as another component's");
}

// application_export_secret from the epoch secret, then each leaf's
// secret, which is consumed: a second take fails.
void check_exporter_tree(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  auto epoch = derive_epoch_from_epoch_secret(*suite, hex_field(v, "epoch_secret"));
  check.expect_equal(epoch.application_export_secret.view(), hex_field(v, "application_export_secret"),
                     "application_export_secret");
  ExporterTree tree(std::move(epoch.application_export_secret));
  for (const auto& leaf : v.at("leaves")) {
    const auto component = component_of(leaf);
    const auto secret = tree.take(*suite, component);
    check.expect(secret.ok(), "leaf secret not derived");
    if (secret) check.expect_equal(secret->view(), hex_field(leaf, "secret"), "leaf secret");
    check.expect(!tree.take(*suite, component), "leaf secret handed out twice");
  }
}

// Each PSK's PreSharedKeyID and PSKLabel encodings, then psk_secret.
void check_application_psks(const Json& v, CaseCheck& check) {
  const auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  const auto& psks = v.at("psks");
  const auto count = static_cast<std::uint16_t>(psks.size());
  std::vector<Bytes> values;  // what the inputs view
  values.reserve(psks.size());
  std::vector<PskInput> inputs;
  for (const auto& psk : psks) {
    const auto id = pre_shared_key_id_of(psk.at("id"));
    const auto index = static_cast<std::uint16_t>(inputs.size());
    check.expect_equal(codec::encode(id), hex_field(psk, "pre_shared_key_id"), "PreSharedKeyID");
    check.expect_equal(codec::encode(PskLabel{id, index, count}), hex_field(psk, "psk_label"), "PSKLabel");
    inputs.push_back({id, values.emplace_back(hex_field(psk, "psk"))});
  }
  const auto secret = psk_secret(*suite, inputs);
  check.expect(secret.ok(), "psk_secret failed");
  if (secret) check.expect_equal(secret->view(), hex_field(v, "psk_secret"), "psk_secret");
}

}  // namespace

Tally check_safe_api_cases(const Json& doc) {
  Tally total;
  merge(total, check_member(doc, "safe_hpke", check_safe_hpke));
  merge(total, check_member(doc, "safe_signatures", check_safe_signature));
  merge(total, check_member(doc, "exporter_tree", check_exporter_tree));
  merge(total, check_member(doc, "application_psks", check_application_psks));
  return total;
}

}  // namespace conclave::vectors
