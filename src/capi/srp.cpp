// The C API's SRP-6a: variants, registration, and the client and server of
// one login (include/conclave.h, SRP section).

#include <memory>
#include <utility>

#include "capi/boundary.hpp"
#include "capi/handle_out.hpp"
#include "capi/handle_table.hpp"
#include "capi/srp_objects.hpp"
#include "conclave/crypto/hash.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/proton.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"

namespace conclave_capi {

/// A client and the variant it computes with (declared first: it outlives the client).
struct SrpClientObject {
  std::shared_ptr<const conclave::srp::Variant> variant;
  conclave::srp::Client client;
};

/// A server and the variant it computes with (declared first: it outlives the server).
struct SrpServerObject {
  std::shared_ptr<const conclave::srp::Variant> variant;
  conclave::srp::Server server;
};

template <>
struct HandleTraits<conclave_srp_client> {
  static constexpr Kind kind = Kind::srp_client;
  using Object = SrpClientObject;
};

template <>
struct HandleTraits<conclave_srp_server> {
  static constexpr Kind kind = Kind::srp_server;
  using Object = SrpServerObject;
};

namespace {

using conclave::BytesView;
namespace srp = conclave::srp;

conclave_status give_variant(std::shared_ptr<const srp::Variant> variant, conclave_srp_variant** out) {
  return give_handle(std::make_unique<SrpVariantObject>(SrpVariantObject{std::move(variant)}), out);
}

}  // namespace
}  // namespace conclave_capi

using namespace conclave_capi;

