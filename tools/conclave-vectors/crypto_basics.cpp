// crypto-basics.json (mls-implementations): RFC 9420 section 5's labeled
// operations for each cipher suite.

#include "check.hpp"
#include "conclave/mls/cipher_suite.hpp"

namespace conclave::vectors {

namespace {

using mls::CipherSuite;

std::string label_of(const Json& v) { return v.at("label").get<std::string>(); }

void check_ref_hash(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  check.expect_equal(suite.ref_hash(label_of(v), hex_field(v, "value")), hex_field(v, "out"),
                     "ref_hash");
}

void check_expand_with_label(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  auto out = suite.expand_with_label(hex_field(v, "secret"), label_of(v), hex_field(v, "context"),
                                     v.at("length").get<std::size_t>());
  check.expect(out.ok(), "expand_with_label failed");
  if (out) check.expect_equal(out->view(), hex_field(v, "out"), "expand_with_label");
}

void check_derive_secret(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  check.expect_equal(suite.derive_secret(hex_field(v, "secret"), label_of(v)).view(),
                     hex_field(v, "out"), "derive_secret");
}

void check_derive_tree_secret(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  auto out = suite.derive_tree_secret(hex_field(v, "secret"), label_of(v),
                                      v.at("generation").get<std::uint32_t>(),
                                      v.at("length").get<std::size_t>());
  check.expect(out.ok(), "derive_tree_secret failed");
  if (out) check.expect_equal(out->view(), hex_field(v, "out"), "derive_tree_secret");
}

// Verifies the published signature, and a fresh one (ECDSA is randomized,
// so only EdDSA signatures can be compared byte for byte).
void check_sign_with_label(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  const crypto::Secret priv(hex_field(v, "priv"));
  const Bytes pub = hex_field(v, "pub");
  const Bytes content = hex_field(v, "content");
  const auto label = label_of(v);
  auto derived = suite.signature().public_key_of(priv);
  check.expect(derived.ok() && *derived == pub, "public key of priv differs");
  check.expect(suite.verify_with_label(pub, label, content, hex_field(v, "signature")).ok(),
               "published signature rejected");
  auto fresh = suite.sign_with_label(priv, label, content);
  check.expect(fresh.ok() && suite.verify_with_label(pub, label, content, *fresh).ok(),
               "fresh signature rejected");
  check.expect(!suite.verify_with_label(pub, label + "x", content, hex_field(v, "signature")).ok(),
               "signature accepted under another label");
}

// Decrypts the published ciphertext, then round-trips a fresh one.
void check_encrypt_with_label(const CipherSuite& suite, const Json& v, CaseCheck& check) {
  crypto::KemKeyPair recipient{crypto::Secret(hex_field(v, "priv")), hex_field(v, "pub")};
  const auto label = label_of(v);
  const Bytes context = hex_field(v, "context");
  const Bytes plaintext = hex_field(v, "plaintext");
  const mls::HpkeCiphertext published{hex_field(v, "kem_output"), hex_field(v, "ciphertext")};
  auto opened = suite.decrypt_with_label(recipient, label, context, published);
  check.expect(opened.ok() && *opened == plaintext, "published ciphertext did not decrypt");
  auto sealed = suite.encrypt_with_label(recipient.public_key, label, context, plaintext,
                                         crypto::system_random());
  auto reopened = sealed ? suite.decrypt_with_label(recipient, label, context, *sealed)
                         : Result<Bytes>(sealed.error());
  check.expect(reopened.ok() && *reopened == plaintext, "fresh ciphertext did not round-trip");
}

void check_suite(const Json& v, CaseCheck& check) {
  auto suite = suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  check_ref_hash(*suite, v.at("ref_hash"), check);
  check_expand_with_label(*suite, v.at("expand_with_label"), check);
  check_derive_secret(*suite, v.at("derive_secret"), check);
  check_derive_tree_secret(*suite, v.at("derive_tree_secret"), check);
  check_sign_with_label(*suite, v.at("sign_with_label"), check);
  check_encrypt_with_label(*suite, v.at("encrypt_with_label"), check);
}

}  // namespace

Tally check_crypto_basics(const Json& doc) { return check_each(doc, check_suite); }

}  // namespace conclave::vectors
