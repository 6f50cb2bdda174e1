#pragma once

// The public state of a group (private to the library): what every member
// and a follower without secrets (PublicGroup) hold alike, and what the
// public half of Commit processing (section 12.4.2) reads and changes.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "conclave/mls/group.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/ratchet_tree.hpp"

namespace conclave::mls {

// A byte string as a map key (the proposal cache's, by ProposalRef).
inline std::string text_of(BytesView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// What receipt found of a cached proposal's content, against the epoch's
// tree and GroupContext (which only a Commit changes); a proposal reloaded
// or made by this member is not checked until a Commit would include it.
enum class ProposalCheck : std::uint8_t { not_yet, valid, invalid };

// A proposal received this epoch, by its ProposalRef (section 5.2).
struct CachedProposal {
  Proposal proposal;
  Sender sender;
  ProposalCheck checked = ProposalCheck::not_yet;
};

// The proposals received in an epoch, by ProposalRef as a byte string.
using ProposalCache = std::unordered_map<std::string, CachedProposal>;

// Section 6: which wire formats and senders each content may come with (a
// SelfRemove, draft-ietf-mls-extensions: a PublicMessage only;
// Errc::content_not_allowed otherwise); draft-ietf-mls-extensions "Safe
// Additional Authenticated Data": the authenticated_data is a SafeAad when
// `context`, the GroupContext of the content's epoch, requires it (the
// errors of check_authenticated_data()).
Status check_framing(const GroupContext& context, const AuthenticatedContent& content);

// "Safe Additional Authenticated Data", sending: the authenticated_data a
// message of the epoch of `context` carries. `given` as it is, except that
// when the GroupContext requires safe AAD an empty `given` becomes the empty
// SafeAad, and any other must be a SafeAad (Errc::invalid_argument).
Result<Bytes> outgoing_authenticated_data(const GroupContext& context, BytesView given);

// Section 6.1: the key that must have signed a content of a sender that is
// not a member (external sender, new member), from the epoch's GroupContext
// and the content itself; none for a member sender.
std::optional<Bytes> non_member_signer(const GroupContext& context, const FramedContent& content);

struct PublicState {
  PublicState(const CipherSuite& s, GroupConfig c, RatchetTree t)
      : suite(s), config(std::move(c)), tree(std::move(t)) {}

  // Starts the epoch of `next`, whose Commit carried `tag` (section 8.2:
  // the interim transcript hash follows from both); forgets the proposals.
  void begin_epoch(GroupContext next, Bytes tag);

  // Section 6.1: the key that must have signed a content from the current
  // epoch, by sender type.
  std::optional<Bytes> signer_of(const FramedContent& content) const;

  CipherSuite suite;
  GroupConfig config;
  RatchetTree tree;
  GroupContext context;
  Bytes confirmation_tag;
  Bytes interim_transcript_hash;
  // The proposals received this epoch, by ProposalRef as a byte string.
  ProposalCache proposals;
  // Sections 11.2 and 11.3: the resumption usage this new group's first
  // Commit may carry in a PreSharedKey proposal (known to its creator only).
  std::optional<ResumptionPskUsage> first_commit_usage;
};

}  // namespace conclave::mls
