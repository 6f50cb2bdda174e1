// The C API's proposals (include/conclave.h): RFC 9420 section 12.1, and
// the external PSKs a group may use (section 8.4).

#include <utility>

#include "capi/mls_support.hpp"
#include "conclave/crypto/random.hpp"

using namespace conclave_capi;
using conclave::Errc;
using conclave::mls::MlsMessage;
using conclave::mls::Proposal;

namespace {

conclave_status check_sender(conclave_group* group, int encrypt, const conclave_buffer* message,
                             GroupObject*& object) {
  object = object_of(group);
  if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
  if (!is_flag(encrypt) || !buffer_out_ok(message)) return CONCLAVE_E_INVALID_ARGUMENT;
  return CONCLAVE_OK;
}

conclave::mls::ProposalOptions framing(int encrypt) {
  return {encrypt == 1 ? &conclave::crypto::system_random() : nullptr};
}

conclave_status give_sent(const conclave::Result<MlsMessage>& sent, conclave_buffer* message) {
  if (!sent.ok()) return status_of(sent.error());
  return give_message(message, *sent);
}

// Sends the proposal `make(group)` gives (checked before anything changes).
template <class Make>
conclave_status propose(conclave_group* group, int encrypt, conclave_buffer* message, Make&& make) {
  GroupObject* object = nullptr;
  if (const auto status = check_sender(group, encrypt, message, object); status != CONCLAVE_OK) return status;
  const ChangeScope change(*object);
  conclave::Result<Proposal> proposal = make(object->group);
  if (!proposal.ok()) return status_of(proposal.error());
  return give_sent(object->group.propose(std::move(*proposal), framing(encrypt)), message);
}

}  // namespace

extern "C" {

conclave_status conclave_group_set_external_psk(conclave_group* group, const uint8_t* psk_id, size_t psk_id_size,
                                                const uint8_t* secret, size_t secret_size) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto id = bytes_in(psk_id, psk_id_size);
    const auto value = bytes_in(secret, secret_size);
    if (!id || !value) return CONCLAVE_E_INVALID_ARGUMENT;
    (*object->psks)[owned(*id)] = conclave::crypto::Secret(*value);
    return CONCLAVE_OK;
  });
}

conclave_status conclave_group_propose_add(conclave_group* group, const uint8_t* key_package, size_t key_package_size,
                                           int encrypt, conclave_buffer* message) {
  return guard([&] {
    const auto bytes = bytes_in(key_package, key_package_size);
    return propose(group, encrypt, message, [&](const conclave::mls::Group&) -> conclave::Result<Proposal> {
      if (!bytes) return Errc::invalid_argument;
      auto added = decode_body<conclave::mls::KeyPackage>(*bytes);
      if (!added.ok()) return added.error();
      return Proposal{conclave::mls::Add{std::move(*added)}};
    });
  });
}

conclave_status conclave_group_propose_remove(conclave_group* group, uint32_t leaf, int encrypt,
                                              conclave_buffer* message) {
  return guard([&] {
    return propose(group, encrypt, message, [&](const conclave::mls::Group&) -> conclave::Result<Proposal> {
      return Proposal{conclave::mls::Remove{leaf}};
    });
  });
}

conclave_status conclave_group_propose_update(conclave_group* group, int encrypt, conclave_buffer* message) {
  return guard([&] {
    GroupObject* object = nullptr;
    if (const auto status = check_sender(group, encrypt, message, object); status != CONCLAVE_OK) return status;
    const ChangeScope change(*object);
    return give_sent(object->group.propose_update(conclave::crypto::system_random(), framing(encrypt)), message);
  });
}

conclave_status conclave_group_propose_external_psk(conclave_group* group, const uint8_t* psk_id, size_t psk_id_size,
                                                    int encrypt, conclave_buffer* message) {
  return guard([&] {
    const auto id = bytes_in(psk_id, psk_id_size);
    return propose(group, encrypt, message, [&](const conclave::mls::Group& sender) -> conclave::Result<Proposal> {
      if (!id) return Errc::invalid_argument;
      return external_psk_proposal(sender, *id);
    });
  });
}

conclave_status conclave_group_propose_self_remove(conclave_group* group, conclave_buffer* message) {
  return guard([&] {
    return propose(group, 0, message, [](const conclave::mls::Group&) -> conclave::Result<Proposal> {
      return Proposal{conclave::mls::SelfRemove{}};
    });
  });
}

}  // extern "C"
