// The key schedule (RFC 9420 section 8), PSK secret (section 8.4), exporter
// (section 8.5), Welcome key (section 12.4.3.1) and transcript hashes
// (section 8.2), against derivations written out in this file.

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/mls/key_schedule.hpp"
#include "conclave/mls/transcript_hash.hpp"
#include "test_support.hpp"

namespace {

using namespace conclave;
using conclave::crypto::Secret;
using conclave::mls::CipherSuite;
using conclave::mls::CipherSuiteId;
using conclave::mls::GroupContext;
using conclave::mls::PskInput;
using conclave::test::fails_with;
using conclave::test::hex;
using conclave::test::is_ok;
using conclave::test::with_bit_flipped;

Bytes bytes_of(const Secret& secret) { return Bytes(secret.view().begin(), secret.view().end()); }

class KeyScheduleTest : public ::testing::Test {
 protected:
  const CipherSuite suite =
      CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519).value();
  const Bytes init_secret = Bytes(32, 0x11);
  const Bytes commit_secret = Bytes(32, 0x22);
  const Bytes psk = Bytes(32, 0x33);
  const GroupContext context{.cipher_suite = suite.id(),
                             .group_id = hex("0102"),
                             .epoch = 7,
                             .tree_hash = Bytes(32, 0x44),
                             .confirmed_transcript_hash = Bytes(32, 0x55)};

  Secret joiner() const {
    const auto extracted = suite.kdf().extract(init_secret, commit_secret);
    return suite.expand_with_label(extracted.view(), "joiner", codec::encode(context), 32).value();
  }
};

TEST_F(KeyScheduleTest, NoPsksGiveNhZeroBytes) {
  for (const auto id : {CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519,
                        CipherSuiteId::mls_256_dhkemx448_aes256gcm_sha512_ed448,
                        CipherSuiteId::mls_256_dhkemp384_aes256gcm_sha384_p384}) {
    const auto other = CipherSuite::find(id).value();
    auto secret = mls::psk_secret(other, {});
    ASSERT_TRUE(is_ok(secret));
    EXPECT_EQ(bytes_of(*secret), Bytes(other.secret_size(), 0));
  }
}

TEST_F(KeyScheduleTest, OnePskFollowsSection84) {
  const mls::PreSharedKeyId id{{mls::ExternalPskId{hex("aabb")}}, Bytes(32, 0x66)};
  const std::vector<PskInput> psks{{id, psk}};
  const auto extracted = suite.kdf().extract(Bytes(32, 0), psk);
  const auto input = suite
                         .expand_with_label(extracted.view(), "derived psk",
                                            codec::encode(mls::PskLabel{id, 0, 1}), 32)
                         .value();
  const auto expected = suite.kdf().extract(input.view(), Bytes(32, 0));
  auto secret = mls::psk_secret(suite, psks);
  ASSERT_TRUE(is_ok(secret));
  EXPECT_TRUE(*secret == expected);
}

TEST_F(KeyScheduleTest, MoreThan65535PsksAreRejected) {
  const mls::PreSharedKeyId id{{mls::ExternalPskId{}}, {}};
  const std::vector<PskInput> psks(65536, PskInput{id, psk});
  EXPECT_TRUE(fails_with(mls::psk_secret(suite, psks), Errc::invalid_argument));
}

TEST_F(KeyScheduleTest, MemberAndJoinerDeriveTheSameEpoch) {
  auto member = mls::derive_epoch(suite, init_secret, commit_secret, psk, context);
  ASSERT_TRUE(is_ok(member));
  EXPECT_TRUE(member->joiner_secret == joiner());
  auto joined = mls::derive_epoch_from_joiner(suite, joiner().view(), psk, context);
  ASSERT_TRUE(is_ok(joined));
  EXPECT_TRUE(joined->welcome_secret == member->welcome_secret);
  EXPECT_TRUE(joined->encryption_secret == member->encryption_secret);
  EXPECT_TRUE(joined->init_secret == member->init_secret);
  EXPECT_TRUE(joined->epoch_authenticator == member->epoch_authenticator);
}

