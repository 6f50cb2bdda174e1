// SRP-6a logins through Client and Server for every variant: agreement on
// the key, and one test per way a login must fail, each with its code.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "conclave/srp/hardened.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/srp6a.hpp"
#include "conclave/srp/verifier.hpp"
#include "srp_fixtures.hpp"

namespace {

using namespace conclave;
using conclave::test::fails_with;
using conclave::test::Handshake;
using conclave::test::is_ok;
using conclave::test::modulus_of;
using conclave::test::reversed;
using conclave::test::srp_group;
using conclave::test::with_bit_flipped;

constexpr std::string_view password = "correct horse battery staple";

struct VariantCase {
  const char* name;
  const srp::Variant& (*variant)();
};

const srp::Variant& rfc5054_sha1() {
  static const srp::Rfc5054 variant(srp_group(2048), crypto::HashId::sha1);
  return variant;
}

const srp::Variant& rfc5054_sha256() {
  static const srp::Rfc5054 variant(srp_group(2048), crypto::HashId::sha256);
  return variant;
}

const srp::Variant& rfc5054_sha512_3072() {
  static const srp::Rfc5054 variant(srp_group(3072), crypto::HashId::sha512);
  return variant;
}

const srp::Variant& hardened_sha256() {
  static const srp::HardenedRfc5054 variant(srp_group(2048), crypto::HashId::sha256);
  return variant;
}

// RFC 5054's 2048-bit modulus passes Proton's checks too.
const srp::Variant& proton_v4() {
  static const srp::ProtonV4 variant = *srp::ProtonV4::create(reversed(srp_group(2048).modulus()));
  return variant;
}

class SrpExchangeTest : public ::testing::TestWithParam<VariantCase> {
 protected:
  const srp::Variant& variant() const { return GetParam().variant(); }
};

TEST_P(SrpExchangeTest, BothSidesAgreeOnTheSessionKey) {
  Handshake login(variant(), password, password);
  login.exchange_keys();
  const auto client_proof = login.client().respond(login.server().salt(), login.server_key());
  ASSERT_TRUE(is_ok(client_proof));
  const auto server_proof = login.server().verify(*client_proof);
  ASSERT_TRUE(is_ok(server_proof));
  ASSERT_TRUE(is_ok(login.client().verify(*server_proof)));
  EXPECT_EQ(login.client().state(), srp::Client::State::authenticated);
  EXPECT_EQ(login.server().state(), srp::Server::State::authenticated);
  const auto client_key = login.client().session_key();
  const auto server_key = login.server().session_key();
  ASSERT_TRUE(client_key && server_key);
  EXPECT_FALSE(client_key->empty());
  EXPECT_TRUE(*client_key == *server_key);
}

TEST_P(SrpExchangeTest, PublicKeysAreLenNBytes) {
  Handshake login(variant(), password, password);
  login.exchange_keys();
  EXPECT_EQ(login.client_key().size(), variant().group().size());
  EXPECT_EQ(login.server_key().size(), variant().group().size());
}

TEST_P(SrpExchangeTest, WrongPasswordFailsTheClientProof) {
  Handshake login(variant(), password, "correct horse battery stapler");
  login.exchange_keys();
  const auto client_proof = login.client().respond(login.server().salt(), login.server_key());
  ASSERT_TRUE(is_ok(client_proof));
  EXPECT_TRUE(fails_with(login.server().verify(*client_proof), Errc::proof_invalid));
  EXPECT_EQ(login.server().state(), srp::Server::State::failed);
  EXPECT_TRUE(fails_with(login.server().session_key(), Errc::out_of_order));
}

TEST_P(SrpExchangeTest, TamperedClientProofIsRejected) {
  Handshake login(variant(), password, password);
  login.exchange_keys();
  const auto client_proof = login.client().respond(login.server().salt(), login.server_key());
  ASSERT_TRUE(is_ok(client_proof));
  EXPECT_TRUE(fails_with(login.server().verify(with_bit_flipped(*client_proof, 7)),
                         Errc::proof_invalid));
  // The server never shows M2 after a wrong M1 (RFC 2945 section 3).
  EXPECT_TRUE(fails_with(login.server().verify(*client_proof), Errc::out_of_order));
}

TEST_P(SrpExchangeTest, TamperedServerProofIsRejected) {
  Handshake login(variant(), password, password);
  login.exchange_keys();
  const auto client_proof = login.client().respond(login.server().salt(), login.server_key());
  ASSERT_TRUE(is_ok(client_proof));
  const auto server_proof = login.server().verify(*client_proof);
  ASSERT_TRUE(is_ok(server_proof));
  EXPECT_TRUE(fails_with(login.client().verify(with_bit_flipped(*server_proof, 3)),
                         Errc::proof_invalid));
  EXPECT_EQ(login.client().state(), srp::Client::State::failed);
  EXPECT_TRUE(fails_with(login.client().session_key(), Errc::out_of_order));
}

TEST_P(SrpExchangeTest, ServerRejectsAZero) {
  Handshake login(variant(), password, password);
  ASSERT_TRUE(is_ok(login.server().challenge()));
  EXPECT_TRUE(fails_with(login.server().receive(Bytes(variant().group().size(), 0)),
                         Errc::invalid_public_key));
  EXPECT_EQ(login.server().state(), srp::Server::State::failed);
}

TEST_P(SrpExchangeTest, ServerRejectsAEqualToN) {
  Handshake login(variant(), password, password);
  ASSERT_TRUE(is_ok(login.server().challenge()));
  EXPECT_TRUE(fails_with(login.server().receive(modulus_of(variant())), Errc::invalid_public_key));
}

TEST_P(SrpExchangeTest, ClientRejectsBZero) {
  Handshake login(variant(), password, password);
  ASSERT_TRUE(is_ok(login.client().start()));
  EXPECT_TRUE(fails_with(
      login.client().respond(login.server().salt(), Bytes(variant().group().size(), 0)),
      Errc::invalid_public_key));
  EXPECT_EQ(login.client().state(), srp::Client::State::failed);
}

TEST_P(SrpExchangeTest, ClientRejectsBEqualToN) {
  Handshake login(variant(), password, password);
  ASSERT_TRUE(is_ok(login.client().start()));
  EXPECT_TRUE(fails_with(login.client().respond(login.server().salt(), modulus_of(variant())),
                         Errc::invalid_public_key));
}

// RFC 2945 section 3: the client aborts on u = 0. No honest A and B hash to
// zero, so the computation is given u = 0 directly.
TEST_P(SrpExchangeTest, ClientRejectsAZeroScrambler) {
  Handshake login(variant(), password, password);
  login.exchange_keys();
  const crypto::Secret secret(Bytes(32, 0x42));
  const auto x = variant().password_key(as_bytes("alice"), as_bytes(password), login.server().salt());
  ASSERT_TRUE(is_ok(x));
  const Bytes zero(variant().scrambler(login.client_key(), login.server_key()).size(), 0);
  EXPECT_TRUE(fails_with(
      srp::client_premaster_secret(variant(), *x, secret, zero, login.server_key()),
      Errc::zero_scrambler));
}

INSTANTIATE_TEST_SUITE_P(
    Variants, SrpExchangeTest,
    ::testing::Values(VariantCase{"Rfc5054Sha1", rfc5054_sha1},
                      VariantCase{"Rfc5054Sha256", rfc5054_sha256},
                      VariantCase{"Rfc5054Sha512Group3072", rfc5054_sha512_3072},
                      VariantCase{"HardenedSha256", hardened_sha256},
                      VariantCase{"ProtonV4", proton_v4}),
    [](const auto& test) { return std::string(test.param.name); });

// Elements of order 1 and 2, and encodings of the wrong length, are refused
// like 0 and N.
TEST(SrpPublicKey, RejectsOneMinusOneAndWrongLengths) {
  const auto& variant = rfc5054_sha256();
  Bytes minus_one = variant.group().modulus();
  minus_one.back() -= 1;
  const auto small = [&](std::uint8_t value) {
    Bytes out(variant.group().size() - 1, 0);
    out.push_back(value);
    return out;
  };
  const Bytes one = small(1);
  const Bytes two = small(2);
  for (const Bytes& key : {one, minus_one, Bytes(255, 0x42), Bytes(257, 0x42)}) {
    EXPECT_TRUE(fails_with(srp::check_public_key(variant, key), Errc::invalid_public_key));
  }
  EXPECT_TRUE(is_ok(srp::check_public_key(variant, two)));
}

// The server checks its verifier's range without a branch on it
// (spec-notes/constant-time.md), apart from check_public_key: both give one
// verdict at each end of the range, in either byte order.
TEST(SrpServer, VerifierRangeIsThePublicKeyRange) {
  crypto::DeterministicRandom random(as_bytes("verifier range"));
  // `value` plus `delta` (-2 to 2), big-endian of value's length.
  const auto offset = [](Bytes value, int delta) {
    for (std::size_t i = value.size(); delta != 0 && i-- > 0;) {
      const int sum = value[i] + delta;
      value[i] = static_cast<std::uint8_t>(sum & 0xff);
      delta = sum < 0 ? -1 : sum >> 8;
    }
    return value;
  };
  for (const srp::Variant* variant : {&rfc5054_sha256(), &proton_v4()}) {
    const Bytes n = variant->group().modulus();
    const Bytes zero(n.size(), 0);
    for (const Bytes& big_endian : {zero, offset(zero, 1), offset(zero, 2), offset(n, -2), offset(n, -1), n,
                                    offset(n, 1), Bytes(n.size(), 0xff)}) {
      const Bytes v = variant->byte_order() == srp::ByteOrder::big_endian ? big_endian : reversed(big_endian);
      const bool valid = big_endian == offset(zero, 2) || big_endian == offset(n, -2);
      EXPECT_EQ(srp::Server::create(*variant, {Bytes{'a'}, Bytes(16, 1), v}, random).ok(), valid);
      EXPECT_EQ(srp::check_public_key(*variant, v).ok(), valid);
    }
  }
}

TEST(SrpClientOrder, CallsOutOfOrderAreRefused) {
  crypto::DeterministicRandom random(as_bytes("client order"));
  srp::Client client(rfc5054_sha256(), as_bytes("alice"), as_bytes(password), random);
  const Bytes any(256, 0x42);
  EXPECT_TRUE(fails_with(client.respond(any, any), Errc::out_of_order));
  EXPECT_TRUE(fails_with(client.verify(any), Errc::out_of_order));
  EXPECT_TRUE(fails_with(client.session_key(), Errc::out_of_order));
  EXPECT_EQ(client.state(), srp::Client::State::initial);
  ASSERT_TRUE(is_ok(client.start()));
  EXPECT_TRUE(fails_with(client.start(), Errc::out_of_order));
  EXPECT_TRUE(fails_with(client.verify(any), Errc::out_of_order));
  EXPECT_EQ(client.state(), srp::Client::State::sent_public_key);
}

TEST(SrpServerOrder, CallsOutOfOrderAreRefused) {
  Handshake login(rfc5054_sha256(), password, password);
  auto& server = login.server();
  const Bytes any(256, 0x42);
  EXPECT_TRUE(fails_with(server.receive(any), Errc::out_of_order));
  EXPECT_TRUE(fails_with(server.verify(any), Errc::out_of_order));
  EXPECT_TRUE(fails_with(server.session_key(), Errc::out_of_order));
  EXPECT_EQ(server.state(), srp::Server::State::initial);
  ASSERT_TRUE(is_ok(server.challenge()));
  EXPECT_TRUE(fails_with(server.challenge(), Errc::out_of_order));
  EXPECT_TRUE(fails_with(server.verify(any), Errc::out_of_order));
  EXPECT_EQ(server.state(), srp::Server::State::sent_public_key);
}

TEST(SrpServerOrder, NothingWorksAfterAFailure) {
  Handshake login(rfc5054_sha256(), password, password);
  auto& server = login.server();
  ASSERT_TRUE(is_ok(server.challenge()));
  EXPECT_TRUE(fails_with(server.receive(Bytes(256, 0)), Errc::invalid_public_key));
  const auto client_key = login.client().start();
  ASSERT_TRUE(is_ok(client_key));
  EXPECT_TRUE(fails_with(server.receive(*client_key), Errc::out_of_order));
  EXPECT_TRUE(fails_with(server.verify(Bytes(32, 0)), Errc::out_of_order));
}

TEST(SrpServer, RefusesARecordWithoutAValidVerifier) {
  crypto::DeterministicRandom random(as_bytes("server record"));
  const auto& variant = rfc5054_sha256();
  srp::VerifierRecord no_salt{Bytes{'a'}, {}, Bytes(256, 0x42)};
  srp::VerifierRecord zero_verifier{Bytes{'a'}, Bytes(16, 1), Bytes(256, 0)};
  srp::VerifierRecord short_verifier{Bytes{'a'}, Bytes(16, 1), Bytes(255, 0x42)};
  for (auto& record : {no_salt, zero_verifier, short_verifier}) {
    EXPECT_TRUE(fails_with(srp::Server::create(variant, record, random), Errc::invalid_argument));
  }
}

// The SRP-6a functions check the verifier they are given as Server::create()
// checks a record's.
TEST(SrpServer, KeyFunctionsRefuseAnInvalidVerifier) {
  const auto& variant = rfc5054_sha256();
  const crypto::Secret server_secret(Bytes(32, 5));
  const Bytes zero(variant.group().size(), 0);
  const Bytes client_key = srp::client_public_key(variant, crypto::Secret(Bytes(32, 6)));
  EXPECT_TRUE(fails_with(srp::server_public_key(variant, zero, server_secret), Errc::invalid_argument));
  EXPECT_TRUE(fails_with(srp::server_premaster_secret(variant, client_key, zero, Bytes(32, 1), server_secret),
                         Errc::invalid_argument));
}

TEST(SrpClient, FreshSecretsGiveFreshPublicKeys) {
  auto& random = crypto::system_random();
  srp::Client first(rfc5054_sha256(), as_bytes("alice"), as_bytes(password), random);
  srp::Client second(rfc5054_sha256(), as_bytes("alice"), as_bytes(password), random);
  const auto first_key = first.start();
  const auto second_key = second.start();
  ASSERT_TRUE(first_key && second_key);
  EXPECT_NE(*first_key, *second_key);
}

TEST(SrpHardened, NeedsASixteenByteSalt) {
  EXPECT_TRUE(fails_with(hardened_sha256().password_key(as_bytes("alice"), as_bytes(password),
                                                        Bytes(15, 1)),
                         Errc::invalid_length));
}

// The client's password key is the first thing respond() computes: its
// error ends the login and leaves the client failed; a registration with
// such a salt fails the same way.
TEST(SrpHardened, ASaltOfTheWrongLengthFailsTheClientAndTheRegistration) {
  crypto::DeterministicRandom random(as_bytes("hardened salt"));
  srp::Client client(hardened_sha256(), as_bytes("alice"), as_bytes(password), random);
  ASSERT_TRUE(is_ok(client.start()));
  const Bytes server_key = srp::client_public_key(hardened_sha256(), crypto::Secret(Bytes(32, 9)));
  EXPECT_TRUE(fails_with(client.respond(Bytes(15, 1), server_key), Errc::invalid_length));
  EXPECT_EQ(client.state(), srp::Client::State::failed);
  EXPECT_TRUE(fails_with(srp::make_verifier_record(hardened_sha256(), as_bytes("alice"), as_bytes(password),
                                                   Bytes(15, 1)),
                         Errc::invalid_length));
}

// x comes from Argon2id, so it differs from RFC 5054's for the same inputs,
// and the verifier with it.
TEST(SrpHardened, PasswordKeyIsNotRfc5054s) {
  const Bytes salt(16, 7);
  const auto hardened = hardened_sha256().password_key(as_bytes("alice"), as_bytes(password), salt);
  const auto plain = rfc5054_sha256().password_key(as_bytes("alice"), as_bytes(password), salt);
  ASSERT_TRUE(hardened && plain);
  EXPECT_EQ(hardened->size(), 32u);
  EXPECT_FALSE(*hardened == *plain);
}

}  // namespace
