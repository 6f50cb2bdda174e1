// The C API's messages (include/conclave.h): RFC 9420 sections 6 and 12,
// received and protected.

#include "capi/mls_support.hpp"
#include "conclave/crypto/random.hpp"

using namespace conclave_capi;
using conclave::mls::Received;

namespace {

bool received_ok(const conclave_received* received) noexcept {
  return received != nullptr && buffer_out_ok(&received->application_data) &&
         buffer_out_ok(&received->authenticated_data);
}

int kind_of(Received::Kind kind) noexcept {
  switch (kind) {
    case Received::Kind::application:
      return CONCLAVE_RECEIVED_APPLICATION;
    case Received::Kind::proposal:
      return CONCLAVE_RECEIVED_PROPOSAL;
    case Received::Kind::commit:
      break;
  }
  return CONCLAVE_RECEIVED_COMMIT;
}

std::uint32_t sender_index_of(const conclave::mls::Sender& sender) noexcept {
  if (const auto* member = sender.get_if<conclave::mls::MemberSender>()) return member->leaf_index;
  if (const auto* external = sender.get_if<conclave::mls::ExternalSenderIndex>()) return external->sender_index;
  return 0;
}

conclave_status give_received(Received& read, conclave_received* received) {
  conclave_received filled{};
  filled.kind = kind_of(read.kind);
  filled.sender_type = static_cast<std::uint8_t>(read.sender.tag());
  filled.sender_index = sender_index_of(read.sender);
  filled.removed = read.removed ? 1 : 0;
  filled.epoch = read.epoch;
  auto status = give(&filled.application_data, read.application_data);
  // The application data may be secret: the copy handed out is the only one left.
  conclave::crypto::secure_zero(conclave::MutableBytesView(read.application_data));
  if (status == CONCLAVE_OK) status = give(&filled.authenticated_data, read.authenticated_data);
  if (status != CONCLAVE_OK) {
    conclave_received_free(&filled);
    return status;
  }
  *received = filled;
  return CONCLAVE_OK;
}

}  // namespace

extern "C" {

void conclave_received_free(conclave_received* received) {
  if (received == nullptr) return;
  conclave_buffer_free(&received->application_data);
  conclave_buffer_free(&received->authenticated_data);
}

conclave_status conclave_group_process(conclave_group* group, const uint8_t* message, size_t message_size,
                                       conclave_received* received) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto bytes = bytes_in(message, message_size);
    if (!bytes || !received_ok(received)) return CONCLAVE_E_INVALID_ARGUMENT;
    const auto decoded = conclave::codec::decode<conclave::mls::MlsMessage>(*bytes);
    if (!decoded.ok()) return status_of(decoded.error());
    const ChangeScope change(*object);
    auto read = object->group.process(*decoded);
    if (!read.ok()) return status_of(read.error());
    return give_received(*read, received);
  });
}

conclave_status conclave_group_protect(conclave_group* group, const uint8_t* data, size_t data_size,
                                       const uint8_t* aad, size_t aad_size, conclave_buffer* message) {
  return guard([&] {
    auto* object = object_of(group);
    if (object == nullptr) return CONCLAVE_E_INVALID_HANDLE;
    const auto plaintext = bytes_in(data, data_size);
    const auto authenticated = bytes_in(aad, aad_size);
    if (!plaintext || !authenticated || !buffer_out_ok(message)) return CONCLAVE_E_INVALID_ARGUMENT;
    const ChangeScope change(*object);
    const auto sent = object->group.protect(*plaintext, *authenticated, conclave::crypto::system_random());
    if (!sent.ok()) return status_of(sent.error());
    return give_message(message, *sent);
  });
}

}  // extern "C"
