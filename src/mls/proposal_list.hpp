#pragma once

// RFC 9420 sections 12.2 and 12.3, shared by committing and processing a
// Commit: validating and applying a list of proposals.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "conclave/mls/extension_types.hpp"
#include "conclave/mls/proposal.hpp"
#include "app_proposals.hpp"
#include "group_state.hpp"

namespace conclave::mls {

// The committed proposals, by value from the committer or by reference
// from this epoch's cache.
Result<std::vector<ResolvedProposal>> resolve(const ProposalCache& cache, const Commit& commit,
                                              const Sender& committer);

std::optional<LeafIndex> leaf_of(const Sender& sender);

// The leaf a Remove names, or a SelfRemove's sender's
// (draft-ietf-mls-extensions, "SelfRemove Proposal"); none for others.
std::optional<LeafIndex> removed_leaf(const ResolvedProposal& p);

// Where a proposal comes in a list's validation and application: 0 for a
// SelfRemove, 1 for a Remove (the draft processes SelfRemoves before
// Removes, so that a Remove of a leaf a SelfRemove removes is the invalid
// one), 2 for the others.
int removal_rank(const Proposal& proposal);

// Section 12.2: every member of `tree` (but `except`) lists each of
// `types` (non-default proposal types) in its capabilities;
// Errc::capability_mismatch otherwise. Linear in the tree.
Status proposals_supported_by_all(const RatchetTree& tree, const std::vector<ProposalType>& types,
                                  std::optional<LeafIndex> except = std::nullopt);

// Section 12.1.8: an external sender may propose Add, Remove, PreSharedKey,
// ReInit and GroupContextExtensions (and, by draft-ietf-mls-extensions,
// AppDataUpdate and AppEphemeral); a new member only Add; a SelfRemove
// only a member.
bool allowed_from(const Sender& sender, const Proposal& proposal);

// Section 12.2: the rules a member's Commit's proposal list obeys, checked
// one proposal at a time, so that building or checking a list of n
// proposals takes O(n log n). A Remove is admitted before the Add that it
// makes valid (of the removed member's signature key).
class ListRules {
 public:
  // `committer` unset: a proposal judged on its own, as no member's.
  ListRules(const PublicState& state, std::optional<LeafIndex> committer)
      : state_(state), committer_(committer), app_(state.config.components) {}

  // Whether the list with `p` added still obeys the rules.
  Status check(const ResolvedProposal& p) const;
  // Adds `p`, which check() accepted, to the list.
  void record(const ResolvedProposal& p);
  Status admit(const ResolvedProposal& p) {
    if (auto valid = check(p); !valid) return valid;
    record(p);
    return {};
  }

 private:
  bool touched(std::uint32_t leaf) const {
    return touched_.contains(leaf) || (committer_ && committer_->value == leaf);
  }
  Status check_add(const Add& add) const;

