#pragma once

/// @file
/// RFC 9420 section 10: the private keys of a client's published
/// KeyPackages, kept in a Store until a Welcome uses them
/// (mls::Group::join() with a store), then deleted; a last-resort
/// KeyPackage (draft-ietf-mls-extensions) is kept after use.

#include "conclave/error.hpp"
#include "conclave/mls/key_package.hpp"
#include "conclave/storage/store.hpp"

namespace conclave::storage {

/// Keeps `bundle` (a KeyPackage and its private keys) in `store`, under its
/// KeyPackageRef (section 5.2), until a Welcome for it arrives.
/// @param store Where to keep it (Table::key_package).
/// @param bundle The KeyPackage and its keys.
/// @errors `Errc::unsupported_algorithm` for a KeyPackage of an unknown
/// suite; `Errc::storage_failure` when the store cannot be written.
Status save_key_package(Store& store, const mls::KeyPackageBundle& bundle);

/// Forgets a kept KeyPackage and its keys (one withdrawn, say); does
/// nothing for one not kept.
/// @param store Where it is kept.
/// @param key_package The KeyPackage.
/// @errors `Errc::unsupported_algorithm` for a KeyPackage of an unknown
/// suite; `Errc::storage_failure` when the store cannot be written.
Status erase_key_package(Store& store, const mls::KeyPackage& key_package);

}  // namespace conclave::storage
