#pragma once

// RFC 9420 section 5.3.1: a member's credential replaced by another.

#include "conclave/error.hpp"
#include "conclave/mls/credential.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::mls {

// Section 5.3.1: `next` may replace `previous` (an Update, a Commit's path,
// a resync) when it is the same credential, or when
// GroupConfig::credential_successor accepts the change (unset: it refuses
// every change with Errc::credential_rejected).
Status check_successor(const GroupConfig& config, const Credential& previous, const Credential& next);

}  // namespace conclave::mls