  const PublicState& state_;
  std::optional<LeafIndex> committer_;
  AppProposalRules app_;
  std::set<std::uint32_t> touched_;  // updated or removed
  std::set<std::string> added_keys_;
  std::set<std::string> removed_keys_;
  std::set<std::string> psk_ids_;
  std::size_t admitted_ = 0;
  bool extensions_ = false;
  bool reinit_ = false;
};

// The leaf an Add or an Update brings into the tree; null for others.
const LeafNode* new_leaf(const Proposal& proposal);

// A received proposal's content, which the list rules accepted, against
// the tree and `context`: what a Commit that includes it needs so as not
// to fail (section 12.4.1: the committer leaves out what is invalid). An
// Add's KeyPackage (sections 10.1 and 7.3) and an Update's leaf are valid,
// with keys HPKE accepts (RFC 9180 section 7.1.4); every member supports a
// GroupContextExtensions (section 12.1.7); every member supports a
// proposal of a non-default type (section 12.2; but the leaf a SelfRemove
// removes), and an AppDataUpdate's or AppEphemeral's content is valid
// against `context` (validate_app_proposal()).
Status validate_content(const PublicState& state, const ResolvedProposal& p, const GroupContext& context);

// Section 12.2, for a member's Commit.
Status validate_member_list(const PublicState& state, const std::vector<ResolvedProposal>& proposals,
                            LeafIndex committer);

// Section 12.2, for an external Commit: exactly one ExternalInit, at most
// one Remove (of a member), any PreSharedKeys (section 12.1.4: valid and
// distinct), any SelfRemoves and any AppDataUpdates and AppEphemerals
// (draft-ietf-mls-extensions, under AppProposalRules), nothing else.
Status validate_external_list(const PublicState& state, const std::vector<ResolvedProposal>& proposals);

// Section 12.2: an external Commit's Remove (a resync) is accepted by
// GroupConfig::resync or, when unset, its removed leaf's credential is
// succeeded by the joiner's (check_successor()). Errc::credential_rejected
// by default; the policy's error otherwise.
Status check_resync(const PublicState& state, const std::vector<ResolvedProposal>& proposals,
                    const LeafNode& joiner);

// check_resync() for one removed leaf (a partial member's own, which it
// knows without the tree): the joiner's leaf brings a new encryption key
// (Errc::duplicate_key), and GroupConfig::resync or check_successor()
// accepts the pair.
Status check_resync_leaf(const GroupConfig& config, const LeafNode& removed, const LeafNode& joiner);

// Section 12.4.3.2: reserves the leftmost blank leaf for an external
// joiner. The leaf holds the joiner's leaf node with an empty encryption
// key until its UpdatePath is merged and the real leaf replaces it.
Result<LeafIndex> place_external_joiner(RatchetTree& tree, const LeafNode& leaf);

// Section 8.3: the exporter label of the external init secret.
inline constexpr std::string_view external_init_label = "MLS 1.0 external init secret";

// Section 12.4: a path is required for an empty Commit and for Update,
// Remove, ExternalInit and GroupContextExtensions; draft-ietf-mls-extensions
// ("SelfRemove Proposal"): and for SelfRemove.
bool path_required(const std::vector<ResolvedProposal>& proposals);

// What applying the proposals produced beyond the tree and extensions.
struct Applied {
  std::vector<LeafIndex> added;
  std::vector<const KeyPackage*> added_key_packages;
  std::vector<LeafIndex> removed;
  std::vector<PreSharedKeyId> psk_ids;
  std::optional<ReInit> reinit;
  std::optional<RequiredCapabilities> required;  // the new context's, parsed once
  std::vector<CommittedEphemeral> ephemerals;     // draft-ietf-mls-extensions, in list order
};

// Sections 7.3 and 5.3.1: a member's new leaf, from an Update or a
// Commit's path (`source`), replacing the one at `index`: valid under
// `context` (its required capabilities included), its credential a
// successor of the old one. `required` is the context's required
// capabilities (find_required_capabilities()), parsed once by the caller.
Status validate_replacing_leaf(const PublicState& state, const LeafNode& leaf, LeafNodeSource source,
                               LeafIndex index, const GroupContext& context,
                               const RequiredCapabilities* required);

// The parsed required capabilities, or null when there are none.
inline const RequiredCapabilities* pointer_to(const std::optional<RequiredCapabilities>& required) {
  return required ? &*required : nullptr;
}

// Section 12.2: every member that processes the Commit (those in `tree`
// after its Removes, before its Adds) supports each non-default proposal
// type of `proposals`. Errc::capability_mismatch otherwise.
Status proposal_types_supported(const RatchetTree& tree, const std::vector<ResolvedProposal>& proposals);

// Whether the applied proposals removed `leaf`.
bool removes(const Applied& applied, LeafIndex leaf);

// Section 12.3, in its order, on the staged tree and `context`; then
// draft-ietf-mls-extensions' AppEphemerals and AppDataUpdates
// (apply_app_proposals() with GroupConfig::components).
Result<Applied> apply_proposals(PublicState& state, const std::vector<ResolvedProposal>& proposals,
                                GroupContext& context);

// Section 8.4: the PSKs in proposal order.
Result<crypto::Secret> commit_psk_secret(const GroupState& state,
                                         const std::vector<PreSharedKeyId>& ids);

}  // namespace conclave::mls
