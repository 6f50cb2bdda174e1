#pragma once

// The state behind a PartialGroup (private to the library). It lives on the
// heap so that the signer lookup its message protection holds stays valid
// when the PartialGroup moves.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "conclave/mls/partial_group.hpp"
#include "conclave/mls/treekem.hpp"
#include "group_state.hpp"
#include "public_state.hpp"

namespace conclave::mls {

// A sender whose leaf a verified membership proof gave, for the signer
// lookup of the message being processed.
struct ProvenSender {
  LeafIndex leaf;
  Bytes signature_key;
};

struct PartialState {
  PartialState(const CipherSuite& s, GroupConfig c, LeafIndex leaf, crypto::Secret signer,
               TreePrivateKeys keys)
      : suite(s),
        config(std::move(c)),
        own_leaf(leaf),
        signature_key(std::move(signer)),
        private_keys(std::move(keys)) {}

  CipherSuite suite;
  GroupConfig config;
  GroupContext context;
  Bytes confirmation_tag;
  Bytes interim_transcript_hash;
  LeafIndex own_leaf;
  LeafCount leaves = *LeafCount::of(1);
  // This member's leaf in the current tree, proven against context.tree_hash.
  MembershipProof own_proof;
  crypto::Secret signature_key;
  // The leaf's and the direct path's private keys (no tree: nodes by index).
  TreePrivateKeys private_keys;
  EpochState epoch;
  // The signer of the message being processed, set from its verified proof
  // for the duration of one call; the message protection's lookup reads it.
  std::optional<ProvenSender> proven_sender;
  // The proposals received this epoch, by ProposalRef as a byte string.
  std::unordered_map<std::string, CachedProposal> proposals;
  std::deque<std::pair<std::uint64_t, crypto::Secret>> resumption_psks;
  bool removed = false;
  std::optional<ReInit> reinit;
};

}  // namespace conclave::mls
