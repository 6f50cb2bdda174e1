#pragma once

/// @file
/// RFC 9420 section 12.4: commits.

#include <optional>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/update_path.hpp"

namespace conclave::mls {

/// RFC 9420 section 12.4: Commit, the proposals that take effect in the
/// next epoch and, optionally, the committer's UpdatePath.
struct Commit {
  static constexpr ContentType tag = ContentType::commit;  ///< Selects this case in Content.
  std::vector<ProposalOrRef> proposals;  ///< By value, or by reference to ones sent earlier.
  std::optional<UpdatePath> path;        ///< The committer's new path (section 7.6).
  CONCLAVE_FIELDS(proposals, path)
  /// Memberwise equality.
  friend bool operator==(const Commit&, const Commit&) = default;
};

}  // namespace conclave::mls