extern "C" {

conclave_status conclave_srp_variant_rfc5054(uint32_t bits, conclave_srp_variant** variant) {
  return guard([&] {
    if (variant == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto group = srp::rfc5054_group(bits);
    if (!group) return status_of(group.error());
    return give_variant(std::make_shared<const srp::Rfc5054>(std::move(*group), conclave::crypto::HashId::sha256),
                        variant);
  });
}

conclave_status conclave_srp_variant_proton(const uint8_t* modulus, size_t modulus_size,
                                            conclave_srp_variant** variant) {
  return guard([&] {
    const auto n = bytes_in(modulus, modulus_size);
    if (!n || variant == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto proton = srp::ProtonV4::create(*n);
    if (!proton) return status_of(proton.error());
    return give_variant(std::make_shared<const srp::ProtonV4>(std::move(*proton)), variant);
  });
}

void conclave_srp_variant_free(conclave_srp_variant* variant) { free_handle(variant); }

conclave_status conclave_srp_register(const conclave_srp_variant* variant, const uint8_t* identity,
                                      size_t identity_size, const uint8_t* password, size_t password_size,
                                      conclave_buffer* salt, conclave_buffer* verifier) {
  return guard([&] {
    const SrpVariantObject* object = object_of(variant);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto i = bytes_in(identity, identity_size);
    const auto p = bytes_in(password, password_size);
    if (!i || !p || !buffer_out_ok(salt) || !buffer_out_ok(verifier)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto record = srp::register_password(*object->variant, *i, *p, conclave::crypto::system_random());
    if (!record) return status_of(record.error());
    const conclave_status given = give(salt, record->salt);
    if (given != CONCLAVE_OK) return given;
    const conclave_status second = give(verifier, record->verifier);
    if (second != CONCLAVE_OK) conclave_buffer_free(salt);
    return second;
  });
}

conclave_status conclave_srp_client_create(const conclave_srp_variant* variant, const uint8_t* identity,
                                           size_t identity_size, const uint8_t* password, size_t password_size,
                                           conclave_srp_client** client) {
  return guard([&] {
    const SrpVariantObject* object = object_of(variant);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto i = bytes_in(identity, identity_size);
    const auto p = bytes_in(password, password_size);
    if (!i || !p || client == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    const srp::Variant& computes = *object->variant;
    return give_handle(std::make_unique<SrpClientObject>(SrpClientObject{
                           object->variant, srp::Client(computes, *i, *p, conclave::crypto::system_random())}),
                       client);
  });
}

conclave_status conclave_srp_client_start(conclave_srp_client* client, conclave_buffer* client_key) {
  return guard([&] {
    SrpClientObject* object = object_of(client);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (!buffer_out_ok(client_key)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->client.start(), client_key);
  });
}

conclave_status conclave_srp_client_respond(conclave_srp_client* client, const uint8_t* salt, size_t salt_size,
                                            const uint8_t* server_key, size_t server_key_size,
                                            conclave_buffer* client_proof) {
  return guard([&] {
    SrpClientObject* object = object_of(client);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto s = bytes_in(salt, salt_size);
    const auto b = bytes_in(server_key, server_key_size);
    if (!s || !b || !buffer_out_ok(client_proof)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->client.respond(*s, *b), client_proof);
  });
}

conclave_status conclave_srp_client_verify(conclave_srp_client* client, const uint8_t* server_proof,
                                           size_t server_proof_size) {
  return guard([&] {
    SrpClientObject* object = object_of(client);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto m2 = bytes_in(server_proof, server_proof_size);
    if (!m2) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(object->client.verify(*m2));
  });
}

conclave_status conclave_srp_client_session_key(const conclave_srp_client* client, conclave_buffer* key) {
  return guard([&] {
    const SrpClientObject* object = object_of(client);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (!buffer_out_ok(key)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->client.session_key(), key);
  });
}

void conclave_srp_client_free(conclave_srp_client* client) { free_handle(client); }

conclave_status conclave_srp_server_create(const conclave_srp_variant* variant, const uint8_t* identity,
                                           size_t identity_size, const uint8_t* salt, size_t salt_size,
                                           const uint8_t* verifier, size_t verifier_size,
                                           conclave_srp_server** server) {
  return guard([&] {
    const SrpVariantObject* object = object_of(variant);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto i = bytes_in(identity, identity_size);
    const auto s = bytes_in(salt, salt_size);
    const auto v = bytes_in(verifier, verifier_size);
    if (!i || !s || !v || server == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    srp::VerifierRecord record{owned(*i), owned(*s), owned(*v)};
    auto created = srp::Server::create(*object->variant, std::move(record), conclave::crypto::system_random());
    if (!created) return status_of(created.error());
    return give_handle(std::make_unique<SrpServerObject>(SrpServerObject{object->variant, std::move(*created)}),
                       server);
  });
}

conclave_status conclave_srp_server_challenge(conclave_srp_server* server, conclave_buffer* server_key) {
  return guard([&] {
    SrpServerObject* object = object_of(server);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (!buffer_out_ok(server_key)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->server.challenge(), server_key);
  });
}

conclave_status conclave_srp_server_receive(conclave_srp_server* server, const uint8_t* client_key,
                                            size_t client_key_size) {
  return guard([&] {
    SrpServerObject* object = object_of(server);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto a = bytes_in(client_key, client_key_size);
    if (!a) return CONCLAVE_E_INVALID_ARGUMENT;
    return status_of(object->server.receive(*a));
  });
}

conclave_status conclave_srp_server_verify(conclave_srp_server* server, const uint8_t* client_proof,
                                           size_t client_proof_size, conclave_buffer* server_proof) {
  return guard([&] {
    SrpServerObject* object = object_of(server);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto m1 = bytes_in(client_proof, client_proof_size);
    if (!m1 || !buffer_out_ok(server_proof)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->server.verify(*m1), server_proof);
  });
}

conclave_status conclave_srp_server_session_key(const conclave_srp_server* server, conclave_buffer* key) {
  return guard([&] {
    const SrpServerObject* object = object_of(server);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    if (!buffer_out_ok(key)) return CONCLAVE_E_INVALID_ARGUMENT;
    return give_result(object->server.session_key(), key);
  });
}

void conclave_srp_server_free(conclave_srp_server* server) { free_handle(server); }

}  // extern "C"
