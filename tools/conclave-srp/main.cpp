// conclave-srp: one side of an RFC 5054 SRP-6a login (RFC 2945 proofs) over
// a line protocol on stdin and stdout, so another implementation can drive
// it. Every line is a tag and its fields; `usage` below gives the modes.

#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/crypto/random.hpp"
#include "conclave/srp/client.hpp"
#include "conclave/srp/rfc5054.hpp"
#include "conclave/srp/server.hpp"
#include "conclave/srp/verifier.hpp"
#include "common/line_tool.hpp"
#include "common/options.hpp"

namespace {

using namespace conclave;
using tools::fail;
using tools::require;
using tools::value_of;

Bytes hex_argument(std::string_view text) { return value_of(from_hex(text)); }

crypto::HashId hash_named(std::string_view name) {
  if (name == "sha1") return crypto::HashId::sha1;
  if (name == "sha256") return crypto::HashId::sha256;
  if (name == "sha384") return crypto::HashId::sha384;
  if (name == "sha512") return crypto::HashId::sha512;
  fail("unknown hash");
}

void send(std::string_view tag, std::initializer_list<BytesView> fields) {
  std::cout << tag;
  for (const auto field : fields) std::cout << ' ' << to_hex(field);
  std::cout << std::endl;
}

// The fields of the next line, which must carry `tag` and `count` of them.
std::vector<Bytes> receive(std::string_view tag, std::size_t count) {
  std::string line;
  if (!std::getline(std::cin, line)) fail("input ended");
  std::istringstream words(line);
  std::string word;
  if (!(words >> word) || word != tag) fail("unexpected message");
  std::vector<Bytes> fields;
  while (words >> word) fields.push_back(hex_argument(word));
  if (fields.size() != count) fail("wrong number of fields");
  return fields;
}

int run_verifier(const srp::Variant& variant, char** args) {
  const auto record = value_of(srp::make_verifier_record(variant, as_bytes(args[0]),
                                                         as_bytes(args[1]), hex_argument(args[2])));
  send("v", {record.verifier});
  return 0;
}

int run_client(const srp::Variant& variant, char** args) {
  srp::Client client(variant, as_bytes(args[0]), as_bytes(args[1]), crypto::system_random());
  send("A", {value_of(client.start())});
  const auto challenge = receive("B", 2);
  send("M1", {value_of(client.respond(challenge[0], challenge[1]))});
  require(client.verify(receive("M2", 1)[0]));
  send("K", {value_of(client.session_key()).view()});
  return 0;
}

int run_server(const srp::Variant& variant, char** args) {
  const BytesView identity = as_bytes(args[0]);
  srp::VerifierRecord record{Bytes(identity.begin(), identity.end()), hex_argument(args[1]),
                             hex_argument(args[2])};
  auto server = value_of(srp::Server::create(variant, std::move(record), crypto::system_random()));
  send("B", {server.salt(), value_of(server.challenge())});
  require(server.receive(receive("A", 1)[0]));
  send("M2", {value_of(server.verify(receive("M1", 1)[0]))});
  send("K", {value_of(server.session_key()).view()});
  return 0;
}

struct Mode {
  std::string_view name;
  int arguments;
  int (*run)(const srp::Variant&, char**);
};

constexpr Mode modes[] = {{"verifier", 3, run_verifier},
                          {"client", 2, run_client},
                          {"server", 3, run_server}};

constexpr tools::Usage usage{
    "conclave-srp",
    "conclave-srp verifier BITS HASH IDENTITY PASSWORD SALT\n"
    "       conclave-srp client BITS HASH IDENTITY PASSWORD\n"
    "       conclave-srp server BITS HASH IDENTITY SALT VERIFIER",
    "One side of an RFC 5054 SRP-6a login over a line protocol on stdin and stdout (integers in hex):\n"
    "  verifier  prints \"v V\"\n"
    "  client    prints \"A A\", reads \"B SALT B\", prints \"M1 M1\", reads \"M2 M2\", prints \"K K\"\n"
    "  server    prints \"B SALT B\", reads \"A A\" and \"M1 M1\", prints \"M2 M2\" and \"K K\"\n"
    "BITS is an RFC 5054 appendix A group size of at least 2048; HASH is sha1, sha256, sha384 or sha512.\n"
    "Any failure prints \"error REASON\" and exits with 1."};

}  // namespace

int main(int argc, char** argv) {
  tools::positional_only(usage, argc, argv);
  for (const auto& mode : modes) {
    if (argc != 4 + mode.arguments || argv[1] != mode.name) continue;
    const auto group = value_of(srp::rfc5054_group(tools::number_operand(usage, argv[2])));
    const srp::Rfc5054 variant(group, hash_named(argv[3]));
    return mode.run(variant, argv + 4);
  }
  tools::usage_error(usage, "expected a mode and its arguments");
}
