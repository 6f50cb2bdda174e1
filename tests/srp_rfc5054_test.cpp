// RFC 5054 SRP-6a: the appendix B vector value by value (written out here,
// so it runs without the shared vectors), and the srptools vectors, whose
// BLAKE2 cases are skipped.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "check.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/srp6a.hpp"
#include "srp_fixtures.hpp"
#include "vector_paths.hpp"

namespace {

using namespace conclave;
using conclave::test::hex;
using conclave::test::is_ok;

// RFC 5054 appendix B.
struct AppendixB {
  const Bytes identity = {'a', 'l', 'i', 'c', 'e'};
  const Bytes password = {'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '1', '2', '3'};
  const Bytes salt = hex("beb25379d1a8581eb5a727673a2441ee");
  const Bytes k = hex("7556aa045aef2cdd07abaf0f665c3e818913186f");
  const Bytes x = hex("94b7555aabe9127cc58ccf4993db6cf84d16c124");
  const Bytes v = hex(
      "7e273de8696ffc4f4e337d05b4b375beb0dde1569e8fa00a9886d8129bada1f1822223ca1a605b530e379ba4729fdc59"
      "f105b4787e5186f5c671085a1447b52a48cf1970b4fb6f8400bbf4cebfbb168152e08ab5ea53d15c1aff87b2b9da6e04"
      "e058ad51cc72bfc9033b564e26480d78e955a5e29e7ab245db2be315e2099afb");
  const Bytes a = hex("60975527035cf2ad1989806f0407210bc81edc04e2762a56afd529ddda2d4393");
  const Bytes b = hex("e487cb59d31ac550471e81f00f6928e01dda08e974a004f49e61f5d105284d20");
  const Bytes A = hex(
      "61d5e490f6f1b79547b0704c436f523dd0e560f0c64115bb72557ec44352e8903211c04692272d8b2d1a5358a2cf1b6e"
      "0bfcf99f921530ec8e39356179eae45e42ba92aeaced825171e1e8b9af6d9c03e1327f44be087ef06530e69f66615261"
      "eef54073ca11cf5858f0edfdfe15efeab349ef5d76988a3672fac47b0769447b");
  const Bytes B = hex(
      "bd0c61512c692c0cb6d041fa01bb152d4916a1e77af46ae105393011baf38964dc46a0670dd125b95a981652236f99d9"
      "b681cbf87837ec996c6da04453728610d0c6ddb58b318885d7d82c7f8deb75ce7bd4fbaa37089e6f9c6059f388838e7a"
      "00030b331eb76840910440b1b27aaeaeeb4012b7d7665238a8e3fb004b117b58");
  const Bytes u = hex("ce38b9593487da98554ed47d70a7ae5f462ef019");
  const Bytes S = hex(
      "b0dc82babcf30674ae450c0287745e7990a3381f63b387aaf271a10d233861e359b48220f7c4693c9ae12b0a6f67809f"
      "0876e2d013800d6c41bb59b6d5979b5c00a172b4a2a5903a0bdcaf8a709585eb2afafa8f3499b200210dcc1f10eb3394"
      "3cd67fc88a2f39a4be5bec4ec0a3212dc346d7e474b29ede8a469ffeca686e5a");
};

class Rfc5054AppendixB : public ::testing::Test {
 protected:
  const AppendixB vector{};
  const srp::Rfc5054 variant{*srp::rfc5054_group(1024, {.min_bits = 1024}),
                             crypto::HashId::sha1};
};

TEST_F(Rfc5054AppendixB, Multiplier) {
  Bytes k(variant.group().size() - vector.k.size(), 0);
  k.insert(k.end(), vector.k.begin(), vector.k.end());
  EXPECT_EQ(variant.multiplier(), k);
}

TEST_F(Rfc5054AppendixB, PasswordKeyAndVerifier) {
  const auto x = variant.password_key(vector.identity, vector.password, vector.salt);
  ASSERT_TRUE(is_ok(x));
  EXPECT_EQ(test::copy_of(x->view()), vector.x);
  EXPECT_EQ(srp::verifier(variant, *x), vector.v);
}

TEST_F(Rfc5054AppendixB, PublicKeysAndScrambler) {
  EXPECT_EQ(srp::client_public_key(variant, crypto::Secret(vector.a)), vector.A);
  const auto server_key = srp::server_public_key(variant, vector.v, crypto::Secret(vector.b));
  ASSERT_TRUE(is_ok(server_key));
  EXPECT_EQ(*server_key, vector.B);
  EXPECT_EQ(variant.scrambler(vector.A, vector.B), vector.u);
}

TEST_F(Rfc5054AppendixB, PremasterSecretOnBothSides) {
  const crypto::Secret x(vector.x);
  const auto client = srp::client_premaster_secret(variant, x, crypto::Secret(vector.a), vector.u,
                                                   vector.B);
  const auto server = srp::server_premaster_secret(variant, vector.A, vector.v, vector.u,
                                                   crypto::Secret(vector.b));
  ASSERT_TRUE(is_ok(client));
  ASSERT_TRUE(is_ok(server));
  EXPECT_EQ(test::copy_of(client->view()), vector.S);
  EXPECT_EQ(test::copy_of(server->view()), vector.S);
}

TEST_F(Rfc5054AppendixB, ClientAndServerReachTheSameKey) {
  crypto::DeterministicRandom random(as_bytes("appendix b"));
  auto server = srp::Server::create(variant, {vector.identity, vector.salt, vector.v}, random);
  ASSERT_TRUE(is_ok(server));
  srp::Client client(variant, vector.identity, vector.password, random);
  EXPECT_EQ(*client.start_for_testing(crypto::Secret(vector.a)), vector.A);
  EXPECT_EQ(*server->challenge_for_testing(crypto::Secret(vector.b)), vector.B);
  ASSERT_TRUE(is_ok(server->receive(vector.A)));
  const auto client_proof = client.respond(vector.salt, vector.B);
  ASSERT_TRUE(is_ok(client_proof));
  const auto server_proof = server->verify(*client_proof);
  ASSERT_TRUE(is_ok(server_proof));
  ASSERT_TRUE(is_ok(client.verify(*server_proof)));
  // K = H(S) (SHA-1 of appendix B's S), and the RFC 2945 proofs as srptools computes them.
  const Bytes session_key = hex("017eefa1cefc5c2e626e21598987f31e0f1b11bb");
  EXPECT_EQ(test::copy_of(client.session_key()->view()), session_key);
  EXPECT_EQ(test::copy_of(server->session_key()->view()), session_key);
  EXPECT_EQ(*client_proof, hex("3f3bc67169ea71302599cf1b0f5d408b7b65d347"));
  EXPECT_EQ(*server_proof, hex("9cab3c575a11de37d3ac1421a9f009236a48eb55"));
}

TEST(SrpSrptoolsVectors, EveryShaCasePassesAndBlake2IsSkipped) {
  const auto file = test::shared_vectors_dir() / "srp/secure-remote-password-srptools.json";
  if (!std::filesystem::is_regular_file(file)) GTEST_SKIP() << "no vector file at " << file;
  std::ifstream in(file);
  const auto doc = vectors::Json::parse(in);
  const auto* kind = vectors::recognize(file, doc);
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->name, "srp-test-vectors");
  const auto tally = kind->check(doc);
  for (const auto& failure : tally.failures) ADD_FAILURE() << failure;
  EXPECT_EQ(tally.passed, 24u);  // SHA-1, SHA-256, SHA-384, SHA-512 at 1024 to 6144 bits
  EXPECT_EQ(tally.failed, 0u);
  EXPECT_EQ(tally.skipped, 30u);  // BLAKE2s-256, BLAKE2b-224/256/384/512
}

}  // namespace
