#pragma once

// RFC 9420 section 12.4.2, its public half: everything a receiver of a
// Commit checks and computes without the group's secrets, shared by a
// member (Group) and a follower of the public state (PublicGroup).

#include <vector>

#include "proposal_list.hpp"
#include "public_state.hpp"

namespace conclave::mls {

// A Commit applied to the staged tree.
struct StagedCommit {
  std::vector<ResolvedProposal> proposals;
  Applied applied;  // points into `proposals`
  // The committer's leaf after the Commit (an external joiner's placed leaf).
  LeafIndex committer;
  // The new epoch's GroupContext (section 8.1): epoch, tree hash, confirmed
  // transcript hash (of the Commit with its confirmation tag) and extensions.
  GroupContext context;
};

// Section 12.4.2 for a Commit in `content`, whose signature the caller
// verified, from a current member or a new member: the proposals resolved
// (section 12.4.2) and validated (section 12.2; section 12.4.3.2 for an
// external Commit, with its resync policy), GroupConfig::commit_policy, the
// path required (section 12.4), the proposals applied (section 12.3), an
// external joiner placed, the committer's new leaf validated (section 7.3)
// and its path merged with its parent hashes checked (section 7.5), then
// the new tree hash and confirmed transcript hash. Changes only the staged
// tree: the caller begins staging and keeps or discards it.
// Errc::confirmation_tag_invalid for a Commit without a confirmation tag;
// the errors of each step otherwise.
Result<StagedCommit> stage_public_commit(PublicState& state, const AuthenticatedContent& content,
                                         const Commit& commit);

// Section 8.3: the init secret a new member's ExternalInit among
// `proposals` conveys, with the epoch's `external_secret`.
// Errc::invalid_proposal when there is no ExternalInit.
Result<crypto::Secret> external_init_secret(const CipherSuite& suite, BytesView external_secret,
                                            const std::vector<ResolvedProposal>& proposals);

// Section 12.4.2: the provisional GroupContext the path secrets are
// encrypted under: the new one with the previous confirmed transcript hash.
GroupContext provisional_context(const PublicState& state, const StagedCommit& staged);

}  // namespace conclave::mls
