#pragma once

// The state behind a PartialGroup (private to the library). It lives on the
// heap so that the signer lookup its message protection holds stays valid
// when the PartialGroup moves.

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

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

  // Starts the epoch of `next` (section 8) with its secrets, whose Commit
  // (or GroupInfo) carried `tag`, in a tree of `leaf_count` leaves: a new
  // message protection, the interim transcript hash, the previous epoch's
  // resumption PSK kept, the proposals forgotten.
  void enter_epoch(GroupContext next, EpochSecrets secrets, Bytes tag, LeafCount leaf_count);

  // Section 6.1: the key that must have signed `content`: a member's from
  // proven_sender (when it is that member), others' as for a full member.
  std::optional<Bytes> signer_of(const FramedContent& content) const;

  // Section 8.4: a PSK from the group's own resumption history or the
  // application.
  std::optional<crypto::Secret> psk(const PreSharedKeyId& id) const;

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
  ProposalCache proposals;
  std::deque<std::pair<std::uint64_t, crypto::Secret>> resumption_psks;
  bool removed = false;
  std::optional<ReInit> reinit;
};

// draft-ietf-mls-partial, "Sender-Authenticated Messages": a message of
// the current epoch authenticated by a partial member: group and epoch
// (section 6.1), the proof present exactly for a member sender, of the
// Sender's leaf (a PublicMessage's) and valid against the epoch's tree hash;
// then the membership tag and signature (PublicMessage) or decryption and
// signature (PrivateMessage, whose sender leaf must be the proof's), the
// signature key taken from the proven leaf; then section 6's framing
// rules. Spends no key: `opened` is for MessageProtection::consume().
struct PartialAuthenticated {
  AuthenticatedContent content;
  std::optional<OpenedMessage> opened;
};
Result<PartialAuthenticated> authenticate_partial(PartialState& state, const MlsMessage& message,
                                                  const std::optional<MembershipProof>& sender_proof);

// A non-blank node of a membership proof's direct path, with its public key
// (a view into the proof).
struct ProvenNode {
  NodeIndex index;
  BytesView encryption_key;
};

// The non-blank parent nodes of a proof's direct path, bottom up.
std::vector<ProvenNode> proven_path(const MembershipProof& proof);

// Section 7.5: `keys` keep the key pairs of the nodes of `path` (a proof's
// non-blank direct path after a Commit) and drop those of its other nodes.
void keep_proven_nodes(TreePrivateKeys& keys, std::span<const ProvenNode> path);

// Sections 7.4 and 12.4.3.1 without the tree: `path_secret` is the secret of
// node `from`, a non-blank node of `own`'s direct path; derives it and the
// nodes above it on that path, each checked against the proof's public key
// (Errc::invalid_value), into `keys`. Errc::invalid_argument when `from`
// is not a non-blank node of that path. Returns the secret after the root.
Result<crypto::Secret> derive_proven_path(TreePrivateKeys& keys, const MembershipProof& own, NodeIndex from,
                                          crypto::Secret path_secret);

}  // namespace conclave::mls
