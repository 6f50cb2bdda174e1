// Two members of an MLS group (RFC 9420) exchange messages.
//
// Alice creates a group, adds Bob from his KeyPackage, and each sends the
// other an application message. Everything that crosses the network (the
// KeyPackage, the Welcome, the messages) is encoded to bytes and decoded
// again on the other side.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "conclave/codec/codec.hpp"
#include "conclave/crypto/random.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"

#include "support.hpp"

using namespace conclave;

// One message over the wire: its bytes, decoded as an MLSMessage.
mls::MlsMessage send(const mls::MlsMessage& message) {
  const Bytes wire = codec::encode(message);
  return take(codec::decode<mls::MlsMessage>(wire), "decoding a message");
}

std::string text_of(const Bytes& data) { return std::string(data.begin(), data.end()); }

int main() {
  auto& random = crypto::system_random();
  const auto suite = take(mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519),
                          "cipher suite");

  // Alice creates the group (epoch 0, one member).
  auto alice = take(mls::Group::create(suite, Bytes{'d', 'e', 'm', 'o'}, new_member(suite, "alice"), {}, {}, random),
                    "creating the group");

  // Bob publishes a KeyPackage; Alice commits an Add of it (epoch 1). The
  // Commit is staged until the delivery service accepts it, then merged.
  auto bob_keys = new_member(suite, "bob");
  const Bytes published = codec::encode(bob_keys.key_package);
  auto bob_package = take(codec::decode<mls::KeyPackage>(published), "decoding the KeyPackage");
  mls::CommitOptions add_bob;
  add_bob.proposals.push_back(mls::Proposal{mls::Add{std::move(bob_package)}});
  const auto output = take(alice.commit(add_bob, random), "committing the Add");
  apply(alice.merge_pending_commit(), "merging the Commit");

  // Bob joins from the Welcome (the ratchet tree travels inside it).
  const auto welcome = send(*output.welcome);
  auto bob = take(mls::Group::join(*welcome.body.get_if<mls::Welcome>(), bob_keys.key_package,
                                   std::move(bob_keys.keys), std::nullopt, {}),
                  "joining from the Welcome");

  // Each sends the other an application message (a PrivateMessage).
  const auto to_bob = take(alice.protect(as_bytes("hello, Bob"), {}, random), "protecting");
  const auto at_bob = take(bob.process(send(to_bob)), "Bob processing");
  const auto to_alice = take(bob.protect(as_bytes("hello, Alice"), {}, random), "protecting");
  const auto at_alice = take(alice.process(send(to_alice)), "Alice processing");
  std::cout << "Bob read:   " << text_of(at_bob.application_data) << "\n";
  std::cout << "Alice read: " << text_of(at_alice.application_data) << "\n";

  // Both are in the same epoch with the same epoch authenticator.
  const auto a = alice.epoch_authenticator();
  const auto b = bob.epoch_authenticator();
  const bool agree = alice.epoch() == bob.epoch() && std::equal(a.begin(), a.end(), b.begin(), b.end());
  std::cout << "epoch " << alice.epoch() << ", authenticators " << (agree ? "agree" : "DIFFER") << "\n";
  const bool read = text_of(at_bob.application_data) == "hello, Bob" &&
                    text_of(at_alice.application_data) == "hello, Alice";
  return agree && read ? EXIT_SUCCESS : EXIT_FAILURE;
}
