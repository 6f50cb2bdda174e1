// conclave-capi-peer: one member of an MLS group (suite 1) through the C++
// API only, so that the Python package's tests can check what the C API
// computes against it. Messages are MLSMessage bytes in hex; `usage` below
// gives the commands.

#include <cstdint>
#include <ctime>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/storage/key_packages.hpp"
#include "conclave/storage/sqlite_store.hpp"
#include "common/line_tool.hpp"
#include "common/options.hpp"

namespace {

using namespace conclave;
using tools::fail;
using tools::require;
using tools::value_of;
using namespace conclave::mls;

const CipherSuite& suite() {
  static const auto s = value_of(CipherSuite::find(CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519));
  return s;
}

Bytes bytes_of(std::string_view text) {
  const auto view = as_bytes(text);
  return {view.begin(), view.end()};
}

KeyPackageBundle key_package(std::string_view identity) {
  auto& random = crypto::system_random();
  return value_of(create_key_package(suite(), Credential{BasicCredential{bytes_of(identity)}},
                                     suite().signature().generate_key_pair(random), {}, random));
}

storage::SqliteStore open_store(const std::string& path) { return value_of(storage::SqliteStore::open(path)); }

void print_key_package(const std::string& state, std::string_view identity) {
  const auto bundle = key_package(identity);
  auto store = open_store(state);
  require(storage::save_key_package(store, bundle));
  std::cout << to_hex(codec::encode(MlsMessage{.body = bundle.key_package})) << std::endl;
}

void print_joined_authenticator(const std::string& state, std::string_view welcome_hex) {
  const auto message = value_of(codec::decode<MlsMessage>(value_of(from_hex(welcome_hex))));
  const auto* welcome = message.body.get_if<Welcome>();
  if (welcome == nullptr) fail("not a Welcome");
  auto store = open_store(state);
  const auto group = value_of(Group::join(*welcome, store, std::nullopt, {}));
  std::cout << to_hex(group.epoch_authenticator()) << std::endl;
}

// The creator of a `members`-member group, all added in one Commit.
Group group_of(std::uint32_t members) {
  auto& random = crypto::system_random();
  auto creator = value_of(Group::create(suite(), bytes_of("bench"), key_package("0"), {}, {}, random));
  CommitOptions everyone{.include_received = false, .force_path = true};
  for (std::uint32_t i = 1; i < members; ++i) {
    everyone.proposals.push_back(Proposal{Add{key_package(std::to_string(i)).key_package}});
  }
  value_of(creator.commit(everyone, random));
  require(creator.merge_pending_commit());
  return creator;
}

// CPU milliseconds of one empty Commit with a path, created and merged
// (CPU time, so that other load on the machine does not enter).
double timed_commit(Group& group) {
  const CommitOptions with_path{.include_received = false, .force_path = true};
  const auto start = std::clock();
  value_of(group.commit(with_path, crypto::system_random()));
  require(group.merge_pending_commit());
  return 1000.0 * static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
}

void print_commit_times(std::size_t members, std::size_t iterations) {
  auto group = group_of(static_cast<std::uint32_t>(members));
  for (auto i = iterations; i > 0; --i) std::cout << timed_commit(group) << '\n';
  std::cout << std::flush;
}

constexpr tools::Usage usage{
    "conclave-capi-peer",
    "conclave-capi-peer keypackage STATE IDENTITY\n"
    "       conclave-capi-peer join STATE WELCOME\n"
    "       conclave-capi-peer bench-commit MEMBERS ITERATIONS",
    "One member of an MLS group (cipher suite 1) through the C++ API; messages are MLSMessage bytes in hex.\n"
    "  keypackage    prints a KeyPackage; its private keys go into the SQLite store STATE\n"
    "  join          joins from the Welcome with the KeyPackage kept in STATE (the GroupInfo must carry\n"
    "                the tree); prints the epoch authenticator\n"
    "  bench-commit  creates a MEMBERS-member group in one Commit, then times ITERATIONS empty Commits\n"
    "                with a path by its creator; prints each one's CPU time in milliseconds, one a line\n"
    "Any failure prints \"error REASON\" and exits with 1."};

}  // namespace

int main(int argc, char** argv) {
  tools::positional_only(usage, argc, argv);
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 3 && args[0] == "keypackage") print_key_package(args[1], args[2]);
    else if (args.size() == 3 && args[0] == "join") print_joined_authenticator(args[1], args[2]);
    else if (args.size() == 3 && args[0] == "bench-commit")
      print_commit_times(tools::number_operand(usage, args[1]), tools::number_operand(usage, args[2]));
    else tools::usage_error(usage, "expected a command and its arguments");
  } catch (const std::exception& e) {
    fail(e.what());
  }
  return 0;
}
