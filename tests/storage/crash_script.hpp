#pragma once

// The scripted group session of the storage crash test (crash_test.cpp):
// what Bob, a member kept in SQLite, receives in order, made up front by
// the other members with seeded randomness. Commits of every kind (Adds by
// value and by reference, Updates, Removes, a path-only encrypted Commit,
// PSKs, GroupContextExtensions, external joins), proposals, application
// messages from several senders, late ones of past epochs, and the points
// where Bob sends.

#include <cstdint>
#include <map>
#include <vector>

#include "conclave/bytes.hpp"
#include "conclave/crypto/secret.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::test::crash {

// One thing Bob does, in script order.
struct Step {
  enum class Kind : std::uint8_t {
    commit,       // a Commit of another member: Bob moves to epoch + 1
    proposal,     // a proposal by reference, kept for the next Commit
    application,  // a message of another member, of this epoch or a past one
    bob_sends,    // Bob protects an application message
  };
  Kind kind = Kind::application;
  std::uint64_t epoch = 0;    // Bob's epoch when he handles it
  mls::MlsMessage message;    // what he receives; empty for bob_sends
  Bytes plaintext;            // an application message's content
};

struct Script {
  Bytes group_id;
  std::vector<Step> steps;
  // The child stops before the last Commit and message, which the checks
  // of a reload at the last epoch use.
  std::size_t child_end = 0;
  std::uint64_t first_epoch = 0;
  // The epoch_authenticator of each epoch the script reaches.
  std::map<std::uint64_t, Bytes> authenticators;
  // Alice at the start of each epoch (Group::serialize()): who reads what
  // Bob sends in it.
  std::map<std::uint64_t, crypto::Secret> readers;

  // The first step Bob handles at `epoch`.
  std::size_t first_step_of(std::uint64_t epoch) const;
  // Bob's epoch after step `index` (before the first step for index -1).
  std::uint64_t epoch_after(std::ptrdiff_t index) const;
};

// Every member's settings: the external PSK the script's PSK Commits name.
mls::GroupConfig member_config();

// The script made from `seed` in `rounds` rounds of 8 epochs, and Bob as he
// joined, at script.first_epoch.
struct Session {
  Script script;
  mls::Group bob;
};
Session make_session(BytesView seed, int rounds);

}  // namespace conclave::test::crash
