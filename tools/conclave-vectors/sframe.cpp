// RFC 9605 appendix C (sframe/test-vectors.json and the AES-256 AES-CTR-HMAC
// suites' test-vectors-aes256.json): header encoding, the AES-CTR-HMAC AEAD,
// and whole SFrame encryption with every intermediate value.

#include "check.hpp"
#include "conclave/frame/frame_aead.hpp"
#include "conclave/frame/sframe_context.hpp"
#include "conclave/frame/sframe_header.hpp"
#include "conclave/frame/sframe_key.hpp"
#include "conclave/frame/sframe_suite.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::frame;

Result<SFrameSuite> sframe_suite_of(const Json& v) {
  return SFrameSuite::find(static_cast<SFrameSuiteId>(v.at("cipher_suite").get<std::uint16_t>()));
}

void check_header(const Json& v, CaseCheck& check) {
  const SFrameHeader header{v.at("kid").get<std::uint64_t>(), v.at("ctr").get<std::uint64_t>()};
  const Bytes encoded = hex_field(v, "encoded");
  Bytes out(max_sframe_header_size);
  const auto size = encode_sframe_header(header, out);
  check.expect(size.ok(), "encode failed");
  if (size) check.expect_equal(BytesView(out).first(*size), encoded, "encoded header");
  const auto decoded = decode_sframe_header(encoded);
  check.expect(decoded.ok() && decoded->header == header && decoded->size == encoded.size(),
               "decoded header");
}

void check_ctr_hmac(const Json& v, CaseCheck& check) {
  const auto suite = sframe_suite_of(v);
  check.expect(suite.ok() && suite->is_ctr_hmac(), "cipher suite unsupported");
  if (!suite || !suite->is_ctr_hmac()) return;
  const Bytes key = hex_field(v, "key");
  check.expect_equal(BytesView(key).first(suite->nka), hex_field(v, "enc_key"), "enc_key");
  check.expect_equal(BytesView(key).subspan(suite->nka), hex_field(v, "auth_key"), "auth_key");
  auto aead = FrameAead::for_suite(*suite, key);
  check.expect(aead.ok(), "key rejected");
  if (!aead) return;
  const Bytes nonce = hex_field(v, "nonce");
  const Bytes aad = hex_field(v, "aad");
  const Bytes pt = hex_field(v, "pt");
  const Bytes ct = hex_field(v, "ct");
  Bytes sealed(pt.size() + aead->tag_size());
  check.expect(aead->seal(nonce, {aad, {}}, pt, sealed).ok(), "seal failed");
  check.expect_equal(sealed, ct, "ct");
  Bytes opened(pt.size());
  check.expect(aead->open(nonce, {aad, {}}, ct, opened).ok(), "open failed");
  check.expect_equal(opened, pt, "decrypted pt");
}

void check_intermediates(const SFrameSuite& suite, const Json& v, CaseCheck& check) {
  const std::uint64_t kid = v.at("kid").get<std::uint64_t>();
  const Bytes base_key = hex_field(v, "base_key");
  check.expect_equal(sframe_key_label(suite, kid), hex_field(v, "sframe_key_label"), "sframe_key_label");
  check.expect_equal(sframe_salt_label(suite, kid), hex_field(v, "sframe_salt_label"), "sframe_salt_label");
  check.expect_equal(sframe_secret(suite, base_key).view(), hex_field(v, "sframe_secret"), "sframe_secret");
  const SFrameKeySalt derived = derive_key_salt(suite, kid, base_key);
  check.expect_equal(derived.key.view(), hex_field(v, "sframe_key"), "sframe_key");
  check.expect_equal(derived.salt.view(), hex_field(v, "sframe_salt"), "sframe_salt");
  check.expect_equal(sframe_nonce(derived.salt.view(), v.at("ctr").get<std::uint64_t>()),
                     hex_field(v, "nonce"), "nonce");
}

void check_frame(const Json& v, CaseCheck& check) {
  const auto suite = sframe_suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  check_intermediates(*suite, v, check);
  const SFrameHeader header{v.at("kid").get<std::uint64_t>(), v.at("ctr").get<std::uint64_t>()};
  const Bytes base_key = hex_field(v, "base_key");
  const Bytes metadata = hex_field(v, "metadata");
  const Bytes pt = hex_field(v, "pt");
  const Bytes ct = hex_field(v, "ct");
  Bytes encoded(max_sframe_header_size);
  encoded.resize(*encode_sframe_header(header, encoded));
  check.expect_equal(concat({encoded, metadata}), hex_field(v, "aad"), "aad");

  auto key = SFrameKey::derive(*suite, header.kid, base_key);
  check.expect(key.ok(), "key derivation failed");
  if (!key) return;
  Bytes sealed(sframe_protected_size(*suite, header, pt.size()));
  const auto size = key->seal(header, metadata, pt, sealed);
  check.expect(size.ok() && *size == sealed.size(), "seal failed");
  check.expect_equal(sealed, ct, "ct");

  SFrameContext receiver(*suite);
  check.expect(receiver.add_decryption_key(header.kid, base_key).ok(), "receiver key rejected");
  Bytes opened(ct.size());
  const auto unprotected = receiver.unprotect(metadata, ct, opened);
  check.expect(unprotected.ok() && unprotected->header == header, "unprotect failed");
  if (unprotected) check.expect_equal(BytesView(opened).first(unprotected->size), pt, "decrypted pt");
}


}  // namespace

Tally check_sframe(const Json& doc) {
  Tally total;
  if (doc.contains("header")) merge(total, check_each(doc.at("header"), check_header));
  for (const char* member : {"aes_ctr_hmac", "aes_256_ctr_hmac"}) {
    if (doc.contains(member)) merge(total, check_each(doc.at(member), check_ctr_hmac));
  }
  for (const char* member : {"sframe", "sframe_aes_256_ctr_hmac"}) {
    if (doc.contains(member)) merge(total, check_each(doc.at(member), check_frame));
  }
  return total;
}

}  // namespace conclave::vectors
