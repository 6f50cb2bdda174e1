#include "crash_script.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "conclave/mls/extension_types.hpp"

namespace conclave::test::crash {

namespace {

using namespace conclave::mls;

const Bytes psk_id{'c', 'r', 'a', 's', 'h'};

const CipherSuite& suite() {
  static const auto s = *CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519);
  return s;
}

Bytes text(const std::string& value) { return Bytes(value.begin(), value.end()); }

// An application message made now, for Bob to receive later.
struct Held {
  MlsMessage message;
  Bytes plaintext;
};

// The other members, driven in memory; each Commit is processed by every
// one of them and appended to the script for Bob.
class Builder {
 public:
  explicit Builder(BytesView seed) : random_(seed) {}

  Group start() {
    members_.emplace("alice", std::move(*Group::create(suite(), text("crash"), key_package("alice"), {},
                                                         member_config(), random_)));
    auto bob_bundle = key_package("bob");
    auto carol_bundle = key_package("carol");
    auto output = must(alice().commit({.proposals = {Proposal{Add{bob_bundle.key_package}},
                                                     Proposal{Add{carol_bundle.key_package}}}},
                                      random_));
    must(alice().merge_pending_commit());
    const auto& welcome = *output.welcome->body.get_if<Welcome>();
    members_.emplace("carol", joined(welcome, std::move(carol_bundle)));
    script_.group_id = text("crash");
    script_.first_epoch = alice().epoch();
    record_epoch();
    return joined(welcome, std::move(bob_bundle));
  }

  // One round: 8 epochs, each kind of Commit once.
  void round(int number) {
    const std::string r = std::to_string(number);
    say("alice");
    say("carol");
    bob_sends();
    auto late = hold("carol");
    add_by_value("dave" + r);
    deliver(late);
    say("dave" + r);
    const std::string frank = "frank" + r;
    auto frank_bundle = key_package(frank);
    propose("carol", must(member("carol").propose_update(random_)));
    propose("dave" + r, must(member("dave" + r).propose(Proposal{Add{frank_bundle.key_package}})));
    bob_sends();
    auto by_reference = commit("alice", {});
    members_.emplace(frank, joined(*by_reference.welcome->body.get_if<Welcome>(), std::move(frank_bundle)));
    say(frank);
    auto two_late = hold("alice");
    commit("carol", {.include_received = false, .force_path = true, .encrypt = true});
    say("alice");
    commit("alice", {.proposals = {Proposal{PreSharedKey{external_psk()}}}});
    deliver(two_late);
    say("carol");
    bob_sends();
    commit("dave" + r, {.proposals = {Proposal{extensions(number)}}});
    auto from_removed = hold(frank);
    commit("alice", {.proposals = {Proposal{Remove{member(frank).own_leaf().value}}}});
    members_.erase(frank);
    deliver(from_removed);
    join_externally("erin" + r);
    say("erin" + r);
    bob_sends();
    commit("carol", {.proposals = {Proposal{Remove{member("erin" + r).own_leaf().value}},
                                   Proposal{Remove{member("dave" + r).own_leaf().value}}}});
    members_.erase("erin" + r);
    members_.erase("dave" + r);
  }

  // The last Commit and message, for the checks only.
  Script finish() {
    script_.child_end = script_.steps.size();
    commit("alice", {.include_received = false, .force_path = true});
    say("carol");
    return std::move(script_);
  }

 private:
  // A step of the script's making that must succeed.
  static void must(const Status& status) {
    if (!status) throw std::runtime_error("crash script: " + std::string(to_string(status.error())));
  }
  template <class T>
  static T must(Result<T> result) {
    if (!result) throw std::runtime_error("crash script: " + std::string(to_string(result.error())));
    return std::move(*result);
  }

  KeyPackageBundle key_package(const std::string& name) {
    return *create_key_package(suite(), Credential{BasicCredential{text(name)}},
                               suite().signature().generate_key_pair(random_), {}, random_);
  }

  Group joined(const Welcome& welcome, KeyPackageBundle bundle) {
    return must(Group::join(welcome, bundle.key_package, std::move(bundle.keys), std::nullopt, member_config()));
  }

  Group& member(const std::string& name) { return members_.at(name); }
  Group& alice() { return member("alice"); }

