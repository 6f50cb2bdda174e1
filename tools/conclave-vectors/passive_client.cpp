// passive-client-*.json (mls-implementations): RFC 9420 sections 12.4.2 and
// 12.4.3.1 end to end. A client joins from a Welcome, then follows every
// epoch (proposals, then the commit), and its epoch_authenticator must equal
// the published one after the join and after each commit.

#include "check.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

std::optional<RatchetTreeNodes> supplied_tree(const Json& v) {
  if (!v.contains("ratchet_tree") || v.at("ratchet_tree").is_null()) return std::nullopt;
  auto nodes = codec::decode<RatchetTreeNodes>(hex_field(v, "ratchet_tree"));
  if (!nodes) return std::nullopt;
  return std::move(*nodes);
}

void follow_epochs(Group& group, const Json& v, CaseCheck& check) {
  std::size_t index = 0;
  for (const auto& epoch : v.at("epochs")) {
    const auto where = " in epoch " + std::to_string(index++);
    for (const auto& proposal : epoch.at("proposals")) {
      auto message = codec::decode<MlsMessage>(*from_hex(proposal.get<std::string>()));
      auto processed = message ? group.process(*message) : Result<Received>(message.error());
      check.expect(processed.ok(), "proposal rejected" + where + ": " +
                                       std::string(to_string(processed.error())));
    }
    auto commit = codec::decode<MlsMessage>(hex_field(epoch, "commit"));
    auto processed = commit ? group.process(*commit) : Result<Received>(commit.error());
    check.expect(processed.ok(), "commit rejected" + where + ": " +
                                     std::string(processed.ok() ? "" : to_string(processed.error())));
    if (!processed) return;
    check.expect_equal(group.epoch_authenticator(), hex_field(epoch, "epoch_authenticator"),
                       "epoch_authenticator" + where);
  }
}

void check_case(const Json& v, CaseCheck& check) {
  const auto key_package = message_of<KeyPackage>(hex_field(v, "key_package"));
  const auto welcome = message_of<Welcome>(hex_field(v, "welcome"));
  check.expect(key_package && welcome, "key_package or welcome did not decode");
  if (!key_package || !welcome) return;
  KeyPackageKeys keys{crypto::Secret(hex_field(v, "init_priv")),
                      crypto::Secret(hex_field(v, "encryption_priv")),
                      crypto::Secret(hex_field(v, "signature_priv"))};
  auto group = Group::join(*welcome, *key_package, std::move(keys), supplied_tree(v),
                           GroupConfig{.psks = external_psks(v)});
  check.expect(group.ok(), std::string("join failed: ") +
                               std::string(group.ok() ? "" : to_string(group.error())));
  if (!group) return;
  check.expect_equal(group->epoch_authenticator(), hex_field(v, "initial_epoch_authenticator"),
                     "initial_epoch_authenticator");
  follow_epochs(*group, v, check);
}

}  // namespace

Tally check_passive_client(const Json& doc) { return check_each(doc, check_case); }

}  // namespace conclave::vectors
