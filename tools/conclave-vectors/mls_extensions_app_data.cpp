// mls-extensions.json, "Updating Application Data in the GroupContext": a
// one-member group whose GroupContext has the case's extensions commits the
// case's AppDataUpdate proposals by value, under the file's component logic.
// The new GroupContext must have the extensions listed after, or, for an
// invalid list, the Commit is refused.

#include <utility>

#include "check.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"
#include "mls_extensions.hpp"

namespace conclave::vectors {

namespace {

using namespace conclave::mls;

// The file's logic: a component's new data is its current data followed by
// each update, in order; an empty update is refused.
Result<Bytes> appended(ComponentId, const Bytes* current, const std::vector<ProposedUpdate>& updates) {
  Bytes data = current != nullptr ? *current : Bytes{};
  for (const auto& update : updates) {
    if (update.update.empty()) return Errc::invalid_value;
    data.insert(data.end(), update.update.begin(), update.update.end());
  }
  return data;
}

GroupConfig config_of(const Json& v) {
  GroupConfig config;
  for (const auto& id : v.at("known_components")) {
    config.components.known.push_back(static_cast<ComponentId>(id.get<std::uint16_t>()));
  }
  config.components.update = appended;
  return config;
}

// The creator supports the dictionary and AppDataUpdate, which the
// GroupContexts of the file require.
Result<KeyPackageBundle> creator(const CipherSuite& suite, crypto::RandomSource& random) {
  KeyPackageOptions options;
  options.capabilities.extensions = {ExtensionType::app_data_dictionary};
  options.capabilities.proposals = {ProposalType::app_data_update};
  return create_key_package(suite, Credential{BasicCredential{Bytes{'v'}}},
                            suite.signature().generate_key_pair(random), options, random);
}

Result<Group> group_before(const CipherSuite& suite, const Json& v, crypto::RandomSource& random) {
  auto extensions = codec::decode<ExtensionList>(hex_field(v, "group_context_extensions_before"));
  if (!extensions) return extensions.error();
  auto bundle = creator(suite, random);
  if (!bundle) return bundle.error();
  return Group::create(suite, Bytes{'g'}, std::move(*bundle), std::move(*extensions), config_of(v), random);
}

CommitOptions commit_of(const Json& v) {
  CommitOptions options;
  for (const auto& proposal : v.at("proposals")) {
    auto decoded = codec::decode<Proposal>(hex_field(proposal, "encoded"));
    if (!decoded) throw std::invalid_argument("a proposal does not decode");
    options.proposals.push_back(std::move(*decoded));
  }
  return options;
}

void check_app_data_update(const Json& v, CaseCheck& check) {
  const auto suite = CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  auto& random = crypto::system_random();
  auto group = group_before(*suite, v, random);
  check.expect(group.ok(), "no group with the extensions before");
  if (!group) return;
  const auto committed = group->commit(commit_of(v), random);
  if (!v.at("valid").get<bool>()) {
    check.expect(!committed, "invalid list committed");
    return;
  }
  check.expect(committed.ok() && group->merge_pending_commit().ok(), "valid list refused");
  check.expect_equal(codec::encode(group->context().extensions), hex_field(v, "group_context_extensions_after"),
                     "extensions after");
}

}  // namespace

Tally check_app_data_update_cases(const Json& doc) {
  return check_member(doc, "app_data_updates", check_app_data_update);
}

}  // namespace conclave::vectors
