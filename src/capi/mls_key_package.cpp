// The C API's KeyPackages (include/conclave.h): RFC 9420 section 10.

#include "capi/mls_support.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/credential.hpp"

using namespace conclave_capi;
using conclave::mls::KeyPackageBundle;

namespace {

conclave::Result<KeyPackageBundle> new_key_package(std::uint16_t suite_id, conclave::BytesView identity) {
  const auto suite = conclave::mls::CipherSuite::find(static_cast<conclave::mls::CipherSuiteId>(suite_id));
  if (!suite.ok()) return suite.error();
  auto& random = conclave::crypto::system_random();
  const conclave::mls::Credential credential{conclave::mls::BasicCredential{owned(identity)}};
  // draft-ietf-mls-extensions: a SelfRemove needs every member to list it
  // (RFC 9420 section 12.2), and conclave_group_propose_self_remove() sends one.
  conclave::mls::KeyPackageOptions options;
  options.capabilities.proposals.push_back(conclave::mls::ProposalType::self_remove);
  return conclave::mls::create_key_package(*suite, credential, suite->signature().generate_key_pair(random),
                                           options, random);
}

// The unspent bundle behind `key_package` with an empty `out`, or the status refusing them.
conclave_status readable(const conclave_key_package* key_package, const conclave_buffer* out,
                         const KeyPackageBundle*& bundle) {
  const auto* object = object_of(key_package);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  bundle = bundle_of(*object);
  if (bundle == nullptr || !buffer_out_ok(out)) return CONCLAVE_E_INVALID_ARGUMENT;
  return CONCLAVE_OK;
}

}  // namespace

extern "C" {

conclave_status conclave_key_package_create(uint16_t suite, const uint8_t* identity, size_t identity_size,
                                            conclave_key_package** key_package) {
  return guard([&] {
    const auto name = bytes_in(identity, identity_size);
    if (!name || key_package == nullptr) return CONCLAVE_E_INVALID_ARGUMENT;
    auto bundle = new_key_package(suite, *name);
    if (!bundle.ok()) return status_of(bundle.error());
    return give_handle(std::make_unique<KeyPackageObject>(KeyPackageObject{std::move(*bundle)}), key_package);
  });
}

conclave_status conclave_key_package_public(const conclave_key_package* key_package, conclave_buffer* message) {
  return guard([&] {
    const KeyPackageBundle* bundle = nullptr;
    if (const auto status = readable(key_package, message, bundle); status != CONCLAVE_OK) return status;
    return give_message(message, conclave::mls::MlsMessage{conclave::mls::ProtocolVersion::mls10,
                                                           {bundle->key_package}});
  });
}

conclave_status conclave_key_package_ref(const conclave_key_package* key_package, conclave_buffer* ref) {
  return guard([&] {
    const KeyPackageBundle* bundle = nullptr;
    if (const auto status = readable(key_package, ref, bundle); status != CONCLAVE_OK) return status;
    const auto suite = conclave::mls::CipherSuite::find(bundle->key_package.cipher_suite);
    if (!suite.ok()) return status_of(suite.error());
    return give(ref, conclave::mls::key_package_ref(*suite, bundle->key_package));
  });
}

void conclave_key_package_free(conclave_key_package* key_package) { free_handle(key_package); }

}  // extern "C"
