// messages.json (mls-implementations): every wire structure of RFC 9420,
// decoded and re-encoded byte for byte.

#include "check.hpp"
#include "conclave/codec/codec.hpp"
#include "conclave/mls/commit.hpp"
#include "conclave/mls/message.hpp"
#include "conclave/mls/tree_node.hpp"
#include "conclave/mls/welcome.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

// An MLSMessage that must also carry the expected wire format.
void message_round_trip(const Json& v, const char* field, WireFormat expected, CaseCheck& check) {
  expect_round_trip<MlsMessage>(v, field, check);
  auto decoded = codec::decode<MlsMessage>(hex_field(v, field));
  check.expect(decoded.ok() && decoded->body.tag() == expected, std::string(field) + " wire format");
}

void check_case(const Json& v, CaseCheck& check) {
  message_round_trip(v, "mls_welcome", WireFormat::welcome, check);
  message_round_trip(v, "mls_group_info", WireFormat::group_info, check);
  message_round_trip(v, "mls_key_package", WireFormat::key_package, check);
  message_round_trip(v, "public_message_application", WireFormat::public_message, check);
  message_round_trip(v, "public_message_proposal", WireFormat::public_message, check);
  message_round_trip(v, "public_message_commit", WireFormat::public_message, check);
  message_round_trip(v, "private_message", WireFormat::private_message, check);
  expect_round_trip<RatchetTreeNodes>(v, "ratchet_tree", check);
  expect_round_trip<GroupSecrets>(v, "group_secrets", check);
  expect_round_trip<Add>(v, "add_proposal", check);
  expect_round_trip<Update>(v, "update_proposal", check);
  expect_round_trip<Remove>(v, "remove_proposal", check);
  expect_round_trip<PreSharedKey>(v, "pre_shared_key_proposal", check);
  expect_round_trip<ReInit>(v, "re_init_proposal", check);
  expect_round_trip<ExternalInit>(v, "external_init_proposal", check);
  expect_round_trip<GroupContextExtensions>(v, "group_context_extensions_proposal", check);
  expect_round_trip<Commit>(v, "commit", check);
}

}  // namespace

Tally check_messages(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