  void record_epoch() {
    const auto authenticator = alice().epoch_authenticator();
    script_.authenticators.emplace(alice().epoch(), Bytes(authenticator.begin(), authenticator.end()));
    script_.readers.emplace(alice().epoch(), must(alice().serialize()));
  }

  void append(Step::Kind kind, MlsMessage message, Bytes plaintext = {}) {
    script_.steps.push_back({kind, alice().epoch(), std::move(message), std::move(plaintext)});
  }

  // Every member but `from` processes `message`.
  void deliver_to_members(const MlsMessage& message, const Group* from) {
    for (auto& [name, group] : members_) {
      if (&group != from) must(group.process(message));
    }
  }

  Held hold(const std::string& sender) {
    Bytes plaintext = text(sender + " says " + std::to_string(script_.steps.size()));
    auto message = must(member(sender).protect(plaintext, {}, random_));
    return {std::move(message), std::move(plaintext)};
  }

  void say(const std::string& sender) { deliver(hold(sender)); }

  void deliver(Held held) { append(Step::Kind::application, std::move(held.message), std::move(held.plaintext)); }

  void bob_sends() { append(Step::Kind::bob_sends, {}); }

  void propose(const std::string& proposer, const MlsMessage& proposal) {
    deliver_to_members(proposal, &member(proposer));
    append(Step::Kind::proposal, proposal);
  }

  CommitOutput commit(const std::string& committer, const CommitOptions& options) {
    Group& group = member(committer);
    auto output = must(group.commit(options, random_));
    append(Step::Kind::commit, output.commit);
    must(group.merge_pending_commit());
    deliver_to_members(output.commit, &group);
    record_epoch();
    return output;
  }

  void add_by_value(const std::string& name) {
    auto bundle = key_package(name);
    auto output = commit("alice", {.proposals = {Proposal{Add{bundle.key_package}}}, .include_received = false});
    members_.emplace(name, joined(*output.welcome->body.get_if<Welcome>(), std::move(bundle)));
  }

  void join_externally(const std::string& name) {
    const auto info = must(alice().group_info(true));
    auto joined = must(Group::join_external(*info.body.get_if<GroupInfo>(), key_package(name), std::nullopt,
                                            member_config(), random_));
    append(Step::Kind::commit, joined.commit);
    deliver_to_members(joined.commit, nullptr);
    members_.emplace(name, std::move(joined.group));
    record_epoch();
  }

  PreSharedKeyId external_psk() {
    Bytes nonce(suite().secret_size());
    random_.fill(nonce);
    return {{ExternalPskId{psk_id}}, std::move(nonce)};
  }

  // An external sender in even rounds, none in odd ones.
  GroupContextExtensions extensions(int number) {
    if (number % 2 != 0) return {};
    const ExternalSender sender{suite().signature().generate_key_pair(random_).public_key,
                                Credential{BasicCredential{text("delivery service")}}};
    return {{make_extension(ExternalSenders{{sender}})}};
  }

  crypto::DeterministicRandom random_;
  std::map<std::string, Group> members_;
  Script script_;
};

}  // namespace

std::size_t Script::first_step_of(std::uint64_t epoch) const {
  const auto found = std::find_if(steps.begin(), steps.end(), [&](const Step& step) { return step.epoch >= epoch; });
  return static_cast<std::size_t>(found - steps.begin());
}

std::uint64_t Script::epoch_after(std::ptrdiff_t index) const {
  if (index < 0) return first_epoch;
  const Step& step = steps.at(static_cast<std::size_t>(index));
  return step.kind == Step::Kind::commit ? step.epoch + 1 : step.epoch;
}

mls::GroupConfig member_config() {
  mls::GroupConfig config;
  config.psks = [](const mls::PreSharedKeyId& id) -> std::optional<crypto::Secret> {
    const auto* external = id.psk.get_if<mls::ExternalPskId>();
    if (external == nullptr || external->psk_id != psk_id) return std::nullopt;
    return crypto::Secret(Bytes(32, 0x5a));
  };
  return config;
}

Session make_session(BytesView seed, int rounds) {
  Builder builder(seed);
  auto bob = builder.start();
  for (int round = 0; round < rounds; ++round) builder.round(round);
  return {builder.finish(), std::move(bob)};
}

}  // namespace conclave::test::crash
