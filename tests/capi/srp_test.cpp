// The C API's SRP-6a (include/conclave.h, SRP section): logins through the
// C API agree on the session key, with each other and with the C++ API's
// srp::Client and srp::Server, for RFC 5054 and Proton; and every function
// refuses bad input at the boundary with its code, changing nothing.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "capi_support.hpp"
#include "mls_fixtures.hpp"
#include "conclave.h"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"

namespace {

using namespace conclave;
using capi_test::wrong_kind;
using capi_test::Buffer;

constexpr std::string_view identity = "alice";
constexpr std::string_view password = "correct horse battery staple";

const std::uint8_t* data_of(std::string_view text) { return reinterpret_cast<const std::uint8_t*>(text.data()); }

// RFC 5054's 2048-bit modulus, little-endian: it passes Proton's checks.
Bytes proton_modulus() {
  const Bytes modulus = srp::rfc5054_group(2048)->modulus();
  return Bytes(modulus.rbegin(), modulus.rend());
}

// A variant in both APIs: the C handle and the C++ object it should equal.
struct Variants {
  conclave_srp_variant* c = nullptr;
  std::unique_ptr<srp::Variant> cpp;
  ~Variants() { conclave_srp_variant_free(c); }
};

std::unique_ptr<Variants> rfc5054_variants() {
  auto variants = std::make_unique<Variants>();
  EXPECT_EQ(conclave_srp_variant_rfc5054(2048, &variants->c), CONCLAVE_OK);
  variants->cpp = std::make_unique<srp::Rfc5054>(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  return variants;
}

std::unique_ptr<Variants> proton_variants() {
  auto variants = std::make_unique<Variants>();
  const Bytes modulus = proton_modulus();
  EXPECT_EQ(conclave_srp_variant_proton(modulus.data(), modulus.size(), &variants->c), CONCLAVE_OK);
  variants->cpp = std::make_unique<srp::ProtonV4>(*srp::ProtonV4::create(modulus));
  return variants;
}

srp::VerifierRecord register_in_c(const conclave_srp_variant* variant, std::string_view secret) {
  Buffer salt, verifier;
  EXPECT_EQ(conclave_srp_register(variant, data_of(identity), identity.size(), data_of(secret), secret.size(),
                                  salt.out(), verifier.out()),
            CONCLAVE_OK);
  return {Bytes(data_of(identity), data_of(identity) + identity.size()), salt.bytes(), verifier.bytes()};
}

// The client side through the C API.
class CClient {
 public:
  CClient(const conclave_srp_variant* variant, std::string_view secret) {
    EXPECT_EQ(conclave_srp_client_create(variant, data_of(identity), identity.size(), data_of(secret),
                                         secret.size(), &handle_),
              CONCLAVE_OK);
  }
  ~CClient() { conclave_srp_client_free(handle_); }
  conclave_srp_client* handle() const { return handle_; }

  Bytes start() {
    Buffer a;
    EXPECT_EQ(conclave_srp_client_start(handle_, a.out()), CONCLAVE_OK);
    return a.bytes();
  }
  Bytes respond(BytesView salt, BytesView server_key) {
    Buffer m1;
    EXPECT_EQ(conclave_srp_client_respond(handle_, salt.data(), salt.size(), server_key.data(), server_key.size(),
                                          m1.out()),
              CONCLAVE_OK);
    return m1.bytes();
  }
  bool verify(BytesView server_proof) {
    return conclave_srp_client_verify(handle_, server_proof.data(), server_proof.size()) == CONCLAVE_OK;
  }
  Bytes key() {
    Buffer k;
    EXPECT_EQ(conclave_srp_client_session_key(handle_, k.out()), CONCLAVE_OK);
    return k.bytes();
  }

 private:
  conclave_srp_client* handle_ = nullptr;
};

// The server side through the C API.
class CServer {
 public:
  CServer(const conclave_srp_variant* variant, const srp::VerifierRecord& record) {
    EXPECT_EQ(conclave_srp_server_create(variant, record.identity.data(), record.identity.size(),
                                         record.salt.data(), record.salt.size(), record.verifier.data(),
                                         record.verifier.size(), &handle_),
              CONCLAVE_OK);
  }
  ~CServer() { conclave_srp_server_free(handle_); }
  conclave_srp_server* handle() const { return handle_; }

  Bytes challenge() {
    Buffer b;
    EXPECT_EQ(conclave_srp_server_challenge(handle_, b.out()), CONCLAVE_OK);
    return b.bytes();
  }
  void receive(BytesView client_key) {
    EXPECT_EQ(conclave_srp_server_receive(handle_, client_key.data(), client_key.size()), CONCLAVE_OK);
  }
  Bytes verify(BytesView client_proof) {
    Buffer m2;
    EXPECT_EQ(conclave_srp_server_verify(handle_, client_proof.data(), client_proof.size(), m2.out()),
              CONCLAVE_OK);
    return m2.bytes();
  }
  Bytes key() {
    Buffer k;
    EXPECT_EQ(conclave_srp_server_session_key(handle_, k.out()), CONCLAVE_OK);
    return k.bytes();
  }

 private:
  conclave_srp_server* handle_ = nullptr;
};

// The client side through the C++ API, with CClient's interface.
class CppClient {
 public:
  CppClient(const srp::Variant& variant, std::string_view secret)
      : client_(variant, as_bytes(identity), as_bytes(secret), crypto::system_random()) {}
  Bytes start() { return *client_.start(); }
  Bytes respond(BytesView salt, BytesView server_key) { return *client_.respond(salt, server_key); }
  bool verify(BytesView server_proof) { return client_.verify(server_proof).ok(); }
  Bytes key() { return copy_of(client_.session_key()->view()); }

 private:
  static Bytes copy_of(BytesView bytes) { return Bytes(bytes.begin(), bytes.end()); }
  srp::Client client_;
};

// The server side through the C++ API, with CServer's interface.
class CppServer {
 public:
  CppServer(const srp::Variant& variant, srp::VerifierRecord record)
      : server_(*srp::Server::create(variant, std::move(record), crypto::system_random())) {}
  Bytes challenge() { return *server_.challenge(); }
  void receive(BytesView client_key) { EXPECT_TRUE(server_.receive(client_key).ok()); }
  Bytes verify(BytesView client_proof) { return *server_.verify(client_proof); }
  Bytes key() {
    const auto key = server_.session_key();
    return Bytes(key->view().begin(), key->view().end());
  }

 private:
  srp::Server server_;
};

// One login, in RFC 5054's order; true when both sides hold the same,
// non-empty key.
template <class Client, class Server>
bool logs_in(Client& client, Server& server, BytesView salt) {
  const Bytes server_key = server.challenge();
  const Bytes client_key = client.start();
  server.receive(client_key);
  const Bytes server_proof = server.verify(client.respond(salt, server_key));
  if (!client.verify(server_proof)) return false;
  const Bytes key = client.key();
  return !key.empty() && key == server.key();
}

struct VariantCase {
  const char* name;
  std::unique_ptr<Variants> (*make)();
};

class CApiSrpLogin : public ::testing::TestWithParam<VariantCase> {};

TEST_P(CApiSrpLogin, CClientAndCServerAgreeOnTheKey) {
  const auto variants = GetParam().make();
  const srp::VerifierRecord record = register_in_c(variants->c, password);
  CClient client(variants->c, password);
  CServer server(variants->c, record);
  EXPECT_TRUE(logs_in(client, server, record.salt));
}

TEST_P(CApiSrpLogin, CClientLogsInToACppServer) {
  const auto variants = GetParam().make();
  const srp::VerifierRecord record = register_in_c(variants->c, password);
  CClient client(variants->c, password);
  CppServer server(*variants->cpp, record);
  EXPECT_TRUE(logs_in(client, server, record.salt));
}

TEST_P(CApiSrpLogin, CppClientLogsInToACServer) {
  const auto variants = GetParam().make();
  const srp::VerifierRecord record =
      *srp::register_password(*variants->cpp, as_bytes(identity), as_bytes(password), crypto::system_random());
  CppClient client(*variants->cpp, password);
  CServer server(variants->c, record);
  EXPECT_TRUE(logs_in(client, server, record.salt));
}

TEST_P(CApiSrpLogin, RegistrationGivesTheCppVerifierForItsSalt) {
  const auto variants = GetParam().make();
  const srp::VerifierRecord record = register_in_c(variants->c, password);
  EXPECT_EQ(record.salt.size(), variants->cpp->salt_size());
  const auto expected = srp::make_verifier_record(*variants->cpp, as_bytes(identity), as_bytes(password), record.salt);
  EXPECT_EQ(record.verifier, expected->verifier);
}

TEST_P(CApiSrpLogin, AWrongPasswordFailsTheServerForGood) {
  const auto variants = GetParam().make();
  const srp::VerifierRecord record = register_in_c(variants->c, password);
  CClient client(variants->c, "wrong password");
  CServer server(variants->c, record);
  const Bytes server_key = server.challenge();
  server.receive(client.start());
  const Bytes client_proof = client.respond(record.salt, server_key);
  Buffer server_proof;
  EXPECT_EQ(conclave_srp_server_verify(server.handle(), client_proof.data(), client_proof.size(), server_proof.out()),
            CONCLAVE_E_PROOF_INVALID);
  EXPECT_TRUE(server_proof.empty());
  EXPECT_EQ(conclave_srp_server_verify(server.handle(), client_proof.data(), client_proof.size(), server_proof.out()),
            CONCLAVE_E_OUT_OF_ORDER);
  Buffer key;
  EXPECT_EQ(conclave_srp_server_session_key(server.handle(), key.out()), CONCLAVE_E_OUT_OF_ORDER);
}

INSTANTIATE_TEST_SUITE_P(Variants, CApiSrpLogin,
                         ::testing::Values(VariantCase{"Rfc5054", rfc5054_variants},
                                           VariantCase{"Proton", proton_variants}),
                         [](const auto& test) { return std::string(test.param.name); });

TEST(CApiSrp, AForgedServerProofFailsTheClient) {
  const auto variants = rfc5054_variants();
  const srp::VerifierRecord record = register_in_c(variants->c, password);
  CClient client(variants->c, password);
  CServer server(variants->c, record);
  const Bytes server_key = server.challenge();
  server.receive(client.start());
  Bytes server_proof = server.verify(client.respond(record.salt, server_key));
  server_proof[0] ^= 1;
  EXPECT_EQ(conclave_srp_client_verify(client.handle(), server_proof.data(), server_proof.size()),
            CONCLAVE_E_PROOF_INVALID);
  server_proof[0] ^= 1;
  EXPECT_EQ(conclave_srp_client_verify(client.handle(), server_proof.data(), server_proof.size()),
            CONCLAVE_E_OUT_OF_ORDER);
  Buffer key;
  EXPECT_EQ(conclave_srp_client_session_key(client.handle(), key.out()), CONCLAVE_E_OUT_OF_ORDER);
}

TEST(CApiSrp, VariantFreedFirstStaysAliveForItsClientAndServer) {
  conclave_srp_variant* variant = nullptr;
  ASSERT_EQ(conclave_srp_variant_rfc5054(2048, &variant), CONCLAVE_OK);
  const srp::VerifierRecord record = register_in_c(variant, password);
  CClient client(variant, password);
  CServer server(variant, record);
  conclave_srp_variant_free(variant);
  Buffer unused_salt, unused_verifier;
  EXPECT_EQ(conclave_srp_register(variant, nullptr, 0, nullptr, 0, unused_salt.out(), unused_verifier.out()),
            CONCLAVE_E_INVALID_HANDLE);
  EXPECT_TRUE(logs_in(client, server, record.salt));
}

TEST(CApiSrp, VariantsRefuseBadSizesAndModuli) {
  conclave_srp_variant* variant = nullptr;
  EXPECT_EQ(conclave_srp_variant_rfc5054(2000, &variant), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_variant_rfc5054(1024, &variant), CONCLAVE_E_GROUP_TOO_SMALL);
  EXPECT_EQ(conclave_srp_variant_rfc5054(1536, &variant), CONCLAVE_E_GROUP_TOO_SMALL);
  EXPECT_EQ(conclave_srp_variant_rfc5054(2048, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  const Bytes modulus = proton_modulus();
  EXPECT_EQ(conclave_srp_variant_proton(nullptr, modulus.size(), &variant), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_variant_proton(modulus.data(), modulus.size(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_variant_proton(modulus.data(), modulus.size() - 1, &variant), CONCLAVE_E_INVALID_GROUP);
  Bytes composite = modulus;
  composite[0] ^= 2;  // N + 2 or N - 2: still odd, no longer the safe prime
  EXPECT_EQ(conclave_srp_variant_proton(composite.data(), composite.size(), &variant), CONCLAVE_E_INVALID_GROUP);
  EXPECT_EQ(conclave_srp_variant_proton(nullptr, 0, &variant), CONCLAVE_E_INVALID_GROUP);
  EXPECT_EQ(variant, nullptr);
}

TEST(CApiSrp, ProtonRefusesANulInThePasswordAtRegistration) {
  const auto variants = proton_variants();
  const std::string with_nul("pass\0word", 9);
  Buffer salt, verifier;
  EXPECT_EQ(conclave_srp_register(variants->c, data_of(identity), identity.size(), data_of(with_nul),
                                  with_nul.size(), salt.out(), verifier.out()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(salt.empty());
  EXPECT_TRUE(verifier.empty());
}

// A variant, a registration, a C client and a C server, ready to log in;
// the boundary tests call each function wrongly first, then log in to show
// that nothing changed.
class CApiSrpBoundary : public ::testing::Test {
 protected:
  CApiSrpBoundary() {
    EXPECT_EQ(conclave_srp_variant_rfc5054(2048, &variant_), CONCLAVE_OK);
    record_ = register_in_c(variant_, password);
    client_ = std::make_unique<CClient>(variant_, password);
    server_ = std::make_unique<CServer>(variant_, record_);
  }
  ~CApiSrpBoundary() override { conclave_srp_variant_free(variant_); }

  bool logs_in() { return ::logs_in(*client_, *server_, record_.salt); }

  conclave_srp_variant* variant_ = nullptr;
  srp::VerifierRecord record_;
  std::unique_ptr<CClient> client_;
  std::unique_ptr<CServer> server_;
  const std::uint8_t byte_ = 7;
  const Bytes some_ = Bytes(256, 2);
};

// Every function given a NULL, wrong-kind or freed handle.
TEST_F(CApiSrpBoundary, EveryFunctionRefusesAHandleNotLiveOfItsKind) {
  conclave_srp_client* freed_client = nullptr;
  ASSERT_EQ(conclave_srp_client_create(variant_, nullptr, 0, nullptr, 0, &freed_client), CONCLAVE_OK);
  conclave_srp_client_free(freed_client);
  conclave_srp_server* freed_server = nullptr;
  ASSERT_EQ(conclave_srp_server_create(variant_, record_.identity.data(), record_.identity.size(),
                                       record_.salt.data(), record_.salt.size(), record_.verifier.data(),
                                       record_.verifier.size(), &freed_server),
            CONCLAVE_OK);
  conclave_srp_server_free(freed_server);
  const auto* wrong_variant = wrong_kind<const conclave_srp_variant>(server_->handle());
  conclave_srp_client* const clients[] = {nullptr, freed_client, wrong_kind<conclave_srp_client>(server_->handle())};
  conclave_srp_server* const servers[] = {nullptr, freed_server, wrong_kind<conclave_srp_server>(client_->handle())};

  for (const conclave_srp_variant* variant : {static_cast<const conclave_srp_variant*>(nullptr), wrong_variant}) {
    Buffer salt, verifier;
    EXPECT_EQ(conclave_srp_register(variant, nullptr, 0, nullptr, 0, salt.out(), verifier.out()),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_TRUE(salt.empty() && verifier.empty());
    conclave_srp_client* client = nullptr;
    EXPECT_EQ(conclave_srp_client_create(variant, nullptr, 0, nullptr, 0, &client), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(client, nullptr);
    conclave_srp_server* server = nullptr;
    EXPECT_EQ(conclave_srp_server_create(variant, nullptr, 0, record_.salt.data(), record_.salt.size(),
                                         record_.verifier.data(), record_.verifier.size(), &server),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(server, nullptr);
  }
  for (conclave_srp_client* client : clients) {
    Buffer out;
    EXPECT_EQ(conclave_srp_client_start(client, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_client_respond(client, some_.data(), 16, some_.data(), some_.size(), out.out()),
              CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_client_verify(client, some_.data(), 32), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_client_session_key(client, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_TRUE(out.empty());
    conclave_srp_client_free(client);
  }
  for (conclave_srp_server* server : servers) {
    Buffer out;
    EXPECT_EQ(conclave_srp_server_challenge(server, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_server_receive(server, some_.data(), some_.size()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_server_verify(server, some_.data(), 32, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_EQ(conclave_srp_server_session_key(server, out.out()), CONCLAVE_E_INVALID_HANDLE);
    EXPECT_TRUE(out.empty());
    conclave_srp_server_free(server);
  }
  conclave_srp_variant_free(nullptr);
  conclave_srp_variant_free(wrong_kind<conclave_srp_variant>(server_->handle()));
  EXPECT_TRUE(logs_in());
}

// Every constructor and registration given a NULL pointer with a size, a
// NULL output, or an output buffer that is not empty.
TEST_F(CApiSrpBoundary, ConstructorsAndRegistrationRefuseBadPointers) {
  std::uint8_t held = 9;
  conclave_buffer full{&held, 1};
  conclave_buffer empty{nullptr, 0};
  EXPECT_EQ(conclave_srp_register(variant_, nullptr, 1, nullptr, 0, &empty, &empty), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_register(variant_, nullptr, 0, nullptr, 1, &empty, &empty), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_register(variant_, nullptr, 0, nullptr, 0, nullptr, &empty), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_register(variant_, nullptr, 0, nullptr, 0, &empty, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(empty.data == nullptr && full.data == &held && full.size == 1);

  conclave_srp_client* client = nullptr;
  EXPECT_EQ(conclave_srp_client_create(variant_, nullptr, 1, nullptr, 0, &client), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_create(variant_, nullptr, 0, nullptr, 1, &client), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_create(variant_, nullptr, 0, nullptr, 0, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(client, nullptr);

  conclave_srp_server* server = nullptr;
  const Bytes& v = record_.verifier;
  const Bytes& s = record_.salt;
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 1, s.data(), s.size(), v.data(), v.size(), &server),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 0, nullptr, 1, v.data(), v.size(), &server),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 0, s.data(), s.size(), nullptr, 1, &server),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 0, s.data(), s.size(), v.data(), v.size(), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 0, nullptr, 0, v.data(), v.size(), &server),
            CONCLAVE_E_INVALID_ARGUMENT);  // no salt
  EXPECT_EQ(conclave_srp_server_create(variant_, nullptr, 0, s.data(), s.size(), v.data(), v.size() - 1, &server),
            CONCLAVE_E_INVALID_ARGUMENT);  // v not len(N) bytes
  EXPECT_EQ(server, nullptr);
  EXPECT_TRUE(logs_in());
}

// Each step given a NULL pointer with a size, a NULL output, or an output
// buffer that is not empty: refused, and the step then still works (it did
// not advance or fail the state machine).
TEST_F(CApiSrpBoundary, EachStepRefusesBadPointersAndStaysWhereItWas) {
  std::uint8_t held = 9;
  conclave_buffer full{&held, 1};
  EXPECT_EQ(conclave_srp_server_challenge(server_->handle(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_challenge(server_->handle(), &full), CONCLAVE_E_INVALID_ARGUMENT);
  const Bytes server_key = server_->challenge();
  EXPECT_EQ(conclave_srp_client_start(client_->handle(), nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_start(client_->handle(), &full), CONCLAVE_E_INVALID_ARGUMENT);
  const Bytes client_key = client_->start();
  EXPECT_EQ(conclave_srp_server_receive(server_->handle(), nullptr, client_key.size()), CONCLAVE_E_INVALID_ARGUMENT);
  server_->receive(client_key);

  conclave_srp_client* c = client_->handle();
  const Bytes& s = record_.salt;
  Buffer out;
  EXPECT_EQ(conclave_srp_client_respond(c, nullptr, s.size(), server_key.data(), server_key.size(), out.out()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_respond(c, s.data(), s.size(), nullptr, server_key.size(), out.out()),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_respond(c, s.data(), s.size(), server_key.data(), server_key.size(), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_respond(c, s.data(), s.size(), server_key.data(), server_key.size(), &full),
            CONCLAVE_E_INVALID_ARGUMENT);
  const Bytes client_proof = client_->respond(s, server_key);

  conclave_srp_server* sv = server_->handle();
  EXPECT_EQ(conclave_srp_server_verify(sv, nullptr, client_proof.size(), out.out()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_verify(sv, client_proof.data(), client_proof.size(), nullptr),
            CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_verify(sv, client_proof.data(), client_proof.size(), &full),
            CONCLAVE_E_INVALID_ARGUMENT);
  const Bytes server_proof = server_->verify(client_proof);

  EXPECT_EQ(conclave_srp_client_verify(c, nullptr, server_proof.size()), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(client_->verify(server_proof));
  EXPECT_EQ(conclave_srp_client_session_key(c, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_client_session_key(c, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_session_key(sv, nullptr), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_EQ(conclave_srp_server_session_key(sv, &full), CONCLAVE_E_INVALID_ARGUMENT);
  EXPECT_TRUE(full.data == &held && full.size == 1);
  EXPECT_EQ(client_->key(), server_->key());
}

// Steps out of order: OUT_OF_ORDER, and the login then runs as if they had
// not been made.
TEST_F(CApiSrpBoundary, StepsOutOfOrderChangeNothing) {
  Buffer out;
  EXPECT_EQ(conclave_srp_client_respond(client_->handle(), record_.salt.data(), record_.salt.size(), some_.data(),
                                        some_.size(), out.out()),
            CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_srp_client_verify(client_->handle(), some_.data(), 32), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_srp_client_session_key(client_->handle(), out.out()), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_srp_server_receive(server_->handle(), some_.data(), some_.size()), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_srp_server_verify(server_->handle(), some_.data(), 32, out.out()), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_EQ(conclave_srp_server_session_key(server_->handle(), out.out()), CONCLAVE_E_OUT_OF_ORDER);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(logs_in());
}

// A bad B or A from the peer fails the login, as in the C++ API.
TEST_F(CApiSrpBoundary, ABadPublicKeyFailsTheStep) {
  const Bytes server_key = server_->challenge();
  const Bytes client_key = client_->start();
  const Bytes zero(client_key.size(), 0);
  EXPECT_EQ(conclave_srp_server_receive(server_->handle(), zero.data(), zero.size()), CONCLAVE_E_INVALID_PUBLIC_KEY);
  EXPECT_EQ(conclave_srp_server_receive(server_->handle(), client_key.data(), client_key.size()),
            CONCLAVE_E_OUT_OF_ORDER);
  Buffer proof;
  EXPECT_EQ(conclave_srp_client_respond(client_->handle(), record_.salt.data(), record_.salt.size(),
                                        server_key.data(), server_key.size() - 1, proof.out()),
            CONCLAVE_E_INVALID_PUBLIC_KEY);
  EXPECT_TRUE(proof.empty());
}

}  // namespace
