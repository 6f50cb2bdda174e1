#pragma once

// mls-extensions.json: what the checks of its parts share.

#include "check.hpp"
#include "conclave/mls/components.hpp"

namespace conclave::vectors {

// A case's "component_id" field.
mls::ComponentId component_of(const Json& v);

// Names each failure of `tally` by the member of the file it comes from.
void name_failures(Tally& tally, const char* member);

// check_each() over one member of the file.
template <class CheckOne>
Tally check_member(const Json& doc, const char* member, CheckOne check_one) {
  Tally tally = check_each(doc.at(member), check_one);
  name_failures(tally, member);
  return tally;
}

}  // namespace conclave::vectors
