// key-schedule.json (mls-implementations): RFC 9420 section 8 over five
// epochs per cipher suite, each epoch's init_secret feeding the next.

#include <string>

#include "check.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/key_schedule.hpp"

namespace conclave::vectors {

namespace {

using mls::CipherSuite;

// The exporter's label is taken as the text of its field, which happens to
// look like hex; its context is hex like every other field.
void check_exporter(const CipherSuite& suite, const mls::EpochSecrets& secrets, const Json& v,
                    CaseCheck& check) {
  auto exported =
      mls::mls_exporter(suite, secrets.exporter_secret.view(), v.at("label").get<std::string>(),
                        hex_field(v, "context"), v.at("length").get<std::size_t>());
  check.expect(exported.ok(), "exporter failed");
  if (exported) check.expect_equal(exported->view(), hex_field(v, "secret"), "exporter");
}

void check_secrets(const CipherSuite& suite, const mls::EpochSecrets& secrets, const Json& v,
                   CaseCheck& check) {
  const auto expect = [&](const crypto::Secret& actual, const char* key) {
    check.expect_equal(actual.view(), hex_field(v, key), key);
  };
  expect(secrets.joiner_secret, "joiner_secret");
  expect(secrets.welcome_secret, "welcome_secret");
  expect(secrets.init_secret, "init_secret");
  expect(secrets.sender_data_secret, "sender_data_secret");
  expect(secrets.encryption_secret, "encryption_secret");
  expect(secrets.exporter_secret, "exporter_secret");
  expect(secrets.epoch_authenticator, "epoch_authenticator");
  expect(secrets.external_secret, "external_secret");
  expect(secrets.confirmation_key, "confirmation_key");
  expect(secrets.membership_key, "membership_key");
  expect(secrets.resumption_psk, "resumption_psk");
  auto external = secrets.external_key_pair(suite);
  check.expect(external.ok(), "external key pair failed");
  if (external) {
    check.expect_equal(external->public_key, hex_field(v, "external_pub"), "external_pub");
  }
  check_exporter(suite, secrets, v.at("exporter"), check);
}

// Checks one epoch and returns its init_secret for the next.
Bytes check_epoch(const CipherSuite& suite, const Bytes& group_id, std::uint64_t epoch,
                  BytesView init_secret, const Json& v, CaseCheck& check) {
  const mls::GroupContext context{
      .cipher_suite = suite.id(),
      .group_id = group_id,
      .epoch = epoch,
      .tree_hash = hex_field(v, "tree_hash"),
      .confirmed_transcript_hash = hex_field(v, "confirmed_transcript_hash")};
  check.expect_equal(codec::encode(context), hex_field(v, "group_context"), "group_context");
  auto secrets = mls::derive_epoch(suite, init_secret, hex_field(v, "commit_secret"),
                                   hex_field(v, "psk_secret"), context);
  check.expect(secrets.ok(), "derive_epoch failed");
  if (!secrets) return {};
  check_secrets(suite, *secrets, v, check);
  const auto next = secrets->init_secret.view();
  return Bytes(next.begin(), next.end());
}

void check_suite(const Json& v, CaseCheck& check) {
  auto suite =
      suite_of(v);
  check.expect(suite.ok(), "cipher suite unsupported");
  if (!suite) return;
  const Bytes group_id = hex_field(v, "group_id");
  Bytes init_secret = hex_field(v, "initial_init_secret");
  std::uint64_t epoch = 0;
  for (const auto& e : v.at("epochs")) {
    init_secret = check_epoch(*suite, group_id, epoch++, init_secret, e, check);
  }
}

}  // namespace

Tally check_key_schedule(const Json& doc) { return check_each(doc, check_suite); }

}  // namespace conclave::vectors
