// Media frames encrypted with SFrame (RFC 9605) keyed from MLS (section 5.2),
// across an epoch change.
//
// Alice and Bob share an MLS group. Each keeps an MlsSFrame context that
// takes a base key from every epoch through the MLS exporter. Bob then
// commits an Update: frames sent before it still decrypt while the old epoch
// is kept, frames after it use the new epoch's key, and once the old epoch is
// dropped its frames are refused.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <utility>

#include "conclave/crypto/random.hpp"
#include "conclave/frame/mls_sframe.hpp"
#include "conclave/mls/group.hpp"
#include "conclave/mls/key_package.hpp"

#include "support.hpp"

using namespace conclave;

// One encrypted frame: header, ciphertext and tag.
Bytes encrypt(frame::MlsSFrame& sender, std::string_view media) {
  Bytes frame(sender.max_protected_size(media.size()));
  frame.resize(take(sender.protect({}, as_bytes(media), frame), "encrypting a frame"));
  return frame;
}

// The frame's media, or the error that refused it.
Result<std::string> decrypt(frame::MlsSFrame& receiver, const Bytes& frame) {
  Bytes media(frame.size());
  auto opened = receiver.unprotect({}, frame, media);
  if (!opened) return opened.error();
  std::cout << "  frame of epoch " << opened->epoch << " from leaf " << opened->sender << ": ";
  return std::string(media.begin(), media.begin() + static_cast<std::ptrdiff_t>(opened->size));
}

int main() {
  auto& random = crypto::system_random();
  const auto suite = take(mls::CipherSuite::find(mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519),
                          "cipher suite");

  // The group: Alice creates it and adds Bob (epoch 1).
  auto alice = take(mls::Group::create(suite, Bytes{'a', 'v'}, new_member(suite, "alice"), {}, {}, random), "create");
  auto bob_keys = new_member(suite, "bob");
  mls::CommitOptions add_bob;
  add_bob.proposals.push_back(mls::Proposal{mls::Add{bob_keys.key_package}});
  const auto added = take(alice.commit(add_bob, random), "adding Bob");
  apply(alice.merge_pending_commit(), "merging the Add");
  auto bob = take(mls::Group::join(*added.welcome->body.get_if<mls::Welcome>(), bob_keys.key_package,
                                   std::move(bob_keys.keys), std::nullopt, {}),
                  "Bob joining");

  // Each side's SFrame context, keyed from epoch 1. The defaults: AES-128-GCM
  // with a 128-bit tag, and the last 3 epochs kept for late frames.
  auto alice_frames = take(frame::MlsSFrame::create({}), "SFrame context");
  auto bob_frames = take(frame::MlsSFrame::create({}), "SFrame context");
  apply(alice_frames.add_epoch(alice), "keying epoch 1");
  apply(bob_frames.add_epoch(bob), "keying epoch 1");
  const Bytes early = encrypt(alice_frames, "video frame 1");

  // Bob commits an Update (epoch 2); both key the new epoch.
  mls::CommitOptions update;
  update.force_path = true;
  const auto committed = take(bob.commit(update, random), "Bob's Update");
  apply(bob.merge_pending_commit(), "merging the Update");
  take(alice.process(committed.commit), "Alice processing the Update");
  apply(alice_frames.add_epoch(alice), "keying epoch 2");
  apply(bob_frames.add_epoch(bob), "keying epoch 2");
  const Bytes late = encrypt(alice_frames, "video frame 2");

  std::cout << "Bob, holding epochs 1 and 2:\n";
  const auto first = take(decrypt(bob_frames, early), "the epoch 1 frame");
  std::cout << first << "\n";
  const auto second = take(decrypt(bob_frames, late), "the epoch 2 frame");
  std::cout << second << "\n";

  // Once epoch 1 is dropped, its frames no longer decrypt.
  bob_frames.remove_epoch(1);
  const auto refused = decrypt(bob_frames, early);
  std::cout << "Bob, after dropping epoch 1: the epoch 1 frame is "
            << (refused ? "accepted (wrong)" : "refused: " + std::string(to_string(refused.error()))) << "\n";
  return first == "video frame 1" && second == "video frame 2" && !refused ? EXIT_SUCCESS : EXIT_FAILURE;
}
