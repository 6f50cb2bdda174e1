// draft-ietf-mls-partial test vectors for the partial client end to end:
// annotated-welcome (join at joiner_leaf_index with the published
// epoch_authenticator) and passive-client-scenarios (join, then per epoch
// the proposals, the AnnotatedCommit and the sender-authenticated
// application messages, with the published epoch_authenticator).

#include "check.hpp"
#include "conclave/mls/partial_group.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

std::string error_text(const Status& status) { return status.ok() ? "" : std::string(to_string(status.error())); }

// The partial client a case's annotated_welcome and keys give.
std::optional<PartialGroup> joined(const Json& v, CaseCheck& check) {
  const auto key_package = message_of<KeyPackage>(hex_field(v, "key_package"));
  const auto welcome = decoded_field<AnnotatedWelcome>(v, "annotated_welcome");
  check.expect(key_package && welcome, "key_package or annotated_welcome did not decode");
  if (!key_package || !welcome) return std::nullopt;
  KeyPackageKeys keys{crypto::Secret(hex_field(v, "init_priv")), crypto::Secret(hex_field(v, "encryption_priv")),
                      crypto::Secret(hex_field(v, "signature_priv"))};
  auto group = PartialGroup::join(*welcome, *key_package, std::move(keys), GroupConfig{.psks = external_psks(v)});
  check.expect(group.ok(), "join failed: " + error_text(group.ok() ? Status() : Status(group.error())));
  if (!group) return std::nullopt;
  return std::move(*group);
}

void check_welcome_case(const Json& v, CaseCheck& check) {
  auto group = joined(v, check);
  if (!group) return;
  check.expect(group->own_leaf().value == v.at("joiner_leaf_index").get<std::uint32_t>(), "joiner_leaf_index");
  check.expect_equal(group->epoch_authenticator(), hex_field(v, "epoch_authenticator"), "epoch_authenticator");
}

void follow_epoch(PartialGroup& group, const Json& epoch, const std::string& where, CaseCheck& check) {
  for (const auto& proposal : epoch.at("proposals")) {
    auto message = codec::decode<MlsMessage>(*from_hex(proposal.get<std::string>()));
    auto processed = message ? group.process(*message) : Result<Received>(message.error());
    check.expect(processed.ok(), "proposal rejected" + where);
  }
  const auto commit = decoded_field<AnnotatedCommit>(epoch, "annotated_commit");
  check.expect(commit.has_value(), "annotated_commit did not decode" + where);
  if (!commit) return;
  auto processed = group.process(*commit);
  check.expect(processed.ok(),
               "commit rejected" + where + ": " + error_text(processed.ok() ? Status() : Status(processed.error())));
  if (!processed) return;
  check.expect_equal(group.epoch_authenticator(), hex_field(epoch, "epoch_authenticator"), "epoch_authenticator" + where);
  for (const auto& entry : epoch.at("application_messages")) {
    // These files frame the PrivateMessage as an MLSMessage.
    auto message = codec::decode<SenderAuthenticatedMessage<MlsMessage>>(*from_hex(entry.get<std::string>()));
    auto opened = message ? group.process(message->message, message->sender_membership_proof)
                          : Result<Received>(message.error());
    check.expect(opened.ok() && opened->kind == Received::Kind::application,
                 "application message rejected" + where + ": " +
                     error_text(opened.ok() ? Status() : Status(opened.error())));
  }
}

void check_scenario_case(const Json& v, CaseCheck& check) {
  auto group = joined(v, check);
  if (!group) return;
  check.expect_equal(group->epoch_authenticator(), hex_field(v, "initial_epoch_authenticator"),
                     "initial_epoch_authenticator");
  std::size_t index = 0;
  for (const auto& epoch : v.at("epochs")) follow_epoch(*group, epoch, " in epoch " + std::to_string(index++), check);
}

}  // namespace

Tally check_partial_annotated_welcome(const Json& doc) { return check_partial_each(doc, check_welcome_case); }

Tally check_partial_scenarios(const Json& doc) { return check_partial_each(doc, check_scenario_case); }

}  // namespace conclave::vectors
