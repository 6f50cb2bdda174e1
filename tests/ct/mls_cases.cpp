// MLS: the key schedule from secret inputs (RFC 9420 section 8, with the
// external key pair of section 8.3 and the exporter of section 8.5), the
// secret tree's derivation (section 9), the sender data keys (section
// 6.3.2) and the confirmation tag's check (section 6.1).

#include "conclave/mls/cipher_suite.hpp"
#include "conclave/mls/group_context.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/psk.hpp"
#include "conclave/mls/secret_tree.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "ct_check.hpp"

namespace conclave::ct_check {

namespace {

using mls::CipherSuiteId;

mls::CipherSuite suite_of(CipherSuiteId id) { return *mls::CipherSuite::find(id); }

mls::GroupContext context_of(const mls::CipherSuite& suite) {
  return {.cipher_suite = suite.id(),
          .group_id = bytes_of("group"),
          .epoch = 7,
          .tree_hash = Bytes(32, 0x44),
          .confirmed_transcript_hash = Bytes(32, 0x55)};
}

Bytes secret_bytes(std::uint8_t value) {
  Bytes bytes(32, value);
  mark_secret(bytes);
  return bytes;
}

// One epoch's secrets from secret init, commit and PSK secrets, then what a
// member derives from them.
void key_schedule(CipherSuiteId id) {
  const auto suite = suite_of(id);
  const auto context = context_of(suite);
  const Bytes psk_value = secret_bytes(0x33);
  const mls::PreSharedKeyId psk_id{{mls::ExternalPskId{bytes_of("psk id")}}, Bytes(32, 0x01)};
  const mls::PskInput psk{psk_id, psk_value};
  const auto psk_secret = mls::psk_secret(suite, std::span(&psk, 1));
  expect(psk_secret.ok(), "psk_secret failed");
  if (!psk_secret) return;
  auto epoch = mls::derive_epoch(suite, secret_bytes(0x11), secret_bytes(0x22), psk_secret->view(), context);
  expect(epoch.ok(), "derive_epoch failed");
  if (!epoch) return;
  expect(mls::welcome_secret(suite, epoch->joiner_secret.view(), psk_secret->view()).ok(),
         "welcome_secret failed");
  expect(mls::mls_exporter(suite, epoch->exporter_secret.view(), "label", bytes_of("context"), 32).ok(),
         "mls_exporter failed");
  expect(epoch->external_key_pair(suite).ok(), "external_key_pair failed");
}

void key_schedule_x25519() { key_schedule(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519); }
void key_schedule_p256() { key_schedule(CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256); }

// A few generations of each ratchet of a few leaves, in and out of order.
void secret_tree() {
  const auto suite = suite_of(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  crypto::Secret root(Bytes(32, 0x66));
  mark_secret(root);
  mls::SecretTree tree(suite, std::move(root), *mls::LeafCount::of(8));
  for (std::uint32_t leaf : {0u, 3u, 4u}) {
    expect(tree.next(mls::LeafIndex{leaf}, mls::RatchetType::application).ok(), "next failed");
    expect(tree.get(mls::LeafIndex{leaf}, mls::RatchetType::handshake, 2).ok(), "get failed");
    expect(tree.get(mls::LeafIndex{leaf}, mls::RatchetType::handshake, 1).ok(), "get kept failed");
  }
  const Bytes sender_data_secret = secret_bytes(0x77);
  expect(mls::sender_data_keys(suite, sender_data_secret, Bytes(40, 0x01)).ok(), "sender_data_keys failed");
}

// Section 6.1: the receiver's check, of the right tag and a forged one.
void confirmation_tag() {
  const auto suite = suite_of(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  const Bytes key = secret_bytes(0x88);
  const Bytes transcript(32, 0x99);
  Bytes tag = mls::confirmation_tag(suite, key, transcript);
  reveal(tag);
  expect(mls::verify_confirmation_tag(suite, key, transcript, tag).ok(), "the right tag was refused");
  tag[0] ^= 1;
  expect(mls::verify_confirmation_tag(suite, key, transcript, tag).error() == Errc::confirmation_tag_invalid,
         "a forged tag was accepted");
}

}  // namespace

std::vector<Case> mls_cases() {
  return {{"mls.key_schedule_x25519", key_schedule_x25519},
          {"mls.key_schedule_p256", key_schedule_p256},
          {"mls.secret_tree", secret_tree},
          {"mls.confirmation_tag", confirmation_tag}};
}

}  // namespace conclave::ct_check
