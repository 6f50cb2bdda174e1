// Feeds arbitrary bytes to every parser of the meeting layer, chosen by the
// first byte: the MeetingState extension, a JoinRequest (and its tag
// check), a MeetingMessage and the LinkRotation in it (and the link it
// carries), a meeting link, and a Commit posted to a fresh reference server
// that holds a real meeting (meeting_fuzz_setup.hpp). The Commit is raw
// bytes, or the meeting's valid CommitPost with byte edits: as they are, or
// with the edited Commit or GroupInfo signed again by the host, so that an
// edit reaches the checks behind the signature. Each parser must give a
// value or a typed error. The server must take a Commit whole (one log
// entry, the next epoch, its GroupInfo published) or not at all.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include "conclave/crypto/random.hpp"
#include "conclave/meeting/join_request.hpp"
#include "conclave/meeting/link.hpp"
#include "conclave/meeting/meeting_message.hpp"
#include "conclave/meeting/meeting_server.hpp"
#include "conclave/meeting/meeting_state.hpp"
#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/framing.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/welcome.hpp"
#include "decode_budget.hpp"
#include "meeting_fuzz_setup.hpp"

namespace {

using namespace conclave;
using namespace conclave::meeting;

constexpr codec::Limits limits = fuzz::fuzz_limits;

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

// Posts `post` from the host's session to a fresh server registered from
// the fuzz meeting's GroupInfo; traps unless the server took it whole or
// not at all. Returns whether it took it.
bool post(const CommitPost& post) {
  const auto& meeting = fuzz::fuzz_meeting();
  crypto::DeterministicRandom random(as_bytes("meeting fuzz server"));
  MeetingServer server(fuzz::meeting_fuzz_srp(), random);
  const Bytes token = server.create_meeting(meeting.registration).value();
  const MeetingRecord& record = *server.record(meeting.registration.meeting_id);
  const std::size_t log = record.log.size();
  const std::uint64_t epoch = record.epoch;
  const Bytes published = record.registration.group_info;
  const auto posted = server.post_commit(token, post);
  const bool whole = posted && *posted == log && record.log.size() == log + 1 && record.epoch == epoch + 1 &&
                     record.registration.group_info == post.group_info;
  const bool untouched =
      !posted && record.log.size() == log && record.epoch == epoch && record.registration.group_info == published;
  if (!whole && !untouched) __builtin_trap();
  return whole;
}

// The input as raw bytes: two 16-bit lengths, the Commit, the GroupInfo,
// and the rest as the Welcome (none when empty).
CommitPost raw_post(BytesView input) {
  const auto take = [&input](std::size_t wanted) {
    const std::size_t n = std::min(wanted, input.size());
    Bytes part(input.begin(), input.begin() + static_cast<std::ptrdiff_t>(n));
    input = input.subspan(n);
    return part;
  };
  const Bytes lengths = take(4);
  const auto length = [&lengths](std::size_t at) {
    return lengths.size() < at + 2 ? std::size_t{0} : std::size_t{lengths[at]} << 8 | lengths[at + 1];
  };
  CommitPost post{take(length(0)), take(length(2)), std::nullopt};
  if (!input.empty()) post.welcome = take(input.size());
  return post;
}

// Each three input bytes set the byte at a 16-bit offset (modulo the size).
void edit(Bytes& bytes, BytesView edits) {
  for (std::size_t i = 0; i + 3 <= edits.size() && !bytes.empty(); i += 3) {
    const std::size_t offset = (std::size_t{edits[i]} << 8 | edits[i + 1]) % bytes.size();
    bytes[offset] = edits[i + 2];
  }
}

// The valid post with the edits on its Commit, GroupInfo or Welcome (by the
// first byte; 3 drops the Welcome).
CommitPost edited_post(BytesView input) {
  CommitPost post = fuzz::fuzz_meeting().post;
  if (input.empty()) return post;
  Bytes* parts[] = {&post.commit, &post.group_info, &*post.welcome};
  if (input[0] % 4 == 3) {
    post.welcome.reset();
  } else {
    edit(*parts[input[0] % 4], input.subspan(1));
  }
  return post;
}

// The valid post with the edits on the Commit's FramedContent, signed again
// by the host (RFC 9420 section 6.1).
std::optional<CommitPost> resigned_commit(BytesView edits) {
  const auto& meeting = fuzz::fuzz_meeting();
  auto message = codec::decode<mls::MlsMessage>(meeting.post.commit).value();
  auto& plain = *message.body.get_if<mls::PublicMessage>();
  Bytes content = codec::encode(plain.content);
  edit(content, edits);
  auto edited = fuzz::decode_within_budget(content.size(), [&] { return codec::decode<mls::FramedContent>(content, limits); });
  if (!edited || !edited->content.holds<mls::Commit>()) return std::nullopt;
  plain.content = std::move(*edited);
  const Bytes tbs = mls::framed_content_tbs(mls::WireFormat::public_message, plain.content, meeting.context);
  plain.auth.signature = meeting.suite.sign_with_label(meeting.host_key, "FramedContentTBS", tbs).value();
  CommitPost post = meeting.post;
  post.commit = codec::encode(message);
  return post;
}

// The valid post with the edits on its GroupInfo, signed again by the host
// (section 12.4.3).
std::optional<CommitPost> resigned_group_info(BytesView edits) {
  const auto& meeting = fuzz::fuzz_meeting();
  auto message = codec::decode<mls::MlsMessage>(meeting.post.group_info).value();
  Bytes info = codec::encode(*message.body.get_if<mls::GroupInfo>());
  edit(info, edits);
  auto edited = fuzz::decode_within_budget(info.size(), [&] { return codec::decode<mls::GroupInfo>(info, limits); });
  if (!edited) return std::nullopt;
  edited->signature = meeting.suite.sign_with_label(meeting.host_key, "GroupInfoTBS", mls::group_info_tbs(*edited)).value();
  CommitPost post = meeting.post;
  post.group_info = codec::encode(mls::MlsMessage{mls::ProtocolVersion::mls10, mls::MessageBody{std::move(*edited)}});
  return post;
}

void post_commit(BytesView input) {
  // The unedited post must pass, or the edits would test nothing.
  static const bool valid_passes = post(fuzz::fuzz_meeting().post);
  if (!valid_passes) __builtin_trap();
  if (input.empty()) return;
  const BytesView rest = input.subspan(1);
  std::optional<CommitPost> chosen;
  switch (input[0] % 4) {
    case 0:
      chosen = raw_post(rest);
      break;
    case 1:
      chosen = edited_post(rest);
      break;
    case 2:
      chosen = resigned_commit(rest);
      break;
    default:
      chosen = resigned_group_info(rest);
      break;
  }
  if (chosen) (void)post(*chosen);
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
      if (request) (void)verify_join_request(fuzz::meeting_fuzz_psk(), *request);
      break;
    }
    case 2:
      parse_message(input);
      break;
    case 3:
      parse_link(input);
      break;
    default:
      post_commit(input);
      break;
  }
  return 0;
}
