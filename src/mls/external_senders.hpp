#pragma once

// RFC 9420 section 12.1.8: the external senders a GroupContext names, whose
// credentials the application judges like every other (section 5.3.1).

#include "conclave/error.hpp"
#include "conclave/mls/extension.hpp"
#include "conclave/mls/group.hpp"

namespace conclave::mls {

// Section 5.3.1: every credential of the external_senders extension among
// `extensions`, if there is one, is accepted by GroupConfig::credentials
// (validate_credential()). Errc::invalid_value for an extension that does
// not parse; the policy's error for a credential it refuses.
Status check_external_senders(const GroupConfig& config, const ExtensionList& extensions);

}  // namespace conclave::mls
