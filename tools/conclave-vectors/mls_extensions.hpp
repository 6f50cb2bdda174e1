#pragma once

// mls-extensions.json: what the checks of its parts share.

#include "check.hpp"
#include "conclave/mls/components.hpp"
#include "conclave/mls/psk.hpp"

namespace conclave::vectors {

// A case's "component_id" field.
mls::ComponentId component_of(const Json& v);

// A PreSharedKeyID from its fields (psktype external or application).
mls::PreSharedKeyId pre_shared_key_id_of(const Json& v);

// Names each failure of `tally` by the member of the file it comes from.
void name_failures(Tally& tally, const char* member);

// check_each() over one member of the file.
template <class CheckOne>
Tally check_member(const Json& doc, const char* member, CheckOne check_one) {
  Tally tally = check_each(doc.at(member), check_one);
  name_failures(tally, member);
  return tally;
}

// The safe application interface: safe_hpke, safe_signatures,
// exporter_tree and application_psks.
Tally check_safe_api_cases(const Json& doc);
// app_data_updates.
Tally check_app_data_update_cases(const Json& doc);

}  // namespace conclave::vectors
