#pragma once

// RFC 9420 section 12.4: commits.

#include <optional>
#include <vector>

#include "conclave/codec/codec.hpp"
#include "conclave/mls/proposal.hpp"
#include "conclave/mls/registries.hpp"
#include "conclave/mls/update_path.hpp"

namespace conclave::mls {

struct Commit {
  static constexpr ContentType tag = ContentType::commit;
  std::vector<ProposalOrRef> proposals;
  std::optional<UpdatePath> path;
  CONCLAVE_FIELDS(proposals, path)
  friend bool operator==(const Commit&, const Commit&) = default;
};

}  // namespace conclave::mls
