#pragma once

// The KeyPackage records of a Store (Table::key_package), read by
// Group::join() with a store.

#include <optional>

#include "conclave/mls/key_package.hpp"
#include "conclave/mls/welcome.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::storage {

// A kept KeyPackage a Welcome is for.
struct KeptKeyPackage {
  Bytes ref;  // its KeyPackageRef, the record's key
  mls::KeyPackageBundle bundle;
  bool last_resort = false;  // kept after use
};

// The first KeyPackage the Welcome names that `store` keeps;
// Errc::not_in_group when it keeps none of them.
Result<KeptKeyPackage> kept_key_package_for(Store& store, const mls::Welcome& welcome);

}  // namespace conclave::storage