TEST_F(KeyScheduleTest, DerivedSecretsFollowTheEpochSecret) {
  auto secrets = mls::derive_epoch(suite, init_secret, commit_secret, psk, context);
  ASSERT_TRUE(is_ok(secrets));
  const auto member = suite.kdf().extract(joiner().view(), psk);
  const auto epoch =
      suite.expand_with_label(member.view(), "epoch", codec::encode(context), 32).value();
  EXPECT_TRUE(secrets->welcome_secret == suite.derive_secret(member.view(), "welcome"));
  EXPECT_TRUE(secrets->sender_data_secret == suite.derive_secret(epoch.view(), "sender data"));
  EXPECT_TRUE(secrets->confirmation_key == suite.derive_secret(epoch.view(), "confirm"));
  EXPECT_TRUE(secrets->init_secret == suite.derive_secret(epoch.view(), "init"));
  auto external = secrets->external_key_pair(suite);
  ASSERT_TRUE(is_ok(external));
  EXPECT_EQ(external->public_key,
            suite.derive_key_pair(secrets->external_secret.view()).value().public_key);
}

TEST_F(KeyScheduleTest, InputsMustBeNhBytesAndMatchTheSuite) {
  EXPECT_TRUE(fails_with(mls::derive_epoch(suite, Bytes(31, 0), commit_secret, psk, context),
                         Errc::invalid_length));
  EXPECT_TRUE(fails_with(mls::derive_epoch(suite, init_secret, commit_secret, {}, context),
                         Errc::invalid_length));
  GroupContext other = context;
  other.cipher_suite = CipherSuiteId::mls_128_dhkemp256_aes128gcm_sha256_p256;
  EXPECT_TRUE(fails_with(mls::derive_epoch(suite, init_secret, commit_secret, psk, other),
                         Errc::invalid_argument));
}

TEST_F(KeyScheduleTest, ExporterFollowsSection85) {
  const Bytes exporter_secret(32, 0x77);
  const Bytes exporter_context = hex("c0ffee");
  const auto derived = suite.derive_secret(exporter_secret, "example label");
  const auto expected =
      suite.expand_with_label(derived.view(), "exported", suite.hash(exporter_context), 48).value();
  auto exported = mls::mls_exporter(suite, exporter_secret, "example label", exporter_context, 48);
  ASSERT_TRUE(is_ok(exported));
  EXPECT_TRUE(*exported == expected);
}

TEST_F(KeyScheduleTest, WelcomeKeyAndNonce) {
  const Bytes welcome_secret(32, 0x88);
  auto keys = mls::welcome_key_nonce(suite, welcome_secret);
  ASSERT_TRUE(is_ok(keys));
  EXPECT_TRUE(keys->key == suite.expand_with_label(welcome_secret, "key", {}, 16).value());
  EXPECT_TRUE(keys->nonce == suite.expand_with_label(welcome_secret, "nonce", {}, 12).value());
}

TEST_F(KeyScheduleTest, TranscriptHashes) {
  const Bytes interim_before = Bytes(32, 0x99);
  const Bytes input = hex("000102030405");
  EXPECT_EQ(mls::confirmed_transcript_hash(suite, interim_before, input),
            suite.hash(concat({interim_before, input})));
  const Bytes confirmed = Bytes(32, 0xaa);
  const Bytes tag = Bytes(32, 0xbb);
  EXPECT_EQ(mls::interim_transcript_hash(suite, confirmed, tag),
            suite.hash(concat({confirmed, hex("20"), tag})));
}

TEST_F(KeyScheduleTest, ConfirmationTagIsHmacAndVerifies) {
  const Bytes key = Bytes(32, 0xcc);
  const Bytes confirmed = Bytes(32, 0xdd);
  const Bytes tag = mls::confirmation_tag(suite, key, confirmed);
  EXPECT_EQ(tag, crypto::hmac(crypto::HashId::sha256, key, confirmed));
  EXPECT_TRUE(is_ok(mls::verify_confirmation_tag(suite, key, confirmed, tag)));
  EXPECT_TRUE(
      fails_with(mls::verify_confirmation_tag(suite, key, confirmed, with_bit_flipped(tag, 31)),
                 Errc::confirmation_tag_invalid));
}

}  // namespace
