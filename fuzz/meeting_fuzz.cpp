// Feeds arbitrary bytes to every parser of the meeting layer, chosen by the
// first byte: the MeetingState extension, a JoinRequest (and its tag
// check), a MeetingMessage and the LinkRotation in it (and the link it
// carries), a meeting link, and a message posted to the reference server.
// Each must give a value or a typed error; the server logs exactly what it
// accepts.

#include <cstdint>
#include <string>

#include "conclave/crypto/random.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/srp/group.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "decode_budget.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;

constexpr codec::Limits limits = fuzz::fuzz_limits;

const srp::Rfc5054& fuzz_srp() {
  static const srp::Rfc5054 variant(*srp::rfc5054_group(2048), crypto::HashId::sha256);
  return variant;
}

const PasswordPsk& fuzz_psk() {
  static const PasswordPsk psk{Bytes{'F', 'U', 'Z', 'Z'}, crypto::Secret(Bytes(32, 7))};
  return psk;
}

void parse_link(BytesView bytes) {
  auto link = MeetingLink::parse(std::string(bytes.begin(), bytes.end()));
  if (link && MeetingLink::parse(link->url().text()).value().url() != link->url()) __builtin_trap();
}

void parse_message(BytesView bytes) {
  auto message =
      fuzz::decode_within_budget(bytes.size(), [&] { return codec::decode<MeetingMessage>(bytes, limits); });
  if (!message || message->type != MeetingMessageType::link_rotation) return;
  auto rotation = codec::decode<LinkRotation>(message->body.view(), limits);
  if (rotation) parse_link(rotation->url.view());
}

// One meeting's registration, made once; each input gets a fresh server.
const MeetingRegistration& fuzz_registration() {
  static const MeetingRegistration registration = [] {
    crypto::DeterministicRandom random(as_bytes("meeting fuzz"));
    mls::GroupInfo info;
    info.group_context.epoch = 1;
    const mls::MlsMessage message{mls::ProtocolVersion::mls10, mls::MessageBody{info}};
    auto record = srp::register_password(fuzz_srp(), as_bytes("FUZZ"), as_bytes("password"), random);
    return MeetingRegistration{"FUZZ", std::move(*record), {}, {}, codec::encode(message)};
  }();
  return registration;
}

void post(BytesView bytes) {
  crypto::DeterministicRandom random(as_bytes("meeting fuzz server"));
  MeetingServer server(fuzz_srp(), random);
  const Bytes token = server.create_meeting(fuzz_registration()).value();
  const auto posted = server.post(token, Bytes(bytes.begin(), bytes.end()));
  const auto log = server.messages(token, 0);
  if (!log || log->size() != (posted ? 1u : 0u)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const BytesView input(data + 1, size - 1);
  switch (data[0] % 5) {
    case 0: {
      const mls::ExtensionList extensions{{meeting_state_extension, Bytes(input.begin(), input.end())}};
      (void)meeting_state_of(extensions);
      break;
    }
    case 1: {
      auto request =
          fuzz::decode_within_budget(size, [&] { return codec::decode<JoinRequest>(input, limits); });
      if (request) (void)verify_join_request(fuzz_psk(), *request);
      break;
    }
    case 2:
      parse_message(input);
      break;
    case 3:
      parse_link(input);
      break;
    default:
      post(input);
      break;
  }
  return 0;
}
