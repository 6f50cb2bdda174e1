#pragma once

// The meeting simulation: a host and N-1 guests through the reference
// server, every step checked, then the attacks of a removed participant and
// of a guest the host never admitted, each with its outcome checked. With
// storage, a participant's restart from its SQLite file is a step too; with
// host_leaves and churn, the meeting outlives its host and its members
// come and go (spec-notes/meeting-profile.md, "Continuity").

#include <cstddef>
#include <string>

#include "conclave/mls/cipher_suite.hpp"

namespace conclave::tools {

struct SimulationOptions {
  std::size_t participants = 8;
  std::size_t batch = 100;  // guests admitted per Commit
  mls::CipherSuiteId suite = mls::CipherSuiteId::mls_128_dhkemx25519_aes128gcm_sha256_ed25519;
  unsigned threads = 1;     // participants' own work runs on this many threads
  // The share of the guests joining by Welcome that join as partial members
  // (draft-ietf-mls-partial), 0 to 1; the host and every committer stay full.
  double partial = 0;
  bool progress = false;
  // The host drops without a word halfway; its successor takes over, admits
  // the guests that waited and removes one participant.
  bool host_leaves = false;
  // N leaves by SelfRemove and N joins by admission, committed by the
  // designated-committer schedule.
  std::size_t churn = 0;
  // A directory: each participant keeps its state in an SQLite file there,
  // and one step restarts a participant from its file. Empty: none.
  std::string storage;
};

// The number of failed checks.
std::size_t run_simulation(const SimulationOptions& options);

}  // namespace conclave::tools
