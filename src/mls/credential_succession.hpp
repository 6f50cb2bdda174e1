#pragma once

// RFC 9420 section 5.3.1: a member's credential replaced by another.

#include "conclave/error.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::mls {

// Section 5.3.1: `next` may replace `previous` (an Update, a Commit's path,
// a resync) when GroupConfig::credential_successor accepts it; unset, the
// two must be equal (Errc::credential_rejected otherwise).
Status check_successor(const GroupConfig& config, const Credential& previous, const Credential& next);

}  // namespace conclave::mls
